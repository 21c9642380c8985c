#include "i18n/text/grapheme.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <uniwidth.h>

static bool is_lead_byte(const char *s, size_t i)
{
    return ((unsigned char)s[i] & 0xC0) != 0x80;
}

void graphemes_forget(struct graphemes *g)
{
    g->valid = false;
}

/* Segments s once per change; false when memory ran out. */
static bool segmented(struct graphemes *g, const char *s, size_t len)
{
    if (g->valid && g->len == len)
        return true;
    if (len + 1 > g->cap) {
        char *grown = realloc(g->breaks, len + 1);
        if (!grown)
            return false;
        g->breaks = grown;
        g->cap = len + 1;
    }
    u8_grapheme_breaks((const uint8_t *)s, len, g->breaks);
    g->len = len;
    g->valid = true;
    return true;
}

static bool starts_cluster(const struct graphemes *g, bool ok, const char *s, size_t i)
{
    return ok ? g->breaks[i] != 0 : is_lead_byte(s, i);
}

size_t graphemes_next(struct graphemes *g, const char *s, size_t len, size_t at)
{
    if (at >= len)
        return len;
    bool ok = segmented(g, s, len);
    size_t i = at + 1;
    while (i < len && !starts_cluster(g, ok, s, i))
        i++;
    return i;
}

size_t graphemes_prev(struct graphemes *g, const char *s, size_t len, size_t at)
{
    if (at == 0)
        return 0;
    bool ok = segmented(g, s, len);
    size_t i = at - 1;
    while (i > 0 && !starts_cluster(g, ok, s, i))
        i--;
    return i;
}

void graphemes_free(struct graphemes *g)
{
    free(g->breaks);
    *g = (struct graphemes){0};
}

size_t grapheme_next(const char *s, size_t len, size_t at)
{
    struct graphemes g = {0};
    size_t next = graphemes_next(&g, s, len, at);
    graphemes_free(&g);
    return next;
}

size_t grapheme_prev(const char *s, size_t len, size_t at)
{
    struct graphemes g = {0};
    size_t prev = graphemes_prev(&g, s, len, at);
    graphemes_free(&g);
    return prev;
}

size_t marked_width(const char *s, size_t len)
{
    size_t breaks = 0;
    for (const char *p = s; (p = memchr(p, '\n', len - (size_t)(p - s))) != NULL; p++)
        breaks++;
    return (size_t)u8_width((const uint8_t *)s, len, "UTF-8") + breaks;
}

size_t grapheme_fit(const char *s, size_t len, int cols, int *used)
{
    struct graphemes g = {0};
    size_t at = 0;
    *used = 0;
    while (at < len) {
        size_t next = graphemes_next(&g, s, len, at);
        int w = (int)marked_width(s + at, next - at);
        if (*used + w > cols)
            break;
        *used += w;
        at = next;
    }
    graphemes_free(&g);
    return at;
}
