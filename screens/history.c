/* Message history (F12): every status message of this session with its
 * time, newest selected. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "app/app.h"
#include "app/i18n.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/rows.h"

static void *history_enter(struct app *app, const void *arg)
{
    (void)arg;
    struct rows *r = calloc(1, sizeof *r);
    if (!r) {
        app_error(app, "%s", _("Out of memory."));
        return NULL;
    }
    int rc = 0;
    for (size_t i = 0; i < app->status.count; i++) {
        char when[16];
        struct tm tm;
        localtime_r(&app->status.items[i].at, &tm);
        strftime(when, sizeof when, "%H:%M:%S", &tm);
        rc |= rows_add(r, when, app->status.items[i].text, (long)i);
    }
    if (r->count == 0)
        rc |= rows_add(r, "", _("No messages yet."), -1);
    if (rc != 0) {
        rows_free(r);
        free(r);
        app_error(app, "%s", _("Out of memory."));
        return NULL;
    }
    list_last(&r->list);
    return r;
}

static void history_leave(struct app *app, void *state)
{
    (void)app;
    rows_free(state);
    free(state);
}

static void history_draw(struct app *app, void *state)
{
    struct layout l = draw_layout();
    rows_draw(app, state, l.top, l.bottom - l.top);
}

static bool history_action(struct app *app, void *state, enum action action)
{
    (void)app;
    if (action == ACT_HISTORY || action == ACT_ACTIVATE)
        return true;
    return rows_action(state, action, LINES > 6 ? LINES - 6 : 1);
}

const struct screen history_screen = {
    .name = N_("Message history"),
    .enter = history_enter,
    .draw = history_draw,
    .action = history_action,
    .leave = history_leave,
};
