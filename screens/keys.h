/* What the terminal sends, as gise's own keys (i18n/text/action.h),
 * whatever TERM says: the curses→gise key mapping and the escape sequences
 * gise knows itself (xterm, VT220, rxvt, the linux console). */
#ifndef GISE_SCREENS_KEYS_H
#define GISE_SCREENS_KEYS_H

#include <stdbool.h>

#include "i18n/text/action.h"

/* Teaches curses the common encodings of the F-keys, cursor keys, Home,
 * End, Shift-Tab and Ctrl-Left/Right that the terminfo of TERM does not
 * map (define_key); what the terminfo maps stays. Call after initscr and
 * keypad. */
void keys_init(void);

/* Reads one key from stdscr, which must be in no-delay mode (and is left
 * so). Returns false when no input is waiting. An Esc followed within the
 * escape delay by `[` or `O` is read as one escape sequence: a known one
 * is its key, any other is GK_UNKNOWN (keys_unknown_name says which), so
 * nothing of it is ever typed and it never goes back. */
bool keys_read(struct key *key);

/* The key behind an escape sequence without its leading Esc ("OP" is F1,
 * "[15~" F5); GK_UNKNOWN when gise does not know it. `sequence` is
 * borrowed. */
struct key keys_decode(const char *sequence);

/* The last key read or decoded as GK_UNKNOWN, in words for the status row
 * ("Esc [ 2 9 ~", or curses' name of a key it knows and gise does not).
 * A static buffer, rewritten by the next unknown key; "" before any. */
const char *keys_unknown_name(void);

#endif
