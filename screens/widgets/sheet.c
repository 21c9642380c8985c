#include "screens/widgets/sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/text/i18n.h"
#include "i18n/text/sanitize.h"
#include "i18n/text/wrap.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/textarea.h"

#include <unistr.h>

/* Rows hidden above or below: arrows, text a screen reader says, and not
 * the "…" of a row cut at the edge. */
#define MORE_ABOVE "\xE2\x86\x91"   /* ↑ */
#define MORE_BELOW "\xE2\x86\x93"   /* ↓ */

struct sheet_line {
    char *text;                    /* owned; display-safe */
    int x;
    attr_t attr;
    size_t under_from, under_to;   /* the bytes underlined: a field's value */
    int under_to_col;              /* underlined blanks after the text up to this column (0: none) */
    bool more_after;               /* a capped field: "↓" in the last column */
    struct field *field;           /* the line edits it: drawn after the text */
    int field_x, field_width;
    char *after;                   /* owned: the field's hint, after it */
    int cursor_x;                  /* where draw_field put the insertion point */
    size_t block;
};

struct sheet_block {
    char *label, *value;           /* owned: the focus when it has it */
    size_t first, last;            /* its lines */
    bool stop, focused, in_field;
    size_t cursor_line;
    int cursor_col;
};

static void forget_frame(struct sheet *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->lines[i].text);
        free(s->lines[i].after);
    }
    for (size_t i = 0; i < s->block_count; i++) {
        free(s->blocks[i].label);
        free(s->blocks[i].value);
    }
    s->count = 0;
    s->block_count = 0;
}

void sheet_begin(struct sheet *s, int cols, int height)
{
    forget_frame(s);
    s->cols = cols;
    s->height = height < 1 ? 1 : height;
}

void sheet_free(struct sheet *s)
{
    forget_frame(s);
    free(s->lines);
    free(s->blocks);
    memset(s, 0, sizeof *s);
}

static char *safe_copy(const char *text)
{
    char *safe = sanitize_for_display(text ? text : "", text ? strlen(text) : 0);
    return safe ? safe : strdup("");
}

/* A new block; NULL when memory runs out (the sheet then shows less). */
static struct sheet_block *add_block(struct sheet *s, const char *label, const char *value, bool stop,
                                     bool focused)
{
    if (s->block_count == s->block_cap) {
        size_t cap = s->block_cap ? s->block_cap * 2 : 8;
        struct sheet_block *grown = realloc(s->blocks, cap * sizeof *grown);
        if (!grown)
            return NULL;
        s->blocks = grown;
        s->block_cap = cap;
    }
    struct sheet_block *b = &s->blocks[s->block_count++];
    memset(b, 0, sizeof *b);
    b->label = safe_copy(label);
    b->value = safe_copy(value);
    b->stop = stop;
    b->focused = focused;
    b->first = s->count;
    b->last = s->count;
    b->cursor_line = s->count;
    return b;
}

static struct sheet_line *add_line(struct sheet *s, const char *text, size_t len, int x, attr_t attr)
{
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        struct sheet_line *grown = realloc(s->lines, cap * sizeof *grown);
        if (!grown)
            return NULL;
        s->lines = grown;
        s->cap = cap;
    }
    char *copy = strndup(text, len);
    if (!copy)
        return NULL;
    struct sheet_line *l = &s->lines[s->count++];
    memset(l, 0, sizeof *l);
    l->text = copy;
    l->x = x;
    l->attr = attr;
    l->block = s->block_count ? s->block_count - 1 : 0;
    if (s->block_count)
        s->blocks[s->block_count - 1].last = s->count - 1;
    return l;
}

/* Wrapped text: the rows text_wrap finds, each a line; the first from
 * `first_x` with `first` before it, the others from `x`. */
struct wrapping {
    struct sheet *s;
    const char *first;
    int first_x, x;
    attr_t attr, rest_attr;     /* the first row's, the others' */
    size_t rows;
};

static void wrapped_line(void *ctx, const char *start, size_t len)
{
    struct wrapping *w = ctx;
    if (w->rows++ == 0 && w->first) {
        size_t flen = strlen(w->first);
        char *joined = malloc(flen + len + 1);
        if (!joined)
            return;
        memcpy(joined, w->first, flen);
        memcpy(joined + flen, start, len);
        add_line(w->s, joined, flen + len, w->first_x, w->attr);
        free(joined);
        return;
    }
    add_line(w->s, start, len, w->x, w->rows == 1 ? w->attr : w->rest_attr);
}

void sheet_text(struct sheet *s, int indent, const char *label, const char *text, attr_t attr)
{
    /* A text that names itself (a heading) is all label. */
    if (!add_block(s, label, strcmp(label, text) == 0 ? "" : text, false, false))
        return;
    char *safe = safe_copy(text);
    struct wrapping w = {s, NULL, indent, indent, attr, attr, 0};
    /* The last column stays free for the "…" of a scrolled sheet. */
    text_wrap(safe, s->cols - indent - 1, wrapped_line, &w);
    if (w.rows == 0)
        add_line(s, "", 0, indent, attr);
    free(safe);
}

void sheet_labelled(struct sheet *s, int indent, const char *label, const char *value, attr_t attr)
{
    size_t llen = strlen(label), vlen = value ? strlen(value) : 0;
    char *text = malloc(llen + vlen + 3);
    if (!text)
        return;
    memcpy(text, label, llen);
    memcpy(text + llen, ": ", 2);
    memcpy(text + llen + 2, value ? value : "", vlen + 1);
    sheet_text(s, indent, label, text, attr);
    /* The focus's value is the value alone, as on every other row. */
    if (s->block_count) {
        free(s->blocks[s->block_count - 1].value);
        s->blocks[s->block_count - 1].value = safe_copy(value);
    }
    free(text);
}

void sheet_gap(struct sheet *s)
{
    if (add_block(s, "", "", false, false))
        add_line(s, "", 0, 0, A_NORMAL);
}

void sheet_stop(struct sheet *s, const char *text, bool focused, const char *label, const char *value)
{
    if (!add_block(s, label, value, true, focused))
        return;
    char *safe = safe_copy(text);
    /* Reversed on its first row only: a focus move then rewrites one row
     * of it, not every row of a long choice. */
    struct wrapping w = {s, focused ? "> " : "  ", 0, 2, focused ? draw_focus_attr(A_REVERSE) : A_NORMAL, A_NORMAL, 0};
    text_wrap(safe, s->cols - 3, wrapped_line, &w);
    if (w.rows == 0)
        add_line(s, focused ? ">" : " ", 1, 0, w.attr);
    free(safe);
}

void sheet_stop_row(struct sheet *s, const char *text, bool focused, const char *label, const char *value)
{
    if (!add_block(s, label, value, true, focused))
        return;
    char row[600];
    snprintf(row, sizeof row, "%s", focused ? "> " : "  ");
    text_fit(row + 2, sizeof row - 2, text, s->cols - 3);
    add_line(s, row, strlen(row), 0, focused ? draw_focus_attr(A_REVERSE) : A_NORMAL);
}

void sheet_field(struct sheet *s, const char *label, bool required, struct field *f, bool focused,
                 const char *after)
{
    struct sheet_block *b = add_block(s, label, f->text, true, focused);
    if (!b)
        return;
    b->in_field = true;
    char prefix[300];
    if (required)
        snprintf(prefix, sizeof prefix, "%s %s: ", label, _("(required)"));
    else
        snprintf(prefix, sizeof prefix, "%s: ", label);
    if (focused) {
        /* Being edited: one row, "Label: value" and the insertion point
         * within one 40-cell braille line (DESIGN.md, Accessibility 2), so
         * each key is heard as the field's row and nothing else; the value
         * scrolls, "…" at the side where text is hidden, and where-am-I
         * reads it whole. Left, the field shows its whole text. */
        char row[320];
        snprintf(row, sizeof row, "> %s", prefix);
        struct sheet_line *l = add_line(s, row, strlen(row), 0, A_NORMAL);
        if (!l)
            return;
        l->field = f;
        l->field_x = text_columns(row);
        l->field_width = field_width(l->field_x);
        l->after = after ? strdup(after) : NULL;
        b->cursor_line = s->count - 1;
        if (draw_layout().single) {
            /* Listening: how long the text is, under it. It changes with
             * every key, so a reader reads the field's row back after each
             * one (with most readers' defaults a typed key alone is
             * silent), and it says when the limit is near. */
            char count[120];
            size_t chars = u8_mbsnlen((const uint8_t *)f->text, f->len);
            snprintf(count, sizeof count,
                     ngettext("%zu of %zu characters", "%zu of %zu characters", f->max_chars), chars,
                     f->max_chars);
            add_line(s, count, strlen(count), 2, A_NORMAL);
        }
        return;
    }
    /* Rows from column 2, the last column free for the arrows. */
    int width = s->cols - 3;
    struct textarea t;
    if (textarea_layout(&t, prefix, f, after, width) != 0) {
        add_line(s, "", 0, 0, A_NORMAL);
        return;
    }
    size_t cap = s->height > 3 ? (size_t)s->height - 2 : 1, shown = t.count;
    /* From its start: the rows that do not fit are the last ones. */
    if (t.count > cap)
        shown = cap;
    size_t value_from = t.prefix_len, value_to = t.prefix_len + f->len;
    for (size_t r = 0; r < shown; r++) {
        const struct textarea_row *row = &t.rows[r];
        const char *mark = "  ";
        size_t mlen = 2;
        char *text = malloc(mlen + row->len + 1);
        if (!text)
            break;
        memcpy(text, mark, mlen);
        memcpy(text + mlen, t.text + row->start, row->len);
        struct sheet_line *l = add_line(s, text, mlen + row->len, 0, A_NORMAL);
        free(text);
        if (!l)
            break;
        size_t from = row->start > value_from ? row->start : value_from;
        size_t to = row->start + row->len < value_to ? row->start + row->len : value_to;
        if (from < to) {
            l->under_from = mlen + from - row->start;
            l->under_to = mlen + to - row->start;
        }
        /* The field's extent: underlined blanks after the end of its text
         * (an attribute, so a screen reader reads no filler). */
        if (!after && value_to >= row->start && value_to <= row->end &&
            (r + 1 == t.count || t.rows[r + 1].start > value_to))
            l->under_to_col = 2 + width - 1;
        l->more_after = r + 1 == shown && r + 1 < t.count;
    }
    textarea_free(&t);
}

static void draw_line(const struct sheet *s, struct sheet_line *l, int y)
{
    attr_t old_attr;
    short old_pair;
    attr_get(&old_attr, &old_pair, NULL);
    attrset(l->attr);
    size_t len = strlen(l->text);
    mvaddnstr(y, l->x, l->text, (int)l->under_from);
    if (l->under_to > l->under_from) {
        attron(draw_focus_attr(A_UNDERLINE));
        addnstr(l->text + l->under_from, (int)(l->under_to - l->under_from));
        attroff(draw_focus_attr(A_UNDERLINE));
        addnstr(l->text + l->under_to, (int)(len - l->under_to));
    } else {
        addnstr(l->text + l->under_from, (int)(len - l->under_from));
    }
    if (l->under_to_col) {
        int cy, cx;
        getyx(stdscr, cy, cx);
        (void)cy;
        attron(draw_focus_attr(A_UNDERLINE));
        for (; cx < l->under_to_col; cx++)
            addch(' ');
        attroff(draw_focus_attr(A_UNDERLINE));
    }
    if (l->field) {
        l->cursor_x = draw_field(y, l->field_x, l->field_width, l->field);
        int x = l->field_x + l->field_width + 1;
        if (l->after && x < s->cols)
            draw_text(y, x, s->cols - x, l->after, A_NORMAL);
    }
    if (l->more_after)
        mvaddstr(y, s->cols - 1, MORE_BELOW);
    attr_set(old_attr, old_pair, NULL);
}

/* The lines the reader can walk up to: the first of each text above the
 * first stop (a paragraph at a time, its label on the row). */
static size_t readable_lines(const struct sheet *s, size_t *lines, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < s->count && n < max; i++) {
        const struct sheet_block *b = &s->blocks[s->lines[i].block];
        if (b->stop)
            break;
        if (s->lines[i].text[0] && i == b->first)
            lines[n++] = i;
    }
    return n;
}

/* Screen-reader mode: the fixed text and, of the stops and fields, only
 * the focused one; a key then changes that one and nothing else. */
static void draw_single(struct app *app, struct sheet *s, int y, const struct sheet_block *focus, size_t line,
                        int col)
{
    int row = y, cursor_row = y;
    for (size_t i = 0; i < s->count && row < y + s->height; i++) {
        const struct sheet_block *b = &s->blocks[s->lines[i].block];
        if (b->stop && b != focus)
            continue;
        if (i == line)
            cursor_row = row;
        draw_line(s, &s->lines[i], row++);
    }
    if (!s->reading && s->lines[line].field)
        col = s->lines[line].cursor_x;
    focus_set(app, focus->label, focus->value, cursor_row, col, focus->in_field && !s->reading);
}

void sheet_draw(struct app *app, struct sheet *s, int y)
{
    if (s->count == 0 || s->block_count == 0) {
        focus_set(app, "", "", y, 0, false);
        return;
    }
    size_t *readable = malloc(s->count * sizeof *readable);
    s->readable = readable ? readable_lines(s, readable, s->count) : 0;
    if (s->reading > s->readable)
        s->reading = s->readable;
    const struct sheet_block *focus = NULL;
    size_t first, last, line;
    int col;
    if (s->reading) {
        line = readable[s->readable - s->reading];
        focus = &s->blocks[s->lines[line].block];
        first = focus->first;
        last = focus->last;
        col = s->lines[line].x;
    } else {
        for (size_t i = 0; i < s->block_count && !focus; i++)
            if (s->blocks[i].focused)
                focus = &s->blocks[i];
        if (!focus)
            focus = &s->blocks[0];
        first = focus->first;
        last = focus->last;
        line = focus->cursor_line;
        col = focus->stop ? focus->cursor_col : s->lines[line].x;
    }
    free(readable);
    if (draw_layout().single) {
        draw_single(app, s, y, focus, line, col);
        return;
    }
    size_t height = (size_t)s->height;
    /* The whole focus in view when it fits, else the line of its cursor;
     * with a line of what comes before and after it when there is room,
     * so the arrows saying more is hidden are never on the focused row. */
    if (last - first + 1 > height)
        first = last = line;
    if (last - first + 3 <= height) {
        first = first > 0 ? first - 1 : 0;
        last = last + 1 < s->count ? last + 1 : last;
    }
    if (first < s->top)
        s->top = first;
    if (last >= s->top + height)
        s->top = last - height + 1;
    if (s->count <= height)
        s->top = 0;
    else if (s->top > s->count - height)
        s->top = s->count - height;
    for (size_t i = s->top; i < s->count && i < s->top + height; i++)
        draw_line(s, &s->lines[i], y + (int)(i - s->top));
    /* The paragraph being read is marked like a selection, the cursor on
     * the mark (texts start at column 2 or further). */
    if (s->reading) {
        col = 0;
        mvaddstr(y + (int)(line - s->top), 0, ">");
    }
    if (s->top > 0)
        mvaddstr(y, s->cols - 1, MORE_ABOVE);
    if (s->top + height < s->count)
        mvaddstr(y + (int)height - 1, s->cols - 1, MORE_BELOW);
    if (!s->reading && s->lines[line].field)
        col = s->lines[line].cursor_x;
    focus_set(app, focus->label, focus->value, y + (int)(line - s->top), col, focus->in_field && !s->reading);
}

bool sheet_action(struct sheet *s, enum action action, bool at_first_stop)
{
    if (s->reading) {
        if (action == ACT_UP) {
            if (s->reading < s->readable)
                s->reading++;
            return true;
        }
        bool back = action == ACT_DOWN || action == ACT_ACTIVATE;
        s->reading = back && action == ACT_DOWN ? s->reading - 1 : 0;
        return back;
    }
    if (action == ACT_UP && at_first_stop && s->readable > 0) {
        s->reading = 1;
        return true;
    }
    return false;
}

bool sheet_reading(const struct sheet *s)
{
    return s->reading > 0;
}
