/* The status row's message and the session's message history (F12). */
#ifndef GISE_MESSAGES_H
#define GISE_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct message {
    time_t at;
    bool error;
    char *text;            /* owned; raw (sanitised when drawn) */
    char *withheld;        /* owned: what a trace may keep of it (withhold.h); NULL: nothing */
};

struct messages {
    struct message *items;
    size_t count, cap;
    unsigned long pushed;  /* messages ever pushed, the dropped oldest included */
    unsigned long errors;  /* errors ever pushed, the dropped oldest included */
    bool showing;          /* the newest message is on the status row */
};

/* Appends a message and shows it until the next key. Errors are written
 * with the translated "Error:" prefix by the caller's format. Out of memory
 * drops the message (the history is a convenience, not a record). */
void messages_push(struct messages *s, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Appends a message already formatted, with what a trace may keep of it
 * (`withheld`, i18n/text/withhold.h; NULL: nothing but the mark). Both are
 * copied. */
void messages_push_withheld(struct messages *s, bool error, const char *text, const char *withheld);

/* Adds text to the history only: the status row keeps what it shows. */
void messages_keep(struct messages *s, const char *text);

/* The message on the status row, or "" when none is showing. */
const char *messages_current(const struct messages *s);

/* What a trace may keep of the message on the status row ("" when none is
 * showing; the withheld mark for a message pushed without one). */
const char *messages_current_withheld(const struct messages *s);

/* The newest message even when it is no longer showing ("" if none). */
const char *messages_last(const struct messages *s);

/* A key was pressed: the message leaves the status row (not the history). */
void messages_key_pressed(struct messages *s);

/* When the message was said, as the history shows it: local wall-clock
 * time, "HH:MM:SS" (9 bytes with the NUL; less room gives ""). */
void messages_time(const struct message *e, char *buf, size_t size);

/* Frees every message. */
void messages_free(struct messages *s);

#endif
