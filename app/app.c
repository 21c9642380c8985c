#include "app/app.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/i18n.h"

void app_push(struct app *app, const struct screen *screen, const void *arg)
{
    if (app->depth == APP_MAX_DEPTH) {
        app_error(app, "%s", _("Too many screens are open. Go back first."));
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

void app_pop(struct app *app)
{
    if (app->depth <= 1)
        return;
    app->depth--;
    app->stack[app->depth].screen->leave(app, app->stack[app->depth].state);
    app->dirty = true;
}

void app_pop_to_root(struct app *app)
{
    while (app->depth > 1)
        app_pop(app);
}

static void message(struct app *app, bool error, const char *fmt, va_list ap)
{
    char buf[900];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (error)
        status_push(&app->status, true, "%s %s", _("Error:"), buf);
    else
        status_push(&app->status, false, "%s", buf);
    app->dirty = true;
}

void app_message(struct app *app, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message(app, false, fmt, ap);
    va_end(ap);
}

void app_error(struct app *app, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    message(app, true, fmt, ap);
    va_end(ap);
}

const struct screen *app_screen(const struct app *app)
{
    return app->depth ? app->stack[app->depth - 1].screen : NULL;
}

void *app_state(const struct app *app)
{
    return app->depth ? app->stack[app->depth - 1].state : NULL;
}

const char *app_pick(const struct app *app, const char *tr, const char *en)
{
    return strcmp(app->lang, "en") == 0 && en ? en : tr;
}
