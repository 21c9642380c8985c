/* Latency of the lifecycle actions (one SQL function call each) on the demo
 * database, through the same db/ functions the screens call:
 *
 *   workflow_bench [APPLICATIONS]     default 300 (each runs the whole flow)
 *
 * Each application is opened for a random citizen, reviewed, every
 * mandatory document checked, a deficiency notice issued, the documents
 * recorded as arrived, approved and completed, as the demo clerk. Then a
 * second application of a riskier service is escalated by the clerk, and a
 * supervisor listening on the office's channel hears of it (the time from
 * sending the escalation to the announcement arriving), reads the inbox and
 * decides it. Times are client-measured round trips over the Unix socket
 * (an upper bound of the server time). The applications stay in the demo
 * database. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/application.h"
#include "db/escalation.h"
#include "db/inbox.h"
#include "db/query.h"
#include "app/core/explain.h"

enum kind { OPEN, REVIEW, DOCUMENT, DEFICIENCY, ARRIVED, APPROVE, COMPLETE, ESCALATE, ANNOUNCED,
            INBOX, DECIDE, KINDS };
static const char *const names[KINDS] = {"open", "start review", "mark document", "deficiency notice",
                                         "documents arrived", "approve", "complete", "escalate",
                                         "escalation heard", "supervisor inbox", "decide escalation"};
static const char *const targets[KINDS] = {
    [ANNOUNCED] = "< 1000 ms (issue 5)", [INBOX] = "p95 < 50 ms",
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(double *v, int n, double p)
{
    int i = (int)(p / 100.0 * n + 0.5) - 1;
    return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static double *times[KINDS];
static int counts[KINDS];

static void record(enum kind k, double ms)
{
    times[k][counts[k]++] = ms;
}

static void fail(const char *what, const struct db_error *err)
{
    fprintf(stderr, "workflow_bench: %s: %s\n", what, explain_plain(err));
    exit(1);
}

/* Waits for the next announcement on the supervisor's connection. */
static void hear(struct db *supervisor)
{
    char channel[64], payload[1024];
    struct db_error err;
    double until = now_ms() + 5000;
    while (!db_notification(supervisor, channel, sizeof channel, payload, sizeof payload)) {
        struct pollfd p = {db_socket(supervisor), POLLIN, 0};
        if (now_ms() > until || (poll(&p, 1, 100) > 0 && db_consume(supervisor, &err) != 0)) {
            db_error_set(&err, DB_OTHER, "no announcement within 5 s");
            fail("announcement", &err);
        }
    }
}

static void escalate_and_decide(struct db *clerk, struct db *supervisor, int64_t citizen)
{
    char rid[37];
    struct action_outcome o;
    struct db_error err;
    request_id_new(rid);
    if (application_open_new(clerk, rid, citizen, "YAPI_RUHSATI", NULL, 0, &o, &err))
        fail("open risky", &err);
    request_id_new(rid);
    if (application_start_review(clerk, rid, o.application_id, o.version, &o, &err))
        fail("review risky", &err);
    request_id_new(rid);
    double t = now_ms();
    if (application_escalate(clerk, rid, o.application_id, o.version, "Bench", "approve", NULL, NULL, &o, &err))
        fail("escalate", &err);
    record(ESCALATE, now_ms() - t);
    hear(supervisor);
    record(ANNOUNCED, now_ms() - t);
    struct inbox_page inbox;
    t = now_ms();
    if (inbox_page_read(supervisor, PAGE_FIRST, (struct inbox_anchor){0}, &inbox, &err))
        fail("inbox", &err);
    record(INBOX, now_ms() - t);
    inbox_page_free(&inbox);
    request_id_new(rid);
    t = now_ms();
    if (application_decide_escalation(supervisor, rid, o.application_id, o.version, "approved", "Bench", NULL,
                                      &o, &err))
        fail("decide", &err);
    record(DECIDE, now_ms() - t);
    hear(supervisor);   /* its own decision is announced too */
}

int main(int argc, char **argv)
{
    int apps = argc > 1 ? atoi(argv[1]) : 300;
    const char *super = getenv("GISE_PGSUPERUSER");
    if (apps < 1 || !super) {
        fprintf(stderr, "usage: GISE_PGSUPERUSER=role workflow_bench [APPLICATIONS]\n");
        return 2;
    }
    for (int k = 0; k < KINDS; k++)
        times[k] = calloc((size_t)apps * 8, sizeof **times);
    struct db_error err;
    struct db *supervisor = db_connect("user=ank_supervisor", NULL, &err);
    int office;
    char channel[64];
    if (!supervisor || escalation_my_office(supervisor, &office, &err) != 0)
        fail("supervisor", &err);
    snprintf(channel, sizeof channel, "gise_office_%d", office);
    if (db_listen(supervisor, channel, &err) != 0)
        fail("listen", &err);
    char conninfo[128];
    snprintf(conninfo, sizeof conninfo, "user=%s", super);
    struct db *admin = db_connect(conninfo, NULL, &err);
    struct db *clerk = db_connect("user=ank_clerk1", NULL, &err);
    PGresult *res;
    if (!admin || !clerk ||
        db_query(admin, "SELECT (SELECT count(*) FROM gise.citizen), (SELECT count(*) FROM gise.application), "
                        "(SELECT max(id) FROM gise.citizen)", 0, NULL, &res, &err) != 0)
        fail("connect", &err);
    long citizens = atol(PQgetvalue(res, 0, 0)), applications = atol(PQgetvalue(res, 0, 1));
    long max_id = atol(PQgetvalue(res, 0, 2));
    PQclear(res);
    srand(20261123);

    for (int i = 0; i < apps; i++) {
        char rid[37];
        struct action_outcome o;
        double t;
        const char *brought[] = {"NUFUS_CUZDANI"};
        request_id_new(rid);
        t = now_ms();
        if (application_open_new(clerk, rid, 1 + rand() % max_id, "IKAMETGAH_BELGESI", brought, 1, &o, &err))
            fail("open", &err);
        record(OPEN, now_ms() - t);
        int64_t id = o.application_id;
        request_id_new(rid);
        t = now_ms();
        if (application_start_review(clerk, rid, id, o.version, &o, &err))
            fail("review", &err);
        record(REVIEW, now_ms() - t);

        struct application a;
        if (application_get(clerk, id, &a, &err))
            fail("read", &err);
        const char *missing[1] = {NULL};
        for (size_t d = 0; d < a.document_count; d++) {
            if (!a.documents[d].received && !missing[0]) {
                missing[0] = a.documents[d].code;   /* this one goes on the notice */
                continue;
            }
            if (!a.documents[d].mandatory)
                continue;
            request_id_new(rid);
            t = now_ms();
            if (application_mark_document(clerk, rid, id, o.version, a.documents[d].code, true, true, &o, &err))
                fail("document", &err);
            record(DOCUMENT, now_ms() - t);
        }
        if (missing[0]) {
            char earliest[11], latest[11];
            application_deficiency_window(clerk, id, earliest, latest, &err);
            request_id_new(rid);
            t = now_ms();
            if (application_issue_deficiency(clerk, rid, id, o.version, missing, 1, earliest, "Bench",
                                             &o, &err))
                fail("deficiency", &err);
            record(DEFICIENCY, now_ms() - t);
            request_id_new(rid);
            t = now_ms();
            if (application_documents_arrived(clerk, rid, id, o.version, &o, &err))
                fail("arrived", &err);
            record(ARRIVED, now_ms() - t);
            request_id_new(rid);
            if (application_mark_document(clerk, rid, id, o.version, missing[0], true, true, &o, &err))
                fail("document", &err);
        }
        application_free(&a);
        request_id_new(rid);
        t = now_ms();
        if (application_approve(clerk, rid, id, o.version, "", NULL, &o, &err))
            fail("approve", &err);
        record(APPROVE, now_ms() - t);
        request_id_new(rid);
        t = now_ms();
        if (application_complete(clerk, rid, id, o.version, &o, &err))
            fail("complete", &err);
        record(COMPLETE, now_ms() - t);
        escalate_and_decide(clerk, supervisor, 1 + rand() % max_id);
    }

    printf("lifecycle actions: %d applications through the whole flow; %ld citizens, %ld applications before\n",
           apps, citizens, applications);
    printf("%-20s %8s %9s %9s %9s  %s\n", "action", "calls", "p50 ms", "p95 ms", "p99 ms", "target");
    for (int k = 0; k < KINDS; k++) {
        if (!counts[k])
            continue;
        qsort(times[k], (size_t)counts[k], sizeof **times, compare);
        printf("%-20s %8d %9.3f %9.3f %9.3f  %s\n", names[k], counts[k], pct(times[k], counts[k], 50),
               pct(times[k], counts[k], 95), pct(times[k], counts[k], 99),
               targets[k] ? targets[k] : "p95 < 10 ms");
    }
    db_free(supervisor);
    db_free(clerk);
    db_free(admin);
    return 0;
}
