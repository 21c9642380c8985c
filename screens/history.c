/* Message history (F12): every status message of this session with its
 * time, the newest selected. A message longer than a row goes on over the
 * rows below it, never cut: the status row may have shown only its start. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/sanitize.h"
#include "i18n/text/wrap.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/rows.h"

struct history {
    struct rows rows;       /* one per line; the tag is the message's index */
    int cols;               /* the terminal width the lines were made for */
};

struct filling {
    struct rows *rows;
    const char *when;       /* the first line's label; NULL after it */
    long tag;
    int rc;
};

static void add_line(void *ctx, const char *start, size_t len)
{
    struct filling *f = ctx;
    char *line = strndup(start, len);
    if (!line) {
        f->rc = -1;
        return;
    }
    f->rc |= f->when ? rows_add(f->rows, f->when, line, f->tag) : rows_add_more(f->rows, line, f->tag);
    f->when = NULL;
    free(line);
}

/* The rows for a terminal `cols` wide: each message's lines, the first
 * labelled with its time (HH:MM:SS, local), so the focused row starts with
 * when it was said. */
static int fill(const struct app *app, struct rows *r, int cols)
{
    int rc = 0;
    for (size_t i = 0; i < app->session->messages.count; i++) {
        const struct message *e = &app->session->messages.items[i];
        char when[16];
        messages_time(e, when, sizeof when);
        char *safe = sanitize_for_display(e->text, strlen(e->text));
        if (!safe)
            return -1;
        /* The list's "> " and the label's "HH:MM:SS: " come first. */
        struct filling f = {r, when, (long)i, 0};
        if (text_wrap(safe, cols - 4 - text_columns(when), add_line, &f) == 0)
            f.rc |= rows_add(r, when, "", (long)i);
        free(safe);
        rc |= f.rc;
    }
    if (r->count == 0)
        rc |= rows_add(r, "", _("No messages yet."), -1);
    return rc;
}

/* Selects the first line of message `tag`. */
static void select_message(struct rows *r, long tag)
{
    for (size_t i = 0; i < r->count; i++) {
        if (r->items[i].tag == tag) {
            r->list.selected = i;
            return;
        }
    }
}

static void *history_enter(struct app *app, const void *arg)
{
    (void)arg;
    struct history *h = calloc(1, sizeof *h);
    if (!h) {
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    h->cols = COLS;
    if (fill(app, &h->rows, h->cols) != 0) {
        rows_free(&h->rows);
        free(h);
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    select_message(&h->rows, (long)app->session->messages.count - 1);
    return h;
}

static void history_draw(struct app *app, void *state)
{
    struct history *h = state;
    if (h->cols != COLS) {
        /* Resized: the lines again for the new width, on the same message. */
        const struct row *sel = rows_selected(&h->rows);
        long tag = sel ? sel->tag : -1;
        struct rows fresh = {0};
        if (fill(app, &fresh, COLS) == 0) {
            rows_free(&h->rows);
            h->rows = fresh;
            h->cols = COLS;
            select_message(&h->rows, tag);
        } else {
            rows_free(&fresh);
        }
    }
    struct layout l = draw_layout();
    rows_draw(app, &h->rows, l.top, l.bottom - l.top);
}

static bool history_action(struct app *app, void *state, enum action action)
{
    struct history *h = state;
    if (action == ACT_HISTORY || action == ACT_ACTIVATE)
        return true;
    return rows_screen_action(app, &h->rows, action);
}

static void history_leave(struct app *app, void *state)
{
    (void)app;
    struct history *h = state;
    rows_free(&h->rows);
    free(h);
}

const struct screen history_screen = {
    .name = N_("Message history"),
    .enter = history_enter,
    .draw = history_draw,
    .action = history_action,
    .leave = history_leave,
};
