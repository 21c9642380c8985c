/* The application data layer against the harness's PostgreSQL: a whole
 * counter flow, a retry after a lost answer, and two clerks meeting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/application.h"
#include "db/query.h"
#include "tests/db/support.h"

static int64_t some_citizen(void)
{
    return superuser_number("SELECT max(id) FROM gise.citizen");
}

static void check_every_mandatory(struct db *db, int64_t id, int *version)
{
    struct application a;
    struct db_error err;
    assert_int_equal(application_get(db, id, &a, &err), 0);
    for (size_t i = 0; i < a.document_count; i++) {
        if (!a.documents[i].mandatory)
            continue;
        char rid[37];
        struct action_outcome o;
        assert_int_equal(request_id_new(rid), 0);
        assert_int_equal(application_mark_document(db, rid, id, *version, a.documents[i].code, true,
                                                   true, &o, &err), 0);
        *version = o.version;
    }
    application_free(&a);
}

static void a_whole_counter_flow(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk1");
    struct db_error err;
    struct action_outcome o;
    char rid[37];
    const char *brought[] = {"NUFUS_CUZDANI"};
    assert_int_equal(request_id_new(rid), 0);
    assert_int_equal(application_open_new(db, rid, some_citizen(), "IKAMETGAH_BELGESI", brought, 1,
                                          &o, &err), 0);
    assert_string_equal(o.status, "received");
    int64_t id = o.application_id;
    int version = o.version;

    struct application a;
    assert_int_equal(application_get(db, id, &a, &err), 0);
    assert_string_equal(a.number, o.number);
    assert_true(a.document_count >= 2);
    assert_int_equal(a.timeline_count, 1);
    assert_string_equal(a.timeline[0].action, "open");
    assert_non_null(strstr(a.timeline[0].actor, "Ayşe"));
    application_free(&a);

    request_id_new(rid);
    assert_int_equal(application_start_review(db, rid, id, version, &o, &err), 0);
    version = o.version;

    char earliest[11], latest[11];
    assert_int_equal(application_deficiency_window(db, id, earliest, latest, &err), 0);
    assert_true(strcmp(earliest, latest) < 0);
    const char *missing[] = {"IKAMETGAH_BEYAN"};
    request_id_new(rid);
    int rc = application_issue_deficiency(db, rid, id, version, missing, 1, earliest, "", &o, &err);
    assert_int_equal(rc, -1);
    assert_string_equal(err.sqlstate, "GS104");
    assert_non_null(strstr(explain_plain(&err), "Note"));

    application_get(db, id, &a, &err);
    const char *first_missing = NULL;
    for (size_t i = 0; i < a.document_count; i++)
        if (!a.documents[i].received)
            first_missing = a.documents[i].code;
    assert_non_null(first_missing);
    missing[0] = first_missing;
    request_id_new(rid);
    assert_int_equal(application_issue_deficiency(db, rid, id, version, missing, 1, earliest,
                                                  "Eksik belge", &o, &err), 0);
    application_free(&a);
    assert_string_equal(o.status, "awaiting_documents");
    version = o.version;
    request_id_new(rid);
    assert_int_equal(application_documents_arrived(db, rid, id, version, &o, &err), 0);
    version = o.version;
    check_every_mandatory(db, id, &version);
    request_id_new(rid);
    assert_int_equal(application_approve(db, rid, id, version, "", NULL, &o, &err), 0);
    assert_string_equal(o.status, "approved");
    request_id_new(rid);
    assert_int_equal(application_complete(db, rid, id, o.version, &o, &err), 0);
    assert_string_equal(o.status, "completed");
    db_free(db);
}

static void a_retry_with_the_same_request_changes_nothing_twice(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk2");
    struct db_error err;
    struct action_outcome first, second;
    char rid[37];
    request_id_new(rid);
    assert_int_equal(application_open_new(db, rid, some_citizen(), "PASAPORT", NULL, 0, &first, &err), 0);
    /* The answer was "lost": the client sends the same request again. */
    assert_int_equal(application_open_new(db, rid, some_citizen(), "PASAPORT", NULL, 0, &second, &err), 0);
    assert_int_equal(first.application_id, second.application_id);
    assert_string_equal(first.number, second.number);
    db_free(db);
}

static void the_second_clerk_hears_who_changed_it(void **state)
{
    (void)state;
    struct db *ayse = connect_as("ank_clerk1");
    struct db *mehmet = connect_as("ank_clerk2");
    struct db_error err;
    struct action_outcome o;
    char rid[37];
    request_id_new(rid);
    assert_int_equal(application_open_new(ayse, rid, some_citizen(), "IKAMETGAH_BELGESI", NULL, 0, &o, &err), 0);
    int64_t id = o.application_id;
    int seen = o.version;   /* both clerks have version 1 on screen */
    request_id_new(rid);
    assert_int_equal(application_start_review(ayse, rid, id, seen, &o, &err), 0);
    request_id_new(rid);
    assert_int_equal(application_withdraw(mehmet, rid, id, seen, "Vazgeçti", &o, &err), -1);
    assert_int_equal(err.kind, DB_CONFLICT);
    assert_string_equal(err.sqlstate, "GS102");
    assert_non_null(strstr(explain_plain(&err), "Ayşe Kaya"));
    assert_non_null(strstr(explain_plain(&err), "kept"));
    db_free(ayse);
    db_free(mehmet);
}

static void a_clerk_cannot_reject_what_needs_a_supervisor(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk1");
    struct db_error err;
    struct action_outcome o = building_permit_in_review(db, some_citizen());
    char rid[37];
    request_id_new(rid);
    assert_int_equal(application_reject(db, rid, o.application_id, o.version, "GEN-01", "Eksik", NULL,
                                        &o, &err), -1);
    assert_int_equal(err.kind, DB_PERMISSION);
    assert_non_null(strstr(explain_plain(&err), "supervisor"));
    db_free(db);
}

static void request_ids_are_uuids_and_differ(void **state)
{
    (void)state;
    char a[37], b[37];
    assert_int_equal(request_id_new(a), 0);
    assert_int_equal(request_id_new(b), 0);
    assert_int_equal(strlen(a), 36);
    assert_int_equal(a[14], '4');
    assert_string_not_equal(a, b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_whole_counter_flow),
        cmocka_unit_test(a_retry_with_the_same_request_changes_nothing_twice),
        cmocka_unit_test(the_second_clerk_hears_who_changed_it),
        cmocka_unit_test(a_clerk_cannot_reject_what_needs_a_supervisor),
        cmocka_unit_test(request_ids_are_uuids_and_differ),
    };
    return cmocka_run_group_tests_name("application_db", tests, NULL, NULL);
}
