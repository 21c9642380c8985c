/* Grapheme-cluster boundaries (what a user sees as one character): "ş",
 * "e" + U+0301, "👍🏽", "🇹🇷", "👨‍👩‍👧". libunistring's u8_grapheme_next misses
 * the emoji and flag rules in version 1.0; u8_grapheme_breaks has them, so
 * every boundary in gise comes from here. */
#ifndef GISE_GRAPHEME_H
#define GISE_GRAPHEME_H

#include <stddef.h>

/* The boundary after byte offset `at` in valid UTF-8 s[0..len) (len when
 * at is in the last cluster). */
size_t grapheme_next(const char *s, size_t len, size_t at);

/* The boundary before `at` (0 when at is in the first cluster). */
size_t grapheme_prev(const char *s, size_t len, size_t at);

#endif
