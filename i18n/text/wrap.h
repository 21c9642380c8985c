/* Text that does not fit one row, written over several: the F12 history,
 * the lock screen. */
#ifndef GISE_WRAP_H
#define GISE_WRAP_H

#include <stddef.h>

/* Splits one paragraph of display-safe UTF-8 (sanitize_for_display's
 * output, which has no line breaks; or a multiline field's text, whose
 * line breaks end lines, an empty one too) into lines of at most `width` display
 * columns: at the line-break opportunities of UAX #14, a word wider than
 * the line cut between two graphemes, blanks at the ends of lines dropped.
 * Calls line(ctx, start, len) for each line in order, with pointers into
 * `utf8`, and returns how many there were (0 for blank text). When memory
 * runs out the whole text is one line (drawing cuts it with "…"). */
size_t text_wrap(const char *utf8, int width,
                 void (*line)(void *ctx, const char *start, size_t len), void *ctx);

#endif
