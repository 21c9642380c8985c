#include "screens/app.h"

#include <stdio.h>
#include <string.h>

#include "app/core/drafts.h"
#include "i18n/text/i18n.h"

/* A form opened for a step that has a draft gets it back: nothing typed
 * earlier is lost by opening the same form again. */
static void restore_draft(struct app *app, const struct screen *screen, void *state)
{
    struct draft key, copy;
    if (!screen->draft || !screen->restore)
        return;
    memset(&key, 0, sizeof key);
    screen->draft(app, state, &key);
    draft_free(&key);
    const struct draft *d = drafts_find(app->session, key.kind, key.target);
    if (!d || draft_copy(&copy, d) != 0)
        return;
    screen->restore(app, state, &copy);
    char when[48];
    drafts_typed_when(app->session, &copy, when, sizeof when);
    session_message(app->session, _("Resumed what you typed at %s; the cursor is at its end."), when);
    draft_free(&copy);
}

void app_push(struct app *app, const struct screen *screen, const void *arg)
{
    if (app->depth == APP_MAX_DEPTH) {
        session_error(app->session, "%s", _("Too many screens are open. Go back first."));
        return;
    }
    void *state = screen->enter(app, arg);
    if (!state)
        return;
    app->stack[app->depth].screen = screen;
    app->stack[app->depth].state = state;
    app->depth++;
    app->dirty = true;
    restore_draft(app, screen, state);
}

static void drop_timers_above(struct app *app, int depth)
{
    int kept = 0;
    for (int i = 0; i < app->timer_count; i++)
        if (app->timers[i].depth <= depth)
            app->timers[kept++] = app->timers[i];
    app->timer_count = kept;
}

void app_pop(struct app *app)
{
    if (app->depth <= 1)
        return;
    drop_timers_above(app, app->depth - 1);
    app->depth--;
    app->stack[app->depth].screen->leave(app, app->stack[app->depth].state);
    app->dirty = true;
    const struct screen *top = app_screen(app);
    if (top->resume)
        top->resume(app, app_state(app));
}

void app_pop_to_root(struct app *app)
{
    while (app->depth > 1)
        app_pop(app);
}

const struct screen *app_screen(const struct app *app)
{
    return app->depth ? app->stack[app->depth - 1].screen : NULL;
}

void *app_state(const struct app *app)
{
    return app->depth ? app->stack[app->depth - 1].state : NULL;
}

void app_confirm(struct app *app, const char *question,
                 void (*done)(struct app *app, void *ctx, bool confirmed), void *ctx)
{
    app->dialog.open = true;
    snprintf(app->dialog.question, sizeof app->dialog.question, "%s", question);
    app->dialog.done = done;
    app->dialog.ctx = ctx;
    app->dirty = true;
}

void app_timer(struct app *app, int id, int delay_ms)
{
    double due = monotonic_ms() + delay_ms;
    for (int i = 0; i < app->timer_count; i++) {
        if (app->timers[i].depth == app->depth && app->timers[i].id == id) {
            app->timers[i].due_ms = due;
            return;
        }
    }
    if (app->timer_count < APP_MAX_TIMERS)
        app->timers[app->timer_count++] = (struct app_timer){app->depth, id, due};
}

/* The draft of the screen at stack index i into *d (its key always);
 * false when it keeps none, or nothing worth keeping. */
static bool draft_at(struct app *app, int i, struct draft *d, bool *has)
{
    const struct screen *screen = app->stack[i].screen;
    memset(d, 0, sizeof *d);
    *has = screen->draft != NULL;
    return *has && screen->draft(app, app->stack[i].state, d);
}

void app_draft_after_key(struct app *app)
{
    struct session *s = app->session;
    const struct screen *top = app_screen(app);
    bool in_field = top && top->in_field && top->in_field(app_state(app)), has;
    struct draft d;
    if (app->depth > 0) {
        bool keep = draft_at(app, app->depth - 1, &d, &has);
        if (has)
            drafts_note(s, &d, keep);
    }
    if (app->depth != app->draft.depth || (app->draft.in_field && !in_field))
        drafts_save_now(s);
    app->draft.depth = app->depth;
    app->draft.in_field = in_field;
}

void app_draft_done(struct app *app)
{
    struct draft d;
    bool has;
    draft_at(app, app->depth - 1, &d, &has);
    if (has)
        drafts_done(app->session, d.kind, d.target);
    draft_free(&d);
}

void app_drafts_discard_above(struct app *app, int depth)
{
    for (int i = app->depth - 1; i >= depth && i >= 0; i--) {
        struct draft d;
        bool has;
        draft_at(app, i, &d, &has);
        if (has)
            drafts_discard(app->session, d.kind, d.target);
        draft_free(&d);
    }
}
