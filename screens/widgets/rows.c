#include "screens/widgets/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/text/i18n.h"
#include "i18n/text/sanitize.h"
#include "i18n/text/wrap.h"
#include "screens/widgets/draw.h"

/* The first row that can be selected: past the heading. */
static size_t first_item(const struct rows *r)
{
    return r->heading && r->count > 1 ? 1 : 0;
}

int rows_add(struct rows *r, const char *label, const char *value, long tag)
{
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        struct row *grown = realloc(r->items, cap * sizeof *grown);
        if (!grown)
            return -1;
        r->items = grown;
        r->cap = cap;
    }
    char *l = strdup(label ? label : ""), *v = strdup(value ? value : "-");
    if (!l || !v) {
        free(l);
        free(v);
        return -1;
    }
    r->items[r->count++] = (struct row){l, v, tag, 0};
    list_set_count(&r->list, r->count);
    return 0;
}

int rows_add_heading(struct rows *r, const char *text)
{
    if (rows_add(r, "", text, -1) != 0)
        return -1;
    r->heading = true;
    return 0;
}

int rows_add_filter_heading(struct rows *r, const char *filter, const char *prompt, const char *matching)
{
    size_t matches = r->count;
    bool in_place = filter[0] && matches && draw_layout().single;
    char heading[300];
    if (filter[0] && !in_place)
        snprintf(heading, sizeof heading, matching, filter, matches);
    else
        snprintf(heading, sizeof heading, "%s", prompt);
    if (rows_add(r, "", heading, -1) != 0)
        return -1;
    struct row top = r->items[matches];
    memmove(r->items + 1, r->items, matches * sizeof *r->items);
    r->items[0] = top;
    r->heading = true;
    snprintf(r->filter, sizeof r->filter, "%s", in_place ? filter : "");
    r->list.selected = first_item(r);
    return 0;
}

int rows_add_more(struct rows *r, const char *value, long tag)
{
    int indent = 0;
    if (r->count) {
        const struct row *above = &r->items[r->count - 1];
        indent = above->label[0] ? text_columns(above->label) + 2 : above->indent;
    }
    if (rows_add(r, "", value, tag) != 0)
        return -1;
    r->items[r->count - 1].indent = indent;
    return 0;
}

void rows_free(struct rows *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].label);
        free(r->items[i].value);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

/* A label longer than this is cut with "…" on its row, so that the label,
 * ": " and the start of the value fit one 40-cell braille line from the
 * row's start (DESIGN.md, Accessibility 2): marker 2 + label 30 + ": " 2
 * leaves 6 cells of the value. The focus keeps the whole label (F4). */
enum { ROW_LABEL_COLS = 30 };

static void row_text(void *ctx, size_t i, char *buf, size_t size)
{
    const struct row *row = &((const struct rows *)ctx)->items[i];
    if (row->label[0]) {
        char label[256];
        /* Listening, the row is drawn whole over as many rows as it needs. */
        text_fit(label, sizeof label, row->label, draw_layout().single ? (int)sizeof label : ROW_LABEL_COLS);
        snprintf(buf, size, "%s: %s", label, row->value);
    } else {
        snprintf(buf, size, "%*s%s", row->indent, "", row->value);
    }
}

/* The lines of the selected row as screen-reader mode shows it: its text
 * and its place, wrapped to the width of the terminal. */
struct row_lines {
    char text[1300];
    size_t want, count;     /* the line asked for; how many there are */
    const char *start;
    size_t len;
};

static void keep_line(void *ctx, const char *start, size_t len)
{
    struct row_lines *rl = ctx;
    if (rl->count++ == rl->want) {
        rl->start = start;
        rl->len = len;
    }
}

static void selected_lines(const struct rows *r, size_t want, struct row_lines *rl)
{
    size_t first = first_item(r);
    char text[1024], place[200];
    row_text((void *)r, r->list.selected, text, sizeof text);
    if (r->filter[0])
        snprintf(place, sizeof place, _("%zu of %zu matching \"%s\""), r->list.selected - first + 1, r->count - first,
                 r->filter);
    else
        snprintf(place, sizeof place, _("%zu of %zu"), r->list.selected - first + 1, r->count - first);
    snprintf(rl->text, sizeof rl->text, "%s  (%s)", text, place);
    /* A row longer than a line says its place first, on the line that is
     * read when it is reached (a filter that leaves it selected changes
     * its place, and so the line, which is then read again). */
    if (wrapped_rows(COLS - 2, rl->text) > 1)
        snprintf(rl->text, sizeof rl->text, "(%s) %s", place, text);
    char *safe = sanitize_for_display(rl->text, strlen(rl->text));
    if (safe) {
        snprintf(rl->text, sizeof rl->text, "%s", safe);
        free(safe);
    }
    rl->want = want;
    rl->count = 0;
    rl->start = rl->text;
    rl->len = strlen(rl->text);
    text_wrap(rl->text, COLS - 2, keep_line, rl);
    if (rl->count == 0)
        rl->count = 1;
}

/* Screen-reader mode: the heading, then one line of the selected row. */
static int rows_draw_single(struct app *app, struct rows *r, int y, int height)
{
    if (r->heading) {
        int used = draw_wrapped(y, 0, COLS, height > 2 ? height - 2 : 1, r->items[0].value, A_NORMAL);
        /* Nothing under the heading (a filter that matches nothing): the
         * heading is what has the focus. */
        if (r->count == 1) {
            focus_set(app, r->items[0].value, r->items[0].value, y, 0, false);
            return y;
        }
        y += used;
        height -= used;
    }
    if (r->count == 0 || height <= 0) {
        focus_set(app, "", "", y, 0, false);
        return y;
    }
    struct row_lines rl;
    selected_lines(r, r->part, &rl);
    if (r->part >= rl.count) {
        r->part = rl.count - 1;
        selected_lines(r, r->part, &rl);
    }
    char line[1300];
    snprintf(line, sizeof line, "%.*s", (int)rl.len, rl.start);
    const struct row *sel = rows_selected(r);
    if (rl.count == 1) {
        draw_text(y, 0, 2, "> ", A_NORMAL);
        draw_text(y, 2, COLS - 2, line, A_NORMAL);
        focus_set(app, sel->label[0] ? sel->label : sel->value, sel->value, y, 0, false);
        return y;
    }
    /* The first line of a long row starts with its place: the marker and
     * the cursor go to the label after it, so a braille display shows the
     * label and the value's start, not the place. */
    const char *at = r->part == 0 && sel->label[0] ? strstr(line, sel->label) : NULL;
    if (!at) {
        draw_text(y, 0, 2, "> ", A_NORMAL);
        draw_text(y, 2, COLS - 2, line, A_NORMAL);
        focus_set(app, line, line, y, 0, false);
        return y;
    }
    char place[sizeof line];
    snprintf(place, sizeof place, "%.*s", (int)(at - line), line);
    int x = text_columns(place);
    draw_text(y, 0, x, place, A_NORMAL);
    draw_text(y, x, 2, "> ", A_NORMAL);
    draw_text(y, x + 2, COLS - x - 2, at, A_NORMAL);
    size_t n = strlen(sel->label);
    focus_set(app, sel->label, strncmp(at + n, ": ", 2) == 0 ? at + n + 2 : at, y, x, false);
    return y;
}

void rows_draw(struct app *app, struct rows *r, int y, int height)
{
    if (r->list.selected < first_item(r))
        r->list.selected = first_item(r);
    if (draw_layout().single) {
        rows_draw_single(app, r, y, height);
        return;
    }
    int cursor_row = draw_list(y, height, 0, COLS, &r->list, true, row_text, r);
    const struct row *sel = rows_selected(r);
    if (sel)
        focus_set(app, sel->label[0] ? sel->label : sel->value, sel->value, cursor_row, 0, false);
    else
        focus_set(app, "", "", y, 0, false);
}

static bool rows_move(struct rows *r, enum action action);

/* Screen-reader mode: Down and Up within the lines of a long row first. */
static bool move_within_row(struct rows *r, enum action action)
{
    if (!draw_layout().single || r->count == 0)
        return false;
    if (action == ACT_DOWN || action == ACT_NEXT) {
        struct row_lines rl;
        selected_lines(r, r->part, &rl);
        if (r->part + 1 < rl.count) {
            r->part++;
            return true;
        }
    } else if ((action == ACT_UP || action == ACT_PREV) && r->part > 0) {
        r->part--;
        return true;
    }
    return false;
}

bool rows_action(struct rows *r, enum action action)
{
    if (move_within_row(r, action))
        return true;
    size_t was = r->list.selected;
    bool handled = rows_move(r, action);
    if (r->list.selected != was)
        r->part = 0;
    if (r->list.selected < first_item(r))
        r->list.selected = first_item(r);
    return handled;
}

static bool rows_move(struct rows *r, enum action action)
{
    switch (action) {
    case ACT_UP:
    case ACT_PREV:
        list_move(&r->list, -1);
        return true;
    case ACT_DOWN:
    case ACT_NEXT:
        list_move(&r->list, 1);
        return true;
    case ACT_PAGE_UP:
        list_move(&r->list, -list_page(&r->list));
        return true;
    case ACT_PAGE_DOWN:
        list_move(&r->list, list_page(&r->list));
        return true;
    case ACT_FIRST:
        list_first(&r->list);
        return true;
    case ACT_LAST:
        list_last(&r->list);
        return true;
    default:
        return false;
    }
}

const struct row *rows_selected(const struct rows *r)
{
    return r->count ? &r->items[r->list.selected] : NULL;
}

struct rows *rows_screen_new(struct app *app)
{
    struct rows *r = calloc(1, sizeof *r);
    if (!r)
        session_error(app->session, "%s", _("Out of memory."));
    return r;
}

struct rows *rows_screen_ready(struct app *app, struct rows *r, int rc)
{
    if (rc == 0)
        return r;
    rows_free(r);
    free(r);
    session_error(app->session, "%s", _("Out of memory."));
    return NULL;
}

void rows_screen_draw(struct app *app, void *state)
{
    struct layout l = draw_layout();
    rows_draw(app, state, l.top, l.bottom - l.top);
}

bool rows_screen_action(struct app *app, void *state, enum action action)
{
    (void)app;
    return rows_action(state, action);
}

void rows_screen_leave(struct app *app, void *state)
{
    (void)app;
    rows_free(state);
    free(state);
}
