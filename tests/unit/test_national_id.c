/* Identity-number validation, the check-digit generator and masking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/text/national_id.h"

static enum national_id_status check(const char *s)
{
    return national_id_check(s, strlen(s));
}

static void known_valid_numbers_pass(void **state)
{
    (void)state;
    /* 10000000146 is the number the Turkish registry publishes for tests. */
    assert_int_equal(check("10000000146"), NATIONAL_ID_OK);
    assert_int_equal(check("75331265732"), NATIONAL_ID_OK);
    assert_int_equal(check("18311926988"), NATIONAL_ID_OK);
}

static void each_kind_of_mistake_is_named(void **state)
{
    (void)state;
    assert_int_equal(check(""), NATIONAL_ID_WRONG_LENGTH);
    assert_int_equal(check("1000000014"), NATIONAL_ID_WRONG_LENGTH);
    assert_int_equal(check("100000001460"), NATIONAL_ID_WRONG_LENGTH);
    assert_int_equal(check("1000000014a"), NATIONAL_ID_NOT_DIGITS);
    assert_int_equal(check("10000 00146"), NATIONAL_ID_NOT_DIGITS);
    assert_int_equal(check("01234567890"), NATIONAL_ID_LEADING_ZERO);
    assert_int_equal(check("10000000147"), NATIONAL_ID_BAD_CHECKSUM);   /* digit 11 */
    assert_int_equal(check("10000000156"), NATIONAL_ID_BAD_CHECKSUM);   /* digit 10 */
    assert_int_equal(check("75331265723"), NATIONAL_ID_BAD_CHECKSUM);   /* swapped */
}

static void a_single_wrong_digit_is_always_caught(void **state)
{
    (void)state;
    /* Digit 11 is the sum of the first ten mod 10, so changing any one of
     * them (or digit 11 itself) breaks it: test every position, every value. */
    const char *valid = "75331265732";
    for (int pos = 0; pos < 11; pos++) {
        for (char d = '0'; d <= '9'; d++) {
            char copy[12];
            memcpy(copy, valid, 12);
            if (copy[pos] == d)
                continue;
            copy[pos] = d;
            assert_int_not_equal(check(copy), NATIONAL_ID_OK);
        }
    }
}

static void completion_produces_valid_numbers(void **state)
{
    (void)state;
    char out[12];
    assert_int_equal(national_id_complete("100000001", out), 0);
    assert_string_equal(out, "10000000146");
    for (unsigned long n = 100000000; n < 999999999; n += 7654321) {
        char first9[10];
        snprintf(first9, sizeof first9, "%09lu", n);
        assert_int_equal(national_id_complete(first9, out), 0);
        assert_int_equal(check(out), NATIONAL_ID_OK);
    }
    assert_int_equal(national_id_complete("012345678", out), -1);
    assert_int_equal(national_id_complete("12345678", out), -1);
    assert_int_equal(national_id_complete("12345678x", out), -1);
}

static void masking_keeps_three_and_two(void **state)
{
    (void)state;
    char out[12];
    national_id_mask("12345678950", out);
    assert_string_equal(out, "123******50");
}

/* Both front ends take a search text the same way: only digits are an
 * identity number (line mode once took 5 digits for one, the screen 11). */
static void digits_are_an_identity_number_whatever_the_front_end(void **state)
{
    (void)state;
    assert_int_equal(search_kind_of("", 0), SEARCH_NAME);
    assert_int_equal(search_kind_of("isik", 4), SEARCH_NAME);
    assert_int_equal(search_kind_of("1234a", 5), SEARCH_NAME);
    assert_int_equal(search_kind_of("12345", 5), SEARCH_ID_PARTIAL);
    assert_int_equal(search_kind_of("1234567890", 10), SEARCH_ID_PARTIAL);
    assert_int_equal(search_kind_of("12345678950", 11), SEARCH_ID);
    assert_int_equal(search_kind_of("123456789501", 12), SEARCH_ID);   /* checked, then refused */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_valid_numbers_pass),
        cmocka_unit_test(each_kind_of_mistake_is_named),
        cmocka_unit_test(a_single_wrong_digit_is_always_caught),
        cmocka_unit_test(completion_produces_valid_numbers),
        cmocka_unit_test(masking_keeps_three_and_two),
        cmocka_unit_test(digits_are_an_identity_number_whatever_the_front_end),
    };
    return cmocka_run_group_tests_name("national_id", tests, NULL, NULL);
}
