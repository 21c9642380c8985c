/* The inbox (F6). A supervisor: the open escalations of their office,
 * oldest first, with how long each has waited; Enter decides one. A clerk:
 * their own escalations, the recently decided first (with the decision and
 * its comment), then the open ones. An auditor: every office's open escalations. It is live:
 * a new, decided or withdrawn escalation reloads it without a key
 * (app/live.h), and the selection stays on the escalation it was on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "app/core/live.h"
#include "db/escalation.h"
#include "screens/screens.h"
#include "screens/widgets/rows.h"

struct inbox {
    struct rows rows;
    struct escalation_list list;
};

/* A clerk's inbox: their own escalations and the decisions on them (a
 * supervisor sees the office's, an auditor every office's). */
static bool sees_own_only(const struct app *app)
{
    return !app->session->me.decides_escalations && !app->session->me.reads_every_office;
}

static void describe(struct app *app, const struct escalation *e, char *out, size_t size)
{
    char waited[32];
    format_waiting(e->waiting_seconds, waited, sizeof waited);
    const char *service = session_pick(app->session, e->service_name_tr, e->service_name_en);
    char asks[160];
    if (e->requested_reason_code)
        snprintf(asks, sizeof asks, "%s (%s)", outcome_label(e->requested_outcome), e->requested_reason_code);
    else
        snprintf(asks, sizeof asks, "%s", outcome_label(e->requested_outcome));
    if (e->cancelled_at)
        snprintf(out, size, _("cancelled: the application was withdrawn; asked for %s, %s"), asks, service);
    else if (e->approved)
        snprintf(out, size, _("approved by %s: %s; asked for %s, %s"), e->decided_by_name, e->comment, asks, service);
    else if (e->decision)
        snprintf(out, size, _("denied by %s: %s; asked for %s, %s"), e->decided_by_name, e->comment, asks, service);
    else if (sees_own_only(app))
        snprintf(out, size, _("waiting %s; asks for %s, %s"), waited, asks, service);
    else
        snprintf(out, size, _("waiting %s; asks for %s, %s; from %s"), waited, asks, service,
                 e->raised_by_name);
}

static int build_rows(struct app *app, struct inbox *in)
{
    rows_free(&in->rows);
    char heading[300];
    if (sees_own_only(app))
        snprintf(heading, sizeof heading,
                 _("Your escalations: those decided in the last 14 days first, then the open ones (%zu)."),
                 in->list.count);
    else if (app->session->me.reads_every_office)
        snprintf(heading, sizeof heading, _("Open escalations of every office, oldest first: %lld."),
                 in->list.open_total);
    else
        snprintf(heading, sizeof heading, _("Open escalations of your office, oldest first: %lld. Enter decides."),
                 in->list.open_total);
    int rc = rows_add(&in->rows, "", heading, -1);
    if (in->list.open_total > (long long)in->list.count && !sees_own_only(app))
        rc |= rows_add(&in->rows, "", _("Only the oldest 500 are listed."), -1);
    for (size_t i = 0; i < in->list.count; i++) {
        char text[1200];
        describe(app, &in->list.items[i], text, sizeof text);
        rc |= rows_add(&in->rows, in->list.items[i].application_number, text, (long)i);
    }
    if (in->list.count == 0)
        rc |= rows_add(&in->rows, "", _("Nothing is waiting."), -1);
    return rc;
}

static int64_t selected_escalation(const struct inbox *in)
{
    const struct row *row = rows_selected(&in->rows);
    return row && row->tag >= 0 ? in->list.items[row->tag].id : 0;
}

/* Reads the inbox again; the selection stays on the same escalation, or
 * on the same place when that one has gone. */
static int load(struct app *app, struct inbox *in)
{
    int64_t keep = selected_escalation(in);
    size_t place = in->rows.list.selected;
    struct escalation_list fresh;
    struct db_error err;
    if (escalation_inbox(app->session->db, &fresh, &err) != 0) {
        session_db_error(app->session, &err);
        return -1;
    }
    escalation_list_free(&in->list);
    in->list = fresh;
    if (build_rows(app, in) != 0) {
        session_error(app->session, "%s", _("Out of memory."));
        return -1;
    }
    size_t first = in->rows.count > 1 && in->rows.items[1].tag < 0 ? 2 : 1;
    in->rows.list.selected = place < in->rows.count ? place : in->rows.count - 1;
    if (in->rows.list.selected < first && first < in->rows.count)
        in->rows.list.selected = first;
    for (size_t i = 0; keep && i < in->rows.count; i++)
        if (in->rows.items[i].tag >= 0 && in->list.items[in->rows.items[i].tag].id == keep)
            in->rows.list.selected = i;
    return 0;
}

static void *inbox_enter(struct app *app, const void *arg)
{
    (void)arg;
    if (!app->session->me.changes_applications && !app->session->me.reads_every_office) {
        session_message(app->session, "%s", _("The inbox is for counter staff and auditors."));
        return NULL;
    }
    struct inbox *in = calloc(1, sizeof *in);
    if (!in) {
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    if (load(app, in) != 0) {
        free(in);
        return NULL;
    }
    if (sees_own_only(app))
        session_message(app->session, _("Inbox: %zu of your escalations."), in->list.count);
    else
        session_message(app->session, _("Inbox: %lld open escalations."), in->list.open_total);
    return in;
}

static void inbox_leave(struct app *app, void *state)
{
    (void)app;
    struct inbox *in = state;
    rows_free(&in->rows);
    escalation_list_free(&in->list);
    free(in);
}

static void inbox_draw(struct app *app, void *state)
{
    rows_screen_draw(app, &((struct inbox *)state)->rows);
}

static void open_selected(struct app *app, struct inbox *in)
{
    const struct row *row = rows_selected(&in->rows);
    if (!row || row->tag < 0)
        return;
    const struct escalation *e = &in->list.items[row->tag];
    bool open = !e->decision && !e->cancelled_at;
    if (app->session->me.decides_escalations && open && e->raised_by_id != app->session->me.id) {
        app_push(app, &decide_screen, &e->id);
        return;
    }
    int64_t application = e->application_id;
    app_push(app, &application_screen, &application);
    if (app->session->me.decides_escalations && open)
        session_message(app->session, "%s", _("You raised this escalation, so another supervisor must decide it."));
}

static bool inbox_action(struct app *app, void *state, enum action action)
{
    struct inbox *in = state;
    switch (action) {
    case ACT_ACTIVATE:
        open_selected(app, in);
        return true;
    case ACT_REFRESH:
        if (load(app, in) == 0)
            session_message(app->session, "%s", _("Refreshed."));
        return true;
    case ACT_INBOX:
        return true;
    default:
        return rows_screen_action(app, &in->rows, action);
    }
}

static void inbox_resume(struct app *app, void *state)
{
    load(app, state);
}

static void inbox_live(struct app *app, void *state, const struct live_event *event)
{
    struct inbox *in = state;
    int64_t was = selected_escalation(in);
    if (load(app, in) != 0)
        return;
    /* Focus that moved by itself deserves a word. */
    if (was && was == event->escalation_id && selected_escalation(in) != was && app->depth &&
        app->stack[app->depth - 1].state == state)
        session_message(app->session, _("Application %s is no longer waiting: decided by a colleague or withdrawn."),
                    event->application_number);
}

const struct screen inbox_screen = {
    .name = N_("Inbox"),
    .enter = inbox_enter,
    .draw = inbox_draw,
    .action = inbox_action,
    .resume = inbox_resume,
    .live = inbox_live,
    .leave = inbox_leave,
};
