/* Line mode's forms: each step of an application asked for as questions,
 * then taken through app/core/actions.h exactly as the screens take it. */
#ifndef GISE_LINE_STEPS_H
#define GISE_LINE_STEPS_H

#include "app/core/actions.h"
#include "app/line/line_io.h"
#include "app/line/line_record.h"

enum line_step_end {
    LINE_STEP_DONE,        /* the database took it */
    LINE_STEP_REFUSED,     /* refused; the reason was said */
    LINE_STEP_CANCELLED,   /* the person cancelled; nothing was sent */
    LINE_STEP_LOST,        /* the connection went and the person did not resend */
};

/* Asks what step `s` needs, confirms, and takes it on r's application. */
enum line_step_end line_take_step(struct line *l, struct line_record *r, enum step s);

/* Takes step `s` as its number at the application prompt does: the form,
 * then what moved on. */
void line_steps_take(struct line *l, struct line_record *r, enum step s);

/* Acts on an answer at the application prompt: a number takes that
 * action, "d N" moves document N on (received, checked, neither). Returns
 * false when the answer is neither (the caller tries its own commands). */
bool line_steps_answer(struct line *l, struct line_record *r, const char *answer);

/* Asks which service and which documents the citizen brought, opens the
 * application, and returns its id in *opened (0 when none was opened). */
void line_new_application(struct line *l, int64_t citizen_id, int64_t *opened);

/* Says an action's result: its sentence, as an error when it failed. */
void line_steps_report(struct line *l, int rc, const struct action_result *result);

#endif
