/* What became of a step whose answer was lost (DESIGN.md, principle 4: a
 * dropped connection never leaves a half-done change, and after a lost
 * reply the clerk is told what the database did). The database keeps each
 * step's request id with its outcome and the letter it wrote
 * (gise.request_outcome, 0023): before anything is offered again, gise
 * reconnects and asks. A step that committed is done, and its letter is
 * printed; only one that did not is offered again (the same request id,
 * so it is applied once whatever happens); when the database cannot be
 * reached, the outcome is unknown and asked after again at every
 * reconnection, so no committed step is left without its letter. Both
 * front ends reach this through the actions (app/core/actions.h). */
#ifndef GISE_OUTCOME_H
#define GISE_OUTCOME_H

#include "db/letters.h"

struct session;

enum step_outcome {
    STEP_APPLIED,        /* committed: done, as if the answer had come */
    STEP_NOT_APPLIED,    /* nothing committed: sending it again applies it once */
    STEP_UNKNOWN,        /* the database cannot be asked now */
};

/* After the answer to request `request_id` was lost: reconnects and asks
 * the database what became of it. STEP_APPLIED fills *found (the caller
 * frees it with request_outcome_free); otherwise *found is empty.
 * STEP_UNKNOWN also remembers the request (of application `number`, ""
 * for a new one): outcome_recheck asks again once the connection is back. */
enum step_outcome outcome_after_lost_reply(struct session *session, const char *request_id, const char *number,
                                           struct request_outcome *found);

/* Asks again about each request remembered as unknown: one that was
 * applied is said ("The step on 2026-000123 ... was applied: it is now
 * Rejected.") and its letter printed; one that was not is said too and
 * forgotten; the others stay. Runs by itself after every reconnection. */
void outcome_recheck(struct session *session);

/* Forgets request `request_id`, whose answer came after all (it was sent
 * again and answered). */
void outcome_forget(struct session *session, const char *request_id);

#endif
