#include "app/base/grapheme.h"

#include <stdint.h>
#include <stdlib.h>
#include <unigbrk.h>

/* Breaks for the whole text: fields and cells are short, and a correct
 * answer beats a clever one here. Falls back to code points if memory runs
 * out. */
static char *breaks_of(const char *s, size_t len)
{
    char *p = malloc(len ? len : 1);
    if (p)
        u8_grapheme_breaks((const uint8_t *)s, len, p);
    return p;
}

static int is_lead_byte(const char *s, size_t i)
{
    return ((unsigned char)s[i] & 0xC0) != 0x80;
}

size_t grapheme_next(const char *s, size_t len, size_t at)
{
    if (at >= len)
        return len;
    char *p = breaks_of(s, len);
    size_t i = at + 1;
    while (i < len && !(p ? p[i] : is_lead_byte(s, i)))
        i++;
    free(p);
    return i;
}

size_t grapheme_prev(const char *s, size_t len, size_t at)
{
    if (at == 0)
        return 0;
    char *p = breaks_of(s, len);
    size_t i = at - 1;
    while (i > 0 && !(p ? p[i] : is_lead_byte(s, i)))
        i--;
    free(p);
    return i;
}
