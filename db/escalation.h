/* Escalations as the decision screen, the application and a clerk's news
 * read them (db/migrations/0010_inbox.sql); the inbox lists them with the
 * countersignatures waiting (db/inbox.h). Raising and deciding one are
 * lifecycle actions (db/application.h). */
#ifndef GISE_DB_ESCALATION_H
#define GISE_DB_ESCALATION_H

#include <stddef.h>
#include <stdint.h>

#include "db/approval_rule.h"
#include "db/db.h"

struct escalation {
    int64_t id;
    int64_t application_id;
    char *application_number;
    int application_version;
    char *application_status;
    char *service_name_tr, *service_name_en;
    int raised_by_id;
    char *raised_by_name;
    char *raised_at;                 /* timestamp text from the server */
    long long waiting_seconds;       /* until the decision, or until it was read */
    char *requested_outcome;         /* approve, reject, exception */
    char *requested_reason_code;     /* NULL unless a rejection is asked for */
    char *reason;                    /* why the clerk asks */
    char *decided_by_name;           /* NULL while open */
    char *decided_at;
    char *decision;                  /* approved, denied, or NULL */
    bool approved;                   /* decided, and the decision was to approve */
    char *comment;
    char *cancelled_at;              /* set when the application was withdrawn */
    struct rule_codes waives;        /* the approval rules it asks to waive (0020) */
};

struct escalation_list {
    struct escalation *items;
    size_t count;
};

/* One escalation within the reader's office. 0 with *out (caller frees
 * with escalation_free); -1 with *err (DB_NOT_FOUND when not visible). */
int escalation_get(struct db *db, int64_t id, struct escalation *out, struct db_error *err);

/* The latest escalation of an application: 1 with *out (caller frees), 0
 * when it never had one (*out zeroed), -1 with *err. */
int escalation_latest(struct db *db, int64_t application_id, struct escalation *out,
                      struct db_error *err);

/* The signed-in clerk's escalations decided or cancelled after `since`
 * (server timestamp text), oldest first; caller frees *out. */
int escalation_news(struct db *db, const char *since, struct escalation_list *out,
                    struct db_error *err);

/* The server's clock as timestamp text (for escalation_news). */
int escalation_clock(struct db *db, char out[64], struct db_error *err);

/* The office the signed-in staff member works in (its id). */
int escalation_my_office(struct db *db, int *office_id, struct db_error *err);

/* Free what they own and zero them. */
void escalation_free(struct escalation *e);
void escalation_list_free(struct escalation_list *list);

#endif
