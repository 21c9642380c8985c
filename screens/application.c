/* One application: what it is and where it stands, its latest escalation,
 * its document checklist (Enter on a document: received, then checked,
 * then back), its letters and whether each reached paper (Enter on one, or
 * F9, prints it again), its history from the audit log, and the actions
 * its state and the signed-in role allow (F9). The database decides every
 * transition; a colleague's change in between is reported with who and
 * when, and the screen reloads the current state, also when the change is
 * announced live (an escalation decided elsewhere). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/actions.h"
#include "app/core/drafts.h"
#include "app/core/letter.h"
#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "app/core/live.h"
#include "app/core/record_text.h"
#include "app/core/steps.h"
#include "db/application.h"
#include "db/escalation.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/rows.h"

/* Row tags: documents are 0..n-1; other rows use these (a letter's is
 * TAG_LETTER_BASE plus its index, in the record and in the menu). */
enum { TAG_INFO = -1, TAG_ACTION_BASE = 1000, TAG_LETTER_BASE = 2000 };

/* The form that asks what a step needs; NULL: a confirmation is enough. */
static const struct screen *step_form(enum step s)
{
    switch (s) {
    case STEP_DEFICIENCY: return &deficiency_screen;
    case STEP_REJECT: return &reject_screen;
    case STEP_ESCALATE: return &escalate_screen;
    case STEP_DECIDE: return &decide_screen;
    case STEP_COUNTERSIGN: return &countersign_screen;
    case STEP_WITHDRAW: return &withdraw_screen;
    default: return NULL;
    }
}

struct application_view {
    struct rows rows;            /* the record, documents and history */
    struct application app;
    struct escalation escalation;    /* the latest one; id 0 when none */
    struct approval_rules rules;     /* their titles, read once a waiver needs them */
    bool menu;                   /* the action menu is showing instead */
    struct rows menu_rows;
    struct letter_list letters;  /* its letters, oldest first */
    struct letter_ref reprint;   /* the letter waiting for confirmation */
    enum step pending;           /* the step waiting for confirmation */
    struct request request;      /* kept while the same step may be retried */
};

static int add_escalation_rows(struct rows *r, const struct escalation *e, const char *waives)
{
    char text[1200];
    escalation_request_text(e, text, sizeof text);
    int rc = rows_add(r, _("Escalation"), text, TAG_INFO);
    if (waives[0])
        rc |= rows_add(r, _("Waives"), waives, TAG_INFO);
    escalation_decision_text(e, text, sizeof text);
    return rc | rows_add(r, _("Decision"), text, TAG_INFO);
}

static int add_document_row(struct app *app, struct rows *r, const struct checklist_item *d, long tag)
{
    char value[200];
    document_state_text(d, value, sizeof value);
    return rows_add(r, session_pick(app->session, d->name_tr, d->name_en), value, tag);
}

static int build_rows(struct app *app, struct application_view *v)
{
    const struct application *a = &v->app;
    struct rows *r = &v->rows;
    char received[16], due[16], closed[16], when[32], asks[800], waived[800];
    struct db_error err;
    if (record_waivers_text(app->session, a, &v->escalation, &v->rules, asks, waived, sizeof asks, &err) != 0)
        session_db_error(app->session, &err);
    format_date(app->session->lang, a->received_at, received, sizeof received);
    format_date(app->session->lang, a->due_date, due, sizeof due);
    format_date(app->session->lang, a->closed_at, closed, sizeof closed);
    int rc = 0;
    rc |= rows_add(r, _("Application number"), a->number, TAG_INFO);
    rc |= rows_add(r, _("Status"), status_label(a->status), TAG_INFO);
    rc |= rows_add(r, _("Citizen"), a->citizen_name, TAG_INFO);
    rc |= rows_add(r, _("Service"), session_pick(app->session, a->service_name_tr, a->service_name_en), TAG_INFO);
    rc |= rows_add(r, _("Office"), session_pick(app->session, a->office_name_tr, a->office_name_en), TAG_INFO);
    rc |= rows_add(r, _("Assignee"), a->assignee ? a->assignee : _("nobody yet"), TAG_INFO);
    rc |= rows_add(r, _("Received on"), received, TAG_INFO);
    rc |= rows_add(r, _("Due date"), due, TAG_INFO);
    rc |= rows_add(r, _("Closed"), a->closed_at ? closed : _("still open"), TAG_INFO);
    if (waived[0])
        rc |= rows_add(r, _("Waived at approval"), waived, TAG_INFO);
    if (v->escalation.id)
        rc |= add_escalation_rows(r, &v->escalation, asks);
    char count[32];
    snprintf(count, sizeof count, "%zu", a->document_count);
    rc |= rows_add(r, _("Documents"), count, TAG_INFO);
    for (size_t i = 0; i < a->document_count; i++)
        rc |= add_document_row(app, r, &a->documents[i], (long)i);
    if (v->letters.count) {
        snprintf(count, sizeof count, "%zu", v->letters.count);
        rc |= rows_add(r, _("Letters"), count, TAG_INFO);
    }
    for (size_t i = 0; i < v->letters.count; i++) {
        char text[600];
        letter_state_text(app->session->lang, &v->letters.items[i], text, sizeof text);
        rc |= rows_add(r, letter_kind_label(v->letters.items[i].ref.kind), text, TAG_LETTER_BASE + (long)i);
    }
    snprintf(count, sizeof count, "%zu", a->timeline_count);
    rc |= rows_add(r, _("History"), count, TAG_INFO);
    for (size_t i = 0; i < a->timeline_count; i++) {
        const struct timeline_item *t = &a->timeline[i];
        char text[600];
        timeline_when(app->session->lang, t, when, sizeof when);
        timeline_text(app->session, a, t, text, sizeof text);
        rc |= rows_add(r, when, text, TAG_INFO);
    }
    return rc;
}

/* (Re)reads the application; keeps the selected row where it can. */
static int load(struct app *app, struct application_view *v, int64_t id)
{
    size_t selected = v->rows.list.selected;
    struct application fresh;
    struct escalation latest;
    struct letter_list letters;
    struct db_error err;
    if (application_get(app->session->db, id, &fresh, &err) != 0) {
        session_db_error(app->session, &err);
        return -1;
    }
    if (escalation_latest(app->session->db, id, &latest, &err) < 0) {
        application_free(&fresh);
        session_db_error(app->session, &err);
        return -1;
    }
    if (letters_of_application(app->session->db, id, &letters, &err) != 0) {
        application_free(&fresh);
        escalation_free(&latest);
        session_db_error(app->session, &err);
        return -1;
    }
    application_free(&v->app);
    escalation_free(&v->escalation);
    letter_list_free(&v->letters);
    rows_free(&v->rows);
    v->app = fresh;
    v->escalation = latest;
    v->letters = letters;
    if (build_rows(app, v) != 0) {
        session_error(app->session, "%s", _("Out of memory."));
        return -1;
    }
    v->rows.list.selected = selected < v->rows.count ? selected : 0;
    return 0;
}

static void application_leave(struct app *app, void *state)
{
    (void)app;
    struct application_view *v = state;
    application_free(&v->app);
    escalation_free(&v->escalation);
    approval_rules_free(&v->rules);
    letter_list_free(&v->letters);
    rows_free(&v->rows);
    rows_free(&v->menu_rows);
    free(v);
}

static void *application_enter(struct app *app, const void *arg)
{
    struct application_view *v = calloc(1, sizeof *v);
    if (!v) {
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    if (load(app, v, *(const int64_t *)arg) != 0) {
        application_leave(app, v);
        return NULL;
    }
    session_message(app->session, _("Application %s: %s."), v->app.number, status_label(v->app.status));
    drafts_offer_for(app->session, v->app.id, false);     /* an unfinished step on it */
    return v;
}

static void application_draw(struct app *app, void *state)
{
    struct application_view *v = state;
    rows_screen_draw(app, v->menu ? &v->menu_rows : &v->rows);
}

/* After any answer from the database: show the new state, or the refusal
 * and the current state (a colleague may have changed it). */
static void after_action(struct app *app, struct application_view *v, int rc,
                         const struct action_result *r)
{
    if (rc == 0)
        session_message(app->session, "%s", r->message);
    else
        session_error(app->session, "%s", r->message);
    if (rc == 0 || r->err.kind != DB_CONNECTION_LOST)
        load(app, v, v->app.id);
    app->dirty = true;
}

static void run_step(struct app *app, void *ctx, bool confirmed)
{
    struct application_view *v = ctx;
    if (!confirmed) {
        session_message(app->session, "%s", _("Cancelled. Nothing was changed."));
        return;
    }
    struct action_result r;
    int rc = action_step(app->session, &v->request, &v->app, v->pending, &r);
    after_action(app, v, rc, &r);
}

static void reprint_now(struct app *app, void *ctx, bool confirmed)
{
    struct application_view *v = ctx;
    if (!confirmed) {
        session_message(app->session, "%s", _("Cancelled. Nothing was printed."));
        return;
    }
    char message[1200];
    if (letter_reprint(app->session, v->reprint, v->app.number, message, sizeof message) == 0)
        session_message(app->session, "%s", message);
    else
        session_error(app->session, "%s", message);
    load(app, v, v->app.id);
    app->dirty = true;
}

/* Letter `i` printed again, once confirmed (paper is not taken back). */
static void ask_reprint(struct app *app, struct application_view *v, size_t i)
{
    if (!app->session->me.changes_applications) {
        session_message(app->session, "%s", _("Only counter staff print letters."));
        return;
    }
    v->reprint = v->letters.items[i].ref;
    char question[300];
    snprintf(question, sizeof question, _("%s of %s: print it again?"),
             letter_kind_label(v->reprint.kind), v->app.number);
    app_confirm(app, question, reprint_now, v);
}

/* The menu's rows for the current state and role: the steps, then
 * printing each letter again; -1 when memory runs out. */
static int build_menu(struct app *app, struct application_view *v)
{
    rows_free(&v->menu_rows);
    char title[200];
    snprintf(title, sizeof title, _("Actions for %s (%s)"), v->app.number, status_label(v->app.status));
    int rc = rows_add_heading(&v->menu_rows, title);
    for (int s = 0; s < STEP_COUNT; s++)
        if (step_allowed(&v->app, (enum step)s))
            rc |= rows_add(&v->menu_rows, "", step_label((enum step)s), TAG_ACTION_BASE + s);
    for (size_t i = 0; app->session->me.changes_applications && i < v->letters.count; i++) {
        char label[300], made[32];
        const struct letter_item *l = &v->letters.items[i];
        timestamp_text(app->session->lang, l->made_at, made, sizeof made);
        snprintf(label, sizeof label, l->not_printed ? _("Print again: %s of %s (not printed)")
                                                     : _("Print again: %s of %s"),
                 letter_kind_label(l->ref.kind), made);
        rc |= rows_add(&v->menu_rows, "", label, TAG_LETTER_BASE + (long)i);
    }
    return rc;
}

static void open_menu(struct app *app, struct application_view *v)
{
    if (build_menu(app, v) != 0) {
        session_error(app->session, "%s", _("Out of memory."));
        return;
    }
    if (v->menu_rows.count == 1) {
        session_message(app->session, "%s", steps_none_reason(&v->app));
        return;
    }
    v->menu_rows.list.selected = 1;
    v->menu = true;
    session_message(app->session, "%s", _("Choose an action with Enter; Esc closes the menu."));
}

static void toggle_document(struct app *app, struct application_view *v, size_t i)
{
    struct action_result r;
    int rc = action_cycle_document(app->session, &v->request, &v->app, i, &r);
    after_action(app, v, rc, &r);
}

static bool application_action(struct app *app, void *state, enum action action)
{
    struct application_view *v = state;
    if (v->menu) {
        if (action == ACT_BACK || action == ACT_ACTIONS) {
            v->menu = false;
            return true;
        }
        if (action == ACT_ACTIVATE) {
            const struct row *row = rows_selected(&v->menu_rows);
            if (!row || row->tag < TAG_ACTION_BASE)
                return true;
            v->menu = false;
            if (row->tag >= TAG_LETTER_BASE) {
                ask_reprint(app, v, (size_t)(row->tag - TAG_LETTER_BASE));
                return true;
            }
            v->pending = (enum step)(row->tag - TAG_ACTION_BASE);
            if (step_form(v->pending)) {
                /* The decision screen takes the escalation; the others the application. */
                int64_t id = v->pending == STEP_DECIDE ? v->escalation.id : v->app.id;
                app_push(app, step_form(v->pending), &id);
                return true;
            }
            char question[300];
            snprintf(question, sizeof question, step_question(v->pending), v->app.number);
            app_confirm(app, question, run_step, v);
            return true;
        }
        return rows_screen_action(app, &v->menu_rows, action);
    }
    switch (action) {
    case ACT_ACTIONS:
        open_menu(app, v);
        return true;
    case ACT_REFRESH:
        if (load(app, v, v->app.id) == 0)
            session_message(app->session, "%s", _("Refreshed."));
        return true;
    case ACT_ACTIVATE: {
        const struct row *row = rows_selected(&v->rows);
        if (row && row->tag >= 0 && (size_t)row->tag < v->app.document_count && !app->session->me.changes_applications)
            session_message(app->session, "%s", _("You can read this application; only counter staff change it."));
        else if (row && row->tag >= 0 && (size_t)row->tag < v->app.document_count)
            toggle_document(app, v, (size_t)row->tag);
        else if (row && row->tag >= TAG_LETTER_BASE && (size_t)(row->tag - TAG_LETTER_BASE) < v->letters.count)
            ask_reprint(app, v, (size_t)(row->tag - TAG_LETTER_BASE));
        else
            session_message(app->session, "%s", _("F9 lists the actions possible now."));
        return true;
    }
    default:
        return rows_screen_action(app, &v->rows, action);
    }
}

static void application_resume(struct app *app, void *state)
{
    struct application_view *v = state;
    load(app, v, v->app.id);
}

/* Announced elsewhere (an escalation of this application raised, decided
 * or cancelled; or a reconnection): show the current state. The status row
 * is the announcer's; a reload here says nothing. */
static void application_live(struct app *app, void *state, const struct live_event *event)
{
    struct application_view *v = state;
    if (event->kind != LIVE_RESYNC && event->application_id != v->app.id)
        return;
    load(app, v, v->app.id);
    if (!v->menu)
        return;
    /* The menu follows the new state quietly, the selection kept in range. */
    size_t selected = v->menu_rows.list.selected;
    if (build_menu(app, v) != 0 || v->menu_rows.count == 1) {
        v->menu = false;
        return;
    }
    v->menu_rows.list.selected = selected < v->menu_rows.count && selected > 0 ? selected : 1;
}

/* What Enter and F9 do here beyond the key table's words (F1). */
static const char *application_help(enum action action)
{
    if (action == ACT_ACTIVATE)
        return _("On a document: received, then checked, then neither; on a letter: print it again");
    if (action == ACT_ACTIONS)
        return _("On this screen: the steps possible now, and printing a letter again");
    return NULL;
}

const struct screen application_screen = {
    .name = N_("Application"),
    .help_for = application_help,
    .resume = application_resume,
    .live = application_live,
    .enter = application_enter,
    .draw = application_draw,
    .action = application_action,
    .leave = application_leave,
};
