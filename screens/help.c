/* Help (F1): every key of the screen it was opened from, then the global
 * ones, generated from the key tables themselves. */
#include <stdio.h>
#include <stdlib.h>

#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/action.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/rows.h"

static void *help_enter(struct app *app, const void *arg)
{
    const struct screen *about = arg;
    struct rows *r = rows_screen_new(app);
    if (!r)
        return NULL;
    char title[200];
    snprintf(title, sizeof title, _("Keys on the screen %s"), about ? _(about->name) : "");
    int rc = rows_add(r, "", title, -1);
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
        char keys[96];
        if (keymap_keys_for(about ? about->keys : NULL, (enum action)a, keys, sizeof keys) == 0)
            continue;
        rc |= rows_add(r, keys, keymap_help((enum action)a), a);
        const char *here = about && about->help_for ? about->help_for((enum action)a) : NULL;
        if (here)
            rc |= rows_add(r, keys, here, a);
    }
    if (!rows_screen_ready(app, r, rc))
        return NULL;
    r->list.selected = 1;
    session_message(app->session, "%s", _("Help: Up and Down read the keys, Esc goes back."));
    return r;
}

static bool help_action(struct app *app, void *state, enum action action)
{
    (void)app;
    if (action == ACT_HELP || action == ACT_ACTIVATE)
        return true;    /* already here; Enter does nothing on a help row */
    return rows_screen_action(app, state, action);
}

const struct screen help_screen = {
    .name = N_("Help"),
    .enter = help_enter,
    .draw = rows_screen_draw,
    .action = help_action,
    .leave = rows_screen_leave,
};
