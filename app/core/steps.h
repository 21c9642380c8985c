/* The steps of an application's lifecycle as the counter offers them: which
 * state each starts from, its words, and whether the signed-in role may take
 * it. The full-screen menu (F9) and line mode list the same steps from
 * here; the database decides every transition (0005, 0009), this only keeps
 * the offer to what can succeed. */
#ifndef GISE_STEPS_H
#define GISE_STEPS_H

#include <stdbool.h>

struct session;
struct application;
struct escalation;

enum step {
    STEP_REVIEW, STEP_DEFICIENCY, STEP_ARRIVED, STEP_APPROVE, STEP_REJECT, STEP_ESCALATE,
    STEP_DECIDE, STEP_COMPLETE, STEP_WITHDRAW, STEP_COUNT
};

/* The step's name in the menu, translated ("Escalate to a supervisor"). */
const char *step_label(enum step s);

/* The confirmation question of a step taken without a form, a translated
 * format with one %s (the application number); NULL when a form asks
 * what the step needs. */
const char *step_question(enum step s);

/* Whether the signed-in staff member may take step `s` on application `a`
 * now. `e` is its latest escalation (id 0 when none). */
bool step_allowed(const struct session *session, const struct application *a, const struct escalation *e,
                  enum step s);

/* Why no step is offered at all, as one translated sentence (static or
 * catalogue storage: the caller does not free it). */
const char *steps_none_reason(const struct session *session, const struct application *a,
                              const struct escalation *e);

#endif
