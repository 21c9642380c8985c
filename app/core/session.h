/* The signed-in session, as both front ends share it: the connection, who
 * is signed in and what they may do, the language and the accessibility
 * choices, the settings, the message history, the idle clock and the live
 * notifications' state. Each front end keeps its own state on top (the
 * screens' stack in screens/app.h, line mode's levels in session/line). */
#ifndef GISE_SESSION_H
#define GISE_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "i18n/text/idle.h"
#include "i18n/text/messages.h"
#include "app/core/settings.h"
#include "db/citizen.h"
#include "db/db.h"
#include "db/inbox.h"
#include "db/staff.h"

struct live_event;
struct front_words;
struct drafts;

/* How many announced changes a session remembers having handled. */
enum { LIVE_HEARD = 256 };

/* How many steps with a lost answer a session keeps asking after. */
enum { SESSION_UNSETTLED = 8 };

/* What a front end does with what happens elsewhere: `deliver` hands each
 * notification (and a resync after a reconnection) to whatever it shows;
 * `changed` says the session's messages changed and should be shown. */
struct front_end {
    const struct front_words *words;    /* how it names keys (app/core/explain.h) */
    void (*deliver)(void *ctx, const struct live_event *event);
    void (*changed)(void *ctx);
    void *ctx;
};

struct session {
    struct db *db;
    struct staff_identity me;       /* who, and their powers (from the database) */
    const struct settings *settings;
    const char *lang;               /* "tr" or "en" */
    bool screen_reader;             /* DESIGN.md, Accessibility 5 */
    bool color;                     /* false under NO_COLOR or the profile's no_color */
    FILE *trace;                    /* settings' trace: one line per frame (app/core/trace.h) */
    int lock_after_ms;              /* 0: never */
    struct idle idle;               /* when the idle session warns and locks */
    struct messages messages;       /* the status row's message and its history */
    struct front_end front;
    char explained[700];            /* session_explain's answer */
    struct {
        bool listening;             /* LISTEN is on (live.c) */
        char since[64];             /* server time of the last look at decisions */
        double retry_due_ms;        /* next reconnection attempt; 0: none */
        int retry_delay_ms;         /* grows to 30 s while the database is away */
        struct inbox_anchor announced;  /* the latest new escalation or approval to
                                       countersign announced to a supervisor (id
                                       0: none), which the inbox */
        bool announced_unseen;      /* opens on until it has shown it */
        int64_t change_mark;        /* changes up to this one are old news */
        int64_t heard[LIVE_HEARD];  /* changes handled since (a ring) */
        unsigned heard_next;
    } live;
    /* Steps whose answer was lost while the database could not be asked
     * what became of them (app/core/outcome.h): asked after again at
     * every reconnection, through `reconnected`, until the answer is in. */
    struct {
        char id[SESSION_UNSETTLED][37];
        char number[SESSION_UNSETTLED][32];   /* the application's; "" for a new one */
        unsigned count;
    } unsettled;
    void (*reconnected)(struct session *s); /* live.c calls it after reconnecting; may be NULL */
    struct drafts *drafts;          /* what is typed into forms (app/core/drafts.h) */
    struct {
        struct access_purposes list;    /* read once (app/core/purpose.h) */
        bool loaded;
        char chosen[24];                /* this session's latest choice, or "" */
    } purpose;
};

/* Puts a message into the history (the front end shows it). A trace keeps
 * of it only the format's own words, each string argument withheld
 * (i18n/text/withhold.h), unless trace_personal is on: so personal data
 * (a name, typed text) goes in as an argument of a sentence, and a format
 * that is one "%s" carries only the program's own words. */
void session_message(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The same, as an error: prefixed with the translated "Error:". */
void session_error(struct session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* *err in the front end's words (app/core/explain.h). The text lives in
 * the session until the next call. */
const char *session_explain(struct session *s, const struct db_error *err);

/* *err said as an error (session_error). */
void session_db_error(struct session *s, const struct db_error *err);

/* How the front end takes `action` (an enum action): "Press F5",
 * "Type r". */
void session_how_to(const struct session *s, int action, char *out, size_t size);

/* Language-dependent choice between two strings from the database. */
const char *session_pick(const struct session *s, const char *tr, const char *en);

#endif
