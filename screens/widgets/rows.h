/* A read-only list of "Label: value" rows with a selection: the body of the
 * detail, help and history screens. Each row is focusable so a screen-reader
 * user can walk through a record one field at a time. */
#ifndef GISE_ROWS_H
#define GISE_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "app/app.h"
#include "app/keymap.h"
#include "screens/widgets/list.h"

struct row {
    char *label;       /* owned; "" for a row that is only text */
    char *value;       /* owned */
    long tag;          /* the screen's own reference (e.g. an index), -1 for none */
};

struct rows {
    struct row *items;
    size_t count, cap;
    struct list list;
};

/* Appends a row (copies label and value; NULL value shows "-"). Returns 0,
 * or -1 when memory runs out. */
int rows_add(struct rows *r, const char *label, const char *value, long tag);

/* Frees every row. */
void rows_free(struct rows *r);

/* Draws rows in [y, y + height) and sets the focus on the selected row. */
void rows_draw(struct app *app, struct rows *r, int y, int height);

/* Up, Down, PgUp, PgDn, Home, End on the selection; true when handled. */
bool rows_action(struct rows *r, enum action action, int page);

/* The selected row, or NULL when there are none. */
const struct row *rows_selected(const struct rows *r);

#endif
