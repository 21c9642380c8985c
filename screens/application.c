/* One application: what it is and where it stands, its latest escalation,
 * its document checklist (Enter on a document: received, then checked,
 * then back), its history from the audit log, and the actions its state
 * and the signed-in role allow (F9). The database decides every
 * transition; a colleague's change in between is reported with who and
 * when, and the screen reloads the current state, also when the change is
 * announced live (an escalation decided elsewhere). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/i18n.h"
#include "app/labels.h"
#include "app/live.h"
#include "db/application.h"
#include "db/escalation.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/rows.h"

/* Row tags: documents are 0..n-1; other rows use these. */
enum { TAG_INFO = -1, TAG_ACTION_BASE = 1000 };

enum step {
    STEP_REVIEW, STEP_DEFICIENCY, STEP_ARRIVED, STEP_APPROVE, STEP_REJECT, STEP_ESCALATE,
    STEP_DECIDE, STEP_COMPLETE, STEP_WITHDRAW, STEP_COUNT
};

/* What the F9 menu offers in each state. A step with a form opens it; the
 * others are confirmed with their question. Which role may take a step is
 * decided by step_allowed, mirroring the database (which decides). */
static const struct {
    const char *status;            /* the state the step starts from */
    const char *label;             /* msgid */
    const char *question;          /* msgid, or NULL when a form asks */
    const struct screen *form;
} steps[STEP_COUNT] = {
    [STEP_REVIEW] = {"received", N_("Start the review"), N_("Start reviewing application %s?"), NULL},
    [STEP_DEFICIENCY] = {"in_review", N_("Issue a deficiency notice"), NULL, &deficiency_screen},
    [STEP_ARRIVED] = {"awaiting_documents", N_("The missing documents arrived"),
                      N_("Record that the missing documents of %s arrived?"), NULL},
    [STEP_APPROVE] = {"in_review", N_("Approve"), N_("Approve application %s? This cannot be undone."), NULL},
    [STEP_REJECT] = {"in_review", N_("Reject, with a reason"), NULL, &reject_screen},
    [STEP_ESCALATE] = {"in_review", N_("Escalate to a supervisor"), NULL, &escalate_screen},
    [STEP_DECIDE] = {"escalated", N_("Decide the escalation"), NULL, &decide_screen},
    [STEP_COMPLETE] = {"approved", N_("Complete (service delivered)"),
                       N_("Complete application %s? This closes it."), NULL},
    [STEP_WITHDRAW] = {"*open*", N_("Withdraw at the citizen's request"), NULL, &withdraw_screen},
};

/* Whether a step starts from this state ("*open*": any state not final). */
static bool state_allows(enum step s, const char *status)
{
    if (strcmp(steps[s].status, "*open*") == 0)
        return strcmp(status, "completed") != 0 && strcmp(status, "rejected") != 0 &&
               strcmp(status, "lapsed") != 0 && strcmp(status, "withdrawn") != 0;
    return strcmp(status, steps[s].status) == 0;
}

struct application_view {
    struct rows rows;            /* the record, documents and history */
    struct application app;
    struct escalation escalation;    /* the latest one; id 0 when none */
    bool menu;                   /* the action menu is showing instead */
    struct rows menu_rows;
    enum step pending;           /* the step waiting for confirmation */
    char request_id[37];         /* kept while the same step may be retried */
};

/* The role's share of the rules (0005 and 0009 decide; this only keeps
 * the menu to what the signed-in role may do): auditors change nothing; a
 * clerk approves alone only a low-risk service and rejects alone only where
 * the service does not need a supervisor (a reason that does is marked in
 * the list and refused in words); only another supervisor of the office
 * decides an escalation. */
static bool step_allowed(const struct app *app, const struct application_view *v, enum step s)
{
    if (!app_counter_staff(app) || !state_allows(s, v->app.status))
        return false;
    bool supervisor = app_role_is(app, "supervisor");
    switch (s) {
    case STEP_APPROVE:
        return supervisor || strcmp(v->app.risk_level, "low") == 0;
    case STEP_REJECT:
        return supervisor || !v->app.rejection_needs_supervisor;
    case STEP_DECIDE:
        return supervisor && v->escalation.id && !v->escalation.decision &&
               !v->escalation.cancelled_at && v->escalation.raised_by_id != app->me.id;
    default:
        return true;
    }
}

static int add_escalation_rows(struct rows *r, const struct escalation *e)
{
    char text[1200], waited[32];
    format_waiting(e->waiting_seconds, waited, sizeof waited);
    if (e->requested_reason_code)
        snprintf(text, sizeof text, _("%s asks for %s (%s), waited %s: %s"), e->raised_by_name,
                 outcome_label(e->requested_outcome), e->requested_reason_code, waited, e->reason);
    else
        snprintf(text, sizeof text, _("%s asks for %s, waited %s: %s"), e->raised_by_name,
                 outcome_label(e->requested_outcome), waited, e->reason);
    int rc = rows_add(r, _("Escalation"), text, TAG_INFO);
    if (e->cancelled_at)
        snprintf(text, sizeof text, "%s", _("cancelled: the application was withdrawn"));
    else if (e->decision)
        snprintf(text, sizeof text, strcmp(e->decision, "approved") == 0 ? _("approved by %s: %s")
                                                                        : _("denied by %s: %s"),
                 e->decided_by_name, e->comment);
    else
        snprintf(text, sizeof text, "%s", _("waiting for a supervisor"));
    return rc | rows_add(r, _("Decision"), text, TAG_INFO);
}

static int add_document_row(struct app *app, struct rows *r, const struct checklist_item *d, long tag)
{
    char value[200];
    snprintf(value, sizeof value, "%s %s, %s %s%s%s", d->received ? "[x]" : "[ ]", _("received"),
             d->checked ? "[x]" : "[ ]", _("checked"), d->mandatory ? ", " : "",
             d->mandatory ? _("(required)") : "");
    return rows_add(r, app_pick(app, d->name_tr, d->name_en), value, tag);
}

static const char *action_label(const char *action)
{
    static const struct {
        const char *code, *label;
    } labels[] = {
        {"open", N_("opened the application")}, {"review", N_("started the review")},
        {"document", N_("updated a document")}, {"deficiency", N_("issued a deficiency notice")},
        {"arrived", N_("recorded the missing documents")}, {"approve", N_("approved")},
        {"reject", N_("rejected")}, {"escalate", N_("escalated to a supervisor")},
        {"complete", N_("completed")}, {"withdraw", N_("withdrew it at the citizen's request")},
        {"lapse", N_("the deficiency deadline passed")},
    };
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (strcmp(action, labels[i].code) == 0)
            return _(labels[i].label);
    return action;
}

static int build_rows(struct app *app, struct application_view *v)
{
    const struct application *a = &v->app;
    struct rows *r = &v->rows;
    char received[16], due[16], closed[16], when[32];
    format_date(app->lang, a->received_at, received, sizeof received);
    format_date(app->lang, a->due_date, due, sizeof due);
    format_date(app->lang, a->closed_at, closed, sizeof closed);
    int rc = 0;
    rc |= rows_add(r, _("Application number"), a->number, TAG_INFO);
    rc |= rows_add(r, _("Status"), status_label(a->status), TAG_INFO);
    rc |= rows_add(r, _("Citizen"), a->citizen_name, TAG_INFO);
    rc |= rows_add(r, _("Service"), app_pick(app, a->service_name_tr, a->service_name_en), TAG_INFO);
    rc |= rows_add(r, _("Office"), app_pick(app, a->office_name_tr, a->office_name_en), TAG_INFO);
    rc |= rows_add(r, _("Assignee"), a->assignee ? a->assignee : _("nobody yet"), TAG_INFO);
    rc |= rows_add(r, _("Received on"), received, TAG_INFO);
    rc |= rows_add(r, _("Due date"), due, TAG_INFO);
    rc |= rows_add(r, _("Closed"), a->closed_at ? closed : _("still open"), TAG_INFO);
    if (v->escalation.id)
        rc |= add_escalation_rows(r, &v->escalation);
    char count[32];
    snprintf(count, sizeof count, "%zu", a->document_count);
    rc |= rows_add(r, _("Documents"), count, TAG_INFO);
    for (size_t i = 0; i < a->document_count; i++)
        rc |= add_document_row(app, r, &a->documents[i], (long)i);
    snprintf(count, sizeof count, "%zu", a->timeline_count);
    rc |= rows_add(r, _("History"), count, TAG_INFO);
    for (size_t i = 0; i < a->timeline_count; i++) {
        const struct timeline_item *t = &a->timeline[i];
        char text[300];
        format_date(app->lang, t->at, when, sizeof when);
        snprintf(when + strlen(when), sizeof when - strlen(when), " %.5s",
                 strlen(t->at) > 11 ? t->at + 11 : "");
        snprintf(text, sizeof text, "%s %s", t->actor, action_label(t->action));
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
    struct db_error err;
    if (application_get(app->db, id, &fresh, &err) != 0) {
        app_error(app, "%s", err.message);
        return -1;
    }
    if (escalation_latest(app->db, id, &latest, &err) < 0) {
        application_free(&fresh);
        app_error(app, "%s", err.message);
        return -1;
    }
    application_free(&v->app);
    escalation_free(&v->escalation);
    rows_free(&v->rows);
    v->app = fresh;
    v->escalation = latest;
    if (build_rows(app, v) != 0) {
        app_error(app, "%s", _("Out of memory."));
        return -1;
    }
    v->rows.list.selected = selected < v->rows.count ? selected : 0;
    return 0;
}

static void *application_enter(struct app *app, const void *arg)
{
    struct application_view *v = calloc(1, sizeof *v);
    if (!v) {
        app_error(app, "%s", _("Out of memory."));
        return NULL;
    }
    if (load(app, v, *(const int64_t *)arg) != 0) {
        application_free(&v->app);
        escalation_free(&v->escalation);
        rows_free(&v->rows);
        free(v);
        return NULL;
    }
    app_message(app, _("Application %s: %s."), v->app.number, status_label(v->app.status));
    return v;
}

static void application_leave(struct app *app, void *state)
{
    (void)app;
    struct application_view *v = state;
    application_free(&v->app);
    escalation_free(&v->escalation);
    rows_free(&v->rows);
    rows_free(&v->menu_rows);
    free(v);
}

static void application_draw(struct app *app, void *state)
{
    struct application_view *v = state;
    rows_screen_draw(app, v->menu ? &v->menu_rows : &v->rows);
}

/* After any answer from the database: show the new state, or the refusal
 * and the current state (a colleague may have changed it). */
static void after_action(struct app *app, struct application_view *v, int rc,
                         const struct action_outcome *o, const struct db_error *err)
{
    if (rc == 0) {
        v->request_id[0] = '\0';
        app_message(app, _("Application %s is now: %s."), o->number, status_label(o->status));
    } else {
        if (err->kind != DB_CONNECTION_LOST)
            v->request_id[0] = '\0';   /* refused: a new attempt is a new request */
        app_error(app, "%s", err->message);
    }
    int64_t id = v->app.id;
    if (err->kind != DB_CONNECTION_LOST)
        load(app, v, id);
    app->dirty = true;
}

static bool fresh_request(struct app *app, struct application_view *v)
{
    /* A retry after a lost connection reuses the id: the database then
     * applies the step at most once. */
    if (v->request_id[0])
        return true;
    if (request_id_new(v->request_id) == 0)
        return true;
    app_error(app, "%s", _("Cannot make a request id: no source of randomness."));
    return false;
}

static void run_step(struct app *app, void *ctx, bool confirmed)
{
    struct application_view *v = ctx;
    if (!confirmed) {
        app_message(app, "%s", _("Cancelled. Nothing was changed."));
        return;
    }
    if (!fresh_request(app, v))
        return;
    struct action_outcome o;
    struct db_error err;
    const struct application *a = &v->app;
    int rc = -1;
    switch (v->pending) {
    case STEP_REVIEW:
        rc = application_start_review(app->db, v->request_id, a->id, a->version, &o, &err);
        break;
    case STEP_ARRIVED:
        rc = application_documents_arrived(app->db, v->request_id, a->id, a->version, &o, &err);
        break;
    case STEP_APPROVE:
        rc = application_approve(app->db, v->request_id, a->id, a->version, "", NULL, &o, &err);
        break;
    case STEP_COMPLETE:
        rc = application_complete(app->db, v->request_id, a->id, a->version, &o, &err);
        break;
    case STEP_DEFICIENCY:
    case STEP_REJECT:
    case STEP_ESCALATE:
    case STEP_DECIDE:
    case STEP_WITHDRAW:
    case STEP_COUNT:
        return;   /* these have forms of their own */
    }
    after_action(app, v, rc, &o, &err);
}

/* The menu's rows for the current state and role; -1 when memory runs out. */
static int build_menu(struct application_view *v, struct app *app)
{
    rows_free(&v->menu_rows);
    char title[200];
    snprintf(title, sizeof title, _("Actions for %s (%s)"), v->app.number, status_label(v->app.status));
    int rc = rows_add(&v->menu_rows, "", title, TAG_INFO);
    for (int s = 0; s < STEP_COUNT; s++)
        if (step_allowed(app, v, (enum step)s))
            rc |= rows_add(&v->menu_rows, "", _(steps[s].label), TAG_ACTION_BASE + s);
    return rc;
}

static void open_menu(struct app *app, struct application_view *v)
{
    if (build_menu(v, app) != 0) {
        app_error(app, "%s", _("Out of memory."));
        return;
    }
    if (v->menu_rows.count == 1) {
        if (!app_counter_staff(app))
            app_message(app, "%s", _("You can read this application; only counter staff change it."));
        else if (strcmp(v->app.status, "escalated") == 0)
            app_message(app, "%s", v->escalation.raised_by_id == app->me.id
                                       ? _("You raised this escalation, so another supervisor must decide it.")
                                       : _("A supervisor of the office decides this escalation."));
        else
            app_message(app, _("No action is possible while the application is %s."), status_label(v->app.status));
        return;
    }
    v->menu_rows.list.selected = 1;
    v->menu = true;
    app_message(app, "%s", _("Choose an action with Enter; Esc closes the menu."));
}

static void toggle_document(struct app *app, struct application_view *v, size_t i)
{
    const struct checklist_item *d = &v->app.documents[i];
    /* not received → received → checked → not received */
    bool received = !d->received || (d->received && !d->checked);
    bool checked = d->received && !d->checked;
    if (!fresh_request(app, v))
        return;
    struct action_outcome o;
    struct db_error err;
    int rc = application_mark_document(app->db, v->request_id, v->app.id, v->app.version, d->code,
                                       received, checked, &o, &err);
    after_action(app, v, rc, &o, &err);
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
            v->pending = (enum step)(row->tag - TAG_ACTION_BASE);
            if (steps[v->pending].form) {
                /* The decision screen takes the escalation; the others the application. */
                int64_t id = v->pending == STEP_DECIDE ? v->escalation.id : v->app.id;
                app_push(app, steps[v->pending].form, &id);
                return true;
            }
            char question[300];
            snprintf(question, sizeof question, _(steps[v->pending].question), v->app.number);
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
            app_message(app, "%s", _("Refreshed."));
        return true;
    case ACT_ACTIVATE: {
        const struct row *row = rows_selected(&v->rows);
        if (row && row->tag >= 0 && (size_t)row->tag < v->app.document_count && !app_counter_staff(app))
            app_message(app, "%s", _("You can read this application; only counter staff change it."));
        else if (row && row->tag >= 0 && (size_t)row->tag < v->app.document_count)
            toggle_document(app, v, (size_t)row->tag);
        else
            app_message(app, "%s", _("F9 lists the actions possible now."));
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
    if (build_menu(v, app) != 0 || v->menu_rows.count == 1) {
        v->menu = false;
        return;
    }
    v->menu_rows.list.selected = selected < v->menu_rows.count && selected > 0 ? selected : 1;
}

const struct screen application_screen = {
    .name = N_("Application"),
    .resume = application_resume,
    .live = application_live,
    .enter = application_enter,
    .draw = application_draw,
    .action = application_action,
    .leave = application_leave,
};
