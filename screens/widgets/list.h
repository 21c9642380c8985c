/* A scrolling list's position: which row is selected, which is on top. The
 * rows themselves belong to the screen; drawing is in draw.h. */
#ifndef GISE_LIST_H
#define GISE_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list {
    size_t count;
    size_t selected;
    size_t top;          /* first row shown */
    size_t visible;      /* rows shown by the last draw: one page */
};

/* Sets the number of rows, keeping the selection inside them. */
void list_set_count(struct list *l, size_t count);

/* Moves the selection by delta rows (clamped). True when it moved. */
bool list_move(struct list *l, long delta);

/* Selects the first or last row. True when it moved. */
bool list_first(struct list *l);
bool list_last(struct list *l);

/* Scrolls so the selection is among `visible` rows starting at top, and
 * remembers that many rows as the list's page. */
void list_scroll(struct list *l, size_t visible);

/* One page of the list as it was last drawn (PgUp, PgDn): at least 1. */
long list_page(const struct list *l);

/* Forms taller than the screen scroll like a list whose selection is the
 * focused line: after list_scroll, the screen row of line i when the list
 * is drawn from row y, `height` rows tall; -1 when it is out of view. */
int list_row(const struct list *l, size_t i, int y, int height);

#endif
