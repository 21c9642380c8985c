/* What happens elsewhere, as it happens: the database announces raised,
 * decided and cancelled escalations, and approvals that start or stop
 * waiting for a countersignature, on the office's channel (LISTEN
 * gise_office_<id>, 0009/0010/0021), on the connection the event loop
 * already polls, so nothing is polled on a timer. A notification is only a
 * pointer to a change the database kept (0017, 0021); what is said is read
 * from there. The status row tells a supervisor of a new escalation and of
 * an approval waiting for their countersignature, and a clerk of the
 * decision on theirs; every open screen hears of each event and re-reads
 * what it shows. After a lost connection the session reconnects by itself,
 * listens again, reports what was decided meanwhile, and the screens
 * reload. */
#ifndef GISE_LIVE_H
#define GISE_LIVE_H

#include <stdint.h>

#include "db/inbox.h"

struct session;

enum live_kind {
    LIVE_RAISED,        /* a new escalation */
    LIVE_DECIDED,       /* approved or denied */
    LIVE_CANCELLED,     /* its application was withdrawn */
    LIVE_COUNTERSIGN_WAITING,   /* an approval waits for a countersignature */
    LIVE_COUNTERSIGN_CLOSED,    /* countersigned, refused, or its application withdrawn */
    LIVE_RESYNC,        /* reconnected, or several changes at once: anything
                           may have changed */
};

struct live_event {
    enum live_kind kind;
    struct inbox_anchor entry;      /* the escalation or countersignature; id 0
                                       for LIVE_RESYNC */
    int64_t application_id;
    char application_number[32];
};

/* Starts listening on the signed-in staff member's office channel. On
 * failure the session works on without live updates and says so. */
void live_start(struct session *session);

/* The connection has input and no query is in flight: read it. */
void live_input(struct session *session);

/* Reads back, in one query, the changes the notifications received point
 * at (gise.inbox_changes), announces what the database confirms and
 * hands each confirmed change to the front end (session->front.deliver;
 * not while a query is in flight: they wait). A notification's payload is
 * never believed: anyone may NOTIFY anything, so a made-up or replayed one
 * says nothing and shows nothing. */
void live_dispatch(struct session *session);

/* Reconnects now (F5, or when the retry is due): on success listens again,
 * reports decisions missed meanwhile and tells every screen to reload.
 * On failure retries later by itself. Returns 0 when connected. */
int live_reconnect(struct session *session);

/* Notices a lost connection and schedules the first retry (once). */
void live_check_connection(struct session *session);

/* Milliseconds until the next reconnection attempt; -1 when none is due. */
int live_next_timeout(const struct session *session);

/* Runs the reconnection attempt when it is due. */
void live_timers(struct session *session);

#endif
