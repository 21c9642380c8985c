/* When an idle session warns and locks (DESIGN.md, Accessibility 10): the
 * clock only, no terminal and no drawing, so every rule can be tested with
 * made-up times. The caller passes the monotonic clock (monotonic_ms). */
#ifndef GISE_IDLE_H
#define GISE_IDLE_H

#include <stdbool.h>

enum {
    IDLE_DEFAULT_MS = 15 * 60 * 1000,  /* without --lock-after or GISE_LOCK_AFTER */
    IDLE_MAX_MS = 24 * 60 * 60 * 1000, /* longer is a typo; "off" says never */
};

enum idle_state {
    IDLE_ACTIVE,    /* keys come, or will: nothing shown */
    IDLE_WARNED,    /* the warning is on the status row */
    IDLE_LOCKED,    /* the lock screen hides everything */
};

enum idle_event {
    IDLE_NOTHING,
    IDLE_WARN,      /* show (or update) the warning; *seconds_left says when */
    IDLE_LOCK,      /* lock now */
};

enum idle_key {
    IDLE_KEY_ACTS,      /* an ordinary key: the clock starts again, the key acts */
    IDLE_KEY_EXTENDED,  /* the key ended a warning: it is used up, it does not act */
    IDLE_KEY_LOCKED,    /* the session is locked: the key is the lock screen's */
};

struct idle {
    int lock_ms;            /* idle time before the lock; 0: never locks */
    double active_ms;       /* the last key or unlock, monotonic */
    enum idle_state state;
    int announced_ms;       /* while warned: time left at the last announcement */
};

/* Reads a duration: "15m", "90s", "1h", "1m30s", a bare number of seconds,
 * or "0" / "off" (never lock). NULL or "" is the default (15 minutes).
 * Returns 0 and sets *ms, or -1 for anything else (a negative number, an
 * unknown unit, more than 24 hours), leaving *ms alone. */
int idle_parse(const char *text, int *ms);

/* How long before the lock the warning comes: 60 seconds, or half the
 * time when the whole time is a minute or less (only tests use those). */
int idle_lead_ms(int lock_ms);

/* Milliseconds on the monotonic clock. */
double monotonic_ms(void);

/* Starts the clock at `now` with lock_ms (0: never). */
void idle_start(struct idle *idle, int lock_ms, double now);

/* A key arrived at `now`: says what it is for and starts the clock again
 * (not while locked: only idle_unlock ends a lock). */
enum idle_key idle_key(struct idle *idle, double now);

/* The lock screen let the staff member back in: active again from `now`. */
void idle_unlock(struct idle *idle, double now);

/* Milliseconds from `now` until idle_tick has something to do (the event
 * loop's poll timeout); -1 when nothing is due (never locks, or locked). */
int idle_timeout(const struct idle *idle, double now);

/* What is due at `now`: the warning at the lead time, again at 30 and
 * 10 seconds left (when those come after it; never every second, so a
 * screen reader hears a few announcements and nothing else), then the
 * lock. *seconds_left is set for IDLE_WARN (rounded up). */
enum idle_event idle_tick(struct idle *idle, double now, int *seconds_left);

#endif
