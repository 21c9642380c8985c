/* Withdrawal at the citizen's request: the citizen's reason is required,
 * and the step is confirmed before it is sent. A colleague's change in
 * between is reported and the reason stays typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/actions.h"
#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "db/application.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/form.h"
#include "screens/widgets/field_keys.h"

struct withdraw {
    struct application app;
    struct field reason;
    bool on_submit;              /* focus: false = the reason field */
    struct request request;
};

static void *withdraw_enter(struct app *app, const void *arg)
{
    struct withdraw *w = calloc(1, sizeof *w);
    struct db_error err;
    if (!w || field_init(&w->reason, 1000) != 0) {
        session_error(app->session, "%s", _("Out of memory."));
        free(w);
        return NULL;
    }
    if (application_get(app->session->db, *(const int64_t *)arg, &w->app, &err) != 0) {
        session_db_error(app->session, &err);
        field_free(&w->reason);
        free(w);
        return NULL;
    }
    session_message(app->session, "%s", _("Withdrawal: write the citizen's reason."));
    return w;
}

static void withdraw_leave(struct app *app, void *state)
{
    (void)app;
    struct withdraw *w = state;
    application_free(&w->app);
    field_free(&w->reason);
    free(w);
}

static void withdraw_draw(struct app *app, void *state)
{
    struct withdraw *w = state;
    struct layout l = draw_layout();
    int y = l.top;
    char line[400];
    snprintf(line, sizeof line, _("Withdrawing %s (%s) at the request of %s"), w->app.number,
             status_label(w->app.status), w->app.citizen_name);
    draw_text(y, 0, l.cols, line, A_BOLD);
    y += 2;
    form_draw_field_row(app, y, _("Reason"), &w->reason, !w->on_submit);
    y++;
    form_draw_submit_row(app, y, _("Withdraw the application"), w->on_submit);
}

static void withdraw_now(struct app *app, void *ctx, bool confirmed)
{
    struct withdraw *w = ctx;
    if (!confirmed) {
        session_message(app->session, "%s", _("Cancelled. Nothing was changed."));
        return;
    }
    struct action_result result;
    int rc = action_withdraw(app->session, &w->request, &w->app, w->reason.text, &result);
    /* the current state; what was typed stays */
    if (!form_action_done(app, rc, &result) && result.err.kind == DB_CONFLICT)
        application_refresh(app->session->db, &w->app, &result.err);
}

static bool withdraw_action(struct app *app, void *state, enum action action)
{
    struct withdraw *w = state;
    switch (action) {
    case ACT_UP:
    case ACT_PREV:
        w->on_submit = false;
        return true;
    case ACT_DOWN:
    case ACT_NEXT:
        w->on_submit = true;
        return true;
    case ACT_ACTIVATE:
        if (!w->on_submit) {
            w->on_submit = true;
        } else if (action_text_blank(w->reason.text)) {
            w->on_submit = false;
            session_error(app->session, "%s", _("Reason: a withdrawal needs the citizen's reason."));
        } else {
            char question[300];
            snprintf(question, sizeof question, _("Withdraw application %s? This closes it."), w->app.number);
            app_confirm(app, question, withdraw_now, w);
        }
        return true;
    default:
        return false;
    }
}

static bool withdraw_in_field(void *state)
{
    return !((struct withdraw *)state)->on_submit;
}

static bool withdraw_text_key(struct app *app, void *state, struct key key)
{
    struct withdraw *w = state;
    return !w->on_submit && field_take_key(app, &w->reason, key);
}

static bool withdraw_unsaved(void *state)
{
    return ((struct withdraw *)state)->reason.len > 0;
}

const struct screen withdraw_screen = {
    .name = N_("Withdrawal"),
    .enter = withdraw_enter,
    .draw = withdraw_draw,
    .action = withdraw_action,
    .in_field = withdraw_in_field,
    .text_key = withdraw_text_key,
    .unsaved = withdraw_unsaved,
    .leave = withdraw_leave,
};
