#include "i18n/text/sanitize.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unictype.h>
#include <unistr.h>

static bool needs_tag(ucs4_t c)
{
    /* Format characters (Cf) include the bidi controls, zero-width joiners
     * and the BOM; Zl/Zp break lines. ZWJ (U+200D) stays: emoji need it. */
    if (c == 0x200D)
        return false;
    return uc_is_general_category(c, UC_FORMAT) || c == 0x2028 || c == 0x2029;
}

char *sanitize_for_display(const char *s, size_t len)
{
    const uint8_t *in = (const uint8_t *)s;
    /* Worst case 4 bytes out per byte in: a 2-byte format character
     * (U+00AD) becomes the 8-byte tag "<U+00AD>". */
    uint8_t *out = malloc(len * 4 + 16);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        ucs4_t c;
        int n = u8_mbtoucr(&c, in + i, len - i);
        if (n < 0) {           /* invalid or truncated sequence: one byte */
            c = 0xFFFD;
            n = 1;
        } else if (c < 0x20) {
            c = 0x2400 + c;    /* SYMBOL FOR NULL ... SYMBOL FOR UNIT SEPARATOR */
        } else if (c == 0x7F) {
            c = 0x2421;
        } else if (c >= 0x80 && c <= 0x9F) {
            c = 0xFFFD;
        } else if (needs_tag(c)) {
            o += (size_t)sprintf((char *)out + o, "<U+%04X>", (unsigned)c);
            i += (size_t)n;
            continue;
        }
        o += (size_t)u8_uctomb(out + o, c, 6);
        i += (size_t)n;
    }
    out[o] = '\0';
    return (char *)out;
}
