#include "i18n/text/wrap.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uniwidth.h>

/* Skips the blanks a row starts with, but never a blank that carries a
 * combining mark: that cluster is text, and a row must not start inside it. */
static size_t skip_blanks(const char *s, size_t at, size_t len)
{
    const uint8_t *u = (const uint8_t *)s;
    while (at < len && s[at] == ' ' && u8_grapheme_next(u + at, u + len) == u + at + 1)
        at++;
    return at;
}

/* Where a row from start to end ends once its trailing blanks are dropped:
 * only blanks that are clusters of their own (a prepended mark makes one
 * text with the blank after it). */
static size_t trim_blanks(const char *s, size_t start, size_t end)
{
    const uint8_t *u = (const uint8_t *)s;
    while (end > start && s[end - 1] == ' ' && u8_grapheme_prev(u + end, u + start) == u + end - 1)
        end--;
    return end;
}

static size_t emit(const char *s, size_t start, size_t end,
                   void (*line)(void *ctx, const char *start, size_t len), void *ctx)
{
    end = trim_blanks(s, start, end);
    if (end == start)
        return 0;
    line(ctx, s + start, end - start);
    return 1;
}

size_t text_wrap(const char *utf8, int width,
                 void (*line)(void *ctx, const char *start, size_t len), void *ctx)
{
    const uint8_t *s = (const uint8_t *)utf8;
    size_t len = strlen(utf8);
    char *breaks = malloc(len ? len : 1), *graphemes = malloc(len ? len : 1);
    if (!breaks || !graphemes || width < 1) {
        free(breaks);
        free(graphemes);
        return emit(utf8, skip_blanks(utf8, 0, len), len, line, ctx);
    }
    u8_possible_linebreaks(s, len, "UTF-8", breaks);
    u8_grapheme_breaks(s, len, graphemes);

    size_t lines = 0, start = skip_blanks(utf8, 0, len), last_break = 0;
    int cols = 0;
    for (size_t i = start; i < len;) {
        if (utf8[i] == '\n') {
            /* A line break (a multiline field's): the line ends here, even
             * an empty one, which is the gap between two paragraphs. */
            size_t end = trim_blanks(utf8, start, i);
            line(ctx, utf8 + start, end - start);
            lines++;
            start = i = skip_blanks(utf8, i + 1, len);
            last_break = 0;
            cols = 0;
            continue;
        }
        size_t next = i + 1;
        while (next < len && !graphemes[next])
            next++;
        if (i > start && breaks[i] != UC_BREAK_PROHIBITED && breaks[i] != UC_BREAK_UNDEFINED)
            last_break = i;
        int w = u8_width(s + i, next - i, "UTF-8");
        if (cols + w > width && i > start) {
            /* At the last opportunity on this line, else mid-word. */
            size_t end = last_break > start ? last_break : i;
            lines += emit(utf8, start, end, line, ctx);
            start = i = skip_blanks(utf8, end, len);
            last_break = 0;
            cols = 0;
            continue;
        }
        cols += w;
        i = next;
    }
    lines += emit(utf8, start, len, line, ctx);
    free(breaks);
    free(graphemes);
    return lines;
}
