/* Withdrawal at the citizen's request: the citizen's reason is required,
 * and the step is confirmed before it is sent. A colleague's change in
 * between is reported and the reason stays typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/actions.h"
#include "app/core/drafts.h"
#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "db/application.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/form.h"
#include "screens/widgets/field_keys.h"
#include "screens/widgets/sheet.h"

struct withdraw {
    struct application app;
    struct field reason;
    bool on_submit;              /* focus: false = the reason field */
    struct sheet sheet;          /* the form's lines */
    struct request request;
};

static void *withdraw_enter(struct app *app, const void *arg)
{
    struct withdraw *w = calloc(1, sizeof *w);
    struct db_error err;
    if (!w || field_init_note(&w->reason, 1000) != 0) {
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
    sheet_free(&w->sheet);
    free(w);
}

static void withdraw_draw(struct app *app, void *state)
{
    struct withdraw *w = state;
    struct layout l = draw_layout();
    struct sheet *sh = &w->sheet;
    char line[400];
    sheet_begin(sh, l.cols, l.bottom - l.top);
    snprintf(line, sizeof line, _("Withdrawing %s (%s) at the request of %s"), w->app.number,
             status_label(w->app.status), w->app.citizen_name);
    sheet_text(sh, 2, line, line, A_BOLD);
    sheet_gap(sh);
    sheet_field(sh, _("Reason"), true, &w->reason, !w->on_submit && !sheet_reading(sh), NULL);
    sheet_stop(sh, _("Withdraw the application"), w->on_submit, _("Withdraw the application"), "");
    sheet_draw(app, sh, l.top);
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
    if (sheet_action(&w->sheet, action, !w->on_submit))
        return true;
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
    struct withdraw *w = state;
    return !w->on_submit && !sheet_reading(&w->sheet);
}

static bool withdraw_text_key(struct app *app, void *state, struct key key)
{
    struct withdraw *w = state;
    return withdraw_in_field(w) && field_take_key(app, &w->reason, key);
}

static bool withdraw_unsaved(void *state)
{
    return ((struct withdraw *)state)->reason.len > 0;
}

/* The citizen's reason as typed. */
static bool withdraw_draft(struct app *app, void *state, struct draft *d)
{
    (void)app;
    struct withdraw *w = state;
    form_draft_key(d, STEP_WITHDRAW, &w->app, &w->request);
    return withdraw_unsaved(w) && draft_set(d, "text", w->reason.text) == 0;
}

static void withdraw_restore(struct app *app, void *state, const struct draft *d)
{
    (void)app;
    struct withdraw *w = state;
    form_draft_restore(&w->reason, d, "text", &w->request);
    w->on_submit = false;
}

const struct screen withdraw_screen = {
    .name = N_("Withdrawal"),
    .enter = withdraw_enter,
    .draw = withdraw_draw,
    .action = withdraw_action,
    .in_field = withdraw_in_field,
    .text_key = withdraw_text_key,
    .unsaved = withdraw_unsaved,
    .draft = withdraw_draft,
    .restore = withdraw_restore,
    .leave = withdraw_leave,
};
