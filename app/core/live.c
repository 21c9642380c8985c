#include "app/core/live.h"

#include <stdio.h>
#include <string.h>

#include "i18n/text/action.h"
#include "app/core/log.h"
#include "app/core/session.h"
#include "i18n/text/flat_json.h"
#include "i18n/text/i18n.h"
#include "db/citizen.h"
#include "db/escalation.h"
#include "db/inbox.h"

enum { RETRY_FIRST_MS = 1000, RETRY_MAX_MS = 30000 };

/* Remembers the server's time, from which missed decisions are looked up
 * after a reconnection. */
static void take_clock(struct session *session)
{
    struct db_error err;
    if (escalation_clock(session->db, session->live.since, &err) != 0)
        session->live.since[0] = '\0';
}

static void take_mark(struct session *session)
{
    struct db_error err;
    int64_t mark;
    if (inbox_change_mark(session->db, &mark, &err) == 0 && mark > session->live.change_mark)
        session->live.change_mark = mark;
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
            take_mark(session);
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
    if (e->cancelled_at || !e->decided_at)
        return;   /* a withdrawal: whoever withdrew it knows; open: nothing to say */
    if (e->approved)
        session_message(session, _("Your escalation of application %s was approved by %s. Comment: %s"),
                    e->application_number, e->decided_by_name, e->comment ? e->comment : "");
    else
        session_message(session, _("Your escalation of application %s was denied by %s and is back in review. Comment: %s"),
                    e->application_number, e->decided_by_name ? e->decided_by_name : "?",
                    e->comment ? e->comment : "");
}

/* An approval the database says waits for this supervisor's
 * countersignature (gise.inbox_changes names it to nobody else: not its
 * approver, not the one who asked for it), while it still waits. */
static void announce_countersign(struct session *session, const struct inbox_change *c)
{
    const struct countersign_item *w = &c->entry.countersign;
    if (strcmp(c->event, "waiting") != 0 || w->decided_at || w->cancelled_at)
        return;
    /* The inbox opens on it: the one heard of is one key away. */
    session->live.announced = inbox_anchor_of(&c->entry);
    session->live.announced_unseen = true;
    char key[120];
    session_how_to(session, ACT_INBOX, key, sizeof key);
    session_message(session, _("Approval of %s waits for your countersignature (%s, approved by %s). %s to open it."),
                    w->application_number, session_pick(session, w->service_name_tr, w->service_name_en),
                    w->approved_by_name, key);
}

/* The status row, from what the database says happened (never from a
 * payload): a supervisor hears of a colleague's new escalation while it is
 * still open, the one who raised an escalation hears of its decision. */
static void announce(struct session *session, const struct inbox_change *c)
{
    if (c->entry.kind == INBOX_COUNTERSIGN) {
        announce_countersign(session, c);
        return;
    }
    const struct escalation *e = &c->entry.escalation;
    bool mine = e->raised_by_id == session->me.id;
    bool open = !e->decided_at && !e->cancelled_at;
    if (strcmp(c->event, "decided") == 0 && mine) {
        announce_decision(session, e);
    } else if (strcmp(c->event, "raised") == 0 && open && !mine && session->me.decides_escalations) {
        /* The inbox opens on it: the one heard of is one key away. */
        session->live.announced = inbox_anchor_of(&c->entry);
        session->live.announced_unseen = true;
        char key[120];
        session_how_to(session, ACT_INBOX, key, sizeof key);
        session_message(session, _("New escalation from %s: application %s (%s). %s to open it."),
                        e->raised_by_name, e->application_number,
                        session_pick(session, e->service_name_tr, e->service_name_en), key);
    }
}

/* The change a notification points at, or 0 for one that is not about an
 * escalation or a countersignature (another kind, or not ours to parse):
 * such are ignored. What the payload says happened is not believed; the
 * change id is only where to look. */
static int64_t change_of(const char *payload)
{
    static const char *const events[] = {"raised", "decided", "cancelled", "waiting", "countersigned", "refused"};
    char kind[16];
    flat_json_string(payload, "event", kind, sizeof kind);
    bool known = false;
    for (size_t i = 0; i < sizeof events / sizeof *events; i++)
        known |= strcmp(kind, events[i]) == 0;
    if (!known)
        return 0;
    int64_t change = flat_json_int(payload, "change", 0);
    return change > 0 ? change : 0;
}

/* Whether a change is old news: from before listening began, or already
 * handled. The ring forgets the oldest; the mark then moves up to it, since
 * a change that old has long been committed and heard. */
static bool heard(const struct session *session, int64_t change)
{
    if (change <= session->live.change_mark)
        return true;
    for (size_t i = 0; i < LIVE_HEARD; i++)
        if (session->live.heard[i] == change)
            return true;
    return false;
}

static void remember(struct session *session, int64_t change)
{
    unsigned slot = session->live.heard_next++ % LIVE_HEARD;
    int64_t evicted = session->live.heard[slot];
    if (evicted > session->live.change_mark)
        session->live.change_mark = evicted;
    session->live.heard[slot] = change;
}

static enum live_kind kind_of(const struct inbox_change *c)
{
    if (c->entry.kind == INBOX_COUNTERSIGN)
        return strcmp(c->event, "waiting") == 0 ? LIVE_COUNTERSIGN_WAITING : LIVE_COUNTERSIGN_CLOSED;
    return strcmp(c->event, "raised") == 0 ? LIVE_RAISED
           : strcmp(c->event, "decided") == 0 ? LIVE_DECIDED : LIVE_CANCELLED;
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

/* A refused look-up the database confirms: the office's supervisors hear
 * of it at once (someone may be trying numbers against a masked one). */
static void announce_refusal(const struct lookup_refusal *r, void *ctx)
{
    struct session *session = ctx;
    session_message(session,
                    _("Look-up limit reached: %s was refused a look-up by identity number (%s) at %s. "
                      "The refusals are in the auditors' report."),
                    r->who, r->national_id_masked[0] ? r->national_id_masked : "-", r->at);
}

/* The refused look-up a notification points at, or 0: only supervisors
 * listen for them, and only the id is taken from the payload. */
static int64_t refusal_of(const struct session *session, const char *payload)
{
    if (!session->me.decides_escalations)
        return 0;
    char kind[16];
    flat_json_string(payload, "kind", kind, sizeof kind);
    if (strcmp(kind, "lookup_limit") != 0)
        return 0;
    long long id = flat_json_int(payload, "id", 0);
    return id > 0 ? (int64_t)id : 0;
}

enum { REFUSALS_MAX = 16 };

static void confirm_refusals(struct session *session, const int64_t *refusals, size_t count)
{
    struct db_error err;
    if (count && lookup_refusals_confirm(session->db, refusals, count, announce_refusal, session, &err) != 0)
        live_check_connection(session);
}

void live_dispatch(struct session *session)
{
    if (db_busy(session->db))
        return;
    keep_notices(session);
    /* A burst is read back in one query: the new change ids, each once. */
    static int64_t ids[INBOX_CHANGES_MAX];
    size_t count = 0;
    bool overflow = false;
    char channel[64], payload[1024];
    int64_t refusals[REFUSALS_MAX];
    size_t refused = 0;
    while (db_notification(session->db, channel, sizeof channel, payload, sizeof payload)) {
        int64_t refusal = refusal_of(session, payload);
        if (refusal && refused < REFUSALS_MAX)
            refusals[refused++] = refusal;
        int64_t change = change_of(payload);
        if (!change || heard(session, change))
            continue;
        bool listed = false;
        for (size_t i = 0; i < count && !listed; i++)
            listed = ids[i] == change;
        if (listed)
            continue;
        if (count == INBOX_CHANGES_MAX)
            overflow = true;
        else
            ids[count++] = change;
    }
    confirm_refusals(session, refusals, refused);
    if (count == 0)
        return;
    struct inbox_change_list changes;
    struct db_error err;
    if (inbox_changes(session->db, ids, count, &changes, &err) != 0) {
        live_check_connection(session);
        return;
    }
    /* Only what the database confirms is said or shown; made-up ids are
     * not remembered either (they cost this one read and nothing more). */
    for (size_t i = 0; i < changes.count; i++) {
        remember(session, changes.items[i].change_id);
        announce(session, &changes.items[i]);
    }
    if (changes.count == 1 && !overflow) {
        const struct inbox_change *c = &changes.items[0];
        const char *number = inbox_entry_number(&c->entry);
        struct live_event event = {.kind = kind_of(c), .entry = inbox_anchor_of(&c->entry),
                                   .application_id = inbox_entry_application(&c->entry)};
        snprintf(event.application_number, sizeof event.application_number, "%s", number ? number : "");
        deliver(session, &event);
    } else if (changes.count > 1 || overflow) {
        /* Several changes at once (or a flood past one read's worth): the
         * screens reload once, not once each. */
        struct live_event resync = {.kind = LIVE_RESYNC};
        deliver(session, &resync);
    }
    inbox_change_list_free(&changes);
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
    take_mark(session);   /* what happened meanwhile was caught up with above */
    if (session->reconnected)
        session->reconnected(session);
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
