/* The connection as the rest of gise sees it (db/db.c), against the real
 * PostgreSQL the harness started: the server's notices are kept, not
 * dropped; the session's statement timeout is really set; a refusal
 * arrives as facts (SQLSTATE, constraint, details) that a front end words
 * with its own keys; the powers come from the database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/core/explain.h"
#include "db/query.h"
#include "db/staff.h"
#include "tests/db/support.h"

static void server_notices_are_kept_in_order(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk1");
    struct db_error err;
    char notice[300];
    assert_false(db_take_notice(db, notice, sizeof notice));
    assert_int_equal(db_query(db, "DO $$ BEGIN RAISE NOTICE 'first'; RAISE WARNING 'second'; END $$",
                              0, NULL, NULL, &err), 0);
    assert_true(db_take_notice(db, notice, sizeof notice));
    assert_non_null(strstr(notice, "NOTICE:"));
    assert_non_null(strstr(notice, "first"));
    assert_true(db_take_notice(db, notice, sizeof notice));
    assert_non_null(strstr(notice, "second"));
    assert_false(db_take_notice(db, notice, sizeof notice));
    db_free(db);
}

static void the_statement_timeout_is_set(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk1");
    PGresult *res;
    struct db_error err;
    assert_int_equal(db_query(db, "SHOW statement_timeout", 0, NULL, &res, &err), 0);
    assert_string_equal(PQgetvalue(res, 0, 0), "30s");
    PQclear(res);
    db_free(db);
}

/* The front end's key words land in the sentence; the database layer
 * wrote none of them. */
static void press(enum action action, char *out, size_t size)
{
    snprintf(out, size, "PRESS<%s>", action_name(action));
}

static void type(enum action action, char *out, size_t size)
{
    snprintf(out, size, "TYPE<%s>", action_line_word(action) ? action_line_word(action) : "?");
}

static void a_lost_connection_is_worded_by_each_front_end(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk1");
    struct db_error err;
    char pid[16];
    PGresult *res;
    assert_int_equal(db_query(db, "SELECT pg_backend_pid()", 0, NULL, &res, &err), 0);
    snprintf(pid, sizeof pid, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    struct db *super = connect_as(getenv("GISE_TEST_SUPERUSER"));
    const char *params[] = {pid};
    assert_int_equal(db_query(super, "SELECT pg_terminate_backend($1::int)", 1, params, NULL, &err), 0);
    db_free(super);
    assert_int_equal(db_query(db, "SELECT 1", 0, NULL, NULL, &err), -1);
    assert_int_equal(err.kind, DB_CONNECTION_LOST);
    char screen[700], line[700];
    const struct front_words screen_words = {press}, line_words = {type};
    explain_db_error(&err, &screen_words, screen, sizeof screen);
    explain_db_error(&err, &line_words, line, sizeof line);
    assert_non_null(strstr(screen, "PRESS<refresh>"));
    assert_non_null(strstr(line, "TYPE<r>"));
    assert_null(strstr(screen, "F5"));
    db_free(db);
}

static void a_refusal_carries_its_facts(void **state)
{
    (void)state;
    struct db *db = connect_as("ank_clerk1");
    struct db_error err;
    /* An unknown application: the lifecycle's GS106, no words from db/. */
    assert_int_equal(db_query(db, "SELECT gise.application_steps(-1)", 0, NULL, NULL, &err), -1);
    assert_string_equal(err.sqlstate, "GS106");
    assert_int_equal(err.reason, DB_R_SERVER);
    assert_string_equal(err.text, "");
    /* A broken rule names its constraint. */
    assert_int_equal(db_query(db, "SELECT 1/0", 0, NULL, NULL, &err), -1);
    assert_string_equal(err.sqlstate, "22012");
    assert_int_equal(err.kind, DB_INVALID_INPUT);
    db_free(db);
}

static void powers_come_from_the_database(void **state)
{
    (void)state;
    static const struct {
        const char *role;
        bool changes, decides, every_office;
    } expected[] = {
        {"ank_clerk1", true, false, false},
        {"ank_supervisor", true, true, false},
        {"ank_auditor", false, false, true},
    };
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        struct db *db = connect_as(expected[i].role);
        struct staff_identity me;
        struct db_error err;
        if (staff_whoami(db, &me, &err) != 0)
            fail_msg("%s: %s", expected[i].role, explain_plain(&err));
        assert_int_equal(me.changes_applications, expected[i].changes);
        assert_int_equal(me.decides_escalations, expected[i].decides);
        assert_int_equal(me.reads_every_office, expected[i].every_office);
        staff_identity_free(&me);
        db_free(db);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(server_notices_are_kept_in_order),
        cmocka_unit_test(the_statement_timeout_is_set),
        cmocka_unit_test(a_lost_connection_is_worded_by_each_front_end),
        cmocka_unit_test(a_refusal_carries_its_facts),
        cmocka_unit_test(powers_come_from_the_database),
    };
    return cmocka_run_group_tests_name("connection", tests, NULL, NULL);
}
