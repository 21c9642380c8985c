/* The status row's message and the session's message history (F12). */
#ifndef GISE_STATUS_H
#define GISE_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct status_entry {
    time_t at;
    bool error;
    char *text;            /* owned; raw (sanitised when drawn) */
};

struct status {
    struct status_entry *items;
    size_t count, cap;
    unsigned long pushed;  /* messages ever pushed, the dropped oldest included */
    bool showing;          /* the newest message is on the status row */
};

/* Appends a message and shows it until the next key. Errors are written
 * with the translated "Error:" prefix by the caller's format. Out of memory
 * drops the message (the history is a convenience, not a record). */
void status_push(struct status *s, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The message on the status row, or "" when none is showing. */
const char *status_current(const struct status *s);

/* The newest message even when it is no longer showing ("" if none). */
const char *status_last(const struct status *s);

/* A key was pressed: the message leaves the status row (not the history). */
void status_key_pressed(struct status *s);

/* When the message was said, as the history shows it: local wall-clock
 * time, "HH:MM:SS" (9 bytes with the NUL; less room gives ""). */
void status_time(const struct status_entry *e, char *buf, size_t size);

/* Frees every message. */
void status_free(struct status *s);

#endif
