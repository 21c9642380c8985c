/* The idle lock, drawn: the lock screen that replaces every other, and the
 * warning over the status row. What they mean is app/lock.c. */
#ifndef GISE_SCREENS_LOCK_H
#define GISE_SCREENS_LOCK_H

struct app;

/* Draws the lock screen on the erased terminal: its title, how to unlock,
 * the login name field (or, with GISE_UNLOCK_COMMAND, "press Enter") and
 * the lock's own status row, and nothing of the session beneath. Sets the
 * focus. */
void lock_screen_draw(struct app *app);

/* While the warning is due: writes it over the status row (and the key
 * hints above it when it needs two rows) and moves the focus to it, so a
 * screen reader reads it. Does nothing otherwise. */
void lock_warning_draw(struct app *app);

#endif
