#include "screens/widgets/draw.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "i18n/text/grapheme.h"
#include "i18n/text/i18n.h"
#include "i18n/text/action.h"
#include "i18n/text/labels.h"
#include "i18n/text/sanitize.h"
#include "i18n/text/wrap.h"

enum { PAIR_ERROR = 1, HIGHLIGHT_COLS = 12 };

/* What this frame is drawn for, set by draw_frame_begin before any screen
 * draws: the listening layout or the seeing one, and how many rows the
 * message needs. */
static struct {
    bool listening;
    int message_rows;
} frame = {false, 1};

/* A message may take up to this share of the rows below the title, so a
 * screen keeps room for its focus; F12 and where-am-I have it whole. */
static int message_rows_for(const char *text, int cols)
{
    int rows = text && text[0] ? wrapped_rows(cols, text) : 1;
    int most = (LINES - 1) / 3;
    if (most < 1)
        most = 1;
    return rows < 1 ? 1 : rows > most ? most : rows;
}

void draw_frame_begin(struct app *app, const char *message)
{
    frame.listening = app->session->screen_reader;
    frame.message_rows = message_rows_for(message, COLS);
}

/* Listening: title, the message (the answer to the key) right under it,
 * then the content down to the last row. Seeing: title, a separator, the
 * content, the key hints and the message at the bottom, growing upwards. */
struct layout draw_layout(void)
{
    struct layout l;
    l.cols = COLS;
    l.single = frame.listening;
    if (frame.listening) {
        l.message_top = 1;
        l.status_row = frame.message_rows;
        l.hints_row = -1;
        l.top = frame.message_rows + 1;
        l.bottom = LINES;
    } else {
        l.status_row = LINES - 1;
        l.message_top = LINES - frame.message_rows;
        l.hints_row = l.message_top - 1;
        l.top = 2;
        l.bottom = l.hints_row;
    }
    return l;
}

attr_t draw_focus_attr(attr_t seeing)
{
    /* A screen reader announces "has attribute" whenever the cell under the
     * cursor gains one: the ">" and the words already say it. */
    return frame.listening ? A_NORMAL : seeing;
}

int text_columns(const char *utf8)
{
    char *safe = sanitize_for_display(utf8, strlen(utf8));
    if (!safe)
        return 0;
    int w = u8_strwidth((const uint8_t *)safe, "UTF-8");
    free(safe);
    return w < 0 ? 0 : w;
}

/* Sanitised text that fits `cols` columns: its length in bytes (cut before
 * room for "…" when it is wider), its width without the "…", and whether it
 * was cut. */
static size_t fit_or_cut(const char *safe, int cols, int *used, bool *cut)
{
    int total = u8_strwidth((const uint8_t *)safe, "UTF-8");
    *cut = total > cols;
    return grapheme_fit(safe, strlen(safe), *cut ? cols - 1 : cols, used);
}

int draw_text(int y, int x, int max_cols, const char *utf8, attr_t attr)
{
    if (max_cols <= 0 || !utf8)
        return 0;
    char *safe = sanitize_for_display(utf8, strlen(utf8));
    if (!safe)
        return 0;
    int used;
    bool cut;
    size_t n = fit_or_cut(safe, max_cols, &used, &cut);
    attr_t old_attr;
    short old_pair;
    attr_get(&old_attr, &old_pair, NULL);
    attrset(attr);
    mvaddnstr(y, x, safe, (int)n);
    if (cut) {
        addstr("\xE2\x80\xA6");   /* … */
        used++;
    }
    attr_set(old_attr, old_pair, NULL);
    free(safe);
    return used;
}

/* Wrapping for drawing: the rows text_wrap finds (i18n/text/wrap.c, the one
 * wrapper), drawn from (y, x) when `draw`; the last row there is room for
 * takes the rest of the text, cut with "…". */
struct wrap_rows {
    const char *safe;
    int width, max_rows, rows, y, x;
    attr_t attr;
    bool draw;
};

static void wrap_row(void *ctx, const char *start, size_t len)
{
    struct wrap_rows *w = ctx;
    if (w->rows >= w->max_rows)
        return;
    if (w->draw) {
        bool last = w->rows == w->max_rows - 1;
        char *row = last ? strdup(start) : strndup(start, len);
        draw_text(w->y + w->rows, w->x, w->width, row ? row : "", w->attr);
        free(row);
    }
    w->rows++;
}

static int wrap(const char *utf8, int width, int max_rows, int y, int x, attr_t attr, bool draw)
{
    if (!utf8 || width <= 0 || max_rows <= 0)
        return 0;
    char *safe = sanitize_for_display(utf8, strlen(utf8));
    if (!safe) {             /* out of memory: one row, cut */
        if (draw)
            draw_text(y, x, width, utf8, attr);
        return 1;
    }
    struct wrap_rows w = {safe, width, max_rows, 0, y, x, attr, draw};
    text_wrap(safe, width, wrap_row, &w);
    free(safe);
    return w.rows;
}

int draw_wrapped(int y, int x, int width, int max_rows, const char *utf8, attr_t attr)
{
    return wrap(utf8, width, max_rows, y, x, attr, true);
}

int wrapped_rows(int width, const char *utf8)
{
    return wrap(utf8, width, INT_MAX, 0, 0, A_NORMAL, false);
}

static void draw_separator(int y, int cols)
{
    mvhline(y, 0, ACS_HLINE, cols);
}

void draw_chrome(struct app *app, const char *title)
{
    struct layout l = draw_layout();
    char buf[300];
    snprintf(buf, sizeof buf, _("Screen: %s"), title);
    int used = draw_text(0, 0, l.cols, buf, A_BOLD);
    /* Who is signed in, on the right when there is room; a listener hears
     * it from where-am-I instead of on every screen change. */
    snprintf(buf, sizeof buf, "%s, %s, %s", app->session->me.display_name, role_label(app->session->me.role_group),
             app->session->me.office_code);
    int who = text_columns(buf);
    if (!l.single && used + 2 + who <= l.cols)
        draw_text(0, l.cols - who, who, buf, A_NORMAL);
    if (!l.single)
        draw_separator(1, l.cols);

    static const enum action hinted[] = {ACT_HELP, ACT_SEARCH, ACT_BACK, ACT_ACTIONS, ACT_QUIT};
    int x = 0;
    for (size_t i = 0; l.hints_row >= 0 && i < sizeof hinted / sizeof *hinted; i++) {
        char keys[64];
        keymap_keys_for(NULL, hinted[i], keys, sizeof keys);
        char *comma = strchr(keys, ',');
        if (comma)
            *comma = '\0';
        snprintf(buf, sizeof buf, "%s %s", keys, keymap_label(hinted[i]));
        int w = text_columns(buf);
        if (x + w > l.cols)
            break;
        draw_text(l.hints_row, x, w, buf, A_NORMAL);
        x += w + 2;
    }

    const char *msg = messages_current(&app->session->messages);
    bool error = app->session->messages.count && app->session->messages.items[app->session->messages.count - 1].error;
    attr_t attr = error ? (A_BOLD | (app->session->color ? COLOR_PAIR(PAIR_ERROR) : 0)) : A_NORMAL;
    int rows = l.status_row - l.message_top + 1;
    for (int r = l.message_top; r <= l.status_row; r++) {
        move(r, 0);
        clrtoeol();
    }
    draw_wrapped(l.message_top, 0, l.cols, rows, msg, attr);
}

int field_width(int x)
{
    int width = 39 - x;
    if (width < 8)
        width = 8;
    if (width > COLS - x - 1)
        width = COLS - x - 1;
    return width;
}

int draw_label(int y, int x, const char *label, bool required)
{
    char buf[200];
    if (required)
        snprintf(buf, sizeof buf, "%s %s: ", label, _("(required)"));
    else
        snprintf(buf, sizeof buf, "%s: ", label);
    return x + draw_text(y, x, COLS - x, buf, A_NORMAL);
}

/* A field's text as it stands: a line break (a multiline field's) as
 * "↵", one column, as marked_width measures it; curses would move to the
 * next row on it. */
static void add_field_text(const char *s, size_t n)
{
    const char *nl;
    while ((nl = memchr(s, '\n', n)) != NULL) {
        addnstr(s, (int)(nl - s));
        addstr("\xE2\x86\xB5");
        n -= (size_t)(nl - s) + 1;
        s = nl + 1;
    }
    addnstr(s, (int)n);
}

int draw_field(int y, int x, int width, struct field *f)
{
    if (width < 1)
        return x;
    if (width < 3) {
        move(y, x);
        return x;
    }
    /* The last column says whether text goes on to the right ("…"), so the
     * layout keeps the cursor out of it. */
    size_t cursor = field_layout(f, (size_t)width - 1);
    /* Scrolled with the cursor on the first column shown: one cluster more
     * to its left, so the "…" that says text is hidden there covers no
     * character under the cursor. */
    if (f->scroll > 0 && f->scroll == f->cursor) {
        f->scroll = graphemes_prev(&f->graphemes, f->text, f->len, f->scroll);
        cursor = field_layout(f, (size_t)width - 1);
    }
    /* The visible slice, measured the same way field_layout measured it. */
    const char *s = f->text + f->scroll;
    int used;
    const char *p = s + grapheme_fit(s, f->len - f->scroll, width - 1, &used);
    bool hidden_right = p < f->text + f->len;
    /* The field's extent is underlined: an attribute, so a screen reader
     * reads no filler characters. */
    attr_t under = draw_focus_attr(A_UNDERLINE);
    attron(under);
    if (f->scroll > 0) {
        /* Text hidden on the left: "…" over the first cluster shown. */
        size_t first = graphemes_next(&f->graphemes, f->text, f->len, f->scroll) - f->scroll;
        int w = (int)marked_width(s, first);
        mvaddstr(y, x, "\xE2\x80\xA6");
        for (int i = 1; i < w; i++)
            addch(' ');
        add_field_text(s + first, (size_t)(p - s - first));
    } else {
        move(y, x);
        add_field_text(s, (size_t)(p - s));
    }
    for (int i = used; i < width - 1; i++)
        addch(' ');
    if (hidden_right)
        addstr("\xE2\x80\xA6");
    else
        addch(' ');
    attroff(under);
    return x + (int)cursor;
}

void draw_single_row(int y, int height, int x, int width, const char *text, size_t place, size_t count)
{
    /* The place on the row itself: a reader speaks a changed row reliably,
     * a second changed row under it not always. */
    char line[1200], where[100];
    snprintf(where, sizeof where, _("%zu of %zu"), place, count);
    snprintf(line, sizeof line, "%s  (%s)", text, where);
    draw_text(y, x, 2, "> ", A_NORMAL);
    draw_wrapped(y, x + 2, width - 2, height, line, A_NORMAL);
}

/* Screen-reader mode: the selected row whole over as many rows as it
 * needs, ending with where it is in the list. */
static int draw_list_single(int y, int height, int x, int width, struct list *l, bool focused,
                            void (*row_text)(void *ctx, size_t row, char *buf, size_t size), void *ctx)
{
    list_scroll(l, 1);
    if (!focused || l->count == 0)
        return y;
    char text[1024];
    row_text(ctx, l->selected, text, sizeof text);
    draw_single_row(y, height, x, width, text, l->selected + 1, l->count);
    return y;
}

int draw_list(int y, int height, int x, int width, struct list *l, bool focused,
              void (*row_text)(void *ctx, size_t row, char *buf, size_t size), void *ctx)
{
    if (height <= 0)
        return y;
    if (frame.listening)
        return draw_list_single(y, height, x, width, l, focused, row_text, ctx);
    list_scroll(l, (size_t)height);
    int cursor_row = y;
    for (int r = 0; r < height && l->top + (size_t)r < l->count; r++) {
        size_t row = l->top + (size_t)r;
        char text[512];
        row_text(ctx, row, text, sizeof text);
        /* ">" marks the selection only while the list has focus: it says
         * where the keys will go, in text, not only in reverse video. */
        bool selected = row == l->selected;
        attr_t attr = selected && focused ? A_REVERSE : A_NORMAL;
        draw_text(y + r, x, 2, selected && focused ? "> " : "  ", attr);
        int used = draw_text(y + r, x + 2, width - 2, text, A_NORMAL);
        /* Reverse video on the start of the row only: enough to see, and a
         * selection move rewrites a few cells instead of two whole rows. */
        if (attr != A_NORMAL)
            mvchgat(y + r, x + 2, used < HIGHLIGHT_COLS ? used : HIGHLIGHT_COLS, attr, 0, NULL);
        if (selected)
            cursor_row = y + r;
    }
    return cursor_row;
}

void focus_set(struct app *app, const char *label, const char *value, int y, int x, bool in_field)
{
    char *safe = sanitize_for_display(label, strlen(label));
    snprintf(app->focus.label, sizeof app->focus.label, "%s", safe ? safe : "");
    free(safe);
    safe = sanitize_for_display(value, strlen(value));
    snprintf(app->focus.value, sizeof app->focus.value, "%s", safe ? safe : "");
    free(safe);
    app->focus.y = y;
    app->focus.x = x;
    app->focus.in_field = in_field;
}

void text_fit(char *buf, size_t size, const char *text, int width)
{
    char *safe = sanitize_for_display(text, strlen(text));
    if (!safe || width <= 0) {
        snprintf(buf, size, "%s", "");
        free(safe);
        return;
    }
    int used;
    bool cut;
    size_t n = fit_or_cut(safe, width, &used, &cut);
    snprintf(buf, size, "%.*s%s", (int)n, safe, cut ? "\xE2\x80\xA6" : "");
    free(safe);
}

void append_cell(char *buf, size_t size, const char *text, int width)
{
    size_t used = strlen(buf);
    if (width <= 0 || used + 1 >= size)
        return;
    text_fit(buf + used, size - used, text, width);
    int cols = text_columns(buf + used);
    used = strlen(buf);
    while (cols < width && used + 1 < size) {
        buf[used++] = ' ';
        cols++;
    }
    buf[used] = '\0';
}
