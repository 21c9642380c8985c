/* What the terminal sends, as gise's own keys (i18n/text/action.h). */
#ifndef GISE_SCREENS_KEYS_H
#define GISE_SCREENS_KEYS_H

#include "i18n/text/action.h"

/* Learns the terminal's codes for the keys curses has no name for (call
 * after initscr). */
void keys_init(void);

/* The key behind one wget_wch result: `rc` is its return value
 * (KEY_CODE_YES for a function key), `wc` what it stored. */
struct key key_from_curses(int rc, wint_t wc);

#endif
