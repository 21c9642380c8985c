/* Latency of the citizen look-ups on the demo database, through the same
 * db/ functions the app calls (folding, query, copying the rows out).
 *
 *   search_bench [QUERIES]     default 1000 per kind
 *
 * Samples real citizens as the cluster's superuser (the clerk may not read
 * identity numbers), then runs every query as the demo clerk ank_clerk1 and
 * prints p50/p95/p99 per kind. Times are measured at the client around each
 * call over the Unix socket: the server's work plus one local round trip,
 * so they bound the server time from above. Warm cache: each kind is run
 * once untimed first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n/text/fold.h"
#include "db/citizen.h"
#include "db/query.h"
#include "app/core/explain.h"

struct sample {
    char national_id[12];
    char *given;
    char *family;
};

enum kind { IDENTITY, PREFIX, TYPO, KINDS };

static const char *const kind_names[KINDS] = {"identity number", "name prefix", "typo-tolerant"};
static const char *const targets[KINDS] = {"p99 < 1 ms", "p95 < 3 ms", "p95 < 30 ms"};

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
    if (i < 0)
        i = 0;
    if (i >= n)
        i = n - 1;
    return sorted[i];
}

/* A prefix query as a clerk types it: "Given Fam" or "Family Gi". */
static void make_prefix_query(const struct sample *s, unsigned r, char *out, size_t size)
{
    const char *first = (r & 1) ? s->family : s->given;
    const char *second = (r & 1) ? s->given : s->family;
    size_t keep = 1 + (r >> 1) % strlen(second);
    /* Cut at a character boundary (never inside a UTF-8 sequence). */
    while (keep < strlen(second) && (second[keep] & 0xC0) == 0x80)
        keep++;
    snprintf(out, size, "%s %.*s", first, (int)keep, second);
}

/* A typo: one letter of the folded family name replaced by 'x', which no
 * Turkish name contains, optionally after the given name. */
static void make_typo_query(const struct sample *s, unsigned r, char *out, size_t size)
{
    char *family = fold_name(s->family, strlen(s->family));
    char *given = fold_name(s->given, strlen(s->given));
    size_t len = strlen(family);
    if (len >= 4) {
        size_t at = 1 + r % (len - 2);
        if (family[at] != ' ')
            family[at] = 'x';
    }
    if (r & 8)
        snprintf(out, size, "%s %s", given, family);
    else
        snprintf(out, size, "%s", family);
    free(family);
    free(given);
}

int main(int argc, char **argv)
{
    int queries = argc > 1 ? atoi(argv[1]) : 1000;
    const char *super_role = getenv("GISE_PGSUPERUSER");
    if (queries < 1 || !super_role) {
        fprintf(stderr, "usage: GISE_PGSUPERUSER=role search_bench [QUERIES]\n");
        return 2;
    }
    char conninfo[256];
    struct db_error err;
    snprintf(conninfo, sizeof conninfo, "user=%s", super_role);
    struct db *super = db_connect(conninfo, NULL, &err);
    struct db *clerk = db_connect("user=ank_clerk1", NULL, &err);
    if (!super || !clerk) {
        fprintf(stderr, "search_bench: %s\n", explain_plain(&err));
        return 1;
    }

    char limit[16];
    snprintf(limit, sizeof limit, "%d", queries);
    const char *params[] = {limit};
    PGresult *res;
    /* A fixed seed: the same citizens on every run against the same data. */
    if (db_query(super, "SELECT setseed(0.20261123)", 0, NULL, NULL, &err) != 0 ||
        db_query(super,
            "SELECT national_id, given_name, family_name FROM gise.citizen "
            "ORDER BY random() LIMIT $1::integer",
            1, params, &res, &err) != 0) {
        fprintf(stderr, "search_bench: %s\n", explain_plain(&err));
        return 1;
    }
    int n = PQntuples(res);
    long citizens = 0;
    struct sample *samples = calloc((size_t)n, sizeof *samples);
    for (int i = 0; i < n; i++) {
        snprintf(samples[i].national_id, sizeof samples[i].national_id, "%s", PQgetvalue(res, i, 0));
        samples[i].given = strdup(PQgetvalue(res, i, 1));
        samples[i].family = strdup(PQgetvalue(res, i, 2));
    }
    PQclear(res);
    if (db_query(super, "SELECT reltuples::bigint FROM pg_class WHERE oid = 'gise.citizen'::regclass",
                 0, NULL, &res, &err) == 0) {
        citizens = atol(PQgetvalue(res, 0, 0));
        PQclear(res);
    }

    printf("citizen look-ups: %d queries per kind, %ld citizens, client-measured round trip\n",
           n, citizens);
    printf("%-16s %8s %9s %9s %9s %9s %8s  %s\n", "lookup", "queries", "p50 ms", "p95 ms",
           "p99 ms", "max ms", "hits/q", "target");
    /* Identity numbers: a clerk may look up only so many a minute
     * (0014_access_trace.sql), so that many, timed without a warm-up. */
    int id_n = n;
    if (db_query(super, "SELECT o.lookups_per_minute FROM gise.office o JOIN gise.staff s ON s.office_id = o.id "
                        "WHERE s.role_name = 'ank_clerk1'", 0, NULL, &res, &err) == 0) {
        if (PQntuples(res) == 1 && atoi(PQgetvalue(res, 0, 0)) < id_n)
            id_n = atoi(PQgetvalue(res, 0, 0));
        PQclear(res);
    }
    double *times = calloc((size_t)n, sizeof *times);
    int failures = 0;
    for (int kind = 0; kind < KINDS; kind++) {
        long hits_total = 0;
        int kn = kind == IDENTITY ? id_n : n;
        for (int pass = kind == IDENTITY && id_n < n; pass < 2; pass++) {   /* pass 0 warms the cache */
            for (int i = 0; i < kn; i++) {
                char query[512];
                struct citizen_hits hits;
                unsigned r = (unsigned)i * 2654435761u;
                double start = now_ms();
                int rc;
                if (kind == IDENTITY) {
                    rc = citizen_by_national_id(clerk, samples[i].national_id, "counter", "bench", &hits, &err);
                } else {
                    if (kind == PREFIX)
                        make_prefix_query(&samples[i], r, query, sizeof query);
                    else
                        make_typo_query(&samples[i], r, query, sizeof query);
                    start = now_ms();
                    rc = citizen_search(clerk, query, 50, &hits, &err);
                }
                times[i] = now_ms() - start;
                if (rc != 0) {
                    fprintf(stderr, "search_bench: %s: %s\n", kind_names[kind], explain_plain(&err));
                    failures++;
                    continue;
                }
                if (pass == 1)
                    hits_total += (long)hits.count;
                citizen_hits_free(&hits);
            }
        }
        qsort(times, (size_t)kn, sizeof *times, compare_double);
        printf("%-16s %8d %9.3f %9.3f %9.3f %9.3f %8.1f  %s\n", kind_names[kind], kn,
               percentile(times, kn, 50), percentile(times, kn, 95), percentile(times, kn, 99),
               times[kn - 1], (double)hits_total / kn, targets[kind]);
    }
    for (int i = 0; i < n; i++) {
        free(samples[i].given);
        free(samples[i].family);
    }
    free(samples);
    free(times);
    db_free(clerk);
    db_free(super);
    return failures ? 1 : 0;
}
