/* The second signature of a high-risk approval (0016): countersign, which
 * approves the application, or refuse, which sends it back to review, with
 * a comment that is required. The database refuses the supervisor who gave
 * the first approval or asked for it, and offices that do not countersign
 * for this one; a colleague's answer in between is reported and the
 * comment stays typed. */
#include <stdio.h>
#include <stdlib.h>

#include "app/core/actions.h"
#include "app/core/drafts.h"
#include "app/core/record_text.h"
#include "app/core/steps.h"
#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "db/application.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/field_keys.h"
#include "screens/widgets/form.h"
#include "screens/widgets/sheet.h"

/* Focus order, top to bottom. */
enum { FOCUS_COUNTERSIGN, FOCUS_REFUSE, FOCUS_COMMENT, FOCUS_SUBMIT, FOCUS_COUNT };

struct countersign {
    struct application app;
    char waived[800];            /* what the first signature waived, in words; "" when nothing */
    struct approval_rules rules;
    size_t focus;
    int choice;                  /* FOCUS_COUNTERSIGN, FOCUS_REFUSE, or -1 */
    struct field comment;
    struct sheet sheet;
    struct request request;
};

static void countersign_free(struct countersign *c)
{
    application_free(&c->app);
    approval_rules_free(&c->rules);
    field_free(&c->comment);
    sheet_free(&c->sheet);
    free(c);
}

static void *countersign_enter(struct app *app, const void *arg)
{
    struct countersign *c = calloc(1, sizeof *c);
    struct db_error err;
    if (!c || field_init_note(&c->comment, 2000) != 0) {
        session_error(app->session, "%s", _("Out of memory."));
        free(c);
        return NULL;
    }
    c->choice = -1;
    if (application_get(app->session->db, *(const int64_t *)arg, &c->app, &err) != 0 ||
        record_waivers_text(app->session, &c->app, NULL, &c->rules, NULL, c->waived, sizeof c->waived, &err) != 0) {
        session_db_error(app->session, &err);
        countersign_free(c);
        return NULL;
    }
    /* Opened from the inbox, the approval may have been answered since it
     * was listed: then the application under the form shows where it is. */
    if (!step_allowed(&c->app, STEP_COUNTERSIGN)) {
        session_message(app->session, _("The approval of %s no longer waits for your countersignature. The application is now: %s."),
                        c->app.number, status_label(c->app.status));
        countersign_free(c);
        return NULL;
    }
    session_message(app->session, _("Approval of %s: countersign or refuse, then write a comment."), c->app.number);
    return c;
}

static void countersign_leave(struct app *app, void *state)
{
    (void)app;
    countersign_free(state);
}

/* One choice with its state in words, as on the escalation decision. */
static void add_choice(struct countersign *c, size_t which, const char *label)
{
    const char *state = c->choice == (int)which ? _("selected") : _("not selected");
    char line[400];
    snprintf(line, sizeof line, "%s (%s)", label, state);
    sheet_stop(&c->sheet, line, c->focus == which && !sheet_reading(&c->sheet), label, state);
}

static void countersign_draw(struct app *app, void *state)
{
    struct countersign *c = state;
    struct layout l = draw_layout();
    struct sheet *sh = &c->sheet;
    char line[600];
    sheet_begin(sh, l.cols, l.bottom - l.top);
    snprintf(line, sizeof line, _("Countersigning the approval of %s: %s, %s"), c->app.number, c->app.citizen_name,
             session_pick(app->session, c->app.service_name_tr, c->app.service_name_en));
    sheet_text(sh, 2, line, line, A_BOLD);
    sheet_text(sh, 2, _("A supervisor approved this high-risk application; it takes effect with a second supervisor's countersignature."),
               _("A supervisor approved this high-risk application; it takes effect with a second supervisor's countersignature."),
               A_NORMAL);
    if (c->waived[0])   /* what the countersignature signs away too */
        sheet_labelled(sh, 2, _("Waived at approval"), c->waived, A_NORMAL);
    sheet_gap(sh);
    add_choice(c, FOCUS_COUNTERSIGN, _("Countersign: the application is approved"));
    add_choice(c, FOCUS_REFUSE, _("Refuse: back to review"));
    sheet_field(sh, _("Comment"), true, &c->comment, c->focus == FOCUS_COMMENT, NULL);
    sheet_stop(sh, _("Record the answer"), c->focus == FOCUS_SUBMIT, _("Record the answer"), "");
    sheet_draw(app, sh, l.top);
}

static void countersign_now(struct app *app, void *ctx, bool confirmed)
{
    struct countersign *c = ctx;
    if (!confirmed) {
        session_message(app->session, "%s", _("Cancelled. Nothing was changed."));
        return;
    }
    struct action_result result;
    int rc = action_countersign(app->session, &c->request, &c->app, c->choice == FOCUS_COUNTERSIGN,
                                c->comment.text, &result);
    /* the current state; the comment stays */
    if (!form_action_done(app, rc, &result) && result.err.kind == DB_CONFLICT)
        application_refresh(app->session->db, &c->app, &result.err);
}

static void submit(struct app *app, struct countersign *c)
{
    if (c->choice < 0) {
        c->focus = FOCUS_COUNTERSIGN;
        session_error(app->session, "%s", _("Answer: choose Countersign or Refuse with Enter."));
        return;
    }
    if (action_text_blank(c->comment.text)) {
        c->focus = FOCUS_COMMENT;
        session_error(app->session, "%s", _("Comment: countersigning needs a comment. Write one."));
        return;
    }
    char question[300];
    snprintf(question, sizeof question,
             c->choice == FOCUS_COUNTERSIGN ? _("Countersign the approval of %s? This cannot be undone.")
                                            : _("Refuse to countersign %s? It goes back to review."),
             c->app.number);
    app_confirm(app, question, countersign_now, c);
}

static bool countersign_action(struct app *app, void *state, enum action action)
{
    struct countersign *c = state;
    if (sheet_action(&c->sheet, action, c->focus == FOCUS_COUNTERSIGN))
        return true;
    if (form_focus_move(&c->focus, FOCUS_COUNT, action))
        return true;
    switch (action) {
    case ACT_ACTIVATE:
        if (c->focus == FOCUS_COUNTERSIGN || c->focus == FOCUS_REFUSE) {
            c->choice = (int)c->focus;
            c->focus = FOCUS_COMMENT;
        } else if (c->focus == FOCUS_COMMENT) {
            c->focus = FOCUS_SUBMIT;
        } else {
            submit(app, c);
        }
        return true;
    case ACT_REFRESH: {
        struct db_error err;
        if (application_refresh(app->session->db, &c->app, &err) == 0)
            session_message(app->session, "%s", _("Refreshed."));
        else
            session_db_error(app->session, &err);
        return true;
    }
    default:
        return false;
    }
}

static bool countersign_in_field(void *state)
{
    return ((struct countersign *)state)->focus == FOCUS_COMMENT;
}

static bool countersign_text_key(struct app *app, void *state, struct key key)
{
    struct countersign *c = state;
    return c->focus == FOCUS_COMMENT && field_take_key(app, &c->comment, key);
}

static bool countersign_unsaved(void *state)
{
    return ((struct countersign *)state)->comment.len > 0;
}

/* The answer chosen and the comment. */
static bool countersign_draft(struct app *app, void *state, struct draft *d)
{
    (void)app;
    struct countersign *c = state;
    form_draft_key(d, STEP_COUNTERSIGN, &c->app, &c->request);
    const char *choice = c->choice == FOCUS_COUNTERSIGN ? "countersign" : c->choice == FOCUS_REFUSE ? "refuse" : "";
    return countersign_unsaved(c) && draft_set(d, "choice", choice) == 0 &&
           draft_set(d, "text", c->comment.text) == 0;
}

static void countersign_restore(struct app *app, void *state, const struct draft *d)
{
    (void)app;
    struct countersign *c = state;
    static const int choices[] = {-1, FOCUS_COUNTERSIGN, FOCUS_REFUSE};
    form_draft_restore(&c->comment, d, "text", &c->request);
    c->choice = choices[form_draft_choice(d, "countersign", "refuse") + 1];
    c->focus = FOCUS_COMMENT;
}

const struct screen countersign_screen = {
    .name = N_("Countersignature"),
    .enter = countersign_enter,
    .draw = countersign_draw,
    .action = countersign_action,
    .in_field = countersign_in_field,
    .text_key = countersign_text_key,
    .unsaved = countersign_unsaved,
    .draft = countersign_draft,
    .restore = countersign_restore,
    .leave = countersign_leave,
};
