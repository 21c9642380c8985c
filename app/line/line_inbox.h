/* Line mode's inbox (i): what waits for the signed-in staff member, 20 at
 * a time, numbered by place in the whole inbox (db/inbox.h): escalations,
 * and for a supervisor the approvals waiting for their countersignature.
 * m (or Enter at "more") lists the next 20, e the newest; a number opens
 * that row's application. After an announcement (app/core/live.h) i lists
 * the page that ends with the one announced. Above them, counter staff
 * find the letters they have to print, p1, p2, ...: p and a number prints
 * that one again. */
#ifndef GISE_LINE_INBOX_H
#define GISE_LINE_INBOX_H

#include <stdbool.h>
#include <stddef.h>

#include "app/line/line_io.h"
#include "db/inbox.h"
#include "db/letters.h"

struct line_inbox {
    struct inbox_page listed;    /* every page read since i: its first row is
                                    number listed.first_position, so a number
                                    means the same row however far it went */
    struct letter_list letters;  /* not printed, as listed: p1, p2, ... */
};

/* i: lists the inbox from the oldest, or through the one just announced.
 * Returns 0, or -1 when it could not (said). */
int line_inbox_open(struct line *l, struct line_inbox *in);

/* r: lists it again from the first row listed. */
void line_inbox_refresh(struct line *l, struct line_inbox *in);

/* Takes m, e, p and a letter's number (printed again), or a row's number. False when the answer is none of them.
 * *chosen is the row a number names (NULL otherwise), which *in owns
 * until its next call. */
bool line_inbox_answer(struct line *l, struct line_inbox *in, const char *answer, const struct inbox_entry **chosen);

/* What is listed, for "where am I" ("escalations 1 to 20 of 64"). */
void line_inbox_where(const struct line_inbox *in, char *out, size_t size);

/* ?: what the inbox's own answers do. */
void line_inbox_help(struct line *l);

/* Frees what *in holds and zeroes it. */
void line_inbox_free(struct line_inbox *in);

#endif
