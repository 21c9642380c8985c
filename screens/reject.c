/* Rejection: the reason from the catalogue, found by its code or by typing
 * part of its text; its legal basis and the words the citizen will read are
 * shown; a written explanation is required. The letter, in the citizen's
 * language, states the reason, the legal basis and how to appeal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/actions.h"
#include "app/core/drafts.h"
#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "db/application.h"
#include "db/catalogue.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/form.h"
#include "screens/widgets/field_keys.h"
#include "i18n/text/filter.h"
#include "screens/widgets/reason_list.h"
#include "screens/widgets/rows.h"
#include "screens/widgets/sheet.h"

enum { TAG_INFO = -1 };

struct reject {
    struct application app;
    struct catalogue catalogue;
    const struct rejection_reason_info *reason;   /* NULL while choosing */
    char filter[64];
    struct rows rows;                 /* the reasons to choose from */
    struct field explanation;
    int focus;                        /* 0: explanation, 1: submit (after choosing) */
    struct sheet sheet;               /* the form's lines */
    struct request request;
};

static int build_reasons(struct app *app, struct reject *r)
{
    return reason_list_build(app, &r->rows, &r->catalogue, r->filter);
}

static void *reject_enter(struct app *app, const void *arg)
{
    struct reject *r = calloc(1, sizeof *r);
    struct db_error err;
    if (!r || field_init_note(&r->explanation, 2000) != 0) {
        session_error(app->session, "%s", _("Out of memory."));
        free(r);
        return NULL;
    }
    if (application_get(app->session->db, *(const int64_t *)arg, &r->app, &err) != 0 ||
        catalogue_load(app->session->db, &r->catalogue, &err) != 0) {
        session_db_error(app->session, &err);
        application_free(&r->app);
        field_free(&r->explanation);
        free(r);
        return NULL;
    }
    build_reasons(app, r);
    session_message(app->session, "%s", _("Rejection: choose the reason."));
    return r;
}

static void reject_leave(struct app *app, void *state)
{
    (void)app;
    struct reject *r = state;
    application_free(&r->app);
    catalogue_free(&r->catalogue);
    rows_free(&r->rows);
    field_free(&r->explanation);
    sheet_free(&r->sheet);
    free(r);
}

static void reject_draw(struct app *app, void *state)
{
    struct reject *r = state;
    struct layout l = draw_layout();
    if (!r->reason) {
        rows_screen_draw(app, &r->rows);
        return;
    }
    const struct rejection_reason_info *x = r->reason;
    struct sheet *sh = &r->sheet;
    char line[600];
    sheet_begin(sh, l.cols, l.bottom - l.top);
    snprintf(line, sizeof line, _("Rejecting %s, %s"), r->app.number, r->app.citizen_name);
    sheet_text(sh, 2, line, line, A_BOLD);
    snprintf(line, sizeof line, "%s %s", x->code, session_pick(app->session, x->title_tr, x->title_en));
    sheet_labelled(sh, 2, _("Reason"), line, A_NORMAL);
    /* The legal basis and the citizen's words whole, over as many rows as
     * they need. */
    snprintf(line, sizeof line, "%s, %s", x->law, x->article);
    sheet_labelled(sh, 2, _("Legal basis"), line, A_NORMAL);
    sheet_labelled(sh, 2, _("The citizen reads"),
                   strcmp(r->app.citizen_language, "en") == 0 ? x->text_en : x->text_tr, A_NORMAL);
    sheet_gap(sh);
    sheet_field(sh, _("Explanation"), true, &r->explanation, r->focus == 0 && !sheet_reading(sh), NULL);
    sheet_stop(sh, _("Reject and print the letter"), r->focus == 1, _("Reject and print the letter"), "");
    sheet_draw(app, sh, l.top);
}

static void reject_now(struct app *app, void *ctx, bool confirmed)
{
    struct reject *r = ctx;
    if (!confirmed) {
        session_message(app->session, "%s", _("Cancelled. Nothing was changed."));
        return;
    }
    struct action_result result;
    int rc = action_reject(app->session, &r->request, &r->app, r->reason, r->explanation.text, &result);
    /* the current state; what was typed stays */
    if (!form_action_done(app, rc, &result) && result.err.kind == DB_CONFLICT)
        application_refresh(app->session->db, &r->app, &result.err);
}

static bool reject_action(struct app *app, void *state, enum action action)
{
    struct reject *r = state;
    if (!r->reason) {
        if (action != ACT_ACTIVATE)
            return rows_screen_action(app, &r->rows, action);
        const struct row *row = rows_selected(&r->rows);
        if (row && row->tag >= 0) {
            r->reason = &r->catalogue.reasons[row->tag];
            r->focus = 0;
            session_message(app->session, "%s", _("Write the explanation the citizen will read, then Enter on \"Reject\"."));
        }
        return true;
    }
    if (sheet_action(&r->sheet, action, r->focus == 0))
        return true;
    switch (action) {
    case ACT_BACK:
        r->reason = NULL;   /* back to the reasons; the explanation stays */
        return true;
    case ACT_UP:
    case ACT_PREV:
        r->focus = 0;
        return true;
    case ACT_DOWN:
    case ACT_NEXT:
        r->focus = 1;
        return true;
    case ACT_ACTIVATE:
        if (r->focus == 0) {
            r->focus = 1;
        } else if (action_text_blank(r->explanation.text)) {
            r->focus = 0;
            session_error(app->session, "%s", _("Explanation: a rejection needs a written explanation. Write one."));
        } else {
            char question[300];
            snprintf(question, sizeof question, _("Reject application %s for reason %s and print the letter?"),
                     r->app.number, r->reason->code);
            app_confirm(app, question, reject_now, r);
        }
        return true;
    default:
        return false;
    }
}

static bool reject_in_field(void *state)
{
    struct reject *r = state;
    return r->reason && r->focus == 0 && !sheet_reading(&r->sheet);
}

static bool reject_text_key(struct app *app, void *state, struct key key)
{
    struct reject *r = state;
    if (!r->reason) {
        if (!filter_key(r->filter, sizeof r->filter, key))
            return false;
        build_reasons(app, r);
        return true;
    }
    if (r->focus != 0 || sheet_reading(&r->sheet))
        return false;
    return field_take_key(app, &r->explanation, key);
}

static bool reject_unsaved(void *state)
{
    return ((struct reject *)state)->explanation.len > 0;
}

/* The reason chosen and the explanation typed. */
static bool reject_draft(struct app *app, void *state, struct draft *d)
{
    (void)app;
    struct reject *r = state;
    form_draft_key(d, STEP_REJECT, &r->app, &r->request);
    if (!reject_unsaved(r))
        return false;
    return draft_set(d, "reason", r->reason ? r->reason->code : "") == 0 &&
           draft_set(d, "text", r->explanation.text) == 0;
}

static void reject_restore(struct app *app, void *state, const struct draft *d)
{
    (void)app;
    struct reject *r = state;
    const char *code = draft_get(d, "reason");
    form_draft_restore(&r->explanation, d, "text", &r->request);
    r->reason = code && *code ? catalogue_reason(&r->catalogue, code) : NULL;
    r->focus = 0;
}

const struct screen reject_screen = {
    .name = N_("Rejection"),
    .enter = reject_enter,
    .draw = reject_draw,
    .action = reject_action,
    .in_field = reject_in_field,
    .text_key = reject_text_key,
    .unsaved = reject_unsaved,
    .draft = reject_draft,
    .restore = reject_restore,
    .leave = reject_leave,
};
