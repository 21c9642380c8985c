/* One application: what it is and where it stands, its document checklist
 * (Enter on a document: received, then checked, then back), its history
 * from the audit log, and the actions its state allows (F9). The database
 * decides every transition; a colleague's change in between is reported
 * with who and when, and the screen reloads the current state. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/i18n.h"
#include "app/labels.h"
#include "db/application.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/rows.h"

/* Row tags: documents are 0..n-1; other rows use these. */
enum { TAG_INFO = -1, TAG_ACTION_BASE = 1000 };

enum step {
    STEP_REVIEW, STEP_DEFICIENCY, STEP_ARRIVED, STEP_APPROVE, STEP_REJECT, STEP_COMPLETE,
    STEP_WITHDRAW, STEP_COUNT
};

/* What the F9 menu offers in each state. A step with a form opens it; the
 * others are confirmed with their question. The database decides. */
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
    [STEP_COMPLETE] = {"approved", N_("Complete (service delivered)"),
                       N_("Complete application %s? This closes it."), NULL},
    [STEP_WITHDRAW] = {"*open*", N_("Withdraw at the citizen's request"), NULL, &withdraw_screen},
};

/* Whether a step starts from this state ("*open*": any state not final). */
static bool step_allowed(enum step s, const char *status)
{
    if (strcmp(steps[s].status, "*open*") == 0)
        return strcmp(status, "completed") != 0 && strcmp(status, "rejected") != 0 &&
               strcmp(status, "lapsed") != 0 && strcmp(status, "withdrawn") != 0;
    return strcmp(status, steps[s].status) == 0;
}

struct application_view {
    struct rows rows;            /* the record, documents and history */
    struct application app;
    bool menu;                   /* the action menu is showing instead */
    struct rows menu_rows;
    enum step pending;           /* the step waiting for confirmation */
    char request_id[37];         /* kept while the same step may be retried */
};

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
    struct db_error err;
    if (application_get(app->db, id, &fresh, &err) != 0) {
        app_error(app, "%s", err.message);
        return -1;
    }
    application_free(&v->app);
    rows_free(&v->rows);
    v->app = fresh;
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
    case STEP_WITHDRAW:
    case STEP_COUNT:
        return;   /* these have forms of their own */
    }
    after_action(app, v, rc, &o, &err);
}

static void open_menu(struct app *app, struct application_view *v)
{
    rows_free(&v->menu_rows);
    char title[200];
    snprintf(title, sizeof title, _("Actions for %s (%s)"), v->app.number, status_label(v->app.status));
    int rc = rows_add(&v->menu_rows, "", title, TAG_INFO);
    for (int s = 0; s < STEP_COUNT; s++)
        if (step_allowed((enum step)s, v->app.status))
            rc |= rows_add(&v->menu_rows, "", _(steps[s].label), TAG_ACTION_BASE + s);
    if (rc != 0) {
        app_error(app, "%s", _("Out of memory."));
        return;
    }
    if (v->menu_rows.count == 1) {
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
                int64_t id = v->app.id;
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
        if (row && row->tag >= 0 && (size_t)row->tag < v->app.document_count)
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

const struct screen application_screen = {
    .name = N_("Application"),
    .resume = application_resume,
    .enter = application_enter,
    .draw = application_draw,
    .action = application_action,
    .leave = application_leave,
};
