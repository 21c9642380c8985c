/* The sanitiser (i18n/text/sanitize.c) on any bytes: what it returns is
 * valid UTF-8 holding nothing a terminal acts on, every input character
 * keeps its place (safe ones unchanged, the rest as the visible stand-in
 * sanitize.h names), and sanitising twice changes nothing more. */
#include "tests/fuzz/fuzz.h"

#include <stdbool.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "i18n/text/sanitize.h"

/* What must not reach a terminal as itself, by Unicode's categories rather
 * than the sanitiser's own ranges: controls (C0, DEL, C1), invisible format
 * characters but the joiner emoji need, line and paragraph separators. */
static bool unsafe(ucs4_t c)
{
    if (c == 0x200D)
        return false;
    return uc_is_general_category(c, UC_CONTROL) || uc_is_general_category(c, UC_FORMAT) ||
           uc_is_general_category(c, UC_LINE_SEPARATOR) || uc_is_general_category(c, UC_PARAGRAPH_SEPARATOR);
}

/* The stand-in sanitize.h promises for an unsafe character, as UTF-8. */
static size_t stand_in(ucs4_t c, uint8_t *buf, size_t size)
{
    if (c < 0x20 || c == 0x7F)
        return (size_t)u8_uctomb(buf, c == 0x7F ? 0x2421 : 0x2400 + c, (int)size);
    if (c >= 0x80 && c <= 0x9F)
        return (size_t)u8_uctomb(buf, 0xFFFD, (int)size);
    return (size_t)snprintf((char *)buf, size, "<U+%04X>", (unsigned)c);
}

/* Walks the input and the output side by side: each input character (or
 * invalid byte) must be at its place in the output, in order, and the
 * output must hold nothing else. */
static void same_story(const uint8_t *in, size_t len, const uint8_t *out, size_t out_len)
{
    size_t i = 0, o = 0;
    while (i < len) {
        ucs4_t c;
        uint8_t want[16];
        size_t want_len;
        int n = u8_mbtoucr(&c, in + i, len - i);
        if (n < 0) {
            want_len = (size_t)u8_uctomb(want, 0xFFFD, sizeof want);
            n = 1;
        } else if (unsafe(c)) {
            want_len = stand_in(c, want, sizeof want);
        } else {
            memcpy(want, in + i, (size_t)n);
            want_len = (size_t)n;
        }
        FUZZ_REQUIRE(out_len - o >= want_len && memcmp(out + o, want, want_len) == 0,
                     "each input character keeps its place: itself if safe, else its stand-in");
        i += (size_t)n;
        o += want_len;
    }
    FUZZ_REQUIRE(o == out_len, "nothing is added after the last input character");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *safe = sanitize_for_display((const char *)data, size);
    FUZZ_REQUIRE(safe != NULL, "NULL only when memory runs out");
    size_t len = strlen(safe);
    const uint8_t *s = (const uint8_t *)safe;

    FUZZ_REQUIRE(u8_check(s, len) == NULL, "the result is valid UTF-8");
    for (size_t i = 0; i < len;) {
        ucs4_t c;
        i += (size_t)u8_mbtouc(&c, s + i, len - i);
        FUZZ_REQUIRE(!unsafe(c), "no control, format or separator character reaches the terminal");
    }
    same_story(data, size, s, len);

    char *again = sanitize_for_display(safe, len);
    FUZZ_REQUIRE(again != NULL && strcmp(again, safe) == 0, "sanitised text passes a second time unchanged");
    free(again);
    free(safe);
    return 0;
}
