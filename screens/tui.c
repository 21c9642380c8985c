#include "screens/tui.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n/text/i18n.h"
#include "app/core/explain.h"
#include "app/core/drafts.h"
#include "app/core/live.h"
#include "screens/frame_out.h"
#include "screens/idle_lock.h"
#include "i18n/text/national_id.h"
#include "i18n/text/sanitize.h"
#include "i18n/text/withhold.h"
#include "screens/lock.h"
#include "screens/screens.h"
#include "screens/widgets/dialog.h"
#include "screens/widgets/draw.h"
#include "screens/keys.h"
#include "screens/words.h"
#include "screens/widgets/field_keys.h"

static volatile sig_atomic_t stop_signal, suspend_signal;

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

static void on_suspend_signal(int sig)
{
    (void)sig;
    suspend_signal = 1;
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: poll() must return so the loop can clean up. */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* A suspend (SIGTSTP from outside: Ctrl-Z is a key in raw mode) is
     * gise's own, not curses', so the terminal stops marking pastes while
     * the shell has it. */
    sa.sa_handler = on_suspend_signal;
    sigaction(SIGTSTP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* Gives the terminal back as it was, stops, and takes it again when
 * continued (SIGCONT). */
static void suspend(struct app *app)
{
    suspend_signal = 0;
    keys_paste_mode(false);
    def_prog_mode();
    endwin();
    frame_out_flush();
    signal(SIGTSTP, SIG_DFL);
    raise(SIGTSTP);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_suspend_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTSTP, &sa, NULL);
    reset_prog_mode();
    keys_paste_mode(true);
    clearok(curscr, TRUE);
    app->dirty = true;
}

static void start_terminal(struct app *app)
{
    frame_out_start();
    initscr();
    raw();          /* Ctrl-Q, Ctrl-C and friends arrive as keys */
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    leaveok(stdscr, FALSE);
    set_escdelay(25);
    /* No typeahead check while drawing: curses would flush the frame to the
     * terminal line by line around each check, and a screen reader reading
     * the terminal then sees half a frame, speaks it, and the other half a
     * key later. One frame, one write. */
    typeahead(-1);
    curs_set(1);    /* the cursor is always on what has focus */
    if (app->session->color && has_colors()) {
        start_color();
        use_default_colors();   /* the terminal's own colours */
        init_pair(1, COLOR_RED, -1);
    } else {
        app->session->color = false;
    }
    keys_init();
    keys_paste_mode(true);     /* a paste is one key, never typing (keys.h) */
}

/* What the trace may keep of a label: the program's own word, with any
 * identity number masked; a row without a label of its own is its value,
 * and is kept as values are. */
static void trace_label(const struct app *app, char *out, size_t size)
{
    if (app->focus.label[0] && strcmp(app->focus.label, app->focus.value) == 0) {
        withhold_value(app->focus.label, out, size);
        return;
    }
    snprintf(out, size, "%s", app->focus.label);
    national_id_mask_all(out);
}

static void write_trace(struct app *app)
{
    if (!app->session->trace)
        return;
    const struct screen *s = app_screen(app);
    bool personal = app->session->settings->trace_personal;
    /* What the terminal shows: while locked, not the session beneath. The
     * lock's own messages are the program's words. */
    const char *name = lock_locked(app) ? "Locked" : s ? s->name : "-";
    const char *shown = lock_status(app)           ? lock_status(app)
                        : personal                 ? messages_current(&app->session->messages)
                                                   : messages_current_withheld(&app->session->messages);
    char label[sizeof app->focus.label], value[sizeof app->focus.value], asked[sizeof app->answered];
    const char *focused = lock_locked(app) ? "" : app->focus.value;
    if (personal) {
        snprintf(label, sizeof label, "%s", app->focus.label);
        snprintf(value, sizeof value, "%s", focused);
        snprintf(asked, sizeof asked, "%s", app->answered);
    } else {
        trace_label(app, label, sizeof label);
        withhold_value(focused, value, sizeof value);
        withhold_value(app->answered, asked, sizeof asked);
    }
    char *status = sanitize_for_display(shown, strlen(shown));
    char *answered = sanitize_for_display(asked, strlen(asked));
    if (status && !personal)
        national_id_mask_all(status);
    /* A multiline field's line breaks as symbols: one frame, one line. */
    char *shown_value = sanitize_for_display(value, strlen(value));
    /* The focused value last: the tests compare it with what the row shows
     * (whole, or cut with "…"). */
    fprintf(app->session->trace,
            "frame=%lu\tscreen=%s\tfocus=%s\trow=%d\tcol=%d\tdb=%s\tanswered=%s\tstatus=%s\tvalue=%s\n",
            app->frames, name, label, app->focus.y, app->focus.x,
            db_busy(app->session->db) ? "busy" : "idle", answered ? answered : "", status ? status : "",
            shown_value ? shown_value : "");
    free(shown_value);
    free(answered);
    free(status);
    fflush(app->session->trace);
}

/* The dialog takes whole rows across the terminal, so nothing of the screen
 * beneath shows beside it: the question wrapped word-wise over as many rows
 * as it needs, an empty row, the answers, and a frame line above and below
 * (blank rows in screen-reader mode). Short of rows, the frame goes first,
 * then the empty row; a question longer than what is left ends cut with
 * "…". The cursor sits on the question, so a screen reader reads it first. */
static void draw_dialog(struct app *app)
{
    struct layout l = draw_layout();
    int width = l.cols - 4 > 70 ? 70 : l.cols - 4;
    int x = (l.cols - width) / 2, room = l.bottom - l.top;
    int lines = wrapped_rows(width, app->dialog.question);
    int frame = room >= lines + 4 ? 1 : 0, gap = room >= lines + 2 ? 1 : 0;
    if (lines > room - 1 - gap - 2 * frame)
        lines = room - 1 - gap - 2 * frame;
    int height = 2 * frame + lines + gap + 1, top = l.top + (room - height) / 2;
    /* Listening, the question takes the focused row's place, so the focus
     * is read again when the answer brings it back. */
    if (l.single)
        top = l.top;
    for (int r = top; r < top + height; r++) {
        move(r, 0);
        clrtoeol();
    }
    if (frame && !app->session->screen_reader) {
        mvhline(top, x - 1, ACS_HLINE, width + 2);
        mvhline(top + height - 1, x - 1, ACS_HLINE, width + 2);
    }
    int y = top + frame;
    char hint[200];
    snprintf(hint, sizeof hint, "%s", _("Enter: yes    Esc: no"));
    draw_wrapped(y, x, width, lines, app->dialog.question, A_BOLD);
    draw_text(y + lines + gap, x, width, hint, A_NORMAL);
    focus_set(app, app->dialog.question, hint, y, x, false);
}

static void render(struct app *app)
{
    erase();
    /* Locked, the session's messages are not shown: they must not move
     * the lock screen either. */
    draw_frame_begin(app, lock_locked(app) ? "" : messages_current(&app->session->messages));
    if (COLS < MIN_COLS || LINES < MIN_LINES) {
        char buf[200];
        snprintf(buf, sizeof buf, _("gise needs at least %d×%d; this terminal is %d×%d."),
                 MIN_COLS, MIN_LINES, COLS, LINES);
        draw_text(0, 0, COLS, buf, A_NORMAL);
        focus_set(app, _("Terminal too small"), "", 0, 0, false);
    } else if (lock_locked(app)) {
        lock_screen_draw(app);
    } else {
        const struct screen *s = app_screen(app);
        s->draw(app, app_state(app));
        draw_chrome(app, _(s->name));
        if (app->dialog.open)
            draw_dialog(app);
        lock_warning_draw(app);
    }
    move(app->focus.y, app->focus.x);
    refresh();
    frame_out_flush();
    app->frames++;
    write_trace(app);
}

/* One line on the status row, cut with "…" at the edge like every
 * message (F12 has it whole). The last message is the one before any
 * earlier answer of this key, which would only repeat itself. */
static void where_am_i(struct app *app)
{
    static unsigned long answer_pushed;
    const struct messages *st = &app->session->messages;
    const struct screen *s = app_screen(app);
    char last[400];
    bool repeat = answer_pushed && st->pushed == answer_pushed && st->count >= 1;
    snprintf(last, sizeof last, "%s",
             !repeat ? messages_last(st) : st->count >= 2 ? st->items[st->count - 2].text : "");
    char where[1200], connection[200];
    snprintf(where, sizeof where, _("Screen: %s. Focus: %s. Value: %s. Last message: %s"), _(s->name),
             app->focus.label, app->focus.value[0] ? app->focus.value : _("(empty)"),
             last[0] ? last : _("(none)"));
    explain_connection(app->session->db, connection, sizeof connection);
    session_message(app->session, "%s %s", where, connection);
    answer_pushed = st->pushed;
}

static void refresh_connection(struct app *app)
{
    if (!db_is_connected(app->session->db))
        live_reconnect(app->session);
}

static void confirm_quit(struct app *app, void *ctx, bool confirmed)
{
    (void)ctx;
    app->quit = confirmed;
    if (confirmed)
        app_drafts_discard_above(app, 0);
}

/* Back from a form with typed text, once the clerk said yes; no keeps
 * everything as it was. */
static void confirm_back(struct app *app, void *ctx, bool confirmed)
{
    (void)ctx;
    if (confirmed) {
        app_drafts_discard_above(app, app->depth - 1);
        app_pop(app);
    } else {
        session_message(app->session, "%s", _("Still here. What you typed is kept."));
    }
}

/* Back to the search, once the clerk said yes (or nothing typed was open). */
static void go_to_search(struct app *app, void *ctx, bool confirmed)
{
    (void)ctx;
    if (!confirmed) {
        session_message(app->session, "%s", _("Still here. What you typed is kept."));
        return;
    }
    app_drafts_discard_above(app, 1);
    app_pop_to_root(app);
    app_screen(app)->action(app, app_state(app), ACT_SEARCH);
}

/* Whether any open screen holds typed work that leaving all would lose. */
static bool any_unsaved(const struct app *app)
{
    for (int i = 0; i < app->depth; i++) {
        const struct screen *open = app->stack[i].screen;
        if (open->unsaved && open->unsaved(app->stack[i].state))
            return true;
    }
    return false;
}

static void global_action(struct app *app, enum action action)
{
    const struct screen *s = app_screen(app);
    switch (action) {
    case ACT_HELP:
        app_push(app, &help_screen, s);
        break;
    case ACT_SEARCH:
        if (any_unsaved(app))
            app_confirm(app, _("Go to the search and lose what you typed?"), go_to_search, NULL);
        else
            go_to_search(app, NULL, true);
        break;
    case ACT_BACK:
        if (app->depth > 1 && s->unsaved && s->unsaved(app_state(app)))
            app_confirm(app, _("Leave this screen and lose what you typed?"), confirm_back, NULL);
        else if (app->depth > 1)
            app_pop(app);
        else
            session_message(app->session, "%s", _("This is the first screen. F10 quits."));
        break;
    case ACT_WHERE:
        where_am_i(app);
        break;
    case ACT_REFRESH:
        refresh_connection(app);
        break;
    case ACT_INBOX:
        if (s != &inbox_screen)
            app_push(app, &inbox_screen, NULL);
        break;
    case ACT_ACTIONS:
        session_message(app->session, "%s", _("There are no actions on this screen."));
        break;
    case ACT_QUIT:
        if (any_unsaved(app))
            app_confirm(app, _("Quit and lose what you typed?"), confirm_quit, NULL);
        else
            app->quit = true;
        break;
    case ACT_HISTORY:
        app_push(app, &history_screen, NULL);
        break;
    default:
        break;
    }
}

static void handle_key(struct app *app, struct key key)
{
    messages_key_pressed(&app->session->messages);
    app->dirty = true;
    if (key.function && key.code == GK_RESIZE)
        return;
    if (key.function && key.code == GK_UNKNOWN) {
        /* Nothing typed, nothing left: said in words, with the way to the
         * keys that do work. */
        char help[64];
        keymap_keys_for(NULL, ACT_HELP, help, sizeof help);
        session_message(app->session, _("gise does not know that key (%s). Help (%s) lists the keys."),
                        keys_unknown_name(), help);
        return;
    }
    const struct screen *s = app_screen(app);
    void *state = app_state(app);
    bool paste = key.function && key.code == GK_PASTE;
    /* The screen's text key decides whether a field takes it (the search
     * takes it from its results too, as it takes typing). */
    if (paste && (app->dialog.open || !s->text_key || !s->text_key(app, state, key))) {
        /* Not a field's: nothing of it acts as keys (a line break in it is
         * no Enter, a "y" in it no answer), and it is not lost without a
         * word. */
        session_error(app->session, "%s", _("Pasted text not used: the focus is not on a text field. "
                                            "Move to a field and paste again."));
        return;
    }
    if (paste)
        return;
    if (app->dialog.open) {
        enum dialog_answer answer = dialog_key(key, keymap_lookup(NULL, key, false));
        if (answer != DIALOG_PENDING) {
            app->dialog.open = false;
            app->dialog.done(app, app->dialog.ctx, answer == DIALOG_YES);
        }
        return;
    }
    bool in_field = s->in_field && s->in_field(state);
    if (in_field && s->text_key && s->text_key(app, state, key))
        return;
    enum action action = keymap_lookup(s->keys, key, in_field);
    if (action == ACT_NONE) {
        /* An unbound character outside the field: the screen may take it
         * (typing in the results list goes back to the search field). */
        if (!in_field && s->text_key)
            s->text_key(app, state, key);
        return;
    }
    if (action == ACT_REFRESH)
        refresh_connection(app);
    if (s->action && s->action(app, state, action))
        return;
    if (action != ACT_REFRESH)
        global_action(app, action);
}

/* Type-ahead: a key that acts on results (Down, Enter, F-keys...) typed
 * while the answer to a search is still on its way waits for it, and every
 * key after it waits too, so keys apply in the order typed and "ozturk",
 * Down, Enter opens the first Öztürk even when typed faster than the
 * database answers. Editing keys in the field never wait. */
enum { KEY_QUEUE_MAX = 256 };
static struct key queued[KEY_QUEUE_MAX];
static size_t queued_count;

static bool edits_field(struct app *app, struct key key)
{
    const struct screen *s = app_screen(app);
    if (!s->in_field || !s->in_field(app_state(app)))
        return false;
    if (key.function)
        return key.code == GK_LEFT || key.code == GK_RIGHT || key.code == GK_HOME ||
               key.code == GK_END || key.code == GK_BACKSPACE || key.code == GK_DELETE ||
               key.code == GK_PASTE;
    return key.code >= 0x20 || key.code == 0x7f || key.code == 0x08 || key.code == 0x15 ||
           key.code == 0x0b || key.code == 0x17;
}

static void take_key(struct app *app, struct key key)
{
    if (lock_take_key(app, key))
        return;
    bool answer_pending = db_busy(app->session->db) || app->awaiting;
    bool waits = queued_count > 0 || (answer_pending && !edits_field(app, key));
    if (waits && key.function && key.code == GK_PASTE) {
        /* A paste does not wait: the next one would take its place (there
         * is one, keys.h). Said, not lost silently. */
        session_error(app->session, "%s", _("Pasted text not used: it came while gise was still busy with "
                                            "what came before it. Paste it again."));
        app->dirty = true;
        return;
    }
    if (waits && queued_count < KEY_QUEUE_MAX) {
        queued[queued_count++] = key;
        return;
    }
    handle_key(app, key);
    app_draft_after_key(app);
}

static void replay_queued(struct app *app)
{
    size_t i = 0;
    /* Keys typed for the session wait while it is locked. */
    while (i < queued_count && !db_busy(app->session->db) && !app->awaiting && !app->quit &&
           !lock_locked(app)) {
        handle_key(app, queued[i++]);
        app_draft_after_key(app);
    }
    memmove(queued, queued + i, (queued_count - i) * sizeof *queued);
    queued_count -= i;
}

static void read_keys(struct app *app)
{
    struct key key;
    while (!app->quit && keys_read(&key))
        take_key(app, key);
}

static void database_input(struct app *app)
{
    const struct screen *s = app_screen(app);
    if (s->db_ready)
        s->db_ready(app, app_state(app));
    else
        db_drain(app->session->db);
    replay_queued(app);
}

static int next_timeout(const struct app *app)
{
    int retry = live_next_timeout(app->session), lock = lock_next_timeout(app);
    int draft = drafts_next_timeout(app->session);
    if (lock >= 0 && (retry < 0 || lock < retry))
        retry = lock;
    if (draft >= 0 && (retry < 0 || draft < retry))
        retry = draft;
    if (app->timer_count == 0)
        return retry;
    double now = monotonic_ms(), first = app->timers[0].due_ms;
    for (int i = 1; i < app->timer_count; i++)
        if (app->timers[i].due_ms < first)
            first = app->timers[i].due_ms;
    int screen = first <= now ? 0 : (int)(first - now) + 1;
    return retry >= 0 && retry < screen ? retry : screen;
}

static void fire_timers(struct app *app)
{
    double now = monotonic_ms();
    for (int i = 0; i < app->timer_count;) {
        struct app_timer t = app->timers[i];
        if (t.due_ms > now) {
            i++;
            continue;
        }
        app->timers[i] = app->timers[--app->timer_count];
        const struct screen *s = app->stack[t.depth - 1].screen;
        if (t.depth <= app->depth && s->timer)
            s->timer(app, app->stack[t.depth - 1].state, t.id);
    }
}

/* Every open screen hears of what happened elsewhere, bottom to top, not
 * only the visible one. */
static void deliver_live(void *ctx, const struct live_event *event)
{
    struct app *app = ctx;
    for (int i = 0; i < app->depth; i++)
        if (app->stack[i].screen->live)
            app->stack[i].screen->live(app, app->stack[i].state, event);
    app->dirty = true;
}

/* A draft waiting to be offered is offered once nothing else asks the
 * clerk something. */
static void offer_drafts(struct app *app)
{
    if (!app->dialog.open && !lock_locked(app) && app_screen(app) != &draft_offer_screen &&
        drafts_offer_waiting(app->session))
        app_push(app, &draft_offer_screen, NULL);
}

static void messages_changed(void *ctx)
{
    ((struct app *)ctx)->dirty = true;
}

int tui_run(struct session *session)
{
    struct app state = {.session = session};
    struct app *app = &state;
    session->front = (struct front_end){&screen_words, deliver_live, messages_changed, app};
    if (lock_start(app) != 0) {
        fprintf(stderr, "gise: %s\n", _("Out of memory."));
        return 1;
    }
    install_signals();
    start_terminal(app);
    app_push(app, &search_screen, NULL);
    live_start(session);
    app->dirty = true;

    while (!app->quit && !stop_signal) {
        if (suspend_signal)         /* poll was interrupted, or the loop busy */
            suspend(app);
        frame_out_flush();          /* whatever curses wrote outside a frame */
        offer_drafts(app);
        if (app->dirty) {
            app->dirty = false;
            render(app);
        }
        struct pollfd fds[2] = {
            {STDIN_FILENO, POLLIN, 0},
            {db_socket(app->session->db), POLLIN, 0},
        };
        /* The database socket always: answers, and announcements while
         * idle (LISTEN). A timeout only for what is due (a screen's timer,
         * a reconnection, the idle warning or lock): nothing else is
         * drawn, and nothing written, while idle. */
        nfds_t n = fds[1].fd >= 0 ? 2 : 1;
        int ready = poll(fds, n, next_timeout(app));
        if (ready < 0) {
            if (errno == EINTR) {
                read_keys(app);     /* a resize arrives as a key */
                continue;
            }
            break;
        }
        if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL))
            break;                   /* the terminal went away (SSH closed) */
        if (fds[0].revents & POLLIN)
            read_keys(app);
        if (n == 2 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            if (db_busy(app->session->db))
                database_input(app);
            else
                live_input(session);
        }
        if (!app->dialog.open)      /* announcements wait for the answer */
            live_dispatch(session);
        live_check_connection(session);
        live_timers(session);
        fire_timers(app);
        lock_timers(app);
        replay_queued(app);
        drafts_tick(session);
    }

    /* Every key is in the journal already; the database gets what it has
     * not seen, within a second when the terminal hung up or gise was told
     * to end. */
    drafts_stop(session, stop_signal ? 1000 : 3000);

    while (app->depth > 0) {
        app->depth--;
        app->stack[app->depth].screen->leave(app, app->stack[app->depth].state);
    }
    keys_paste_mode(false);
    endwin();
    frame_out_stop();
    lock_stop(app);
    session->front = (struct front_end){0};
    return stop_signal ? 128 + stop_signal : 0;
}
