#include "screens/lock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "screens/idle_lock.h"
#include "i18n/text/sanitize.h"
#include "i18n/text/wrap.h"
#include "screens/widgets/draw.h"

enum { PAIR_ERROR = 1 };

struct paragraph {
    int y, bottom, cols;
    attr_t attr;
};

static void paragraph_line(void *ctx, const char *start, size_t len)
{
    struct paragraph *p = ctx;
    if (p->y < p->bottom) {
        char *line = strndup(start, len);
        if (line)
            draw_text(p->y, 0, p->cols, line, p->attr);
        free(line);
    }
    p->y++;
}

/* Writes text over as many rows as it needs from y (none at or below
 * bottom); returns the row after it. */
static int draw_paragraph(int y, int bottom, const char *text, attr_t attr)
{
    struct paragraph p = {y, bottom, COLS, attr};
    char *safe = sanitize_for_display(text, strlen(text));
    if (safe)
        text_wrap(safe, COLS, paragraph_line, &p);
    free(safe);
    return p.y;
}

/* The message rows: at the bottom, over as many rows as the text needs
 * (the key hints' row and those above it when it needs more), or right
 * under the title in screen-reader mode; cut short, "Press any key" or how
 * to unlock would be lost on a narrow terminal. Returns the first row
 * written. */
static int draw_bottom(const char *text, attr_t attr)
{
    struct layout l = draw_layout();
    int rows = wrapped_rows(l.cols, text);
    if (rows < 1)
        rows = 1;
    if (rows > LINES - 1)
        rows = LINES - 1;
    int top = l.single ? l.message_top : LINES - rows;
    for (int r = top; r < top + rows; r++) {
        move(r, 0);
        clrtoeol();
    }
    draw_paragraph(top, top + rows, text, attr);
    return top;
}

void lock_screen_draw(struct app *app)
{
    struct layout l = draw_layout();
    if (l.hints_row < 0)            /* screen-reader mode: no hints row */
        l.hints_row = LINES - 1;
    char buf[300];
    snprintf(buf, sizeof buf, _("Screen: %s"), _("Locked"));
    draw_text(0, 0, l.cols, buf, A_BOLD);

    int y = draw_paragraph(l.top, l.hints_row,
                           _("This session is locked. Nothing is lost: every open screen and "
                             "everything typed is kept as it was."),
                           A_NORMAL);
    if (app->lock->command) {
        const char *how = _("To unlock, press Enter.");
        focus_set(app, how, "", y, 0, false);
        y = draw_paragraph(y, l.hints_row, how, A_NORMAL) + 1;
    } else {
        y = draw_paragraph(y, l.hints_row, _("To unlock, type your login name and press Enter."),
                           A_NORMAL) + 1;
        if (y >= l.hints_row)
            y = l.hints_row - 1;
        int x = draw_label(y, 0, _("Login name"), false);
        int cursor = draw_field(y, x, field_width(x), &app->lock->name);
        focus_set(app, _("Login name"), app->lock->name.text, y, cursor, true);
        y += 2;
    }
    /* Whose session it is, for a colleague at the next counter: staff, never
     * a citizen. Dropped when the terminal has no room. */
    snprintf(buf, sizeof buf, _("Signed in: %s."), app->session->me.display_name ? app->session->me.display_name : "");
    if (y < l.hints_row)
        draw_paragraph(y, l.hints_row, buf, A_NORMAL);

    attr_t attr = app->lock->message_error ? (A_BOLD | (app->session->color ? COLOR_PAIR(PAIR_ERROR) : 0))
                                          : A_NORMAL;
    draw_bottom(app->lock->message, attr);
}

void lock_warning_draw(struct app *app)
{
    if (!lock_warned(app))
        return;
    int top = draw_bottom(app->lock->message, A_BOLD);
    focus_set(app, app->lock->message, "", top, 0, false);
}
