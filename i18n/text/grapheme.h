/* Grapheme-cluster boundaries (what a user sees as one character): "ş",
 * "e" + U+0301, "👍🏽", "🇹🇷", "👨‍👩‍👧". libunistring's u8_grapheme_next misses
 * the emoji and flag rules in version 1.0; u8_grapheme_breaks has them, so
 * every boundary in gise comes from here. */
#ifndef GISE_GRAPHEME_H
#define GISE_GRAPHEME_H

#include <stdbool.h>
#include <stddef.h>

/* The boundaries of one text, segmented once and kept, so that stepping
 * through a long text (a field's layout, a row being fitted) costs one
 * segmentation, not one per step. Zero-initialise; graphemes_forget after
 * every change to the text; graphemes_free at the end. */
struct graphemes {
    char *breaks;        /* breaks[i]: a cluster starts at byte i */
    size_t cap, len;
    bool valid;
};

/* The text changed: the next step segments it again. */
void graphemes_forget(struct graphemes *g);

/* The boundary after byte offset `at` in valid UTF-8 s[0..len) (len when
 * at is in the last cluster), and the one before `at` (0 in the first).
 * When memory runs out they step by code points. */
size_t graphemes_next(struct graphemes *g, const char *s, size_t len, size_t at);
size_t graphemes_prev(struct graphemes *g, const char *s, size_t len, size_t at);

/* Frees what *g holds. */
void graphemes_free(struct graphemes *g);

/* One step in a text that is stepped through once (segments it each
 * call: use struct graphemes for more). */
size_t grapheme_next(const char *s, size_t len, size_t at);
size_t grapheme_prev(const char *s, size_t len, size_t at);

/* Display columns of valid UTF-8 s[0..len): libunistring's widths, and
 * one for each line break, which a field shows as a mark (a multiline
 * field's text is the only text drawn with line breaks in it). */
size_t marked_width(const char *s, size_t len);

/* The end of the longest start of valid UTF-8 s[0..len) made of whole
 * clusters within `cols` display columns (marked_width); *used gets its
 * width. Segments the text once. */
size_t grapheme_fit(const char *s, size_t len, int cols, int *used);

#endif
