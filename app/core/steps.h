/* The steps of an application's lifecycle as the counter offers them: their
 * words, and whether the signed-in staff member may take them. The
 * full-screen menu (F9) and line mode list the same steps from here. The
 * database decides every transition (0005, 0009) and says beforehand which
 * steps it would allow (gise.application_steps, 0012): no state or role is
 * compared here. */
#ifndef GISE_STEPS_H
#define GISE_STEPS_H

#include <stdbool.h>

#include "db/application.h"

/* The step's name in the menu, translated ("Escalate to a supervisor"). */
const char *step_label(enum step s);

/* The confirmation question of a step taken without a form, a translated
 * format with one %s (the application number); NULL when a form asks
 * what the step needs. */
const char *step_question(enum step s);

/* Whether the signed-in staff member may take step `s` on application `a`
 * now: the database's answer, read with the application. */
bool step_allowed(const struct application *a, enum step s);

/* Why no step is offered at all, as one translated sentence (static or
 * catalogue storage: the caller does not free it). */
const char *steps_none_reason(const struct application *a);

#endif
