/* Escalations through the data layer against the harness's PostgreSQL:
 * the announcement reaches a listening supervisor on another connection,
 * the subscription survives a killed backend and a reconnection, the
 * four-eyes refusal arrives as a sentence, and an exception's waivers are
 * named, read back and recorded by the approval. */
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/text/flat_json.h"
#include "db/application.h"
#include "db/escalation.h"
#include "db/inbox.h"
#include "db/query.h"
#include "tests/db/support.h"

static int64_t some_citizen(void)
{
    return superuser_number("SELECT min(id) + 7 FROM gise.citizen");
}

static struct action_outcome risky_in_review(struct db *db)
{
    return building_permit_in_review(db, some_citizen());
}

/* Every document of `o` received and checked, so that approval is not
 * refused for a missing one; *o follows the new version. */
static void all_checked(struct db *db, struct action_outcome *o)
{
    struct application a;
    struct db_error err;
    char rid[37];
    assert_int_equal(application_get(db, o->application_id, &a, &err), 0);
    for (size_t i = 0; i < a.document_count; i++) {
        request_id_new(rid);
        if (application_mark_document(db, rid, o->application_id, o->version, a.documents[i].code, true, true, o,
                                      &err) != 0)
            fail_msg("mark: %s", explain_plain(&err));
    }
    application_free(&a);
}

/* Waits up to a second for a notification on `db`; the payload into out. */
static bool notified_within_a_second(struct db *db, char *out, size_t size)
{
    char channel[64];
    for (int waited = 0; waited < 1000; waited += 10) {
        if (db_notification(db, channel, sizeof channel, out, size))
            return strncmp(channel, "gise_office_", 12) == 0;
        struct pollfd p = {db_socket(db), POLLIN, 0};
        struct db_error err;
        if (poll(&p, 1, 10) > 0 && db_consume(db, &err) != 0)
            return false;
    }
    return false;
}

static void office_channel(struct db *db, char *channel, size_t size)
{
    int office;
    struct db_error err;
    assert_int_equal(escalation_my_office(db, &office, &err), 0);
    snprintf(channel, size, "gise_office_%d", office);
}

static void a_listening_supervisor_hears_of_an_escalation_and_after_a_reconnect(void **state)
{
    (void)state;
    struct db *clerk = connect_as("ank_clerk1"), *supervisor = connect_as("ank_supervisor");
    struct db *super = connect_as(getenv("GISE_TEST_SUPERUSER"));
    struct db_error err;
    char channel[64], payload[1024], rid[37];
    office_channel(supervisor, channel, sizeof channel);
    assert_int_equal(db_listen(supervisor, channel, &err), 0);
    assert_int_equal(db_listen(supervisor, "no such; channel", &err), -1);
    assert_int_equal(err.kind, DB_INVALID_INPUT);

    struct action_outcome o = risky_in_review(clerk), raised;
    request_id_new(rid);
    assert_int_equal(application_escalate(clerk, rid, o.application_id, o.version, "Riskli", "approve", NULL, NULL,
                                          &raised, &err), 0);
    assert_true(notified_within_a_second(supervisor, payload, sizeof payload));
    char event[16], number[32];
    flat_json_string(payload, "event", event, sizeof event);
    flat_json_string(payload, "application", number, sizeof number);
    assert_string_equal(event, "raised");
    assert_string_equal(number, "");    /* ids only: no number, no names (0017) */
    assert_null(strstr(payload, "raised_by"));
    assert_int_equal(flat_json_int(payload, "application_id", 0), o.application_id);
    /* The change it points at reads back as what happened. */
    int64_t change = flat_json_int(payload, "change", 0);
    struct inbox_change_list changes;
    assert_int_equal(inbox_changes(supervisor, &change, 1, &changes, &err), 0);
    assert_int_equal(changes.count, 1);
    assert_string_equal(changes.items[0].event, "raised");
    assert_int_equal(changes.items[0].entry.kind, INBOX_ESCALATION);
    assert_string_equal(changes.items[0].entry.escalation.application_number, raised.number);
    inbox_change_list_free(&changes);

    /* The backend is killed: the loss is noticed, and the reconnection
     * listens again without being asked. */
    assert_int_equal(db_query(super,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'ank_supervisor' "
        "AND query LIKE '%inbox_changes%'", 0, NULL, NULL, &err), 0);
    /* The server's farewell, then the end of the stream: a read or two. */
    int lost = 0;
    for (int tries = 0; tries < 20 && !lost; tries++) {
        struct pollfd p = {db_socket(supervisor), POLLIN, 0};
        if (p.fd < 0 || poll(&p, 1, 100) > 0)
            lost = db_consume(supervisor, &err) != 0;
    }
    assert_true(lost);
    assert_int_equal(err.kind, DB_CONNECTION_LOST);
    assert_int_equal(db_reconnect(supervisor, &err), 0);
    struct db *clerk2 = connect_as("ank_clerk2");
    struct action_outcome decided;
    request_id_new(rid);
    /* Deciding on another connection announces it too. */
    struct db *other_supervisor = connect_as("ank_supervisor");
    if (application_decide_escalation(other_supervisor, rid, raised.application_id, raised.version, "denied",
                                      "Tekrar bakın", NULL, &decided, &err) != 0)
        fail_msg("decide: %s", explain_plain(&err));
    assert_string_equal(decided.status, "in_review");
    assert_true(notified_within_a_second(supervisor, payload, sizeof payload));
    flat_json_string(payload, "event", event, sizeof event);
    assert_string_equal(event, "decided");
    db_free(clerk2);
    db_free(other_supervisor);
    db_free(super);
    db_free(supervisor);
    db_free(clerk);
}

static void the_one_who_raised_it_cannot_decide_it_and_is_told_why(void **state)
{
    (void)state;
    struct db *supervisor = connect_as("ank_supervisor");
    struct db_error err;
    char rid[37];
    struct action_outcome o = risky_in_review(supervisor), raised, refused;
    struct rule_codes waives = {0};
    rule_codes_add(&waives, "documents_checked");
    request_id_new(rid);
    assert_int_equal(application_escalate(supervisor, rid, o.application_id, o.version, "İkinci göz", "exception",
                                          NULL, &waives, &raised, &err), 0);
    request_id_new(rid);
    assert_int_equal(application_decide_escalation(supervisor, rid, raised.application_id, raised.version,
                                                   "approved", "kendim", NULL, &refused, &err), -1);
    assert_int_equal(err.kind, DB_PERMISSION);
    assert_string_equal(err.sqlstate, "GS108");
    assert_non_null(strstr(explain_plain(&err), "another supervisor"));

    struct escalation e;
    assert_int_equal(escalation_latest(supervisor, raised.application_id, &e, &err), 1);
    assert_string_equal(e.requested_outcome, "exception");
    assert_null(e.decision);
    assert_true(e.waiting_seconds >= 0);
    struct db *ist = connect_as("ist_supervisor");
    struct escalation none;
    assert_int_equal(escalation_get(ist, e.id, &none, &err), -1);
    assert_int_equal(err.kind, DB_NOT_FOUND);
    escalation_free(&e);
    db_free(ist);
    db_free(supervisor);
}

static void the_clerk_reads_decisions_made_while_away(void **state)
{
    (void)state;
    struct db *clerk = connect_as("ank_clerk2"), *supervisor = connect_as("ank_supervisor");
    struct db *second = connect_as("ank_supervisor2");
    struct db_error err;
    char since[64], rid[37];
    struct action_outcome o = risky_in_review(clerk), raised, decided, signed_;
    all_checked(clerk, &o);
    request_id_new(rid);
    assert_int_equal(application_escalate(clerk, rid, o.application_id, o.version, "Onay", "approve", NULL, NULL,
                                          &raised, &err), 0);
    assert_int_equal(escalation_clock(clerk, since, &err), 0);
    request_id_new(rid);
    assert_int_equal(application_decide_escalation(supervisor, rid, raised.application_id, raised.version,
                                                   "approved", "Uygun", NULL, &decided, &err), 0);
    /* A high-risk approval waits for a second supervisor (0016), never the first. */
    assert_string_equal(decided.status, "awaiting_countersign");
    request_id_new(rid);
    assert_int_equal(application_countersign(supervisor, rid, decided.application_id, decided.version, "countersigned",
                                             "kendim", &signed_, &err), -1);
    assert_int_equal(err.kind, DB_PERMISSION);
    assert_string_equal(err.sqlstate, "GS108");
    assert_non_null(strstr(explain_plain(&err), "another supervisor must countersign"));
    request_id_new(rid);
    if (application_countersign(second, rid, decided.application_id, decided.version, "countersigned",
                                "İkinci imza", &signed_, &err) != 0)
        fail_msg("countersign: %s", explain_plain(&err));
    assert_string_equal(signed_.status, "approved");
    struct escalation_list news;
    assert_int_equal(escalation_news(clerk, since, &news, &err), 0);
    assert_int_equal(news.count, 1);
    assert_string_equal(news.items[0].application_number, raised.number);
    assert_string_equal(news.items[0].decision, "approved");
    assert_string_equal(news.items[0].comment, "Uygun");
    escalation_list_free(&news);
    /* And the clerk's inbox lists it, decided. */
    struct inbox_page inbox;
    assert_int_equal(inbox_page_read(clerk, PAGE_FIRST, (struct inbox_anchor){0}, &inbox, &err), 0);
    bool listed = false;
    for (size_t i = 0; i < inbox.count; i++)
        listed |= inbox.items[i].kind == INBOX_ESCALATION &&
                  strcmp(inbox.items[i].escalation.application_number, raised.number) == 0;
    assert_true(listed);
    inbox_page_free(&inbox);
    db_free(second);
    db_free(supervisor);
    db_free(clerk);
}

/* An exception names the rules it waives (0020): one that names none is
 * refused in words; one that names the documents rule is read back with it
 * by every reader of escalations; granted, the approval that follows
 * records it, and the application says so while it waits for its
 * countersignature and once approved. */
static void an_exception_names_what_it_waives_and_the_approval_records_it(void **state)
{
    (void)state;
    struct db *clerk = connect_as("ank_clerk1"), *supervisor = connect_as("ank_supervisor");
    struct db *second = connect_as("ank_supervisor2");
    struct db_error err;
    char rid[37], sql[200];
    struct approval_rules rules;
    assert_int_equal(approval_rules_load(clerk, &rules, &err), 0);
    assert_int_equal(approval_rules_waivable(&rules), 1);
    assert_string_equal(rules.items[0].code, "documents_checked");
    assert_string_equal(rules.items[0].title_en, "Every mandatory document received and checked");
    assert_false(approval_rule_find(&rules, "countersign_high_risk")->waivable);
    approval_rules_free(&rules);

    struct action_outcome o = building_permit_in_review(clerk, some_citizen() + 1), raised, granted, first, done;
    struct rule_codes none = {0}, waives = {0};
    request_id_new(rid);
    assert_int_equal(application_escalate(clerk, rid, o.application_id, o.version, "İstisna", "exception", NULL,
                                          &none, &raised, &err), -1);
    assert_string_equal(err.sqlstate, "GS104");
    assert_non_null(strstr(explain_plain(&err), "an exception names at least one rule it waives"));
    assert_true(rule_codes_add(&waives, "documents_checked"));
    request_id_new(rid);
    if (application_escalate(clerk, rid, o.application_id, o.version, "Belge kayboldu", "exception", NULL, &waives,
                             &raised, &err) != 0)
        fail_msg("escalate: %s", explain_plain(&err));

    struct escalation latest, got;
    assert_int_equal(escalation_latest(clerk, raised.application_id, &latest, &err), 1);
    assert_int_equal(latest.waives.count, 1);
    assert_string_equal(latest.waives.code[0], "documents_checked");
    assert_int_equal(escalation_get(supervisor, latest.id, &got, &err), 0);
    assert_int_equal(got.waives.count, 1);
    assert_string_equal(got.waives.code[0], "documents_checked");
    escalation_free(&got);
    struct inbox_page page;
    struct inbox_anchor anchor = {INBOX_ESCALATION, latest.id};
    assert_int_equal(inbox_page_read(supervisor, PAGE_THROUGH, anchor, &page, &err), 0);
    assert_true(page.count > 0);
    assert_true(inbox_entry_is(&page.items[page.count - 1], anchor));
    assert_string_equal(page.items[page.count - 1].escalation.waives.code[0], "documents_checked");
    inbox_page_free(&page);
    snprintf(sql, sizeof sql, "SELECT max(id) FROM gise.escalation_change WHERE escalation_id = %lld",
             (long long)latest.id);
    int64_t change = superuser_number(sql);
    struct inbox_change_list changes;
    assert_int_equal(inbox_changes(supervisor, &change, 1, &changes, &err), 0);
    assert_int_equal(changes.count, 1);
    assert_string_equal(changes.items[0].entry.escalation.waives.code[0], "documents_checked");
    inbox_change_list_free(&changes);
    escalation_free(&latest);

    request_id_new(rid);
    if (application_decide_escalation(supervisor, rid, raised.application_id, raised.version, "approved",
                                      "İstisna uygun", NULL, &granted, &err) != 0)
        fail_msg("decide: %s", explain_plain(&err));
    assert_string_equal(granted.status, "in_review");
    struct application a;
    assert_int_equal(application_get(clerk, granted.application_id, &a, &err), 0);
    assert_int_equal(a.waived.count, 0);   /* granted, not yet used by an approval */
    application_free(&a);
    request_id_new(rid);
    if (application_approve(supervisor, rid, granted.application_id, granted.version, "Muafiyetle", NULL, &first,
                            &err) != 0)
        fail_msg("approve: %s", explain_plain(&err));
    assert_string_equal(first.status, "awaiting_countersign");
    assert_int_equal(application_get(second, first.application_id, &a, &err), 0);
    assert_int_equal(a.waived.count, 1);
    assert_string_equal(a.waived.code[0], "documents_checked");
    application_free(&a);
    request_id_new(rid);
    if (application_countersign(second, rid, first.application_id, first.version, "countersigned", "İkinci imza",
                                &done, &err) != 0)
        fail_msg("countersign: %s", explain_plain(&err));
    assert_string_equal(done.status, "approved");
    assert_int_equal(application_get(clerk, done.application_id, &a, &err), 0);
    assert_int_equal(a.waived.count, 1);
    assert_string_equal(a.waived.code[0], "documents_checked");
    application_free(&a);
    db_free(second);
    db_free(supervisor);
    db_free(clerk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_listening_supervisor_hears_of_an_escalation_and_after_a_reconnect),
        cmocka_unit_test(the_one_who_raised_it_cannot_decide_it_and_is_told_why),
        cmocka_unit_test(the_clerk_reads_decisions_made_while_away),
        cmocka_unit_test(an_exception_names_what_it_waives_and_the_approval_records_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
