/* Announcements the client can trust (issue 13, point 5), against the
 * test database: anyone may NOTIFY anything on an office's channel, so a
 * made-up or replayed notification must make gise say and show nothing;
 * a real escalation is still announced; and a burst of notifications costs
 * the client one read, whatever its size. The session is the one both
 * front ends use (app/core/live.c), signed in as a supervisor; the forger
 * is a clerk of the same office. An approval waiting for a countersignature
 * (issue 13, point 4) is announced the same way, to the supervisors who may
 * give it (the office's, or the countersigning office's) and never to the
 * one who approved it. */
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/core/live.h"
#include "app/core/session.h"
#include "db/citizen.h"
#include "db/escalation.h"
#include "db/inbox.h"
#include "db/staff.h"
#include "tests/db/support.h"

static int delivered;

static void count_delivery(void *ctx, const struct live_event *event)
{
    (void)ctx;
    (void)event;
    delivered++;
}

/* Reads what the server sent until it has been quiet for 300 ms. */
static void take_everything(struct session *s)
{
    struct pollfd p = {db_socket(s->db), POLLIN, 0};
    while (poll(&p, 1, 300) > 0)
        live_input(s);
}

/* `count` notifications in one statement of `sender`'s (so they arrive
 * together), each payload `fmt` (SQL format(), %s) filled with base + i *
 * step. */
static void forge(struct db *sender, const char *channel, int count, const char *fmt, int64_t base, int step)
{
    struct db_error err;
    char count_text[16], base_text[24], step_text[16];
    snprintf(count_text, sizeof count_text, "%d", count);
    snprintf(step_text, sizeof step_text, "%d", step);
    snprintf(base_text, sizeof base_text, "%lld", (long long)base);
    const char *params[] = {channel, fmt, base_text, count_text, step_text};
    /* pg_notify folds identical payloads of one transaction: the index
     * goes into each, so that a replay arrives as many times as sent. */
    assert_int_equal(db_query(sender,
                              "SELECT count(pg_notify($1, format($2, $3::bigint + i * $5::integer) "
                              "|| repeat(' ', i))) FROM generate_series(0, $4::integer - 1) i",
                              5, params, NULL, &err), 0);
}

struct probe {
    unsigned long reads;
    unsigned long said;
    int shown;
};

/* What a dispatch cost (reads), said (status messages) and showed (live
 * events handed to the front end); a macro, so that a failure names the
 * line of the check. */
#define assert_probe(p, want_reads, want_said, want_shown) \
    do {                                                   \
        assert_int_equal((p).reads, (want_reads));         \
        assert_int_equal((p).said, (want_said));           \
        assert_int_equal((p).shown, (want_shown));         \
    } while (0)

/* Dispatches what has arrived and counts what it cost and caused. */
static struct probe dispatch(struct session *s)
{
    take_everything(s);
    unsigned long reads = db_queries_sent(s->db), said = s->messages.pushed;
    delivered = 0;
    live_dispatch(s);
    return (struct probe){db_queries_sent(s->db) - reads, s->messages.pushed - said, delivered};
}

static void forged_notifications_say_nothing_and_a_burst_costs_one_read(void **state)
{
    (void)state;
    struct db_error err;
    struct session s = {.lang = "tr"};
    s.db = connect_as("ank_supervisor");
    assert_int_equal(staff_whoami(s.db, &s.me, &err), 0);
    s.front.deliver = count_delivery;
    struct db *clerk = connect_as("ank_clerk1");
    int office;
    assert_int_equal(escalation_my_office(clerk, &office, &err), 0);
    char channel[32], rid[37], fmt[160];
    snprintf(channel, sizeof channel, "gise_office_%d", office);

    /* An escalation raised before the session listens: old news later. */
    struct action_outcome o0 = building_permit_in_review(clerk, superuser_number("SELECT min(id) + 2 FROM gise.citizen"));
    struct action_outcome raised;
    request_id_new(rid);
    assert_int_equal(application_escalate(clerk, rid, o0.application_id, o0.version, "Riskli", "approve", NULL, NULL,
                                          &raised, &err), 0);
    int64_t old_change = superuser_number("SELECT max(id) FROM gise.escalation_change");
    live_start(&s);
    assert_true(s.live.listening);
    snprintf(fmt, sizeof fmt, "{\"change\": %%s, \"escalation\": 1, \"application_id\": %lld, \"event\": \"raised\"}",
             (long long)o0.application_id);
    forge(clerk, channel, 3, fmt, old_change, 0);
    struct probe p = dispatch(&s);
    assert_probe(p, 0, 0, 0);  /* a change from before listening: not even read */

    /* A real escalation, raised now: announced once. */
    struct action_outcome o = building_permit_in_review(clerk, superuser_number("SELECT min(id) + 3 FROM gise.citizen"));
    request_id_new(rid);
    assert_int_equal(application_escalate(clerk, rid, o.application_id, o.version, "Riskli", "approve", NULL, NULL,
                                          &raised, &err), 0);
    p = dispatch(&s);
    assert_probe(p, 1, 1, 1);  /* the real one is announced ... */
    assert_non_null(strstr(messages_last(&s.messages), raised.number));
    int64_t escalation = superuser_number("SELECT max(id) FROM gise.escalation");
    int64_t real_change = superuser_number("SELECT max(id) FROM gise.escalation_change");

    /* ... and replaying it says nothing and costs nothing. */
    snprintf(fmt, sizeof fmt, "{\"change\": %%s, \"escalation\": %lld, \"application_id\": %lld, \"event\": \"raised\"}",
             (long long)escalation, (long long)o.application_id);
    forge(clerk, channel, 5, fmt, real_change, 0);
    p = dispatch(&s);
    assert_probe(p, 0, 0, 0);

    /* A burst of 200 made-up changes about a real, open escalation ("it was
     * denied"), and notifications of kinds gise does not know: one read,
     * nothing said, nothing shown. */
    snprintf(fmt, sizeof fmt, "{\"change\": %%s, \"escalation\": %lld, \"application_id\": %lld, \"event\": \"decided\", \"decision\": \"denied\"}",
             (long long)escalation, (long long)o.application_id);
    forge(clerk, channel, 200, fmt, real_change + 1000000, 1);
    forge(clerk, channel, 20, "{\"kind\": \"lookup_limit\", \"staff\": %s}", 1, 1);
    p = dispatch(&s);
    assert_probe(p, 1, 0, 0);

    /* Only kinds it does not know: not even a read. */
    forge(clerk, channel, 20, "{\"kind\": \"lookup_limit\", \"staff\": %s}", 1, 1);
    p = dispatch(&s);
    assert_int_equal(p.reads, 0);
    assert_int_equal(p.said, 0);

    /* A real escalation inside a burst of forgeries: one read, and only
     * the real one is said. */
    forge(clerk, channel, 50, fmt, real_change + 2000000, 1);
    struct action_outcome o2 = building_permit_in_review(clerk, superuser_number("SELECT min(id) + 4 FROM gise.citizen"));
    request_id_new(rid);
    assert_int_equal(application_escalate(clerk, rid, o2.application_id, o2.version, "Riskli", "approve", NULL, NULL,
                                          &raised, &err), 0);
    forge(clerk, channel, 50, fmt, real_change + 3000000, 1);
    p = dispatch(&s);
    assert_probe(p, 1, 1, 1);
    assert_non_null(strstr(messages_last(&s.messages), raised.number));

    /* Two real escalations at once: one read, each said, the screens
     * reloaded once. */
    for (int k = 5; k <= 6; k++) {
        char fixture[64];
        snprintf(fixture, sizeof fixture, "SELECT min(id) + %d FROM gise.citizen", k);
        struct action_outcome ok = building_permit_in_review(clerk, superuser_number(fixture));
        request_id_new(rid);
        assert_int_equal(application_escalate(clerk, rid, ok.application_id, ok.version, "Riskli", "approve", NULL, NULL,
                                              &raised, &err), 0);
    }
    p = dispatch(&s);
    assert_probe(p, 1, 2, 1);

    db_free(clerk);
    staff_identity_free(&s.me);
    messages_free(&s.messages);
    db_free(s.db);
}

static void superuser_run(const char *sql)
{
    struct db *super = connect_as(getenv("GISE_TEST_SUPERUSER"));
    struct db_error err;
    if (db_query(super, sql, 0, NULL, NULL, &err) != 0)
        fail_msg("%s: %s", sql, explain_plain(&err));
    db_free(super);
}

/* A clerk trying numbers past the office's look-up limit: the office's
 * supervisor is told at once, from what the database logged; a forged
 * alert says nothing. */
static void a_refused_look_up_alerts_the_supervisor_and_a_forged_one_does_not(void **state)
{
    (void)state;
    struct db_error err;
    struct session s = {.lang = "en"};
    s.db = connect_as("ank_supervisor");
    assert_int_equal(staff_whoami(s.db, &s.me, &err), 0);
    s.front.deliver = count_delivery;
    struct db *clerk = connect_as("ank_clerk1");
    int office;
    assert_int_equal(escalation_my_office(clerk, &office, &err), 0);
    char channel[32];
    snprintf(channel, sizeof channel, "gise_office_%d", office);
    live_start(&s);
    assert_true(s.live.listening);

    forge(clerk, channel, 3, "{\"kind\": \"lookup_limit\", \"id\": %s}", 900000000, 1);
    struct probe p = dispatch(&s);
    assert_int_equal(p.said, 0);            /* ids the database does not know: nothing said */
    assert_int_equal(p.shown, 0);

    char sql[200], nid[16];
    snprintf(sql, sizeof sql, "UPDATE gise.office SET lookups_per_minute = 2 WHERE id = %d", office);
    superuser_run(sql);
    snprintf(nid, sizeof nid, "%011lld",
             (long long)superuser_number("SELECT national_id::bigint FROM gise.citizen ORDER BY id DESC LIMIT 1"));
    struct citizen_hits hits;
    int refused = 0;
    for (int i = 0; i < 4; i++) {
        if (citizen_by_national_id(clerk, nid, "counter", "test", &hits, &err) == 0)
            citizen_hits_free(&hits);
        else
            refused += strcmp(err.sqlstate, "GS023") == 0;
    }
    snprintf(sql, sizeof sql, "UPDATE gise.office SET lookups_per_minute = 30 WHERE id = %d", office);
    superuser_run(sql);
    assert_true(refused >= 2);
    p = dispatch(&s);
    assert_int_equal(p.reads, 1);           /* one read confirms the alert ... */
    assert_int_equal(p.said, 1);            /* ... said once, the first refusal of the minute */
    char masked[16];
    snprintf(masked, sizeof masked, "%.3s******%.2s", nid, nid + 9);
    assert_non_null(strstr(messages_last(&s.messages), masked));
    assert_non_null(strstr(messages_last(&s.messages), "Look-up limit"));

    db_free(clerk);
    staff_identity_free(&s.me);
    messages_free(&s.messages);
    db_free(s.db);
}

/* A building permit for `citizen` approved by `sup` (a supervisor) with
 * every document received and checked: high risk, it waits for a
 * countersignature. */
static struct action_outcome approved_waiting(struct db *sup, int64_t citizen)
{
    struct db_error err;
    struct action_outcome o = building_permit_in_review(sup, citizen);
    struct application a;
    char rid[37];
    if (application_get(sup, o.application_id, &a, &err) != 0)
        fail_msg("read: %s", explain_plain(&err));
    for (size_t i = 0; i < a.document_count; i++) {
        request_id_new(rid);
        if (application_mark_document(sup, rid, o.application_id, o.version, a.documents[i].code, true, true, &o,
                                      &err) != 0)
            fail_msg("document: %s", explain_plain(&err));
    }
    application_free(&a);
    request_id_new(rid);
    if (application_approve(sup, rid, o.application_id, o.version, "Belgeler tam.", NULL, &o, &err) != 0)
        fail_msg("approve: %s", explain_plain(&err));
    assert_string_equal(o.status, "awaiting_countersign");
    return o;
}

/* A supervisor's session, listening, that counts what it is told. */
static void listen_as(struct session *s, const char *role)
{
    struct db_error err;
    *s = (struct session){.lang = "en"};
    s->db = connect_as(role);
    assert_int_equal(staff_whoami(s->db, &s->me, &err), 0);
    s->front.deliver = count_delivery;
    live_start(s);
    assert_true(s->live.listening);
}

static void hang_up(struct session *s)
{
    staff_identity_free(&s->me);
    messages_free(&s->messages);
    db_free(s->db);
}

/* Whether application `number` is on the first page of the reader's inbox
 * as an approval to countersign. */
static bool in_inbox_to_countersign(struct db *db, const char *number)
{
    struct db_error err;
    struct inbox_page page;
    assert_int_equal(inbox_page_read(db, PAGE_LAST, (struct inbox_anchor){0}, &page, &err), 0);
    bool found = false;
    for (size_t i = 0; i < page.count; i++)
        found |= page.items[i].kind == INBOX_COUNTERSIGN &&
                 strcmp(page.items[i].countersign.application_number, number) == 0;
    inbox_page_free(&page);
    return found;
}

static void an_approval_waiting_is_announced_to_whoever_may_countersign_it(void **state)
{
    (void)state;
    struct db_error err;
    struct session second, approver, other_office;
    /* An approval already waiting when the second supervisor's gise starts
     * listening: its change is old news (below the mark). */
    struct db *first = connect_as("ank_supervisor");
    struct action_outcome old = approved_waiting(first, superuser_number("SELECT min(id) + 6 FROM gise.citizen"));
    db_free(first);
    int64_t old_change = superuser_number("SELECT max(id) FROM gise.countersign_change");
    listen_as(&second, "ank_supervisor2");
    listen_as(&approver, "ank_supervisor");
    listen_as(&other_office, "ist_supervisor");
    struct db *clerk = connect_as("ank_clerk1");
    int office;
    assert_int_equal(escalation_my_office(clerk, &office, &err), 0);
    char channel[32], fmt[200], rid[37];
    snprintf(channel, sizeof channel, "gise_office_%d", office);
    snprintf(fmt, sizeof fmt, "{\"change\": %%s, \"countersign\": 1, \"application_id\": %lld, \"event\": \"waiting\"}",
             (long long)old.application_id);
    forge(clerk, channel, 3, fmt, old_change, 0);
    struct probe p = dispatch(&second);
    assert_probe(p, 0, 0, 0);  /* replayed from before listening: not even read */

    /* The first supervisor approves a building permit: the second hears
     * that it waits for them, once, after one read; the approver is told
     * nothing, nor is another office's supervisor. */
    struct action_outcome o = approved_waiting(approver.db, superuser_number("SELECT min(id) + 7 FROM gise.citizen"));
    p = dispatch(&second);
    assert_probe(p, 1, 1, 1);
    assert_non_null(strstr(messages_last(&second.messages), o.number));
    assert_non_null(strstr(messages_last(&second.messages), "waits for your countersignature"));
    assert_int_equal(second.live.announced.kind, INBOX_COUNTERSIGN);
    assert_true(second.live.announced_unseen);
    assert_true(in_inbox_to_countersign(second.db, o.number));
    p = dispatch(&approver);
    assert_probe(p, 1, 0, 0);  /* the office's channel: read back, and not theirs */
    assert_false(in_inbox_to_countersign(approver.db, o.number));
    p = dispatch(&other_office);
    assert_probe(p, 0, 0, 0);  /* IST does not countersign for ANK: not even told */

    /* Forged: the real change replayed, a made-up "waiting" change, and
     * the real one sent to another office's channel. */
    int64_t real = superuser_number("SELECT max(id) FROM gise.countersign_change");
    int64_t countersign = superuser_number("SELECT max(id) FROM gise.countersign");
    snprintf(fmt, sizeof fmt, "{\"change\": %%s, \"countersign\": %lld, \"application_id\": %lld, \"event\": \"waiting\"}",
             (long long)countersign, (long long)o.application_id);
    forge(clerk, channel, 5, fmt, real, 0);
    p = dispatch(&second);
    assert_probe(p, 0, 0, 0);  /* heard already: not even read */
    forge(clerk, channel, 50, fmt, real + 1000000, 1);
    p = dispatch(&second);
    assert_probe(p, 1, 0, 0);  /* a burst: one read, and nothing the database confirms */
    char ist_channel[32];
    snprintf(ist_channel, sizeof ist_channel, "gise_office_%lld",
             (long long)superuser_number("SELECT id FROM gise.office WHERE code = 'IST'"));
    forge(clerk, ist_channel, 1, fmt, real, 0);
    p = dispatch(&other_office);
    assert_probe(p, 1, 0, 0);  /* a real change, but not theirs to countersign */

    /* Countersigned: it leaves the second supervisor's inbox, and the
     * inbox hears of it (no word on the status row). */
    struct action_outcome done;
    request_id_new(rid);
    assert_int_equal(application_countersign(second.db, rid, o.application_id, o.version, "countersigned", "Uygun",
                                             &done, &err), 0);
    p = dispatch(&second);
    assert_probe(p, 1, 0, 1);
    assert_false(in_inbox_to_countersign(second.db, o.number));

    /* Approved and countersigned before the second supervisor's gise
     * reads the burst: one read, nothing said (it no longer waits), the
     * screens reload once. */
    struct action_outcome o3 = approved_waiting(approver.db, superuser_number("SELECT min(id) + 9 FROM gise.citizen"));
    request_id_new(rid);
    assert_int_equal(application_countersign(second.db, rid, o3.application_id, o3.version, "countersigned", "Uygun",
                                             &done, &err), 0);
    p = dispatch(&second);
    assert_probe(p, 1, 0, 1);

    /* ANK names IST to countersign for it: IST's supervisor hears of the
     * next approval and finds it in the inbox; ANK's second supervisor
     * still may and still hears; the approver does not. */
    superuser_run("UPDATE gise.office SET countersign_office_id = (SELECT id FROM gise.office WHERE code = 'IST') "
                  "WHERE code = 'ANK'");
    struct action_outcome o2 = approved_waiting(approver.db, superuser_number("SELECT min(id) + 8 FROM gise.citizen"));
    p = dispatch(&other_office);
    assert_probe(p, 1, 1, 1);
    assert_non_null(strstr(messages_last(&other_office.messages), o2.number));
    assert_true(in_inbox_to_countersign(other_office.db, o2.number));
    p = dispatch(&second);
    assert_int_equal(p.said, 1);
    p = dispatch(&approver);
    assert_int_equal(p.said, 0);
    superuser_run("UPDATE gise.office SET countersign_office_id = NULL WHERE code = 'ANK'");
    /* Withdrawn: it leaves, and nothing is left waiting for the next test. */
    request_id_new(rid);
    assert_int_equal(application_withdraw(approver.db, rid, o2.application_id, o2.version, "Sınama bitti", &done,
                                          &err), 0);
    p = dispatch(&second);
    assert_int_equal(p.said, 0);
    assert_int_equal(p.shown, 1);
    assert_false(in_inbox_to_countersign(second.db, o2.number));
    request_id_new(rid);
    assert_int_equal(application_withdraw(approver.db, rid, old.application_id, old.version, "Sınama bitti", &done,
                                          &err), 0);

    db_free(clerk);
    hang_up(&other_office);
    hang_up(&approver);
    hang_up(&second);
}

/* Whatever a failed check left: nothing of the tests' waits for a
 * countersignature, and ANK countersigns for itself again (the tests
 * after this one count what waits). */
static int countersign_teardown(void **state)
{
    (void)state;
    superuser_run("UPDATE gise.office SET countersign_office_id = NULL WHERE code = 'ANK'");
    superuser_run("UPDATE gise.application SET status = 'withdrawn', closed_at = now(), version = version + 1 "
                  "WHERE status = 'awaiting_countersign' AND id IN (SELECT application_id FROM gise.countersign "
                  "WHERE explanation = 'Belgeler tam.' AND approved_at > now() - interval '1 hour')");
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(forged_notifications_say_nothing_and_a_burst_costs_one_read),
        cmocka_unit_test(a_refused_look_up_alerts_the_supervisor_and_a_forged_one_does_not),
        cmocka_unit_test_teardown(an_approval_waiting_is_announced_to_whoever_may_countersign_it,
                                  countersign_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
