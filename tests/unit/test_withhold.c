/* What a trace keeps without trace_personal: a message's own words with
 * its string arguments withheld, values withheld but identity numbers
 * masked, and every identity number in a text masked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/text/national_id.h"
#include "i18n/text/withhold.h"

/* The format withheld, then used: the arguments still line up. */
static char *say(const char *fmt, ...)
{
    static char out[400];
    char *withheld = withhold_format(fmt);
    assert_non_null(withheld);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, sizeof out, withheld, ap);
    va_end(ap);
    free(withheld);
    return out;
}

static void string_arguments_are_withheld_numbers_kept(void **state)
{
    (void)state;
    assert_string_equal(say("%s %s: %zu applications.", "Ayşe", "Yılmaz", (size_t)3), "… …: 3 applications.");
    assert_string_equal(say("Signed in as %s (%s), %s.", "Ayşe Kaya", "clerk", "Ankara"),
                        "Signed in as … (…), ….");
    assert_string_equal(say("%lld of %lld: %-12s done, 100%%", 2LL, 9LL, "Öztürk"), "2 of 9: … done, 100%");
    assert_string_equal(say("Application %s: %c", "2026-000123", 'x'), "Application …: x");
}

static void a_whole_sentence_is_the_programs_own(void **state)
{
    (void)state;
    assert_string_equal(say("%s", "Type a name or an 11-digit identity number."),
                        "Type a name or an 11-digit identity number.");
}

static void what_cannot_be_followed_is_withheld_whole(void **state)
{
    (void)state;
    assert_string_equal(say("%*s%s", 4, "", "Ayşe"), "…");
    assert_string_equal(say("%.*s", 3, "Ayşe"), "…");
    assert_string_equal(say("%1$s", "Ayşe"), "…");
}

static void values_are_withheld_identity_numbers_masked(void **state)
{
    (void)state;
    char out[64];
    withhold_value("", out, sizeof out);
    assert_string_equal(out, "");
    withhold_value("Ayşe Yılmaz", out, sizeof out);
    assert_string_equal(out, "…");
    withhold_value("10000000146", out, sizeof out);
    assert_string_equal(out, "100******46");
    withhold_value("1000000014", out, sizeof out);     /* not yet a number: typed text */
    assert_string_equal(out, "…");
}

static void every_identity_number_in_a_text_is_masked(void **state)
{
    (void)state;
    char text[] = "ids 10000000146, 75331265732; phone 905321234567 and 1234567890, x18311926988y";
    national_id_mask_all(text);
    assert_string_equal(text, "ids 100******46, 753******32; phone 905321234567 and 1234567890, x183******88y");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(string_arguments_are_withheld_numbers_kept),
        cmocka_unit_test(a_whole_sentence_is_the_programs_own),
        cmocka_unit_test(what_cannot_be_followed_is_withheld_whole),
        cmocka_unit_test(values_are_withheld_identity_numbers_masked),
        cmocka_unit_test(every_identity_number_in_a_text_is_masked),
    };
    return cmocka_run_group_tests_name("withhold", tests, NULL, NULL);
}
