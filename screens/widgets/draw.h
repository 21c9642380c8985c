/* Drawing on the terminal: every piece of text passes through
 * sanitize_for_display and is measured with libunistring. */
#ifndef GISE_DRAW_H
#define GISE_DRAW_H

#include <curses.h>
#include <stdbool.h>

#include "screens/app.h"
#include "screens/widgets/field.h"
#include "screens/widgets/list.h"

/* Rows of the screen. Seeing: title at 0, a separator, content [top,
 * bottom), the key hints, and the message in [message_top, status_row] at
 * the bottom. Listening (screen-reader mode, `single`): title at 0, the
 * message right under it, content [top, bottom) to the last row, no hints
 * (hints_row -1); lists and forms show only the focused item there. */
struct layout {
    int top, bottom;
    int hints_row, status_row;
    int message_top;
    int cols;
    bool single;
};

enum { MIN_COLS = 40, MIN_LINES = 12 };

/* Starts a frame: from now on draw_layout gives this session's layout
 * (screen-reader mode or not) with room for the whole of `message`, the
 * one the frame shows (a third of the rows at most). */
void draw_frame_begin(struct app *app, const char *message);

/* The current terminal's layout for the frame being drawn. */
struct layout draw_layout(void);

/* The attribute of a focused row or field: `seeing` in normal mode, none
 * in screen-reader mode (the reader would say "has attribute" on every
 * move; the text says what is focused). */
attr_t draw_focus_attr(attr_t seeing);

/* Display columns of UTF-8 text after sanitising. */
int text_columns(const char *utf8);

/* Writes text at (y, x) in at most max_cols columns, cut with "…" when it
 * is longer. Returns the columns written. */
int draw_text(int y, int x, int max_cols, const char *utf8, attr_t attr);

/* Writes text from (y, x) over as many rows as it needs (at most
 * max_rows), `width` columns each, broken between words where libunistring's
 * line breaking allows (display widths from libunistring; a word wider than
 * a row is broken where it must). What does not fit in max_rows ends the
 * last row cut with "…". Returns the rows written. */
int draw_wrapped(int y, int x, int width, int max_rows, const char *utf8, attr_t attr);

/* The rows draw_wrapped needs for the whole text at this width. */
int wrapped_rows(int width, const char *utf8);

/* The title row ("Screen: Citizen search"), who is signed in, the
 * separator (not in screen-reader mode), key hints and the status row. */
void draw_chrome(struct app *app, const char *title);

/* A field at (y, x), `width` columns, underlined when colour is off it is
 * still bracketed by the label; returns the cursor column. */
int draw_field(int y, int x, int width, struct field *f);

/* The width of a field whose value starts at column x: the label, the
 * value and the cursor stay within one 40-cell braille line (DESIGN.md,
 * Accessibility 2); longer text scrolls inside the field. */
int field_width(int x);

/* A labelled read-only or editable row "Label: value". Returns the column
 * where the value starts. */
int draw_label(int y, int x, const char *label, bool required);

/* Draws a list in rows [y, y + height): the selected row starts with ">"
 * (and is reversed when the list has focus), the others with a blank.
 * row_text fills a row's text. Sets the list's scroll; returns the screen
 * row of the selection (or y when empty). In screen-reader mode only the
 * selected row, whole (wrapped), then its place ("3 of 50"); nothing while
 * the list has no focus: it is there on demand. */
int draw_list(int y, int height, int x, int width, struct list *l, bool focused,
              void (*row_text)(void *ctx, size_t row, char *buf, size_t size), void *ctx);

/* Screen-reader mode's one focused row at (y, x): "> ", the text and its
 * place "(3 of 50)", wrapped over at most `height` rows of `width`. */
void draw_single_row(int y, int height, int x, int width, const char *text, size_t place, size_t count);

/* Copies text into buf cut to `width` columns with "…" when it is wider
 * (sanitised, widths from libunistring; no padding). */
void text_fit(char *buf, size_t size, const char *text, int width);

/* Appends text to buf as a table cell exactly `width` columns wide: cut
 * with "…" or padded with blanks, widths from libunistring. */
void append_cell(char *buf, size_t size, const char *text, int width);

/* Copies a (sanitised) string into a focus buffer. */
void focus_set(struct app *app, const char *label, const char *value, int y, int x, bool in_field);

#endif
