/* A supervisor decides an escalation: what the clerk asked for and why,
 * then approve or deny, with a comment that is required. Approving applies
 * what was asked for in the same transaction (a rejection prints the
 * citizen's letter, in their language); denying sends the application back
 * to review. The database refuses the one who raised it (four eyes) and
 * other offices; a colleague's decision in between is reported and the
 * comment stays typed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/actions.h"
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
    struct list view;            /* the lines drawn, scrolled to keep the focus in view */
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
    free(d);
}

static void *decide_enter(struct app *app, const void *arg)
{
    struct decide *d = calloc(1, sizeof *d);
    struct db_error err;
    if (!d || field_init(&d->comment, 2000) != 0) {
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

/* One choice row: "> [x] Deny: back to review" (none when y is -1, out of
 * view). */
static void draw_choice(struct app *app, struct decide *d, int y, size_t which, const char *label)
{
    if (y < 0)
        return;
    struct layout l = draw_layout();
    char line[300];
    bool focused = d->focus == which;
    snprintf(line, sizeof line, "%s %s %s", focused ? ">" : " ", d->choice == (int)which ? "[x]" : "[ ]", label);
    draw_text(y, 0, l.cols, line, focused ? A_REVERSE : A_NORMAL);
    if (focused)
        focus_set(app, label, d->choice == (int)which ? _("chosen") : _("not chosen"), y, 0, false);
}

/* The escalation's lines, an empty one, the choices, the comment and the
 * button. When they are more than the content rows (40x12), they scroll
 * like a list whose selection is the focus, so the focus stays in view and
 * nothing is drawn over the key hints. */
static void decide_draw(struct app *app, void *state)
{
    struct decide *d = state;
    const struct escalation *e = &d->esc;
    struct layout l = draw_layout();
    char info[5][1200], waited[32];
    int n = 0;
    snprintf(info[n++], sizeof *info, _("Escalation of %s: %s, %s"), e->application_number, d->app.citizen_name,
             session_pick(app->session, d->app.service_name_tr, d->app.service_name_en));
    format_waiting(e->waiting_seconds, waited, sizeof waited);
    snprintf(info[n++], sizeof *info, _("Raised by: %s, waiting %s"), e->raised_by_name, waited);
    snprintf(info[n++], sizeof *info, _("Asks for: %s"), outcome_label(e->requested_outcome));
    if (d->reason)
        snprintf(info[n++], sizeof *info, "%s: %s %s; %s: %s, %s", _("Reason"), d->reason->code,
                 session_pick(app->session, d->reason->title_tr, d->reason->title_en), _("Legal basis"),
                 d->reason->law, d->reason->article);
    snprintf(info[n++], sizeof *info, _("The clerk writes: %s"), e->reason);
    int height = l.bottom - l.top;
    size_t item = (size_t)n + 1;     /* the line of the first choice */
    d->view.count = item + FOCUS_COUNT;
    d->view.selected = item + d->focus;
    list_scroll(&d->view, (size_t)height);
    for (int i = 0; i < n; i++) {
        int y = list_row(&d->view, (size_t)i, l.top, height);
        if (y >= 0)
            draw_text(y, i ? 2 : 0, l.cols - (i ? 2 : 0), info[i], i ? A_NORMAL : A_BOLD);
    }
    draw_choice(app, d, list_row(&d->view, item + FOCUS_APPROVE, l.top, height), FOCUS_APPROVE, escalation_approve_label(&d->esc));
    draw_choice(app, d, list_row(&d->view, item + FOCUS_DENY, l.top, height), FOCUS_DENY,
                _("Deny: back to review"));
    int y = list_row(&d->view, item + FOCUS_COMMENT, l.top, height);
    if (y >= 0)
        form_draw_field_row(app, y, _("Comment"), &d->comment, d->focus == FOCUS_COMMENT);
    y = list_row(&d->view, item + FOCUS_SUBMIT, l.top, height);
    if (y >= 0)
        form_draw_submit_row(app, y, _("Record the decision"), d->focus == FOCUS_SUBMIT);
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

const struct screen decide_screen = {
    .name = N_("Escalation decision"),
    .enter = decide_enter,
    .draw = decide_draw,
    .action = decide_action,
    .in_field = decide_in_field,
    .text_key = decide_text_key,
    .unsaved = decide_unsaved,
    .leave = decide_leave,
};
