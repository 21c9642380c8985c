/* The counter's actions, one function each, shared by the screens and line
 * mode: each calls the database (which decides every rule and writes the
 * citizen's letter where the step has one), delivers that stored letter,
 * and says what happened in one translated sentence. When the answer is
 * lost, each asks the database what became of the step before it returns
 * (app/core/outcome.h): a step that committed returns as done, its letter
 * printed. The callers only gather what the step needs and show the
 * sentence. */
#ifndef GISE_ACTIONS_H
#define GISE_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/core/outcome.h"
#include "app/core/steps.h"
#include "db/application.h"
#include "db/catalogue.h"
#include "db/escalation.h"

struct session;

/* One request: its id is kept while the same action may be retried, so a
 * retry after a lost answer is applied at most once. Zero it for a new
 * request; the actions clear it themselves once the database has answered. */
struct request {
    char id[37];
};

struct action_result {
    struct action_outcome outcome;   /* on success */
    struct db_error err;             /* on failure: kind and sentence */
    enum step_outcome lost;          /* on DB_CONNECTION_LOST: STEP_NOT_APPLIED (offer
                                        it again) or STEP_UNKNOWN (do not: it is asked
                                        after by itself once the connection is back) */
    bool recovered;                  /* success whose answer was lost: the database
                                        said afterwards that it had applied it */
    char request_id[37];             /* the request this answers */
    char message[1200];              /* what to tell the user, success or not */
};

/* Every action returns 0 with r->outcome, or -1 with r->err. Either way
 * r->message is the sentence to show. A lost answer is settled first: the
 * step is reported done when the database had applied it, and otherwise
 * returns DB_CONNECTION_LOST with r->lost; `req` then keeps its id, so
 * sending it again applies it at most once. On DB_CONFLICT the caller
 * re-reads the application and keeps what the user typed. */

/* A step without a form: STEP_REVIEW, STEP_ARRIVED, STEP_APPROVE,
 * STEP_COMPLETE. */
int action_step(struct session *session, struct request *req, const struct application *a, enum step s,
                struct action_result *r);

/* Document `index` of a's checklist moves on: not received → received →
 * checked → not received. */
int action_cycle_document(struct session *session, struct request *req, const struct application *a,
                          size_t index, struct action_result *r);

/* Opens an application of `service` for a citizen; brought[i] says whether
 * the citizen brought service->documents[i]. */
int action_open(struct session *session, struct request *req, int64_t citizen_id,
                const struct service_info *service, const bool *brought, struct action_result *r);

/* Deficiency notice for the documents with missing[i] set (i indexes
 * a->documents), deadline as YYYY-MM-DD, and the clerk's note. */
int action_deficiency(struct session *session, struct request *req, const struct application *a,
                      const bool *missing, const char *deadline, const char *note,
                      struct action_result *r);

int action_reject(struct session *session, struct request *req, const struct application *a,
                  const struct rejection_reason_info *reason, const char *explanation,
                  struct action_result *r);

/* `outcome` is "approve", "reject" (with `reason`) or "exception";
 * `waives` the approval rules it asks to waive (NULL: none). */
int action_escalate(struct session *session, struct request *req, const struct application *a,
                    const char *outcome, const struct rejection_reason_info *reason,
                    const struct rule_codes *waives, const char *why, struct action_result *r);

/* Decides escalation `e` of `a`, as shown with `reason`, the asked-for
 * rejection reason (NULL unless one was asked for). The letter the
 * decision writes (approving a requested rejection rejects) is printed. */
int action_decide(struct session *session, struct request *req, const struct application *a,
                  const struct escalation *e, const struct rejection_reason_info *reason,
                  bool approve, const char *comment, struct action_result *r);

int action_withdraw(struct session *session, struct request *req, const struct application *a,
                    const char *reason, struct action_result *r);

/* The second signature of a's high-risk approval: `countersign` approves
 * it, otherwise it is refused and goes back to review. */
int action_countersign(struct session *session, struct request *req, const struct application *a,
                       bool countersign, const char *comment, struct action_result *r);

/* Asks the database again about request `req` whose outcome was not
 * known (r->lost STEP_UNKNOWN after an action), without sending the step
 * again. Returns as the action would have: 0 when it had been applied
 * (r->message says so and its letter is printed), -1 with r->lost
 * STEP_NOT_APPLIED or still STEP_UNKNOWN. `number` names the application
 * ("" for a new one). */
int action_settle(struct session *session, struct request *req, const char *number, struct action_result *r);

/* True when `text` is empty or only spaces: a required answer is missing. */
bool action_text_blank(const char *text);

#endif
