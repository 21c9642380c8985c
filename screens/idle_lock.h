/* The idle lock as the person at the terminal meets it (DESIGN.md,
 * Accessibility 10): the warning on the status row, the key that extends
 * the session, the lock screen that hides everything while keeping it, and
 * the way back in. The timing is app/idle.c; the drawing screens/lock.c. */
#ifndef GISE_LOCK_H
#define GISE_LOCK_H

#include <stdbool.h>

#include "i18n/text/action.h"
#include "screens/widgets/field.h"

struct app;

struct lock {
    struct field name;              /* the login name typed on the lock screen */
    char message[300];              /* the status row: the warning, or the lock screen's answer */
    bool message_error;
    unsigned long pushed_before;    /* status messages pushed before the warning or lock */
    const char *command;            /* GISE_UNLOCK_COMMAND, or NULL */
};

/* Starts the idle clock with app->session->lock_after_ms and reads
 * GISE_UNLOCK_COMMAND. Returns 0, or -1 when memory runs out (nothing to
 * release then). Release with lock_stop. */
int lock_start(struct app *app);

/* Frees what lock_start took. */
void lock_stop(struct app *app);

/* Every key passes here first. False: an ordinary key, which acts (the
 * idle clock starts again). True: the key was used up, because it ended a
 * warning ("Still signed in.") or because the session is locked and the
 * key belongs to the lock screen. */
bool lock_take_key(struct app *app, struct key key);

/* Milliseconds until the next warning or the lock; -1 when none is due. */
int lock_next_timeout(const struct app *app);

/* Shows the warning or locks when it is due. */
void lock_timers(struct app *app);

/* True while the lock screen hides the session. */
bool lock_locked(const struct app *app);

/* True while the warning is on the status row. */
bool lock_warned(const struct app *app);

/* What the status row shows instead of the newest message while warned
 * or locked (the warning, the lock screen's answer, or ""); NULL
 * otherwise. Owned by app->lock. */
const char *lock_status(const struct app *app);

#endif
