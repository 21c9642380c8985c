/* What the demo's stories play in: the offices and their counter staff,
 * the services with their documents, the rejection reasons, the purpose of
 * a counter visit and the working calendar, as db/demo/load.sh reads them
 * from the database (who handles and who decides is the database's answer,
 * not decided here). */
#ifndef GISE_DEMO_WORLD_H
#define GISE_DEMO_WORLD_H

#include <stdbool.h>
#include <stdint.h>

#include "db/demo/calendar.h"

enum { WORLD_MAX_DOCS = 16, WORLD_MAX_STAFF = 32, WORLD_CODE = 40 };

struct world_staff {
    int id;
    char role[64];              /* the login role: audit_log.actor */
    int office;                 /* index into world.offices */
    bool decides;               /* decides escalations and countersigns (else handles applications) */
};

struct world_office {
    int id;
    int handlers[WORLD_MAX_STAFF], handler_count;       /* staff indices */
    int deciders[WORLD_MAX_STAFF], decider_count;
};

struct world_document {
    int type_id;
    char code[WORLD_CODE];
    bool mandatory;
};

struct world_service {
    int id;
    char code[WORLD_CODE];
    int sla_days, deficiency_days;
    bool clerk_approves;        /* a clerk may approve it (else a supervisor, on escalation) */
    bool countersigned;         /* its approval waits for a second supervisor */
    bool clerk_rejects;         /* a clerk may reject it (reason permitting) */
    struct world_document docs[WORLD_MAX_DOCS];     /* in checklist order */
    int doc_count;
};

struct world_reason {
    char code[WORLD_CODE];
    bool needs_supervisor;
};

struct world {
    struct world_staff *staff;
    int staff_count;
    struct world_office *offices;
    int office_count;
    int *story_offices;         /* the offices that can tell every story: a clerk, two supervisors */
    int story_office_count;
    struct world_service *services;
    int service_count;
    struct world_reason *reasons;
    int reason_count;
    char purpose[WORLD_CODE];   /* of a counter visit (access_log.purpose) */
    struct calendar calendar;   /* about three years back and two ahead of `today` */
};

/* Reads the lines load.sh writes (kind TAB fields...) from `path`; the
 * calendar spans `today`. Dies (exit 1) naming the file on any error. */
void world_read(struct world *w, const char *path, int64_t today);

#endif
