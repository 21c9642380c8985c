/* A read-only list of "Label: value" rows with a selection: the body of the
 * detail, help and history screens. Each row is focusable so a screen-reader
 * user can walk through a record one field at a time. */
#ifndef GISE_ROWS_H
#define GISE_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "screens/app.h"
#include "i18n/text/action.h"
#include "screens/widgets/list.h"

struct row {
    char *label;       /* owned; "" for a row that is only text */
    char *value;       /* owned */
    long tag;          /* the screen's own reference (e.g. an index), -1 for none */
    int indent;        /* columns before the value: a continued row (rows_add_more) */
};

struct rows {
    struct row *items;
    size_t count, cap;
    struct list list;
    bool heading;      /* row 0 says what the rows are (rows_add_heading) */
    size_t part;       /* screen-reader mode: the line of a long selected row
                          that has the focus (rows_draw) */
    char filter[64];   /* screen-reader mode: what narrowed the rows, said
                          with the selected row's place (rows_add_filter_heading) */
};

/* Appends a row (copies label and value; NULL value shows "-"). Returns 0,
 * or -1 when memory runs out. */
int rows_add(struct rows *r, const char *label, const char *value, long tag);

/* Starts the rows with a heading ("Reasons matching “x”: 3"): row 0,
 * never selected; in screen-reader mode it stays above the one focused row,
 * so a filter typed is heard with what it found. Call on empty rows. Same
 * return as rows_add. */
int rows_add_heading(struct rows *r, const char *text);

/* Finishes rows narrowed by FILTER ("" for none): puts a heading above
 * the rows added so far and selects the first of them. The heading is
 * PROMPT while nothing is typed or, with MATCHING (a format taking the
 * filter and the count), what the filter found. In screen-reader mode,
 * while something matches, the heading stays PROMPT and the selected row's
 * place says the filter instead ("1 of 3 matching “ik”"): so every letter
 * typed changes, and is heard as, the one line with the focus, even when
 * it leaves the same row selected. Same return as rows_add. */
int rows_add_filter_heading(struct rows *r, const char *filter, const char *prompt, const char *matching);

/* Appends the continuation of the row before: the next line of a long
 * value, drawn under its start (past the label) and focused as text. Same
 * return as rows_add. */
int rows_add_more(struct rows *r, const char *value, long tag);

/* Frees every row. */
void rows_free(struct rows *r);

/* Draws rows in [y, y + height) and sets the focus on the selected row.
 * In screen-reader mode only the heading and one line: the selected row,
 * or the focused line of it when it is longer than a row, ending with its
 * place "(3 of 12)"; a screen reader reads one changed line reliably (a
 * frame reaches it in pieces, and the second line of a change may be
 * spoken a key late or not at all). */
void rows_draw(struct app *app, struct rows *r, int y, int height);

/* Up, Down, PgUp, PgDn, Home, End on the selection; true when handled. In
 * screen-reader mode a selected row longer than the screen is wide is
 * read a line at a time: Down and Up go through its lines first. */
bool rows_action(struct rows *r, enum action action);

/* The selected row, or NULL when there are none. */
const struct row *rows_selected(const struct rows *r);

/* For screens whose whole state is a struct rows (detail, help, history):
 * rows_screen_new allocates one (NULL, with a message, when memory runs
 * out); rows_screen_ready returns it when every rows_add succeeded (rc 0)
 * and otherwise frees it, says so and returns NULL. The other three are
 * the screen callbacks themselves. */
struct rows *rows_screen_new(struct app *app);
struct rows *rows_screen_ready(struct app *app, struct rows *r, int rc);
void rows_screen_draw(struct app *app, void *state);
bool rows_screen_action(struct app *app, void *state, enum action action);
void rows_screen_leave(struct app *app, void *state);

#endif
