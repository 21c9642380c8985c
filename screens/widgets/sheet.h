/* A form drawn as lines, top to bottom: fixed text wrapped to the screen's
 * width, focus stops (a choice, a button) and text fields over as many rows
 * as their text needs, so nothing the user needs is cut at the edge. When
 * the lines are more than the rows there are, they scroll to keep the focus
 * in view (with a line before and after it when there is room), and "↑" or
 * "↓" in the last column of the first or last row says lines are hidden
 * above or below. Up from the first stop walks up through
 * the fixed text above it, a paragraph at a time with the cursor on its
 * first row and the whole paragraph the focus's value (where-am-I reads
 * it), so text scrolled out of view can be reached and heard; Down comes
 * back.
 *
 * A screen keeps one struct sheet (zeroed) in its state: each frame it
 * calls sheet_begin, adds its lines, and sheet_draw. */
#ifndef GISE_SHEET_H
#define GISE_SHEET_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "screens/app.h"
#include "i18n/text/action.h"
#include "screens/widgets/field.h"

struct sheet_line;
struct sheet_block;

struct sheet {
    /* kept from frame to frame */
    size_t top;                    /* the first line shown */
    size_t reading;                /* lines walked up above the first stop (0: none) */
    size_t readable;               /* how many there are to walk, as last drawn */
    /* this frame's */
    int cols, height;
    struct sheet_line *lines;
    size_t count, cap;
    struct sheet_block *blocks;
    size_t block_count, block_cap;
};

/* Starts a frame `cols` wide with `height` rows for the lines (forgets the
 * last frame's lines, keeps the scroll). */
void sheet_begin(struct sheet *s, int cols, int height);

/* Fixed text from column `indent` (2 at least: the reader's ">" goes
 * before it), wrapped between words. `label` names it
 * when the reader walks onto it (the focus's label; its value is the whole
 * text). */
void sheet_text(struct sheet *s, int indent, const char *label, const char *text, attr_t attr);

/* Fixed text "Label: value" as sheet_text makes it; the focus, when the
 * reader walks onto it, is the label and the whole value. */
void sheet_labelled(struct sheet *s, int indent, const char *label, const char *value, attr_t attr);

/* An empty line. */
void sheet_gap(struct sheet *s);

/* A focus stop: "> text" (reversed when focused; the cursor then on the
 * ">"), wrapped under its start when long. The focus is label and value. */
void sheet_stop(struct sheet *s, const char *text, bool focused, const char *label, const char *value);

/* A focus stop on one row, cut with "…" at the edge (the state, first in
 * `text`, stays in view; where-am-I reads label and value whole). */
void sheet_stop_row(struct sheet *s, const char *text, bool focused, const char *label, const char *value);

/* A text field. Focused, one row "> Label (required): text" with the
 * cursor on the insertion point, label, value and cursor within one
 * 40-cell braille line: the text scrolls, "…" where it is hidden, and the
 * focus's value is the whole text (where-am-I reads it). Not focused, its
 * whole text wrapped over as many rows as it needs, at most height - 2:
 * beyond that "↓" says rows are hidden. `after` (may be NULL) is a hint
 * written after the text (e.g. a date's range). */
void sheet_field(struct sheet *s, const char *label, bool required, struct field *f, bool focused,
                 const char *after);

/* Draws the lines from row y, scrolled to keep the focus in view, and sets
 * the focus. */
void sheet_draw(struct app *app, struct sheet *s, int y);

/* Up from the first stop (at_first_stop) walks onto the fixed text above,
 * Up again further, Down back; any other key returns to the stop first
 * (Enter does only that). True when the sheet took the action. */
bool sheet_action(struct sheet *s, enum action action, bool at_first_stop);

/* True while the reader is on the fixed text (not on a stop: keys are not
 * a field's). */
bool sheet_reading(const struct sheet *s);

/* Frees the lines. The sheet may be used again. */
void sheet_free(struct sheet *s);

#endif
