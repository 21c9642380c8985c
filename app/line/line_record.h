/* Line mode's application: shown as numbered text, with the steps the
 * state and role allow (session/steps.h) and the forms that ask what each step
 * needs, taken through the same actions as the screens (session/actions.h). */
#ifndef GISE_LINE_RECORD_H
#define GISE_LINE_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "app/line/line_io.h"
#include "app/core/steps.h"
#include "db/application.h"
#include "db/escalation.h"

struct line_record {
    struct application app;
    struct escalation escalation;    /* the latest; id 0 when none */
    enum step offered[STEP_COUNT];   /* numbered 1.. in the list of actions */
    size_t offered_count;
};

/* Reads application `id` into *r (replacing what it held) and shows it.
 * Returns 0, or -1 after saying why it could not. */
int line_record_open(struct line *l, struct line_record *r, int64_t id);

/* Shows *r again as it was read. */
void line_record_show(struct line *l, const struct line_record *r);

/* Acts on an answer at the application prompt: a number takes that
 * action, "d N" moves document N on (received, checked, neither). Returns
 * false when the answer is neither (the caller tries its own commands). */
bool line_record_answer(struct line *l, struct line_record *r, const char *answer);

/* Frees what *r holds and zeroes it. */
void line_record_close(struct line_record *r);

/* Asks which service and which documents the citizen brought, opens the
 * application, and returns its id in *opened (0 when none was opened). */
void line_new_application(struct line *l, int64_t citizen_id, int64_t *opened);

#endif
