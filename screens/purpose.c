/* Why a citizen's record is opened: one key picks the purpose (1 to 9),
 * Enter takes the one selected, which is the last one chosen. The record
 * itself opens only then, and the database logs the purpose with it. */
#include <stdio.h>
#include <stdlib.h>

#include "screens/app.h"
#include "app/core/purpose.h"
#include "i18n/text/i18n.h"
#include "screens/screens.h"
#include "screens/widgets/rows.h"

struct purpose_view {
    struct rows rows;          /* heading, then one row per purpose (tag: its index) */
    int64_t citizen;
};

/* Opens the record for the purpose at `index`; this screen gives way to it. */
static void choose(struct app *app, struct purpose_view *v, size_t index)
{
    struct db_error err;
    const struct access_purposes *list = purpose_list(app->session, &err);
    if (!list || index >= list->count)
        return;
    purpose_choose(app->session, list->items[index].code);
    int64_t citizen = v->citizen;
    app_pop(app);   /* frees v */
    app_push(app, &citizen_screen, &citizen);
}

static void *purpose_enter(struct app *app, const void *arg)
{
    struct db_error err;
    const struct access_purposes *list = purpose_list(app->session, &err);
    if (!list) {
        session_db_error(app->session, &err);
        return NULL;
    }
    struct purpose_view *v = calloc(1, sizeof *v);
    if (!v) {
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    v->citizen = *(const int64_t *)arg;
    size_t chosen = purpose_default(app->session, list);
    char heading[160];
    snprintf(heading, sizeof heading, _("Why is this record opened? Type 1 to %zu, or Enter:"), list->count);
    int rc = rows_add_heading(&v->rows, heading);
    for (size_t i = 0; i < list->count && i < 9; i++) {
        char key[8];
        snprintf(key, sizeof key, "%zu", i + 1);
        rc |= rows_add(&v->rows, key, purpose_title(app->session, &list->items[i]), (long)i);
    }
    if (rc != 0) {
        rows_free(&v->rows);
        free(v);
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    v->rows.list.selected = chosen + 1;
    session_message(app->session, _("Purpose: Enter takes %s."),
                    purpose_title(app->session, &list->items[chosen]));
    return v;
}

static void purpose_draw(struct app *app, void *state)
{
    rows_screen_draw(app, &((struct purpose_view *)state)->rows);
}

static bool purpose_action(struct app *app, void *state, enum action action)
{
    struct purpose_view *v = state;
    if (action == ACT_ACTIVATE) {
        const struct row *row = rows_selected(&v->rows);
        if (row && row->tag >= 0)
            choose(app, v, (size_t)row->tag);
        return true;
    }
    return rows_screen_action(app, &v->rows, action);
}

/* A digit outside any field: that purpose, at once. */
static bool purpose_key(struct app *app, void *state, struct key key)
{
    struct purpose_view *v = state;
    if (key.function || key.code < L'1' || key.code > L'9')
        return false;
    size_t index = (size_t)(key.code - L'1');
    if (index + 1 >= v->rows.count) {
        session_message(app->session, _("Type 1 to %zu, or Enter."), v->rows.count - 1);
        return true;
    }
    choose(app, v, index);
    return true;
}

static void purpose_leave(struct app *app, void *state)
{
    (void)app;
    struct purpose_view *v = state;
    rows_free(&v->rows);
    free(v);
}

static const char *purpose_help(enum action action)
{
    return action == ACT_ACTIVATE ? _("Opens the record for the selected purpose; 1 to 9 pick one at once.")
                                  : NULL;
}

const struct screen purpose_screen = {
    .name = N_("Purpose of opening"),
    .enter = purpose_enter,
    .draw = purpose_draw,
    .action = purpose_action,
    .text_key = purpose_key,
    .help_for = purpose_help,
    .leave = purpose_leave,
};
