/* A database error in words (app/core/explain.c): the facts the database
 * layer reports become one sentence, and a key is named the way the front
 * end in use names it; db/ wrote none of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/text/i18n.h"
#include "app/core/explain.h"

static void press(enum action action, char *out, size_t size)
{
    snprintf(out, size, "Press <%s>", action_name(action));
}

static void type(enum action action, char *out, size_t size)
{
    snprintf(out, size, "Type <%s>", action_line_word(action) ? action_line_word(action) : "#");
}

static const struct front_words screen = {press}, line = {type};

static struct db_error server(const char *state, const char *primary, const char *detail)
{
    struct db_error e;
    db_error_clear(&e);
    e.kind = DB_INVALID_INPUT;
    e.reason = DB_R_SERVER;
    snprintf(e.sqlstate, sizeof e.sqlstate, "%s", state);
    snprintf(e.primary, sizeof e.primary, "%s", primary);
    snprintf(e.detail, sizeof e.detail, "%s", detail);
    return e;
}

static void each_front_end_names_its_own_key(void **state)
{
    (void)state;
    char out[700];
    struct db_error e = server("GS101", "not possible in this state", "{\"status\": \"approved\"}");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_string_equal(out, "This is not possible while the application is Approved. Press <refresh> to refresh.");
    explain_db_error(&e, &line, out, sizeof out);
    assert_string_equal(out, "This is not possible while the application is Approved. Type <r> to refresh.");
    db_error_reason(&e, DB_CONNECTION_LOST, DB_R_CONNECTION_LOST);
    explain_db_error(&e, &line, out, sizeof out);
    assert_non_null(strstr(out, "Type <r> to reconnect"));
    e = server("GS103", "approving a high risk service needs a supervisor: escalate the application", "");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_non_null(strstr(out, "Press <actions> and escalate"));
}

static void the_facts_reach_the_sentence(void **state)
{
    (void)state;
    char out[700];
    struct db_error e = server("GS102", "changed", "{\"who\": \"Ay\\u015fe Kaya\", \"at\": \"2026-11-23T10:41:07+03:00\"}");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_non_null(strstr(out, "Ayşe Kaya changed this application at 2026-11-23 10:41."));
    e = server("GS105", "bad deadline", "{\"earliest\": \"2026-12-17\", \"latest\": \"2026-12-31\", \"reason\": \"half_day_eve\"}");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_non_null(strstr(out, "half-day eve"));
    assert_non_null(strstr(out, "2026-12-17 to 2026-12-31"));
    e = server("GS105", "bad deadline", "{\"earliest\": \"2026-12-17\", \"latest\": \"2026-12-31\", \"reason\": \"range\"}");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_null(strstr(out, "half-day eve"));
    e = server("GS109", "no calendar", "{\"year\": \"2029\"}");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_non_null(strstr(out, "No public holiday calendar is loaded for 2029"));
    e = server("GS170", "query is longer than 200 characters", "{\"field\" : \"query\", \"max\" : \"200\"}");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_string_equal(out, "The database refused an input as too large (query: at most 200).");
    e = server("GS171", "letters are written by the database, not sent by the client", "");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_non_null(strstr(out, "Letters are written by the database"));
    /* The waivers an escalation names (0016, 0020): each refusal says the field and the fix. */
    e = server("GS104", "an exception names the approval rules it waives", "{\"waivable\" : [\"documents_checked\"]}");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_string_equal(out, "Waives: an exception names at least one rule it waives. Choose one.");
    e = server("GS104", "an escalation waives only waivable approval rules", "");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_string_equal(out, "Waives: that rule cannot be waived. Choose from the rules offered.");
    e = server("GS104", "every mandatory document must be received and checked before approval", "");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_string_equal(out, "Every mandatory document must be received and checked before approval.");
    e = server("23514", "check", "");
    snprintf(e.constraint, sizeof e.constraint, "citizen_phone_format");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_string_equal(out, "Phone number may contain digits, spaces and a leading + only.");
    e = server("XX000", "something new", "");
    explain_db_error(&e, &screen, out, sizeof out);
    assert_string_equal(out, "The database reported an error (XX000): something new");
}

int main(void)
{
    i18n_init("en");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_front_end_names_its_own_key),
        cmocka_unit_test(the_facts_reach_the_sentence),
    };
    return cmocka_run_group_tests_name("explain", tests, NULL, NULL);
}
