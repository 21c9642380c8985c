#include "app/core/live.h"

#include <stdio.h>
#include <string.h>

#include "i18n/text/action.h"
#include "app/core/log.h"
#include "app/core/session.h"
#include "i18n/text/flat_json.h"
#include "i18n/text/i18n.h"
#include "db/escalation.h"

enum { RETRY_FIRST_MS = 1000, RETRY_MAX_MS = 30000 };

/* Remembers the server's time, from which missed decisions are looked up
 * after a reconnection. */
static void take_clock(struct session *session)
{
    struct db_error err;
    if (escalation_clock(session->db, session->live.since, &err) != 0)
        session->live.since[0] = '\0';
}

void live_start(struct session *session)
{
    if (!session->me.changes_applications && !session->me.reads_every_office)
        return;
    int office = 0;
    struct db_error err;
    char channel[64];
    if (escalation_my_office(session->db, &office, &err) == 0) {
        snprintf(channel, sizeof channel, "gise_office_%d", office);
        if (db_listen(session->db, channel, &err) == 0) {
            session->live.listening = true;
            take_clock(session);
            return;
        }
    }
    char key[120];
    session_how_to(session, ACT_REFRESH, key, sizeof key);
    session_error(session, _("Live updates are off (%s). %s to reload by hand."),
                  session_explain(session, &err), key);
}

static void deliver(struct session *session, const struct live_event *event)
{
    if (session->front.deliver)
        session->front.deliver(session->front.ctx, event);
}

static void announce_decision(struct session *session, const struct escalation *e)
{
    if (e->cancelled_at)
        return;   /* a withdrawal: whoever withdrew it knows */
    if (e->approved)
        session_message(session, _("Your escalation of application %s was approved by %s. Comment: %s"),
                    e->application_number, e->decided_by_name, e->comment ? e->comment : "");
    else
        session_message(session, _("Your escalation of application %s was denied by %s and is back in review. Comment: %s"),
                    e->application_number, e->decided_by_name ? e->decided_by_name : "?",
                    e->comment ? e->comment : "");
}

/* The status row: a supervisor hears of a colleague's new escalation, the
 * one who raised an escalation hears of its decision. Once each. */
static void announce(struct session *session, const struct live_event *event)
{
    bool mine = event->raised_by == session->me.id;
    bool for_supervisor = event->kind == LIVE_RAISED && !mine &&
                          session->me.decides_escalations;
    bool for_raiser = event->kind == LIVE_DECIDED && mine;
    if (!for_supervisor && !for_raiser)
        return;
    struct escalation e;
    struct db_error err;
    if (escalation_get(session->db, event->escalation_id, &e, &err) != 0)
        return;   /* not ours to see after all */
    if (for_raiser) {
        announce_decision(session, &e);
    } else {
        /* The inbox opens on it: the one heard of is one key away. */
        session->live.announced = e.id;
        session->live.announced_unseen = true;
        char key[120];
        session_how_to(session, ACT_INBOX, key, sizeof key);
        session_message(session, _("New escalation from %s: application %s (%s). %s to open it."),
                        e.raised_by_name, e.application_number,
                        session_pick(session, e.service_name_tr, e.service_name_en), key);
    }
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

void live_check_connection(struct session *session)
{
    if (db_is_connected(session->db) || session->live.retry_due_ms > 0)
        return;
    session->live.retry_delay_ms = RETRY_FIRST_MS;
    session->live.retry_due_ms = monotonic_ms() + RETRY_FIRST_MS;
    char key[120];
    session_how_to(session, ACT_REFRESH, key, sizeof key);
    session_error(session, _("The connection to the database was lost. Reconnecting by itself; "
                             "%s to try at once. Nothing you typed is lost."), key);
    log_event(LOG_CONNECTION_LOST, "%s", "");
}

void live_input(struct session *session)
{
    struct db_error err;
    if (db_consume(session->db, &err) != 0)
        live_check_connection(session);
}

/* The server's notices go to the message history (F12), not over what the
 * status row says: the clerk did not ask for them, an administrator may. */
static void keep_notices(struct session *session)
{
    char notice[300], line[400];
    while (db_take_notice(session->db, notice, sizeof notice)) {
        snprintf(line, sizeof line, "%s %s", _("The database says:"), notice);
        messages_keep(&session->messages, line);
    }
}

void live_dispatch(struct session *session)
{
    if (db_busy(session->db))
        return;
    keep_notices(session);
    char channel[64], payload[1024];
    while (db_notification(session->db, channel, sizeof channel, payload, sizeof payload)) {
        struct live_event event;
        if (!parse_event(payload, &event))
            continue;
        announce(session, &event);
        deliver(session, &event);
    }
}

/* What the one who raised escalations missed while the connection was
 * away. */
static void catch_up(struct session *session)
{
    if (!session->me.changes_applications || !session->live.since[0])
        return;
    char since[64];
    snprintf(since, sizeof since, "%s", session->live.since);
    take_clock(session);
    struct escalation_list news;
    struct db_error err;
    if (escalation_news(session->db, since, &news, &err) != 0)
        return;
    for (size_t i = 0; i < news.count; i++)
        announce_decision(session, &news.items[i]);
    escalation_list_free(&news);
}

/* A failed attempt by itself stays quiet (the status row already says the
 * connection is lost, and a screen reader should not hear it every few
 * seconds); one asked for with F5 reports why it failed. */
static int attempt(struct session *session, bool by_hand)
{
    struct db_error err;
    if (db_reconnect(session->db, &err) != 0) {
        int delay = session->live.retry_delay_ms ? session->live.retry_delay_ms * 2 : RETRY_FIRST_MS;
        session->live.retry_delay_ms = delay > RETRY_MAX_MS ? RETRY_MAX_MS : delay;
        session->live.retry_due_ms = monotonic_ms() + session->live.retry_delay_ms;
        if (by_hand)
            session_error(session, _("%s Trying again in %d seconds."), session_explain(session, &err),
                      session->live.retry_delay_ms / 1000);
        return -1;
    }
    session->live.retry_due_ms = 0;
    session->live.retry_delay_ms = 0;
    session_message(session, "%s", _("Reconnected to the database."));
    log_event(LOG_RECONNECTED, "%s", "");
    catch_up(session);
    struct live_event resync = {.kind = LIVE_RESYNC};
    deliver(session, &resync);
    return 0;
}

int live_reconnect(struct session *session)
{
    return attempt(session, true);
}

int live_next_timeout(const struct session *session)
{
    if (session->live.retry_due_ms <= 0)
        return -1;
    double left = session->live.retry_due_ms - monotonic_ms();
    return left <= 0 ? 0 : (int)left + 1;
}

void live_timers(struct session *session)
{
    if (session->live.retry_due_ms > 0 && monotonic_ms() >= session->live.retry_due_ms)
        attempt(session, false);
}
