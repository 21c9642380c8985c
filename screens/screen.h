/* What the event loop knows of a screen: one const struct of callbacks per
 * screen file, everything else in the file static. */
#ifndef GISE_SCREEN_H
#define GISE_SCREEN_H

#include <stdbool.h>

#include "i18n/text/action.h"

struct app;
struct draft;
struct live_event;

struct screen {
    const char *name;               /* untranslated msgid: "Citizen search" */
    const struct binding *keys;     /* the screen's own bindings, or NULL */

    /* Builds the screen's state from `arg` (screen-specific). NULL means it
     * could not open; it has put the reason on the status row. */
    void *(*enter)(struct app *app, const void *arg);

    /* Draws the content area and sets app->focus (label, value, cursor). */
    void (*draw)(struct app *app, void *state);

    /* Handles a named action; false lets the global handler have it. */
    bool (*action)(struct app *app, void *state, enum action action);

    /* True while a text field has focus (keys go to the editor first;
     * "?" and Ctrl-W are then text). May be NULL: never. */
    bool (*in_field)(void *state);

    /* Handles a character or editing key while a text field has focus;
     * false when the key is not the field's. May be NULL. */
    bool (*text_key)(struct app *app, void *state, struct key key);

    /* The database connection has input (a result, a notification). May be
     * NULL. */
    void (*db_ready)(struct app *app, void *state);

    /* The screen is on top again after the one above it closed (re-read
     * what may have changed there). May be NULL. */
    void (*resume)(struct app *app, void *state);

    /* A timer this screen set with app_timer fired. May be NULL. */
    void (*timer)(struct app *app, void *state, int id);

    /* Something changed elsewhere (app/live.h): re-read what the screen
     * shows if it is concerned. May be NULL. */
    void (*live)(struct app *app, void *state, const struct live_event *event);

    /* True when leaving would lose something typed (quit asks first). May
     * be NULL: never. */
    bool (*unsaved)(void *state);

    /* A form's draft (app/core/drafts.h): fills d's kind, target and label
     * (and its request id once the step was sent) always, its fields with
     * what is typed and chosen, and returns whether anything is worth
     * keeping (the same as unsaved). After every key its answer is
     * journaled. May be NULL: the screen keeps no draft. */
    bool (*draft)(struct app *app, void *state, struct draft *d);

    /* Puts draft d back into the form just opened for its key: the text,
     * the choices, the request id, and the focus on the text with the
     * cursor at its end. May be NULL. */
    void (*restore)(struct app *app, void *state, const struct draft *d);

    /* What an action does on this screen when that is more than the key
     * table's help says (F1 shows it on a row of its own, under the
     * table's), or NULL. May be NULL. */
    const char *(*help_for)(enum action action);

    /* Frees the state. */
    void (*leave)(struct app *app, void *state);
};

#endif
