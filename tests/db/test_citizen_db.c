/* The C data layer against the real PostgreSQL the harness started
 * (tests/run.sh exports PGHOST, PGPORT, PGDATABASE, GISE_TEST_SUPERUSER).
 * Connects as the demo clerk ank_clerk1 unless a test says otherwise. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "db/citizen.h"
#include "db/query.h"
#include "tests/db/support.h"
#include "db/staff.h"

static long count_of(struct db *db, const char *sql)
{
    PGresult *res;
    struct db_error err;
    if (db_query(db, sql, 0, NULL, &res, &err) != 0)
        fail_msg("%s: %s", sql, explain_plain(&err));
    long n = atol(PQgetvalue(res, 0, 0));
    PQclear(res);
    return n;
}

static void whoami_names_the_clerk_and_office(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk1");
    struct staff_identity me;
    struct db_error err;
    assert_int_equal(staff_whoami(db, &me, &err), 0);
    assert_string_equal(me.role_name, "ank_clerk1");
    assert_string_equal(me.role_group, "clerk");
    assert_string_equal(me.office_code, "ANK");
    assert_true(strlen(me.display_name) > 3);
    staff_identity_free(&me);
    db_free(db);
}

static void a_role_that_is_not_staff_is_refused(void **state)
{
    (void)state;
    struct db *super = connect_as(getenv("GISE_TEST_SUPERUSER"));
    struct db_error err;
    assert_int_equal(db_query(super,
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gise_test_outsider') "
        "THEN CREATE ROLE gise_test_outsider LOGIN IN ROLE gise_clerk; END IF; END $$",
        0, NULL, NULL, &err), 0);
    struct db *db = connect_as("gise_test_outsider");
    struct staff_identity me;
    assert_int_equal(staff_whoami(db, &me, &err), -1);
    assert_int_equal(err.kind, DB_NOT_STAFF);
    assert_string_equal(err.sqlstate, "GS001");
    assert_non_null(strstr(explain_plain(&err), "administrator"));
    db_free(db);
    /* Gone again: a clerk role with no staff row is drift (gise audit verify). */
    assert_int_equal(db_query(super, "DROP ROLE gise_test_outsider", 0, NULL, NULL, &err), 0);
    db_free(super);
}

static void isik_finds_every_spelling_of_isik(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk1");
    struct citizen_hits hits;
    struct db_error err;
    assert_int_equal(citizen_search(db, "isik", 50, &hits, &err), 0);
    assert_true(hits.count > 0);
    int found_dotless = 0;
    for (size_t i = 0; i < hits.count; i++) {
        if (strstr(hits.items[i].given_name, "Işık") || strstr(hits.items[i].family_name, "Işık"))
            found_dotless = 1;
        assert_true(hits.items[i].match <= CITIZEN_MATCH_PREFIX);
        assert_non_null(strstr(hits.items[i].national_id_masked, "******"));
    }
    assert_true(found_dotless);
    citizen_hits_free(&hits);
    db_free(db);
}

static void yilmas_finds_yilmaz_as_a_typo(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk1");
    struct citizen_hits hits;
    struct db_error err;
    assert_int_equal(citizen_search(db, "yilmas", 20, &hits, &err), 0);
    assert_true(hits.count > 0 && hits.count <= 20);
    for (size_t i = 0; i < hits.count; i++) {
        assert_int_equal(hits.items[i].match, CITIZEN_MATCH_TYPO);
        assert_non_null(strstr(hits.items[i].family_name, "Yılmaz"));
    }
    citizen_hits_free(&hits);
    db_free(db);
}

static void bad_query_text_never_reaches_the_database(void **state)
{
    (void)state;
    /* No connection at all: the refusal must come before any query. */
    struct citizen_hits hits;
    struct db_error err;
    assert_int_equal(citizen_search(NULL, "Ay\xFFse", 20, &hits, &err), -1);
    assert_int_equal(err.kind, DB_INVALID_INPUT);
    assert_int_equal(citizen_search(NULL, "Ali\x1b[2J", 20, &hits, &err), -1);
    assert_int_equal(err.kind, DB_INVALID_INPUT);
    assert_int_equal(citizen_by_national_id(NULL, "10000000147", "counter", "test", &hits, &err), -1);
    assert_int_equal(err.kind, DB_INVALID_INPUT);
    assert_non_null(strstr(explain_plain(&err), "check digits"));
    assert_int_equal(hits.count, 0);
}

static void identity_lookup_and_open_write_the_access_log(void **state)
{
    (void)state;
    struct db *super = connect_as(getenv("GISE_TEST_SUPERUSER"));
    PGresult *res;
    struct db_error err;
    assert_int_equal(db_query(super, "SELECT national_id FROM gise.citizen ORDER BY id LIMIT 1",
                              0, NULL, &res, &err), 0);
    char national_id[12];
    snprintf(national_id, sizeof national_id, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);

    struct db *db = connect_as("ist_auditor");
    struct citizen_hits hits;
    assert_int_equal(citizen_by_national_id(db, national_id, "counter", "test-lookup", &hits, &err), 0);
    assert_int_equal(hits.count, 1);
    assert_int_equal(hits.items[0].match, CITIZEN_MATCH_EXACT);

    assert_int_equal(count_of(super, "SELECT count(*) FROM gise.access_log WHERE actor = 'ist_auditor' "
                                     "AND screen = 'test-lookup' AND kind = 'lookup' AND purpose = 'counter'"), 1);
    long before = count_of(super, "SELECT count(*) FROM gise.access_log WHERE actor = 'ist_auditor' "
                                  "AND screen = 'test-detail'");
    struct citizen_detail detail;
    assert_int_equal(citizen_open(db, hits.items[0].id, "correction", "test-detail", &detail, &err), 0);
    assert_string_equal(detail.national_id, national_id);
    assert_string_equal(detail.given_name, hits.items[0].given_name);
    assert_true(detail.version >= 1);
    long after = count_of(super, "SELECT count(*) FROM gise.access_log WHERE actor = 'ist_auditor' "
                                 "AND screen = 'test-detail'");
    assert_int_equal(after, before + 1);
    /* Committed before the data came (an auditor, so that no clerk of the
     * line-mode transcripts gets another default purpose). */
    assert_int_equal(count_of(super, "SELECT count(*) FROM gise.access_log WHERE actor = 'ist_auditor' "
                                     "AND screen = 'test-detail' AND purpose = 'correction' "
                                     "AND pg_xact_status(xact) = 'committed'"), after);
    citizen_detail_free(&detail);
    citizen_hits_free(&hits);
    db_free(db);
    db_free(super);
}

static void a_citizen_with_applications_lists_them(void **state)
{
    (void)state;
    struct db *super = connect_as(getenv("GISE_TEST_SUPERUSER"));
    /* A citizen whose applications are all at the clerk's office (ANK). */
    long citizen = count_of(super, "SELECT citizen_id FROM gise.application GROUP BY citizen_id "
                                   "HAVING bool_and(office_id = (SELECT id FROM gise.office WHERE code = 'ANK')) "
                                   "ORDER BY citizen_id LIMIT 1");
    char query[160];
    snprintf(query, sizeof query, "SELECT count(*) FROM gise.application WHERE citizen_id = %ld", citizen);
    long expected = count_of(super, query);
    struct db *db = connect_as("ank_clerk1");
    struct citizen_detail detail;
    struct db_error err;
    assert_int_equal(citizen_open(db, citizen, "counter", "test", &detail, &err), 0);
    assert_int_equal((long)detail.application_count, expected);
    assert_true(expected > 0);
    assert_non_null(strchr(detail.applications[0].number, '-'));
    assert_non_null(detail.applications[0].status);
    assert_non_null(detail.applications[0].due_date);
    citizen_detail_free(&detail);
    db_free(db);
    db_free(super);
}

static void an_unknown_citizen_is_not_found(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk1");
    struct citizen_detail detail;
    struct db_error err;
    assert_int_equal(citizen_open(db, INT64_C(999999999999), "counter", "test", &detail, &err), -1);
    assert_int_equal(err.kind, DB_NOT_FOUND);
    db_free(db);
}

/* Over the look-up limit: refused in words, and an unknown purpose too. */
static void the_lookup_limit_and_purpose_are_said_in_words(void **state)
{
    (void)state;
    struct db *super = connect_as(getenv("GISE_TEST_SUPERUSER"));
    PGresult *res;
    struct db_error err;
    assert_int_equal(db_query(super, "SELECT national_id FROM gise.citizen ORDER BY id DESC LIMIT 1",
                              0, NULL, &res, &err), 0);
    char national_id[12];
    snprintf(national_id, sizeof national_id, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    long limit = count_of(super, "SELECT o.lookups_per_minute FROM gise.office o "
                                 "JOIN gise.staff s ON s.office_id = o.id WHERE s.role_name = 'ist_supervisor'");
    struct db *db = connect_as("ist_supervisor");
    struct citizen_hits hits;
    int rc = 0;
    for (long i = 0; i <= limit && rc == 0; i++) {
        rc = citizen_by_national_id(db, national_id, "counter", "test-limit", &hits, &err);
        if (rc == 0)
            citizen_hits_free(&hits);
    }
    assert_int_equal(rc, -1);
    assert_string_equal(err.sqlstate, "GS023");
    assert_non_null(strstr(explain_plain(&err), "look-ups"));
    assert_int_equal(citizen_open(db, 1, "nonsense", "test", &(struct citizen_detail){0}, &err), -1);
    assert_string_equal(err.sqlstate, "GS024");
    db_free(db);
    db_free(super);
}

static void database_refusals_become_plain_messages(void **state)
{
    (void)state;
    struct db *super = connect_as(getenv("GISE_TEST_SUPERUSER"));
    struct db_error err;
    assert_int_equal(db_query(super,
        "INSERT INTO gise.citizen (national_id, given_name, family_name, birth_date) "
        "VALUES ('12345678901', 'Ali', 'Veli', '1980-01-01')", 0, NULL, NULL, &err), -1);
    assert_int_equal(err.kind, DB_INVALID_INPUT);
    assert_string_equal(err.sqlstate, "23514");
    assert_non_null(strstr(explain_plain(&err), "Identity number"));

    struct db *clerk = connect_as("ank_clerk1");
    assert_int_equal(db_query(clerk, "SELECT * FROM gise.citizen", 0, NULL, NULL, &err), -1);
    assert_int_equal(err.kind, DB_PERMISSION);
    db_free(clerk);
    db_free(super);
}

static void a_lost_connection_is_reported_and_recovered(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk1");
    struct db_error err;
    /* The server ends this very session, as a restart or a network cut would. */
    db_query(db, "SELECT pg_terminate_backend(pg_backend_pid())", 0, NULL, NULL, &err);
    struct citizen_hits hits;
    assert_int_equal(citizen_search(db, "ali", 5, &hits, &err), -1);
    assert_int_equal(err.kind, DB_CONNECTION_LOST);
    assert_false(db_is_connected(db));
    assert_int_equal(db_reconnect(db, &err), 0);
    assert_int_equal(citizen_search(db, "ali", 5, &hits, &err), 0);
    assert_int_equal(hits.count, 5);
    citizen_hits_free(&hits);
    db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whoami_names_the_clerk_and_office),
        cmocka_unit_test(a_role_that_is_not_staff_is_refused),
        cmocka_unit_test(isik_finds_every_spelling_of_isik),
        cmocka_unit_test(yilmas_finds_yilmaz_as_a_typo),
        cmocka_unit_test(bad_query_text_never_reaches_the_database),
        cmocka_unit_test(identity_lookup_and_open_write_the_access_log),
        cmocka_unit_test(a_citizen_with_applications_lists_them),
        cmocka_unit_test(an_unknown_citizen_is_not_found),
        cmocka_unit_test(the_lookup_limit_and_purpose_are_said_in_words),
        cmocka_unit_test(database_refusals_become_plain_messages),
        cmocka_unit_test(a_lost_connection_is_reported_and_recovered),
    };
    return cmocka_run_group_tests_name("citizen_db", tests, NULL, NULL);
}
