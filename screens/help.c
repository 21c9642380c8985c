/* Help (F1): every key of the screen it was opened from, then the global
 * ones, generated from the key tables themselves. */
#include <stdio.h>
#include <stdlib.h>

#include "app/app.h"
#include "app/i18n.h"
#include "app/keymap.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/rows.h"

static void *help_enter(struct app *app, const void *arg)
{
    const struct screen *about = arg;
    struct rows *r = calloc(1, sizeof *r);
    if (!r) {
        app_error(app, "%s", _("Out of memory."));
        return NULL;
    }
    char title[200];
    snprintf(title, sizeof title, _("Keys on the screen %s"), about ? _(about->name) : "");
    int rc = rows_add(r, "", title, -1);
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
        char keys[96];
        if (keymap_keys_for(about ? about->keys : NULL, (enum action)a, keys, sizeof keys) == 0)
            continue;
        rc |= rows_add(r, keys, keymap_help((enum action)a), a);
    }
    if (rc != 0) {
        rows_free(r);
        free(r);
        app_error(app, "%s", _("Out of memory."));
        return NULL;
    }
    r->list.selected = 1;
    app_message(app, "%s", _("Help: Up and Down read the keys, Esc goes back."));
    return r;
}

static void help_leave(struct app *app, void *state)
{
    (void)app;
    rows_free(state);
    free(state);
}

static void help_draw(struct app *app, void *state)
{
    struct layout l = draw_layout();
    rows_draw(app, state, l.top, l.bottom - l.top);
}

static bool help_action(struct app *app, void *state, enum action action)
{
    (void)app;
    if (action == ACT_HELP || action == ACT_ACTIVATE)
        return true;    /* already here; Enter does nothing on a help row */
    return rows_action(state, action, LINES > 6 ? LINES - 6 : 1);
}

const struct screen help_screen = {
    .name = N_("Help"),
    .enter = help_enter,
    .draw = help_draw,
    .action = help_action,
    .leave = help_leave,
};
