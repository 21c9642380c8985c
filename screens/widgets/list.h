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
};

/* Sets the number of rows, keeping the selection inside them. */
void list_set_count(struct list *l, size_t count);

/* Moves the selection by delta rows (clamped). True when it moved. */
bool list_move(struct list *l, long delta);

/* Selects the first or last row. True when it moved. */
bool list_first(struct list *l);
bool list_last(struct list *l);

/* Scrolls so the selection is among `visible` rows starting at top. */
void list_scroll(struct list *l, size_t visible);

/* Forms taller than the screen scroll like a list whose selection is the
 * focused line: after list_scroll, the screen row of line i when the list
 * is drawn from row y, `height` rows tall; -1 when it is out of view. */
int list_row(const struct list *l, size_t i, int y, int height);

#endif
