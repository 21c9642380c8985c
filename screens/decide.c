/* A supervisor decides an escalation: what the clerk asked for, the
 * approval rules it waives, and why, then approve or deny, with a comment
 * that is required. Approving applies what was asked for in the same
 * transaction (a rejection prints the citizen's letter, in their
 * language); denying sends the application back to review. The database refuses the one who raised it (four eyes) and
 * other offices; a colleague's decision in between is reported and the
 * comment stays typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/actions.h"
#include "app/core/drafts.h"
#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "app/core/record_text.h"
#include "db/application.h"
#include "db/catalogue.h"
#include "db/escalation.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/field_keys.h"
#include "screens/widgets/form.h"
#include "screens/widgets/sheet.h"

/* Focus order, top to bottom. */
enum { FOCUS_APPROVE, FOCUS_DENY, FOCUS_COMMENT, FOCUS_SUBMIT, FOCUS_COUNT };

struct decide {
    struct escalation esc;
    struct application app;
    struct catalogue catalogue;
    const struct rejection_reason_info *reason;   /* asked-for rejection, or NULL */
    size_t focus;
    int choice;                  /* FOCUS_APPROVE, FOCUS_DENY, or -1 */
    struct field comment;
    struct sheet sheet;          /* the lines drawn, scrolled to keep the focus in view */
    struct request request;
};

static int load(struct app *app, struct decide *d, int64_t escalation_id)
{
    struct escalation esc;
    struct application a;
    struct db_error err;
    if (escalation_get(app->session->db, escalation_id, &esc, &err) != 0) {
        session_db_error(app->session, &err);
        return -1;
    }
    if (application_get(app->session->db, esc.application_id, &a, &err) != 0) {
        escalation_free(&esc);
        session_db_error(app->session, &err);
        return -1;
    }
    escalation_free(&d->esc);
    application_free(&d->app);
    d->esc = esc;
    d->app = a;
    d->reason = esc.requested_reason_code ? catalogue_reason(&d->catalogue, esc.requested_reason_code) : NULL;
    return 0;
}

static void decide_free(struct decide *d)
{
    escalation_free(&d->esc);
    application_free(&d->app);
    catalogue_free(&d->catalogue);
    field_free(&d->comment);
    sheet_free(&d->sheet);
    free(d);
}

static void *decide_enter(struct app *app, const void *arg)
{
    struct decide *d = calloc(1, sizeof *d);
    struct db_error err;
    if (!d || field_init_note(&d->comment, 2000) != 0) {
        session_error(app->session, "%s", _("Out of memory."));
        free(d);
        return NULL;
    }
    d->choice = -1;
    if (catalogue_load(app->session->db, &d->catalogue, &err) != 0) {
        session_db_error(app->session, &err);
        decide_free(d);
        return NULL;
    }
    if (load(app, d, *(const int64_t *)arg) != 0) {
        decide_free(d);
        return NULL;
    }
    if (d->esc.decision || d->esc.cancelled_at) {
        session_message(app->session, _("The escalation of %s is already closed."), d->esc.application_number);
        decide_free(d);
        return NULL;
    }
    session_message(app->session, _("Escalation of %s: approve or deny, then write a comment."), d->esc.application_number);
    return d;
}

static void decide_leave(struct app *app, void *state)
{
    (void)app;
    decide_free(state);
}

/* One choice: "> Deny: back to review (selected)", the state in words
 * (a screen reader says nothing for "[ ]" and "x" for "[x]"). */
static void add_choice(struct decide *d, size_t which, const char *label)
{
    const char *state = d->choice == (int)which ? _("selected") : _("not selected");
    char line[400];
    snprintf(line, sizeof line, "%s (%s)", label, state);
    sheet_stop(&d->sheet, line, d->focus == which && !sheet_reading(&d->sheet), label, state);
}

/* The escalation's lines wrapped whole, an empty one, the choices, the
 * comment and the button. When they are more than the content rows
 * (40x12), they scroll to keep the focus in view; Up from the first choice
 * walks up through the text above. */
static void decide_draw(struct app *app, void *state)
{
    struct decide *d = state;
    const struct escalation *e = &d->esc;
    struct layout l = draw_layout();
    struct sheet *sh = &d->sheet;
    char line[1200], waited[32];
    sheet_begin(sh, l.cols, l.bottom - l.top);
    snprintf(line, sizeof line, _("Escalation of %s: %s, %s"), e->application_number, d->app.citizen_name,
             session_pick(app->session, d->app.service_name_tr, d->app.service_name_en));
    sheet_text(sh, 2, line, line, A_BOLD);
    format_waiting(e->waiting_seconds, waited, sizeof waited);
    snprintf(line, sizeof line, _("Raised by: %s, waiting %s"), e->raised_by_name, waited);
    sheet_text(sh, 2, _("Raised by"), line, A_NORMAL);
    snprintf(line, sizeof line, _("Asks for: %s"), outcome_label(e->requested_outcome));
    sheet_text(sh, 2, _("Asks for"), line, A_NORMAL);
    if (d->reason) {
        snprintf(line, sizeof line, "%s %s", d->reason->code,
                 session_pick(app->session, d->reason->title_tr, d->reason->title_en));
        sheet_labelled(sh, 2, _("Reason"), line, A_NORMAL);
        snprintf(line, sizeof line, "%s, %s", d->reason->law, d->reason->article);
        sheet_labelled(sh, 2, _("Legal basis"), line, A_NORMAL);
    }
    if (e->waives.count > 0) {
        /* What approving signs away, before the choice. */
        rule_titles_text(app->session, &d->catalogue.rules, &e->waives, line, sizeof line);
        sheet_labelled(sh, 2, _("Waives"), line, A_NORMAL);
    }
    /* The clerk's words whole, however long. */
    sheet_labelled(sh, 2, _("The clerk writes"), e->reason, A_NORMAL);
    sheet_gap(sh);
    add_choice(d, FOCUS_APPROVE, escalation_approve_label(&d->esc));
    add_choice(d, FOCUS_DENY, _("Deny: back to review"));
    sheet_field(sh, _("Comment"), true, &d->comment, d->focus == FOCUS_COMMENT, NULL);
    sheet_stop(sh, _("Record the decision"), d->focus == FOCUS_SUBMIT, _("Record the decision"), "");
    sheet_draw(app, sh, l.top);
}

static void decide_now(struct app *app, void *ctx, bool confirmed)
{
    struct decide *d = ctx;
    if (!confirmed) {
        session_message(app->session, "%s", _("Cancelled. Nothing was changed."));
        return;
    }
    struct action_result result;
    int rc = action_decide(app->session, &d->request, &d->app, &d->esc, d->reason, d->choice == FOCUS_APPROVE, d->comment.text, &result);
    /* the current state; the comment stays */
    if (!form_action_done(app, rc, &result) && result.err.kind == DB_CONFLICT)
        load(app, d, d->esc.id);
}

static void submit(struct app *app, struct decide *d)
{
    if (d->choice < 0) {
        d->focus = FOCUS_APPROVE;
        session_error(app->session, "%s", _("Decision: choose Approve or Deny with Enter."));
        return;
    }
    if (action_text_blank(d->comment.text)) {
        d->focus = FOCUS_COMMENT;
        session_error(app->session, "%s", _("Comment: deciding an escalation needs a comment. Write one."));
        return;
    }
    char question[300];
    snprintf(question, sizeof question,
             d->choice == FOCUS_APPROVE ? _("Approve the escalation of %s? This cannot be undone.")
                                        : _("Deny the escalation of %s? It goes back to review."),
             d->esc.application_number);
    app_confirm(app, question, decide_now, d);
}

static bool decide_action(struct app *app, void *state, enum action action)
{
    struct decide *d = state;
    if (sheet_action(&d->sheet, action, d->focus == FOCUS_APPROVE))
        return true;
    if (form_focus_move(&d->focus, FOCUS_COUNT, action))
        return true;
    switch (action) {
    case ACT_ACTIVATE:
        if (d->focus == FOCUS_APPROVE || d->focus == FOCUS_DENY) {
            d->choice = (int)d->focus;
            d->focus = FOCUS_COMMENT;
        } else if (d->focus == FOCUS_COMMENT) {
            d->focus = FOCUS_SUBMIT;
        } else {
            submit(app, d);
        }
        return true;
    case ACT_REFRESH:
        if (load(app, d, d->esc.id) == 0)
            session_message(app->session, "%s", _("Refreshed."));
        return true;
    default:
        return false;
    }
}

static bool decide_in_field(void *state)
{
    return ((struct decide *)state)->focus == FOCUS_COMMENT;
}

static bool decide_text_key(struct app *app, void *state, struct key key)
{
    struct decide *d = state;
    return d->focus == FOCUS_COMMENT && field_take_key(app, &d->comment, key);
}

static bool decide_unsaved(void *state)
{
    return ((struct decide *)state)->comment.len > 0;
}

/* The choice and the comment. */
static bool decide_draft(struct app *app, void *state, struct draft *d)
{
    (void)app;
    struct decide *x = state;
    form_draft_key(d, STEP_DECIDE, &x->app, &x->request);
    const char *choice = x->choice == FOCUS_APPROVE ? "approve" : x->choice == FOCUS_DENY ? "deny" : "";
    return decide_unsaved(x) && draft_set(d, "choice", choice) == 0 && draft_set(d, "text", x->comment.text) == 0;
}

static void decide_restore(struct app *app, void *state, const struct draft *d)
{
    (void)app;
    struct decide *x = state;
    static const int choices[] = {-1, FOCUS_APPROVE, FOCUS_DENY};
    form_draft_restore(&x->comment, d, "text", &x->request);
    x->choice = choices[form_draft_choice(d, "approve", "deny") + 1];
    x->focus = FOCUS_COMMENT;
}

const struct screen decide_screen = {
    .name = N_("Escalation decision"),
    .enter = decide_enter,
    .draw = decide_draw,
    .action = decide_action,
    .in_field = decide_in_field,
    .text_key = decide_text_key,
    .unsaved = decide_unsaved,
    .draft = decide_draft,
    .restore = decide_restore,
    .leave = decide_leave,
};
