#include "i18n/text/text_check.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
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

enum text_problem text_scan(const char *s, size_t len, enum text_kind kind, size_t *offset,
                            uint32_t *c)
{
    const uint8_t *in = (const uint8_t *)s;
    const uint8_t *bad = u8_check(in, len);
    size_t end = bad ? (size_t)(bad - in) : len;
    for (size_t i = 0; i < end;) {
        ucs4_t u;
        int n = u8_mbtouc(&u, in + i, end - i);
        if (!text_char_allowed(u, kind)) {
            if (offset)
                *offset = i;
            if (c)
                *c = u;
            return is_bidi_control(u) ? TEXT_BIDI : TEXT_CONTROL;
        }
        i += (size_t)n;
    }
    if (!bad)
        return TEXT_OK;
    if (offset)
        *offset = end;
    if (c)
        *c = 0;
    return TEXT_INVALID_UTF8;
}

char *text_fault_name(enum text_problem problem, uint32_t c, const char *s, size_t offset, char *buf,
                      size_t size)
{
    /* Characters, as the clerk counts them: the first one is 1. */
    size_t at = u8_mbsnlen((const uint8_t *)s, offset) + 1;
    if (problem == TEXT_INVALID_UTF8)
        snprintf(buf, size, _("bytes that are not UTF-8 text at byte %zu"), offset + 1);
    else if (problem == TEXT_BIDI)
        snprintf(buf, size, _("an invisible text-direction character (U+%04X) at character %zu"),
                 (unsigned)c, at);
    else if (c == 0)
        snprintf(buf, size, _("a NUL byte (a zero byte, which ends text) at character %zu"), at);
    else if (c == 0x1B)
        snprintf(buf, size, _("an escape code (Esc, U+001B, a control character) at character %zu"), at);
    else if (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)
        snprintf(buf, size, _("a line break at character %zu"), at);
    else if (c == '\t')
        snprintf(buf, size, _("a tab at character %zu"), at);
    else
        snprintf(buf, size, _("the control character U+%04X at character %zu"), (unsigned)c, at);
    return buf;
}

char *text_prepare(const char *s, size_t len, enum text_kind kind, size_t max_chars,
                   enum text_problem *problem, size_t *offset)
{
    const uint8_t *in = (const uint8_t *)s;
    *problem = text_scan(s, len, kind, offset, NULL);
    if (*problem != TEXT_OK)
        return NULL;
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
