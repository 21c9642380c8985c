/* Escalation to a supervisor: what the clerk asks for (approval, a
 * rejection with its reason from the catalogue, or an exception to the
 * rules) and why. The application becomes "escalated" and the office's
 * supervisors see it in their inbox at once (app/live.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/actions.h"
#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
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

enum phase { PHASE_OUTCOME, PHASE_REASON, PHASE_FORM };

static const char *const outcomes[] = {"approve", "reject", "exception"};
enum { OUTCOME_COUNT = 3 };

struct escalate {
    struct application app;
    struct catalogue catalogue;
    enum phase phase;
    struct rows choices;                 /* the outcomes, or the reasons */
    int outcome;                         /* index into outcomes */
    const struct rejection_reason_info *reason;
    char filter[64];
    struct field why;
    bool on_submit;
    struct sheet sheet;                  /* the form's lines */
    struct request request;
};

static int show_outcomes(struct escalate *s)
{
    static const char *const labels[OUTCOME_COUNT] = {
        N_("Ask for approval"), N_("Ask for a rejection (the reason comes next)"),
        N_("Ask for an exception to the rules"),
    };
    rows_free(&s->choices);
    int rc = rows_add(&s->choices, "", _("What do you ask the supervisor for?"), -1);
    for (int i = 0; i < OUTCOME_COUNT; i++)
        rc |= rows_add(&s->choices, "", _(labels[i]), i);
    s->choices.list.selected = 1 + (size_t)s->outcome;
    s->phase = PHASE_OUTCOME;
    return rc;
}

static void *escalate_enter(struct app *app, const void *arg)
{
    struct escalate *s = calloc(1, sizeof *s);
    struct db_error err = {.kind = DB_OK};
    if (!s || field_init(&s->why, 2000) != 0) {
        session_error(app->session, "%s", _("Out of memory."));
        free(s);
        return NULL;
    }
    if (application_get(app->session->db, *(const int64_t *)arg, &s->app, &err) != 0 ||
        catalogue_load(app->session->db, &s->catalogue, &err) != 0 || show_outcomes(s) != 0) {
        if (err.kind != DB_OK)
            session_db_error(app->session, &err);
        else
            session_error(app->session, "%s", _("Out of memory."));
        application_free(&s->app);
        catalogue_free(&s->catalogue);
        rows_free(&s->choices);
        field_free(&s->why);
        free(s);
        return NULL;
    }
    session_message(app->session, "%s", _("Escalation: choose what you ask the supervisor for."));
    return s;
}

static void escalate_leave(struct app *app, void *state)
{
    (void)app;
    struct escalate *s = state;
    application_free(&s->app);
    catalogue_free(&s->catalogue);
    rows_free(&s->choices);
    field_free(&s->why);
    sheet_free(&s->sheet);
    free(s);
}

static void escalate_draw(struct app *app, void *state)
{
    struct escalate *s = state;
    if (s->phase != PHASE_FORM) {
        rows_screen_draw(app, &s->choices);
        return;
    }
    struct layout l = draw_layout();
    struct sheet *sh = &s->sheet;
    char line[600];
    sheet_begin(sh, l.cols, l.bottom - l.top);
    snprintf(line, sizeof line, _("Escalating %s, %s"), s->app.number, s->app.citizen_name);
    sheet_text(sh, 2, line, line, A_BOLD);
    if (s->reason)
        snprintf(line, sizeof line, "%s, %s %s", outcome_label(outcomes[s->outcome]), s->reason->code,
                 session_pick(app->session, s->reason->title_tr, s->reason->title_en));
    else
        snprintf(line, sizeof line, "%s", outcome_label(outcomes[s->outcome]));
    sheet_labelled(sh, 2, _("Asks for"), line, A_NORMAL);
    sheet_gap(sh);
    sheet_field(sh, _("Why"), true, &s->why, !s->on_submit && !sheet_reading(sh), NULL);
    sheet_stop(sh, _("Escalate to a supervisor"), s->on_submit, _("Escalate to a supervisor"), "");
    sheet_draw(app, sh, l.top);
}

static void escalate_now(struct app *app, void *ctx, bool confirmed)
{
    struct escalate *s = ctx;
    if (!confirmed) {
        session_message(app->session, "%s", _("Cancelled. Nothing was changed."));
        return;
    }
    struct action_result result;
    int rc = action_escalate(app->session, &s->request, &s->app, outcomes[s->outcome], s->reason, s->why.text, &result);
    /* the current state; what was typed stays */
    if (!form_action_done(app, rc, &result) && result.err.kind == DB_CONFLICT)
        application_refresh(app->session->db, &s->app, &result.err);
}

static bool choose(struct app *app, struct escalate *s)
{
    const struct row *row = rows_selected(&s->choices);
    if (!row || row->tag < 0)
        return true;
    if (s->phase == PHASE_OUTCOME) {
        s->outcome = (int)row->tag;
        if (strcmp(outcomes[s->outcome], "reject") == 0) {
            s->phase = PHASE_REASON;
            s->filter[0] = '\0';
            reason_list_build(app, &s->choices, &s->catalogue, s->filter);
            session_message(app->session, "%s", _("Choose the rejection reason you ask for."));
            return true;
        }
        s->reason = NULL;
    } else {
        s->reason = &s->catalogue.reasons[row->tag];
    }
    s->phase = PHASE_FORM;
    s->on_submit = false;
    session_message(app->session, "%s", _("Write why, for the supervisor, then Enter on \"Escalate\"."));
    return true;
}

static bool escalate_action(struct app *app, void *state, enum action action)
{
    struct escalate *s = state;
    if (s->phase != PHASE_FORM) {
        if (action == ACT_ACTIVATE)
            return choose(app, s);
        if (action == ACT_BACK && s->phase == PHASE_REASON) {
            show_outcomes(s);
            return true;
        }
        return rows_screen_action(app, &s->choices, action);
    }
    if (sheet_action(&s->sheet, action, !s->on_submit))
        return true;
    switch (action) {
    case ACT_BACK:   /* back to the choice; what was typed stays */
        s->reason = NULL;
        show_outcomes(s);
        return true;
    case ACT_UP:
    case ACT_PREV:
        s->on_submit = false;
        return true;
    case ACT_DOWN:
    case ACT_NEXT:
        s->on_submit = true;
        return true;
    case ACT_ACTIVATE:
        if (!s->on_submit) {
            s->on_submit = true;
        } else if (action_text_blank(s->why.text)) {
            s->on_submit = false;
            session_error(app->session, "%s", _("Why: an escalation needs a reason. Write one."));
        } else {
            char question[300];
            snprintf(question, sizeof question, _("Escalate %s, asking for %s?"),
                     s->app.number, outcome_label(outcomes[s->outcome]));
            app_confirm(app, question, escalate_now, s);
        }
        return true;
    default:
        return false;
    }
}

static bool escalate_in_field(void *state)
{
    struct escalate *s = state;
    return s->phase == PHASE_FORM && !s->on_submit && !sheet_reading(&s->sheet);
}

static bool escalate_text_key(struct app *app, void *state, struct key key)
{
    struct escalate *s = state;
    if (s->phase == PHASE_REASON) {
        if (!filter_key(s->filter, sizeof s->filter, key))
            return false;
        reason_list_build(app, &s->choices, &s->catalogue, s->filter);
        return true;
    }
    return escalate_in_field(s) && field_take_key(app, &s->why, key);
}

static bool escalate_unsaved(void *state)
{
    return ((struct escalate *)state)->why.len > 0;
}

const struct screen escalate_screen = {
    .name = N_("Escalation"),
    .enter = escalate_enter,
    .draw = escalate_draw,
    .action = escalate_action,
    .in_field = escalate_in_field,
    .text_key = escalate_text_key,
    .unsaved = escalate_unsaved,
    .leave = escalate_leave,
};
