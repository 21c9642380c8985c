#include "i18n/text/national_id.h"

#include <string.h>

#include "i18n/text/i18n.h"

static int check_digit_10(const char *d)
{
    int odd = (d[0] - '0') + (d[2] - '0') + (d[4] - '0') + (d[6] - '0') + (d[8] - '0');
    int even = (d[1] - '0') + (d[3] - '0') + (d[5] - '0') + (d[7] - '0');
    return ((odd * 7 - even) % 10 + 10) % 10;
}

static int check_digit_11(const char *d)
{
    int sum = 0;
    for (int i = 0; i < 10; i++)
        sum += d[i] - '0';
    return sum % 10;
}

enum national_id_status national_id_check(const char *s, size_t len)
{
    if (len != 11)
        return NATIONAL_ID_WRONG_LENGTH;
    for (size_t i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return NATIONAL_ID_NOT_DIGITS;
    if (s[0] == '0')
        return NATIONAL_ID_LEADING_ZERO;
    if (s[9] - '0' != check_digit_10(s) || s[10] - '0' != check_digit_11(s))
        return NATIONAL_ID_BAD_CHECKSUM;
    return NATIONAL_ID_OK;
}

const char *national_id_message(enum national_id_status status)
{
    switch (status) {
    case NATIONAL_ID_OK:
        return _("Identity number is valid.");
    case NATIONAL_ID_WRONG_LENGTH:
        return _("Identity number must have exactly 11 digits. Check the number and type it again.");
    case NATIONAL_ID_NOT_DIGITS:
        return _("Identity number may contain digits only. Remove the other characters.");
    case NATIONAL_ID_LEADING_ZERO:
        return _("Identity number cannot start with 0. Check the first digit.");
    case NATIONAL_ID_BAD_CHECKSUM:
        return _("Identity number is not valid: its check digits do not match. Check for a mistyped digit.");
    }
    return _("Identity number is not valid.");
}

int national_id_complete(const char *first9, char out[12])
{
    if (strlen(first9) != 9 || first9[0] < '1' || first9[0] > '9')
        return -1;
    for (int i = 0; i < 9; i++)
        if (first9[i] < '0' || first9[i] > '9')
            return -1;
    memcpy(out, first9, 9);
    out[9] = (char)('0' + check_digit_10(out));
    out[10] = (char)('0' + check_digit_11(out));
    out[11] = '\0';
    return 0;
}

void national_id_mask(const char *id, char out[12])
{
    memcpy(out, id, 3);
    memset(out + 3, '*', 6);
    memcpy(out + 9, id + 9, 2);
    out[11] = '\0';
}

void national_id_mask_all(char *text)
{
    for (char *p = text; *p;) {
        size_t run = strspn(p, "0123456789");
        if (run == NATIONAL_ID_DIGITS) {
            char masked[12];
            national_id_mask(p, masked);
            memcpy(p, masked, NATIONAL_ID_DIGITS);
        }
        p += run ? run : 1;
    }
}

enum search_kind search_kind_of(const char *text, size_t len)
{
    if (len == 0 || strspn(text, "0123456789") < len)
        return SEARCH_NAME;
    return len < NATIONAL_ID_DIGITS ? SEARCH_ID_PARTIAL : SEARCH_ID;
}
