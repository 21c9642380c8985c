/* What a trace may keep of the words on screen when personal data was not
 * asked for (gise.conf(5): trace, trace_personal): the program's own words,
 * never what they quote. A message is the program's sentence with
 * arguments; its string arguments (names, typed text, comments) are
 * withheld as "…", and an identity number anywhere is masked as the lists
 * show it (123******90). */
#ifndef GISE_WITHHOLD_H
#define GISE_WITHHOLD_H

#include <stddef.h>

/* The mark that stands for what was withheld. */
#define WITHHELD "\xE2\x80\xA6"

/* A copy of the printf format `fmt` in which every string conversion
 * prints WITHHELD instead of its argument (it still takes the argument, so
 * the same va_list fits). A format that is one "%s" is kept: a whole
 * sentence passed that way is the program's own (session.h says so to its
 * callers). A format with '*' or '$' in a string conversion becomes
 * WITHHELD whole. Returns a string the caller frees, or NULL when out of
 * memory. */
char *withhold_format(const char *fmt);

/* A value from the screen as a trace may keep it, written into out: ""
 * stays "", an identity number is masked, anything else is WITHHELD. */
void withhold_value(const char *value, char *out, size_t size);

#endif
