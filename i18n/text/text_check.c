#include "i18n/text/text_check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>
#include <unistr.h>

#include "i18n/text/i18n.h"

static bool is_bidi_control(ucs4_t c)
{
    return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069);
}

bool text_char_allowed(uint32_t c, enum text_kind kind)
{
    if (kind == TEXT_NOTE && (c == '\t' || c == '\n' || c == '\r'))
        return true;
    return !(c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
             is_bidi_control(c));
}

static bool is_blank(uint8_t b)
{
    return b == ' ';
}

char *text_prepare(const char *s, size_t len, enum text_kind kind, size_t max_chars,
                   enum text_problem *problem, size_t *offset)
{
    const uint8_t *in = (const uint8_t *)s;
    *problem = TEXT_OK;
    const uint8_t *bad = u8_check(in, len);
    if (bad) {
        *problem = TEXT_INVALID_UTF8;
        if (offset)
            *offset = (size_t)(bad - in);
        return NULL;
    }
    for (size_t i = 0; i < len;) {
        ucs4_t c;
        int n = u8_mbtouc(&c, in + i, len - i);
        if (!text_char_allowed(c, kind)) {
            *problem = is_bidi_control(c) ? TEXT_BIDI : TEXT_CONTROL;
            if (offset)
                *offset = i;
            return NULL;
        }
        i += (size_t)n;
    }
    size_t nfc_len = 0;
    uint8_t *nfc = u8_normalize(UNINORM_NFC, in, len, NULL, &nfc_len);
    if (!nfc && len > 0)
        return NULL;
    size_t start = 0, end = nfc_len;
    if (kind == TEXT_LINE) {
        while (start < end && is_blank(nfc[start]))
            start++;
        while (end > start && is_blank(nfc[end - 1]))
            end--;
        if (start == end) {
            free(nfc);
            *problem = TEXT_EMPTY;
            if (offset)
                *offset = 0;
            return NULL;
        }
    }
    if (u8_mbsnlen(nfc + start, end - start) > max_chars) {
        free(nfc);
        *problem = TEXT_TOO_LONG;
        if (offset)
            *offset = len;
        return NULL;
    }
    char *out = malloc(end - start + 1);
    if (out) {
        if (end > start)
            memcpy(out, nfc + start, end - start);
        out[end - start] = '\0';
    }
    free(nfc);
    return out;
}

const char *text_problem_message(enum text_problem problem)
{
    switch (problem) {
    case TEXT_OK:
        return "";
    case TEXT_INVALID_UTF8:
        return _("contains bytes that are not valid UTF-8 text. Type it again.");
    case TEXT_CONTROL:
        return _("contains a control character. Remove it.");
    case TEXT_BIDI:
        return _("contains an invisible text-direction character. Remove it.");
    case TEXT_EMPTY:
        return _("is required. Type a value.");
    case TEXT_TOO_LONG:
        return _("is too long. Shorten it.");
    }
    return "";
}
