/* Words and formats for codes the database stores: dates per language,
 * state and role names, and the masked identity number of lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/text/labels.h"
#include "i18n/text/national_id.h"

static void assert_date(const char *lang, const char *iso, const char *expected)
{
    char out[32];
    memset(out, '#', sizeof out);
    format_date(lang, iso, out, sizeof out);
    assert_string_equal(out, expected);
}

static void turkish_dates_use_dots(void **state)
{
    (void)state;
    assert_date("tr", "2026-11-23", "23.11.2026");
    assert_date("tr", "2026-01-05", "05.01.2026");
    assert_date("tr", "2026-11-23 10:00:00+03", "23.11.2026");
    assert_date("tr", "2026-11-23T10:00:00Z", "23.11.2026");
}

static void english_dates_use_slashes_day_first(void **state)
{
    (void)state;
    assert_date("en", "2026-11-23 10:00:00+03", "23/11/2026");
    assert_date("en", "2026-11-23", "23/11/2026");
    assert_date("en", "1999-02-03", "03/02/1999");
}

static void unknown_language_falls_back_to_turkish(void **state)
{
    (void)state;
    assert_date(NULL, "2026-11-23", "23.11.2026");
    assert_date("de", "2026-11-23", "23.11.2026");
}

static void missing_or_garbage_dates_show_a_dash(void **state)
{
    (void)state;
    assert_date("tr", NULL, "-");
    assert_date("en", NULL, "-");
    assert_date("tr", "", "-");
    assert_date("en", "garbage", "-");
    assert_date("tr", "not a date", "-");
    assert_date("tr", "23.11.2026", "-");
    assert_date("en", "2026/11/23", "-");
    assert_date("tr", "2026-11", "-");
    assert_date("tr", "2026", "-");
    assert_date("en", "-", "-");
}

static void date_fits_an_exact_buffer(void **state)
{
    (void)state;
    char out[11];                                /* "23.11.2026" and the NUL */
    format_date("tr", "2026-11-23", out, sizeof out);
    assert_string_equal(out, "23.11.2026");
    char tiny[4];
    format_date("en", "2026-11-23", tiny, sizeof tiny);
    assert_int_equal(strlen(tiny), sizeof tiny - 1);   /* cut, still terminated */
    assert_memory_equal(tiny, "23/", 3);
}

static void application_states_have_labels(void **state)
{
    (void)state;
    static const char *const codes[] = {
        "received", "in_review", "awaiting_documents", "lapsed", "escalated",
        "approved", "rejected", "completed", "withdrawn",
    };
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        const char *label = status_label(codes[i]);
        assert_non_null(label);
        assert_true(label[0] != '\0');
    }
    assert_string_not_equal(status_label("in_review"), "in_review");
}

static void roles_have_labels(void **state)
{
    (void)state;
    static const char *const codes[] = {"clerk", "supervisor", "auditor", "admin"};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        const char *label = role_label(codes[i]);
        assert_non_null(label);
        assert_true(label[0] != '\0');
    }
    assert_string_not_equal(role_label("admin"), "admin");
}

static void unknown_codes_are_returned_as_they_are(void **state)
{
    (void)state;
    assert_string_equal(status_label("on_hold"), "on_hold");
    assert_string_equal(status_label(""), "");
    assert_string_equal(role_label("janitor"), "janitor");
    assert_string_equal(role_label(""), "");
    assert_non_null(status_label(NULL));
    assert_non_null(role_label(NULL));
}

static void national_id_is_masked_for_lists(void **state)
{
    (void)state;
    assert_int_equal(national_id_check("12345678950", 11), NATIONAL_ID_OK);
    char out[12];
    memset(out, '#', sizeof out);
    national_id_mask("12345678950", out);
    assert_string_equal(out, "123******50");
    assert_int_equal(strlen(out), 11);

    char full[12];
    assert_int_equal(national_id_complete("100000001", full), 0);
    national_id_mask(full, out);
    assert_memory_equal(out, "100******", 9);
    assert_memory_equal(out + 9, full + 9, 3);   /* check digits and the NUL */
}


static void waiting_times_use_two_units_at_most(void **state)
{
    (void)state;
    char out[32];
    format_waiting(0, out, sizeof out);
    assert_string_equal(out, "under a minute");
    format_waiting(59, out, sizeof out);
    assert_string_equal(out, "under a minute");
    format_waiting(-5, out, sizeof out);
    assert_string_equal(out, "under a minute");
    format_waiting(7 * 60 + 59, out, sizeof out);
    assert_string_equal(out, "7 min");
    format_waiting(2 * 3600 + 5 * 60, out, sizeof out);
    assert_string_equal(out, "2 h 5 min");
    format_waiting(3 * 86400 + 4 * 3600 + 59 * 60, out, sizeof out);
    assert_string_equal(out, "3 d 4 h");
    format_waiting(400LL * 86400, out, sizeof out);
    assert_string_equal(out, "400 d 0 h");
    format_waiting(3 * 86400, out, 4);   /* cut, still terminated */
    assert_int_equal(strlen(out), 3);
}

static void requested_outcomes_have_labels(void **state)
{
    (void)state;
    assert_string_equal(outcome_label("approve"), "approval");
    assert_string_equal(outcome_label("reject"), "rejection");
    assert_string_equal(outcome_label("exception"), "an exception to the rules");
    assert_string_equal(outcome_label("other"), "other");
    assert_string_equal(outcome_label(NULL), "");
}

static void impossible_dates_are_not_formatted(void **state)
{
    (void)state;
    char out[16];
    format_date("tr", "2026-13-45", out, sizeof out);
    assert_string_equal(out, "-");
    format_date("en", "0000-00-00", out, sizeof out);
    assert_string_equal(out, "-");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(impossible_dates_are_not_formatted),
        cmocka_unit_test(waiting_times_use_two_units_at_most),
        cmocka_unit_test(requested_outcomes_have_labels),
        cmocka_unit_test(turkish_dates_use_dots),
        cmocka_unit_test(english_dates_use_slashes_day_first),
        cmocka_unit_test(unknown_language_falls_back_to_turkish),
        cmocka_unit_test(missing_or_garbage_dates_show_a_dash),
        cmocka_unit_test(date_fits_an_exact_buffer),
        cmocka_unit_test(application_states_have_labels),
        cmocka_unit_test(roles_have_labels),
        cmocka_unit_test(unknown_codes_are_returned_as_they_are),
        cmocka_unit_test(national_id_is_masked_for_lists),
    };
    return cmocka_run_group_tests_name("labels", tests, NULL, NULL);
}
