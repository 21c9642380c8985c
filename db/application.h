/* Applications: reading one with its checklist and history, the service
 * catalogue, and every lifecycle action. The rules live in the database
 * (db/migrations/0005_lifecycle.sql); these functions only call them. */
#ifndef GISE_DB_APPLICATION_H
#define GISE_DB_APPLICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/approval_rule.h"
#include "db/db.h"

struct checklist_item {
    char *code;              /* document type code */
    char *name_tr, *name_en;
    bool mandatory;
    bool received, checked;
};

struct timeline_item {
    char *at;                /* timestamp text from the server */
    char *actor;             /* staff member's name */
    char *action;            /* open, review, document, deficiency, ... */
    char *details;           /* JSON text */
};

/* The steps of the lifecycle, in gise.application_steps' order. Which
 * of them the signed-in staff member may take, and why not, is the
 * database's answer (0012_steps.sql), read with the application. */
enum step {
    STEP_REVIEW, STEP_DEFICIENCY, STEP_ARRIVED, STEP_APPROVE, STEP_REJECT, STEP_ESCALATE,
    STEP_DECIDE, STEP_COUNTERSIGN, STEP_COMPLETE, STEP_WITHDRAW, STEP_COUNT
};

enum { STEP_WHY_SIZE = 24 };

/* The database's code of step s ("reject"), as gise.application_steps and
 * gise.request_log name it; "" for none. */
const char *application_step_code(enum step s);

struct application {
    int64_t id;
    char *number;
    int64_t citizen_id;
    char *citizen_name;
    char citizen_language[3];
    char *service_code, *service_name_tr, *service_name_en;
    char *office_code, *office_name_tr, *office_name_en;
    char *status;
    char *assignee;          /* NULL when nobody has it yet */
    char *received_at, *due_date, *closed_at;
    int version;
    char risk_level[8];              /* the service's: low, medium, high */
    bool rejection_needs_supervisor; /* the service's rejections go through a supervisor */
    struct checklist_item *documents;
    size_t document_count;
    struct timeline_item *timeline;
    size_t timeline_count;
    bool step_allowed[STEP_COUNT];          /* for the signed-in staff member, now */
    char step_why[STEP_COUNT][STEP_WHY_SIZE];   /* why not: read_only, state, ... */
    char no_step_reason[STEP_WHY_SIZE];     /* when none is allowed: read_only,
                                               own_escalation, supervisor_decides, own_approval,
                                               supervisor_countersigns, other_office, state */
    struct rule_codes waived;               /* what its approval waived, or the one
                                               awaiting a countersignature (0020) */
    struct rule_codes unmet;                /* the waivable approval rules it does not
                                               meet now (0020) */
};

/* Reads one application with its checklist and timeline. On success the
 * caller frees *out with application_free; -1 with *err otherwise
 * (DB_NOT_FOUND when it does not exist or is not visible). */
int application_get(struct db *db, int64_t id, struct application *out, struct db_error *err);

/* Frees everything *a owns and zeroes it. */
void application_free(struct application *a);

/* Re-reads *a in place (after a colleague's change). On failure *a is left
 * as it was and -1 returned with *err. */
int application_refresh(struct db *db, struct application *a, struct db_error *err);

/* What an action returns: the application's new state. */
struct action_outcome {
    int64_t application_id;
    char number[32];
    char status[32];
    int version;
};

/* A fresh request id (UUID v4 text, 36 characters). The caller keeps it for
 * as long as the same action may be retried, so a retry after a lost
 * answer changes nothing twice. Returns 0, or -1 when no randomness. */
int request_id_new(char out[37]);

/* The lifecycle actions. Each takes the request id and (except open) the
 * version the clerk saw; each returns 0 with *outcome, or -1 with *err:
 * DB_CONFLICT when someone else changed it (err->message names who and
 * when), DB_INVALID_INPUT for a rule not met, DB_PERMISSION for a role. */
int application_open_new(struct db *db, const char *request_id, int64_t citizen_id,
                         const char *service_code, const char *const *received, size_t received_count,
                         struct action_outcome *outcome, struct db_error *err);
int application_start_review(struct db *db, const char *request_id, int64_t id, int version,
                             struct action_outcome *outcome, struct db_error *err);
int application_mark_document(struct db *db, const char *request_id, int64_t id, int version,
                              const char *document_code, bool received, bool checked,
                              struct action_outcome *outcome, struct db_error *err);
int application_issue_deficiency(struct db *db, const char *request_id, int64_t id, int version,
                                 const char *const *missing, size_t missing_count,
                                 const char *deadline, const char *note,
                                 struct action_outcome *outcome, struct db_error *err);
int application_documents_arrived(struct db *db, const char *request_id, int64_t id, int version,
                                  struct action_outcome *outcome, struct db_error *err);
int application_approve(struct db *db, const char *request_id, int64_t id, int version,
                        const char *explanation, const char *letter,
                        struct action_outcome *outcome, struct db_error *err);
int application_reject(struct db *db, const char *request_id, int64_t id, int version,
                       const char *reason_code, const char *explanation, const char *letter,
                       struct action_outcome *outcome, struct db_error *err);
int application_complete(struct db *db, const char *request_id, int64_t id, int version,
                         struct action_outcome *outcome, struct db_error *err);
int application_withdraw(struct db *db, const char *request_id, int64_t id, int version,
                         const char *reason, struct action_outcome *outcome, struct db_error *err);

/* Escalation to a supervisor: the clerk's reason and the outcome asked for
 * ("approve", "reject" with a reason code, or "exception"; the code is NULL
 * unless a rejection is asked for), and the approval rules it asks to waive
 * (NULL: none). The database refuses waivers for a rejection, and an
 * exception that waives nothing (0020). */
int application_escalate(struct db *db, const char *request_id, int64_t id, int version,
                         const char *reason, const char *requested_outcome,
                         const char *requested_reason_code, const struct rule_codes *waives,
                         struct action_outcome *outcome, struct db_error *err);

/* A supervisor decides the open escalation: "approved" applies what was
 * asked for, "denied" sends it back to review; the comment is required.
 * `letter` (may be NULL) is the citizen's letter when an asked-for
 * rejection is approved. DB_PERMISSION when the role may not, or when the
 * supervisor raised it themselves. */
int application_decide_escalation(struct db *db, const char *request_id, int64_t id, int version,
                                  const char *decision, const char *comment, const char *letter,
                                  struct action_outcome *outcome, struct db_error *err);

/* The letter the database wrote for the application (0017), as stored:
 * the latest deficiency notice's (kind "deficiency") or the latest
 * decision's ("decision"). What is printed is this text, never one the
 * client composed. 0 with *text (the caller frees; NULL when there is
 * none); -1 with *err. */
int application_letter(struct db *db, int64_t id, const char *kind, char **text, struct db_error *err);

/* A second supervisor answers a high-risk approval waiting for a
 * countersignature (0016): "countersigned" approves the application,
 * "refused" sends it back to review; the comment is required.
 * DB_PERMISSION for the supervisor who gave the first approval or asked
 * for it, and for other offices. */
int application_countersign(struct db *db, const char *request_id, int64_t id, int version,
                            const char *decision, const char *comment,
                            struct action_outcome *outcome, struct db_error *err);

/* The default and latest deadline of a deficiency notice (YYYY-MM-DD). */
int application_deficiency_window(struct db *db, int64_t id, char earliest[11], char latest[11],
                                  struct db_error *err);

/* Marks every application past its deficiency deadline as lapsed
 * (gise.lapse_overdue(); the daily timer's job). Returns 0 with how many
 * in *lapsed, or -1 with *err. */
int application_lapse_overdue(struct db *db, long long *lapsed, struct db_error *err);

#endif
