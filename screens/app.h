/* The running application: connection, signed-in staff, screen stack,
 * messages, and where the focus is. Screens receive it in every callback. */
#ifndef GISE_APP_H
#define GISE_APP_H

#include <stdbool.h>
#include <stdio.h>

#include "app/base/idle.h"
#include "screens/idle_lock.h"
#include "db/db.h"
#include "db/staff.h"
#include "screens/screen.h"
#include "app/base/messages.h"

enum { APP_MAX_DEPTH = 16, APP_MAX_TIMERS = 8 };

/* A timer belongs to the screen that set it (its depth in the stack). */
struct app_timer {
    int depth;
    int id;
    double due_ms;                  /* monotonic clock */
};

/* The confirm dialog shown over the current screen. */
struct app_dialog {
    bool open;
    char question[300];
    void (*done)(struct app *app, void *ctx, bool confirmed);
    void *ctx;
};

/* Where the focus is, as the last frame drew it. */
struct focus {
    char label[128];        /* "Search", "Phone", the selected row's name */
    char value[256];        /* the field's text or the row's text */
    int y, x;               /* the hardware cursor */
    bool in_field;          /* a text field has it (keys go to the editor) */
};

struct app {
    struct db *db;
    struct staff_identity me;
    const char *lang;               /* "tr" or "en" */
    bool screen_reader;             /* DESIGN.md, Accessibility 5 */
    bool color;                     /* false under NO_COLOR or the profile's no_color */
    bool quit;
    bool dirty;                     /* something changed: draw a frame */
    bool awaiting;                  /* a screen will ask the database shortly
                                       (debounce): keys acting on results wait */
    struct status status;
    struct {
        const struct screen *screen;
        void *state;
    } stack[APP_MAX_DEPTH];
    int depth;
    struct focus focus;
    struct app_dialog dialog;
    struct app_timer timers[APP_MAX_TIMERS];
    int timer_count;
    FILE *trace;                    /* GISE_TRACE: one line per frame */
    char answered[128];             /* trace: the query whose answer is on screen */
    struct {
        bool listening;             /* LISTEN is on (live.c) */
        char since[64];             /* server time of the last look at decisions */
        double retry_due_ms;        /* next reconnection attempt; 0: none */
        int retry_delay_ms;         /* grows to 30 s while the database is away */
    } live;
    unsigned long frames;
    int lock_after_ms;              /* --lock-after, GISE_LOCK_AFTER; 0: never */
    struct idle idle;               /* when the idle session warns and locks */
    struct lock lock;               /* the warning and the lock screen (app/lock.h) */
};

/* Opens `screen` on top of the current one. When it cannot open (its enter
 * returned NULL) the current screen stays. */
void app_push(struct app *app, const struct screen *screen, const void *arg);

/* Closes the top screen (never the last one). */
void app_pop(struct app *app);

/* Closes everything above the bottom screen. */
void app_pop_to_root(struct app *app);

/* Puts a message on the status row and into the history. */
void app_message(struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The same, as an error: prefixed with the translated "Error:". */
void app_error(struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The top screen and its state. */
const struct screen *app_screen(const struct app *app);
void *app_state(const struct app *app);

/* Asks a yes/no question over the current screen; `done` is called with
 * the answer (Esc means no). One dialog at a time: a second replaces it. */
void app_confirm(struct app *app, const char *question,
                 void (*done)(struct app *app, void *ctx, bool confirmed), void *ctx);

/* (Re)arms timer `id` of the top screen to fire in delay_ms; its timer
 * callback receives the id. Timers of a screen die with it. */
void app_timer(struct app *app, int id, int delay_ms);

/* Milliseconds on the monotonic clock. */
double app_now_ms(void);

/* Whether the signed-in staff member's group is `role_group` ("clerk",
 * "supervisor", "auditor", "admin"). */
bool app_role_is(const struct app *app, const char *role_group);

/* Clerks and supervisors: the staff who change applications (auditors
 * read, administrators keep the catalogue). */
bool app_counter_staff(const struct app *app);

/* Language-dependent choice between two strings from the database. */
const char *app_pick(const struct app *app, const char *tr, const char *en);

#endif
