/* The audit and access rows the demo's stories imply. Kept small while the
 * stories are told, then numbered in time order (as they were written),
 * written as COPY text for gise.audit_log and gise.access_log, and chained
 * for gise.chain as the chainer (gise.chain_pending, 0015_audit_chain.sql)
 * chains rows committed together: the audit rows by id, then the access
 * rows by id, each row_hash = sha256(source || ' ' || the row as jsonb
 * text with nulls stripped, in UTC), hash = sha256(prev_hash || seq as 8
 * bytes big-endian || row_hash). */
#ifndef GISE_DEMO_TRAIL_H
#define GISE_DEMO_TRAIL_H

#include <stddef.h>
#include <stdint.h>

#include "db/demo/world.h"

/* gise.application.status, in the order of demo_status_code. */
enum demo_status {
    DEMO_RECEIVED, DEMO_IN_REVIEW, DEMO_AWAITING_DOCUMENTS, DEMO_LAPSED, DEMO_ESCALATED,
    DEMO_AWAITING_COUNTERSIGN, DEMO_APPROVED, DEMO_REJECTED, DEMO_COMPLETED, DEMO_WITHDRAWN,
};

/* The steps of the lifecycle as gise.audit_log.action names them, and the
 * counter visit that opens the citizen's record (an access_log row). */
enum demo_action {
    DEMO_OPEN, DEMO_REVIEW, DEMO_DOCUMENT, DEMO_DEFICIENCY, DEMO_ARRIVED, DEMO_APPROVE, DEMO_REJECT,
    DEMO_ESCALATE, DEMO_DECIDE, DEMO_COUNTERSIGN, DEMO_COMPLETE, DEMO_WITHDRAW, DEMO_LAPSE, DEMO_VISIT,
};

enum {
    TRAIL_SCHEDULER = 255,      /* actor of a lapse: the scheduler's login, not staff */
    DECIDE_APPROVED = 1,        /* code bits of a decide */
    DECIDE_ASKED_REJECT = 2,
};

/* One row to be, 24 bytes: tens of millions are held at once. */
struct trail_event {
    uint32_t at;            /* seconds since 2000-01-01 UTC */
    uint32_t app;           /* application id */
    uint32_t ref;           /* the notice, escalation or countersign it names */
    uint32_t ref2;          /* a decide: the countersign it asks for; a notice: its deadline (day) */
    uint16_t mask;          /* open: documents received; deficiency: missing; document: its position */
    uint8_t action;         /* enum demo_action */
    uint8_t actor;          /* staff index, or TRAIL_SCHEDULER */
    uint8_t from, to;       /* enum demo_status */
    uint8_t code;           /* reject: reason; escalate: reason + 1 (0: approval asked);
                               decide: DECIDE_ bits; countersign: the approver (staff
                               index); withdraw: which reason */
    uint8_t order;          /* its place in the application's story */
};

struct trail {
    const struct world *world;
    struct trail_event *events;
    size_t count, cap;
    uint32_t *citizen;      /* per application id */
    uint8_t *service, *office;
    size_t apps;
    char xact[32];          /* access_log.xact: the loading transaction */
};

/* The rules an approval names, as gise.application_approve and
 * gise.escalation_decide write them: a clerk's at low risk, and a
 * supervisor's on escalation `escalation` (out holds size bytes). */
const char *demo_low_risk_rule(void);
void demo_escalation_rule(uint64_t escalation, char *out, size_t size);

/* The status code ("in_review"), the reason a citizen gives for a
 * withdrawal, and how many such reasons there are. */
const char *demo_status_code(enum demo_status s);
const char *demo_withdraw_reason(int i);
int demo_withdraw_reasons(void);

/* 2000-01-01 UTC in seconds since 1970: the epoch of trail_event.at. */
enum { TRAIL_EPOCH = 946684800 };

/* For `apps` applications (ids 1..apps); xact is the loading transaction's
 * id. Dies when out of memory. */
void trail_init(struct trail *t, const struct world *w, size_t apps, const char *xact);

/* What the rows of application `app` need to know of it. */
void trail_app(struct trail *t, uint32_t app, uint32_t citizen, int service, int office);

/* A new, zeroed event; valid until the next call. */
struct trail_event *trail_add(struct trail *t);

/* Sorts the events by time, numbers them and writes audit.tsv, access.tsv
 * (COPY text) and chain.bin (COPY binary) into dir; *audit and *access say
 * how many rows. Dies on a write error. */
void trail_write(struct trail *t, const char *dir, long long *audit, long long *access);

#endif
