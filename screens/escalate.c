/* Escalation to a supervisor: what the clerk asks for (approval, a
 * rejection with its reason from the catalogue, or an exception to the
 * rules), which approval rules it asks to waive (an exception names at
 * least one; a rejection none), and why. The application becomes
 * "escalated" and the office's supervisors see it in their inbox at once
 * (app/live.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/actions.h"
#include "app/core/drafts.h"
#include "app/core/escalation_asks.h"
#include "app/core/record_text.h"
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

struct escalate {
    struct application app;
    struct catalogue catalogue;
    enum phase phase;
    struct rows choices;                 /* the outcomes, or the reasons */
    int outcome;                         /* index into escalation_asks */
    const struct rejection_reason_info *reason;
    char filter[64];
    size_t offer[RULE_CODES_MAX];        /* the rules it may waive (indexes into catalogue.rules) */
    size_t offer_count;
    bool waive[RULE_CODES_MAX];          /* ticked, per waivable rule (catalogue.rules' first) */
    struct field why;
    size_t focus;                        /* the rules offered, then why, then the button */
    struct sheet sheet;                  /* the form's lines */
    struct request request;
};

/* The rules offered are the form's first focus items. */
static size_t why_item(const struct escalate *s) { return s->offer_count; }
static size_t submit_item(const struct escalate *s) { return s->offer_count + 1; }

/* The ticked rules among those offered, as codes. */
static void ticked(const struct escalate *s, struct rule_codes *codes)
{
    memset(codes, 0, sizeof *codes);
    for (size_t i = 0; i < s->offer_count; i++)
        if (s->waive[s->offer[i]])
            rule_codes_add(codes, s->catalogue.rules.items[s->offer[i]].code);
}

static int show_outcomes(struct escalate *s)
{
    rows_free(&s->choices);
    int rc = rows_add(&s->choices, "", _("What do you ask the supervisor for?"), -1);
    for (int i = 0; i < ESCALATION_ASK_COUNT; i++)
        rc |= rows_add(&s->choices, "", _(escalation_asks[i].label), i);
    s->choices.list.selected = 1 + (size_t)s->outcome;
    s->phase = PHASE_OUTCOME;
    return rc;
}

static void *escalate_enter(struct app *app, const void *arg)
{
    struct escalate *s = calloc(1, sizeof *s);
    struct db_error err = {.kind = DB_OK};
    if (!s || field_init_note(&s->why, 2000) != 0) {
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
    const char *outcome = escalation_asks[s->outcome].outcome;
    if (s->reason)
        snprintf(line, sizeof line, "%s, %s %s", outcome_label(outcome), s->reason->code,
                 session_pick(app->session, s->reason->title_tr, s->reason->title_en));
    else
        snprintf(line, sizeof line, "%s", outcome_label(outcome));
    sheet_labelled(sh, 2, _("Asks for"), line, A_NORMAL);
    sheet_gap(sh);
    if (s->offer_count > 0) {
        /* Its own label: the reader walking up onto it hears it whole. */
        const char *heading = escalation_asks[s->outcome].waives == ASK_WAIVES_MUST
            ? _("The rules the exception waives (at least one; Enter ticks or unticks):")
            : _("Not met now: unless it is waived, the supervisor's approval will be refused (Enter ticks or unticks):");
        sheet_text(sh, 2, heading, heading, A_NORMAL);
    }
    for (size_t i = 0; i < s->offer_count; i++) {
        const struct approval_rule_info *rule = &s->catalogue.rules.items[s->offer[i]];
        const char *title = session_pick(app->session, rule->title_tr, rule->title_en);
        /* The state first and in words: a screen reader says nothing for
         * "[ ]", and the state stays within a braille line. */
        const char *tick = s->waive[s->offer[i]] ? _("waived") : _("not waived");
        snprintf(line, sizeof line, "%s: %s", tick, title);
        sheet_stop_row(sh, line, s->focus == i && !sheet_reading(sh), title, tick);
    }
    sheet_field(sh, _("Why"), true, &s->why, s->focus == why_item(s) && !sheet_reading(sh), NULL);
    sheet_stop(sh, _("Escalate to a supervisor"), s->focus == submit_item(s), _("Escalate to a supervisor"), "");
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
    struct rule_codes waives;
    ticked(s, &waives);
    int rc = action_escalate(app->session, &s->request, &s->app, escalation_asks[s->outcome].outcome, s->reason,
                             &waives, s->why.text, &result);
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
        if (escalation_asks[s->outcome].needs_reason) {
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
    s->offer_count = escalation_ask_offers(&escalation_asks[s->outcome], &s->catalogue.rules, &s->app.unmet, s->offer);
    if (escalation_asks[s->outcome].waives == ASK_WAIVES_MUST && s->offer_count > 0) {
        s->focus = 0;
        session_message(app->session, "%s",
                        _("Tick the rules the exception waives, write why, then Enter on \"Escalate\"."));
    } else {
        /* An approval's common path goes straight to why; a rule it may
         * waive is listed above, where Up reaches it. */
        s->focus = why_item(s);
        session_message(app->session, "%s", _("Write why, for the supervisor, then Enter on \"Escalate\"."));
    }
    return true;
}

/* Checked here before the database checks it again: an exception names a
 * rule it waives, and every escalation says why. Then the confirmation,
 * naming what is waived. */
static void submit(struct app *app, struct escalate *s)
{
    struct rule_codes waives;
    ticked(s, &waives);
    if (escalation_asks[s->outcome].waives == ASK_WAIVES_MUST && waives.count == 0) {
        s->focus = 0;
        session_error(app->session, "%s", _("Waives: an exception names at least one rule it waives. Choose one."));
        return;
    }
    if (action_text_blank(s->why.text)) {
        s->focus = why_item(s);
        session_error(app->session, "%s", _("Why: an escalation needs a reason. Write one."));
        return;
    }
    char question[300], titles[240];
    const char *outcome = outcome_label(escalation_asks[s->outcome].outcome);
    if (waives.count > 0) {
        rule_titles_text(app->session, &s->catalogue.rules, &waives, titles, sizeof titles);
        snprintf(question, sizeof question, _("Escalate %s, asking for %s and waiving: %s?"), s->app.number,
                 outcome, titles);
    } else {
        snprintf(question, sizeof question, _("Escalate %s, asking for %s?"), s->app.number, outcome);
    }
    app_confirm(app, question, escalate_now, s);
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
    if (sheet_action(&s->sheet, action, s->focus == 0))
        return true;
    if (form_focus_move(&s->focus, submit_item(s) + 1, action))
        return true;
    switch (action) {
    case ACT_BACK:   /* back to the choice; what was typed and ticked stays */
        s->reason = NULL;
        show_outcomes(s);
        return true;
    case ACT_ACTIVATE:
        if (s->focus < s->offer_count)
            s->waive[s->offer[s->focus]] = !s->waive[s->offer[s->focus]];
        else if (s->focus == why_item(s))
            s->focus = submit_item(s);
        else
            submit(app, s);
        return true;
    default:
        return false;
    }
}

static bool escalate_in_field(void *state)
{
    struct escalate *s = state;
    return s->phase == PHASE_FORM && s->focus == why_item(s) && !sheet_reading(&s->sheet);
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
    if (s->phase == PHASE_FORM && s->focus < s->offer_count && !sheet_reading(&s->sheet) && !key.function &&
        key.code == ' ')
        return escalate_action(app, state, ACT_ACTIVATE);
    return escalate_in_field(s) && field_take_key(app, &s->why, key);
}

/* Typed or ticked here. */
static bool escalate_unsaved(void *state)
{
    struct escalate *s = state;
    for (size_t i = 0; i < RULE_CODES_MAX; i++)
        if (s->waive[i])
            return true;
    return s->why.len > 0;
}

/* What is asked for, the reason, the rules ticked and why. */
static bool escalate_draft(struct app *app, void *state, struct draft *d)
{
    (void)app;
    struct escalate *s = state;
    form_draft_key(d, STEP_ESCALATE, &s->app, &s->request);
    if (!escalate_unsaved(s))
        return false;
    char waives[DRAFT_VALUE_MAX_CHARS] = "";
    for (size_t i = 0; i < RULE_CODES_MAX && i < s->catalogue.rules.count; i++)
        if (s->waive[i])
            drafts_list_add(waives, sizeof waives, s->catalogue.rules.items[i].code);
    return draft_set(d, "outcome", escalation_asks[s->outcome].outcome) == 0 &&
           draft_set(d, "reason", s->reason ? s->reason->code : "") == 0 && draft_set(d, "waives", waives) == 0 &&
           draft_set(d, "text", s->why.text) == 0;
}

static void escalate_restore(struct app *app, void *state, const struct draft *d)
{
    struct escalate *s = state;
    const char *outcome = draft_get(d, "outcome"), *code = draft_get(d, "reason"), *waives = draft_get(d, "waives");
    form_draft_restore(&s->why, d, "text", &s->request);
    for (int i = 0; outcome && i < ESCALATION_ASK_COUNT; i++)
        if (strcmp(escalation_asks[i].outcome, outcome) == 0)
            s->outcome = i;
    for (size_t i = 0; i < RULE_CODES_MAX && i < s->catalogue.rules.count; i++)
        s->waive[i] = drafts_list_has(waives, s->catalogue.rules.items[i].code);
    s->reason = code && *code ? catalogue_reason(&s->catalogue, code) : NULL;
    if (escalation_asks[s->outcome].needs_reason && !s->reason) {
        show_outcomes(s);       /* the reason is chosen again; the rest stays */
        return;
    }
    s->phase = PHASE_FORM;
    s->offer_count = escalation_ask_offers(&escalation_asks[s->outcome], &s->catalogue.rules, &s->app.unmet, s->offer);
    s->focus = why_item(s);
    (void)app;
}

const struct screen escalate_screen = {
    .name = N_("Escalation"),
    .enter = escalate_enter,
    .draw = escalate_draw,
    .action = escalate_action,
    .in_field = escalate_in_field,
    .text_key = escalate_text_key,
    .unsaved = escalate_unsaved,
    .draft = escalate_draft,
    .restore = escalate_restore,
    .leave = escalate_leave,
};
