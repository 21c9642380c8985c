/* The full-screen front end's state over the session: the screen stack,
 * the dialog, the timers, the idle lock, and where the focus is. Screens
 * receive it in every callback; what they share with line mode (the
 * connection, who is signed in, messages) is in app->session. */
#ifndef GISE_APP_H
#define GISE_APP_H

#include <stdbool.h>
#include <stdio.h>

#include "app/core/session.h"
#include "screens/screen.h"

struct lock;

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
    char value[8200];       /* the field's text or the row's text, whole: the
                               longest field holds 2000 characters (8000 bytes) */
    int y, x;               /* the hardware cursor */
    bool in_field;          /* a text field has it (keys go to the editor) */
};

struct app {
    struct session *session;
    bool quit;
    bool dirty;                     /* something changed: draw a frame */
    bool awaiting;                  /* a screen will ask the database shortly
                                       (debounce): keys acting on results wait */
    struct {
        const struct screen *screen;
        void *state;
    } stack[APP_MAX_DEPTH];
    int depth;
    struct focus focus;
    struct app_dialog dialog;
    struct app_timer timers[APP_MAX_TIMERS];
    int timer_count;
    char answered[128];             /* trace: the query whose answer is on screen */
    unsigned long frames;
    struct lock *lock;              /* the warning and the lock screen (screens/idle_lock.h) */
    struct {
        int depth;                  /* the stack's depth after the last key */
        bool in_field;              /* a text field had the focus then */
    } draft;                        /* leaving a field or a form saves its draft */
};

/* Opens `screen` on top of the current one. When it cannot open (its enter
 * returned NULL) the current screen stays. */
void app_push(struct app *app, const struct screen *screen, const void *arg);

/* Closes the top screen (never the last one). */
void app_pop(struct app *app);

/* Closes everything above the bottom screen. */
void app_pop_to_root(struct app *app);

/* The top screen and its state. */
const struct screen *app_screen(const struct app *app);
void *app_state(const struct app *app);

/* Asks a yes/no question over the current screen; `done` is called with
 * the answer (Esc means no). One dialog at a time: a second replaces it. */
void app_confirm(struct app *app, const char *question,
                 void (*done)(struct app *app, void *ctx, bool confirmed), void *ctx);

/* After a key: the form on top, if it keeps a draft, says what it holds
 * and the drafts journal it (app/core/drafts.h); leaving a text field or a
 * form saves the drafts to the database at once. */
void app_draft_after_key(struct app *app);

/* The step of the form on top committed: its draft is done with. */
void app_draft_done(struct app *app);

/* The clerk chose to lose what was typed on the screens above `depth`
 * (Back, Quit or Search, confirmed): their drafts are discarded. */
void app_drafts_discard_above(struct app *app, int depth);

/* (Re)arms timer `id` of the top screen to fire in delay_ms; its timer
 * callback receives the id. Timers of a screen die with it. */
void app_timer(struct app *app, int id, int delay_ms);

#endif
