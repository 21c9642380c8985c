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
#include "db/letters.h"

struct line_record {
    struct application app;
    struct escalation escalation;    /* the latest; id 0 when none */
    struct approval_rules rules;     /* their titles, read once a waiver needs them */
    struct letter_list letters;      /* p1, p2, ...: oldest first */
    enum step offered[STEP_COUNT];   /* numbered 1.. in the list of actions */
    size_t offered_count;
};

/* Reads application `id` into *r (replacing what it held) and shows it.
 * Returns 0, or -1 after saying why it could not. */
int line_record_open(struct line *l, struct line_record *r, int64_t id);

/* Shows *r again as it was read (reading the rules' titles the first
 * time a waiver is named). */
void line_record_show(struct line *l, struct line_record *r);

/* Re-reads the application after an answer from the database and says
 * only what moved on: document `document` (SIZE_MAX: none) and what can be
 * done now. */
void line_record_reload(struct line *l, struct line_record *r, size_t document);

/* Frees what *r holds and zeroes it. */
void line_record_close(struct line_record *r);


#endif
