/* The rejection reasons to choose from, narrowed by what was typed (their
 * code or part of their text): the rejection form and the escalation form
 * that asks for a rejection both choose this way. */
#ifndef GISE_REASON_LIST_H
#define GISE_REASON_LIST_H

#include "screens/app.h"
#include "db/catalogue.h"
#include "screens/widgets/rows.h"

/* Refills `rows`: a heading row (tag -1), then each reason of `c` whose
 * code or title matches `filter` (tag: its index in c->reasons), marking
 * those that need a supervisor. The first reason is selected. Returns 0,
 * or -1 when memory runs out. */
int reason_list_build(struct app *app, struct rows *rows, const struct catalogue *c,
                      const char *filter);

#endif
