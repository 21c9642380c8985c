/* The identity-number check (i18n/text/national_id.c) on any bytes: its
 * verdict matches the rule written out again here, the completion makes
 * only numbers the check accepts, every single mistyped digit of a valid
 * number is caught, the mask keeps only the first three and last two
 * digits, and a search text is taken as a number only when it is digits. */
#include "tests/fuzz/fuzz.h"

#include <stdbool.h>
#include <string.h>

#include "i18n/text/national_id.h"

/* The rule, as the population register states it: the tenth digit is
 * (7 x the sum of digits 1,3,5,7,9 + 9 x the sum of digits 2,4,6,8) mod 10,
 * the eleventh the sum of the first ten mod 10; eleven digits, the first
 * not 0. */
static enum national_id_status expected(const char *s, size_t len)
{
    if (len != NATIONAL_ID_DIGITS)
        return NATIONAL_ID_WRONG_LENGTH;
    int d[NATIONAL_ID_DIGITS];
    for (size_t i = 0; i < len; i++) {
        if (!memchr("0123456789", s[i], 10))
            return NATIONAL_ID_NOT_DIGITS;
        d[i] = s[i] - '0';
    }
    if (d[0] == 0)
        return NATIONAL_ID_LEADING_ZERO;
    int tenth = (7 * (d[0] + d[2] + d[4] + d[6] + d[8]) + 9 * (d[1] + d[3] + d[5] + d[7])) % 10;
    int eleventh = 0;
    for (int i = 0; i < 10; i++)
        eleventh += d[i];
    return d[9] == tenth && d[10] == eleventh % 10 ? NATIONAL_ID_OK : NATIONAL_ID_BAD_CHECKSUM;
}

static void valid_number(const char id[12])
{
    FUZZ_REQUIRE(national_id_check(id, NATIONAL_ID_DIGITS) == NATIONAL_ID_OK, "a completed number is valid");
    char again[12];
    FUZZ_REQUIRE(national_id_complete(id, again) == -1, "completion wants nine digits, not eleven");
    char first9[10];
    memcpy(first9, id, 9);
    first9[9] = '\0';
    FUZZ_REQUIRE(national_id_complete(first9, again) == 0 && memcmp(again, id, 12) == 0,
                 "a valid number is the completion of its first nine digits");
    for (int at = 0; at < NATIONAL_ID_DIGITS; at++) {
        char typo[12];
        memcpy(typo, id, 12);
        for (char d = '0'; d <= '9'; d++) {
            if (d == id[at])
                continue;
            typo[at] = d;
            FUZZ_REQUIRE(national_id_check(typo, NATIONAL_ID_DIGITS) != NATIONAL_ID_OK,
                         "one mistyped digit never passes");
        }
    }
    char masked[12];
    national_id_mask(id, masked);
    FUZZ_REQUIRE(strlen(masked) == 11 && memcmp(masked, id, 3) == 0 && memcmp(masked + 3, "******", 6) == 0 &&
                     memcmp(masked + 9, id + 9, 2) == 0,
                 "the mask shows the first three and the last two digits only");
    FUZZ_REQUIRE(search_kind_of(id, NATIONAL_ID_DIGITS) == SEARCH_ID, "eleven digits are a number to look up");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    enum national_id_status status = national_id_check(s, size);
    FUZZ_REQUIRE(status == expected(s, size), "the verdict follows the rule");
    FUZZ_REQUIRE(national_id_message(status) != NULL && *national_id_message(status),
                 "every verdict has a sentence");
    if (status == NATIONAL_ID_OK) {
        char id[12];
        memcpy(id, s, 11);
        id[11] = '\0';
        valid_number(id);
    }

    /* The input's first nine bytes as the start of a number. */
    char first9[10] = {0}, id[12];
    memcpy(first9, s, size < 9 ? size : 9);
    bool nine_digits = strlen(first9) == 9 && strspn(first9, "0123456789") == 9 && first9[0] != '0';
    int rc = national_id_complete(first9, id);
    FUZZ_REQUIRE(rc == (nine_digits ? 0 : -1), "completion takes nine digits, the first not 0, and nothing else");
    if (rc == 0)
        valid_number(id);

    /* A search text is a field's, NUL-terminated. */
    char *text = strndup(s, size);
    FUZZ_REQUIRE(text != NULL, "memory");
    size_t len = strlen(text);
    bool digits = len > 0 && strspn(text, "0123456789") == len;
    enum search_kind kind = search_kind_of(text, len);
    FUZZ_REQUIRE(kind == (!digits ? SEARCH_NAME : len < NATIONAL_ID_DIGITS ? SEARCH_ID_PARTIAL : SEARCH_ID),
                 "only digits are a number, complete at eleven");
    free(text);
    return 0;
}
