/* What the terminal sends, as gise's own keys (i18n/text/action.h),
 * whatever TERM says: the curses→gise key mapping and the escape sequences
 * gise knows itself (xterm, VT220, rxvt, the linux console). */
#ifndef GISE_SCREENS_KEYS_H
#define GISE_SCREENS_KEYS_H

#include <stdbool.h>
#include <stddef.h>

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

/* Pasted text (bracketed paste): the terminal marks it with ESC [ 200 ~
 * and ESC [ 201 ~, taught to curses as keys, so a paste arrives as one
 * key, GK_PASTE, and is never typing: a pasted line break presses no
 * Enter. The text is as pasted, but line breaks (CR, LF, CR LF) are "\n",
 * a key curses decoded from a pasted escape code is an Esc byte and a
 * character that is no UTF-8 a byte 0xFF, so that whoever takes it
 * refuses it as typing would (field.h). */
enum { PASTE_MAX_BYTES = 1 << 16 };
struct paste {
    const char *text;       /* what was kept of it, NUL-terminated (a NUL
                               pasted inside stays: use len) */
    size_t len;
    size_t chars;           /* characters pasted, kept or not */
    bool whole;             /* false: more than PASTE_MAX_BYTES came; text is its start */
};

/* The last paste read (GK_PASTE), until the next one. Borrowed. */
const struct paste *keys_paste(void);

/* Asks the terminal to mark pastes (on) or to stop (off: before gise
 * leaves the terminal to anything else, at the end, on a suspend, for
 * the unlock command). The terminfo's BE and BD, else xterm's. Written
 * at once, before what curses writes next. */
void keys_paste_mode(bool on);

#endif
