/* Text from the database or the user, made safe to draw. */
#ifndef GISE_SANITIZE_H
#define GISE_SANITIZE_H

#include <stddef.h>

/* Returns a copy of s[0..len) that is safe to send to a terminal: invalid
 * UTF-8 bytes become U+FFFD, C0 controls their visible symbols (ESC shows as
 * U+241B), DEL U+2421, C1 controls U+FFFD, and bidi overrides, isolates,
 * line and paragraph separators and other invisible format characters a
 * visible "<U+202E>" tag. Nothing that reaches the terminal can move the
 * cursor, change colours or reorder text. The caller frees the result;
 * NULL only when memory runs out. */
char *sanitize_for_display(const char *s, size_t len);

#endif
