#include "app/core/live.h"

#include <stdio.h>
#include <string.h>

#include "screens/app.h"
#include "app/base/flat_json.h"
#include "app/base/i18n.h"
#include "db/escalation.h"

enum { RETRY_FIRST_MS = 1000, RETRY_MAX_MS = 30000 };

/* Remembers the server's time, from which missed decisions are looked up
 * after a reconnection. */
static void take_clock(struct app *app)
{
    struct db_error err;
    if (escalation_clock(app->db, app->live.since, &err) != 0)
        app->live.since[0] = '\0';
}

void live_start(struct app *app)
{
    if (!app_counter_staff(app) && !app_role_is(app, "auditor"))
        return;
    int office = 0;
    struct db_error err;
    char channel[64];
    if (escalation_my_office(app->db, &office, &err) == 0) {
        snprintf(channel, sizeof channel, "gise_office_%d", office);
        if (db_listen(app->db, channel, &err) == 0) {
            app->live.listening = true;
            take_clock(app);
            return;
        }
    }
    app_error(app, _("Live updates are off (%s). F5 reloads by hand."), err.message);
}

static void deliver(struct app *app, const struct live_event *event)
{
    /* Bottom to top: every open screen, not only the visible one. */
    for (int i = 0; i < app->depth; i++)
        if (app->stack[i].screen->live)
            app->stack[i].screen->live(app, app->stack[i].state, event);
    app->dirty = true;
}

static void announce_decision(struct app *app, const struct escalation *e)
{
    if (e->cancelled_at)
        return;   /* a withdrawal: whoever withdrew it knows */
    if (e->decision && strcmp(e->decision, "approved") == 0)
        app_message(app, _("Your escalation of application %s was approved by %s. Comment: %s"),
                    e->application_number, e->decided_by_name, e->comment ? e->comment : "");
    else
        app_message(app, _("Your escalation of application %s was denied by %s and is back in review. Comment: %s"),
                    e->application_number, e->decided_by_name ? e->decided_by_name : "?",
                    e->comment ? e->comment : "");
}

/* The status row: a supervisor hears of a colleague's new escalation, the
 * one who raised an escalation hears of its decision. Once each. */
static void announce(struct app *app, const struct live_event *event)
{
    bool mine = event->raised_by == app->me.id;
    bool for_supervisor = event->kind == LIVE_RAISED && !mine &&
                          app_role_is(app, "supervisor");
    bool for_raiser = event->kind == LIVE_DECIDED && mine;
    if (!for_supervisor && !for_raiser)
        return;
    struct escalation e;
    struct db_error err;
    if (escalation_get(app->db, event->escalation_id, &e, &err) != 0)
        return;   /* not ours to see after all */
    if (for_raiser)
        announce_decision(app, &e);
    else
        app_message(app, _("New escalation from %s: application %s (%s). F6 opens the inbox."),
                    e.raised_by_name, e.application_number,
                    app_pick(app, e.service_name_tr, e.service_name_en));
    escalation_free(&e);
}

static bool parse_event(const char *payload, struct live_event *event)
{
    char kind[16];
    memset(event, 0, sizeof *event);
    flat_json_string(payload, "event", kind, sizeof kind);
    if (strcmp(kind, "raised") == 0)
        event->kind = LIVE_RAISED;
    else if (strcmp(kind, "decided") == 0)
        event->kind = LIVE_DECIDED;
    else if (strcmp(kind, "cancelled") == 0)
        event->kind = LIVE_CANCELLED;
    else
        return false;
    event->escalation_id = flat_json_int(payload, "escalation", 0);
    event->application_id = flat_json_int(payload, "application_id", 0);
    event->raised_by = (int)flat_json_int(payload, "raised_by", 0);
    event->decided_by = (int)flat_json_int(payload, "decided_by", 0);
    flat_json_string(payload, "application", event->application_number,
                     sizeof event->application_number);
    return event->escalation_id > 0;
}

void live_check_connection(struct app *app)
{
    if (db_is_connected(app->db) || app->live.retry_due_ms > 0)
        return;
    app->live.retry_delay_ms = RETRY_FIRST_MS;
    app->live.retry_due_ms = app_now_ms() + RETRY_FIRST_MS;
    app_error(app, "%s", _("The connection to the database was lost. Reconnecting by itself; "
                           "F5 tries at once. Nothing you typed is lost."));
}

void live_input(struct app *app)
{
    struct db_error err;
    if (db_consume(app->db, &err) != 0)
        live_check_connection(app);
}

void live_dispatch(struct app *app)
{
    if (db_busy(app->db) || app->dialog.open)
        return;
    char channel[64], payload[1024];
    while (db_notification(app->db, channel, sizeof channel, payload, sizeof payload)) {
        struct live_event event;
        if (!parse_event(payload, &event))
            continue;
        announce(app, &event);
        deliver(app, &event);
    }
}

/* What the one who raised escalations missed while the connection was
 * away. */
static void catch_up(struct app *app)
{
    if (!app_counter_staff(app) || !app->live.since[0])
        return;
    char since[64];
    snprintf(since, sizeof since, "%s", app->live.since);
    take_clock(app);
    struct escalation_list news;
    struct db_error err;
    if (escalation_news(app->db, since, &news, &err) != 0)
        return;
    for (size_t i = 0; i < news.count; i++)
        announce_decision(app, &news.items[i]);
    escalation_list_free(&news);
}

/* A failed attempt by itself stays quiet (the status row already says the
 * connection is lost, and a screen reader should not hear it every few
 * seconds); one asked for with F5 reports why it failed. */
static int attempt(struct app *app, bool by_hand)
{
    struct db_error err;
    if (db_reconnect(app->db, &err) != 0) {
        int delay = app->live.retry_delay_ms ? app->live.retry_delay_ms * 2 : RETRY_FIRST_MS;
        app->live.retry_delay_ms = delay > RETRY_MAX_MS ? RETRY_MAX_MS : delay;
        app->live.retry_due_ms = app_now_ms() + app->live.retry_delay_ms;
        if (by_hand)
            app_error(app, _("%s Trying again in %d seconds."), err.message,
                      app->live.retry_delay_ms / 1000);
        return -1;
    }
    app->live.retry_due_ms = 0;
    app->live.retry_delay_ms = 0;
    app_message(app, "%s", _("Reconnected to the database."));
    catch_up(app);
    struct live_event resync = {.kind = LIVE_RESYNC};
    deliver(app, &resync);
    return 0;
}

int live_reconnect(struct app *app)
{
    return attempt(app, true);
}

int live_next_timeout(const struct app *app)
{
    if (app->live.retry_due_ms <= 0)
        return -1;
    double left = app->live.retry_due_ms - app_now_ms();
    return left <= 0 ? 0 : (int)left + 1;
}

void live_timers(struct app *app)
{
    if (app->live.retry_due_ms > 0 && app_now_ms() >= app->live.retry_due_ms)
        attempt(app, false);
}
