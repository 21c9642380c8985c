#include "screens/app.h"

#include <stdio.h>
#include <string.h>

#include "i18n/text/i18n.h"

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
