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
    struct rows *r = rows_screen_new(app);
    if (!r)
        return NULL;
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
    if (!rows_screen_ready(app, r, rc))
        return NULL;
    list_last(&r->list);
    return r;
}

static bool history_action(struct app *app, void *state, enum action action)
{
    (void)app;
    if (action == ACT_HISTORY || action == ACT_ACTIVATE)
        return true;
    return rows_screen_action(app, state, action);
}

const struct screen history_screen = {
    .name = N_("Message history"),
    .enter = history_enter,
    .draw = rows_screen_draw,
    .action = history_action,
    .leave = rows_screen_leave,
};
