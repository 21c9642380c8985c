/* Latency of opening a citizen's record, as the demo clerk ank_clerk1, on
 * the demo database: what the counter waits for between Enter and the
 * record.
 *
 *   open_bench [OPENS]     default 1000
 *
 * On a database with 0014_access_trace.sql it times the client's
 * citizen_open (log, commit, release and the applications: three
 * statements in one round trip, libpq's pipeline mode) and, for
 * comparison, the same three statements one round trip each. On an older
 * database (migrated to 0013) it times the one-step opening the client sent
 * before: citizen_open, then the applications. Times are measured at the
 * client over the Unix socket; each kind runs once untimed first. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/citizen.h"
#include "db/query.h"
#include "app/core/explain.h"

enum kind { PIPELINED, SEQUENTIAL, ONE_STEP };

static const char *const kind_names[] = {
    "two-step, one round trip (pipeline)", "two-step, three round trips", "one-step (before 0014)",
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(const double *sorted, int n, double p)
{
    int i = (int)(p / 100.0 * (double)n + 0.5) - 1;
    return sorted[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* Runs each statement and drops its result; -1 at the first failure. */
static int run_each(struct db *db, const char *const *sqls, int count, const char *const *params,
                    struct db_error *err)
{
    for (int i = 0; i < count; i++) {
        PGresult *res;
        int nparams = strstr(sqls[i], "$3") ? 3 : strstr(sqls[i], "$2") ? 2 : strstr(sqls[i], "$1") ? 1 : 0;
        if (db_query(db, sqls[i], nparams, params, &res, err) != 0)
            return -1;
        PQclear(res);
    }
    return 0;
}

static int open_once(struct db *db, enum kind kind, int64_t id, struct db_error *err)
{
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    if (kind == PIPELINED) {
        struct citizen_detail d;
        if (citizen_open(db, id, "counter", "bench", &d, err) != 0)
            return -1;
        citizen_detail_free(&d);
        return 0;
    }
    static const char applications[] =
        "SELECT id, number, service_code, service_name_tr, service_name_en, status, office_code, "
        "received_at, due_date, closed_at FROM gise.citizen_applications($1::bigint)";
    if (kind == SEQUENTIAL) {
        const char *params[] = {id_text, "counter", "bench"};
        const char *sqls[] = {
            "SELECT gise.citizen_open_begin($1::bigint, $2, $3)",
            "SELECT * FROM gise.citizen_open_release(current_setting('gise.access_token')::bigint)",
            applications,
        };
        return run_each(db, sqls, 3, params, err);
    }
    const char *params[] = {id_text, "bench"};
    const char *sqls[] = {"SELECT * FROM gise.citizen_open($1::bigint, $2)", applications};
    return run_each(db, sqls, 2, params, err);
}

int main(int argc, char **argv)
{
    int opens = argc > 1 ? atoi(argv[1]) : 1000;
    const char *super_role = getenv("GISE_PGSUPERUSER");
    if (opens < 1 || !super_role) {
        fprintf(stderr, "usage: GISE_PGSUPERUSER=role open_bench [OPENS]\n");
        return 2;
    }
    char conninfo[256];
    struct db_error err;
    snprintf(conninfo, sizeof conninfo, "user=%s", super_role);
    struct db *super = db_connect(conninfo, NULL, &err);
    struct db *clerk = super ? db_connect("user=ank_clerk1", NULL, &err) : NULL;
    if (!super || !clerk) {
        fprintf(stderr, "open_bench: %s\n", explain_plain(&err));
        return 1;
    }
    char limit[16];
    snprintf(limit, sizeof limit, "%d", opens);
    const char *params[] = {limit};
    PGresult *res;
    if (db_query(super, "SELECT setseed(0.20261203)", 0, NULL, NULL, &err) != 0 ||
        db_query(super, "SELECT id, to_regprocedure('gise.citizen_open_begin(bigint,text,text)') IS NOT NULL "
                        "FROM gise.citizen ORDER BY random() LIMIT $1::integer",
                 1, params, &res, &err) != 0) {
        fprintf(stderr, "open_bench: %s\n", explain_plain(&err));
        return 1;
    }
    int n = PQntuples(res);
    int64_t *ids = calloc((size_t)n, sizeof *ids);
    double *times = calloc((size_t)n, sizeof *times);
    bool two_step = n > 0 && strcmp(PQgetvalue(res, 0, 1), "t") == 0;
    for (int i = 0; i < n; i++)
        ids[i] = strtoll(PQgetvalue(res, i, 0), NULL, 10);
    PQclear(res);

    printf("citizen open: %d opens per kind as ank_clerk1, client-measured\n", n);
    printf("%-36s %9s %9s %9s %9s\n", "kind", "p50 ms", "p95 ms", "p99 ms", "max ms");
    int failures = 0;
    enum kind kinds[] = {PIPELINED, SEQUENTIAL};
    enum kind old_kinds[] = {ONE_STEP};
    enum kind *run = two_step ? kinds : old_kinds;
    int run_count = two_step ? 2 : 1;
    for (int k = 0; k < run_count; k++) {
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < n; i++) {
                double start = now_ms();
                if (open_once(clerk, run[k], ids[i], &err) != 0) {
                    fprintf(stderr, "open_bench: %s\n", explain_plain(&err));
                    failures++;
                }
                times[i] = now_ms() - start;
            }
        }
        qsort(times, (size_t)n, sizeof *times, compare_double);
        printf("%-36s %9.3f %9.3f %9.3f %9.3f\n", kind_names[run[k]], percentile(times, n, 50),
               percentile(times, n, 95), percentile(times, n, 99), times[n - 1]);
    }
    free(ids);
    free(times);
    db_free(clerk);
    db_free(super);
    return failures ? 1 : 0;
}
