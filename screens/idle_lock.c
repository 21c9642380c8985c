#include "screens/idle_lock.h"

#include "screens/frame_out.h"

#include "app/core/log.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "screens/keys.h"
#include "screens/widgets/field_keys.h"

/* PostgreSQL role names are at most 63 bytes. */
enum { NAME_MAX_CHARS = 63 };

int lock_start(struct app *app)
{
    struct lock *l = calloc(1, sizeof *l);
    if (!l || field_init(&l->name, NAME_MAX_CHARS) != 0) {
        free(l);
        return -1;
    }
    app->lock = l;
    l->command = app->session->settings ? app->session->settings->unlock_command : NULL;
    idle_start(&app->session->idle, app->session->lock_after_ms, monotonic_ms());
    return 0;
}

void lock_stop(struct app *app)
{
    if (!app->lock)
        return;
    field_free(&app->lock->name);
    free(app->lock);
    app->lock = NULL;
}

bool lock_locked(const struct app *app)
{
    return app->session->idle.state == IDLE_LOCKED;
}

bool lock_warned(const struct app *app)
{
    return app->session->idle.state == IDLE_WARNED;
}

const char *lock_status(const struct app *app)
{
    return lock_locked(app) || lock_warned(app) ? app->lock->message : NULL;
}

static void say(struct app *app, bool error, const char *text)
{
    if (error)
        snprintf(app->lock->message, sizeof app->lock->message, "%s %s", _("Error:"), text);
    else
        snprintf(app->lock->message, sizeof app->lock->message, "%s", text);
    app->lock->message_error = error;
    app->dirty = true;
}

static void clear_name(struct app *app)
{
    enum field_refusal why;
    field_set(&app->lock->name, "", &why);
}

/* Messages that came while the warning or the lock covered the status
 * row are in the history; the person coming back hears how many. */
static unsigned long arrived(const struct app *app)
{
    return app->session->messages.pushed - app->lock->pushed_before;
}

static void extend(struct app *app)
{
    unsigned long n = arrived(app);
    app->lock->message[0] = '\0';
    if (n == 0)
        session_message(app->session, "%s", _("Still signed in."));
    else
        session_message(app->session, ngettext("Still signed in. %lu message came meanwhile; F12 lists it.",
                                  "Still signed in. %lu messages came meanwhile; F12 lists them.", n),
                    n);
}

static void unlock(struct app *app)
{
    unsigned long n = arrived(app);
    idle_unlock(&app->session->idle, monotonic_ms());
    log_event(LOG_UNLOCKED, "front-end=screen");
    clear_name(app);
    app->lock->message[0] = '\0';
    if (n == 0)
        session_message(app->session, "%s", _("Unlocked. Everything is as you left it."));
    else
        session_message(app->session, ngettext("Unlocked. %lu message came while the session was locked; F12 lists it.",
                                  "Unlocked. %lu messages came while the session was locked; F12 lists them.",
                                  n),
                    n);
}

/* Like tmux's lock-command: the site's own check (vlock, a PAM helper)
 * gets the terminal, and its exit status decides. Ctrl-C and Ctrl-\ go to
 * it, not to gise, as with system(3). Returns the wait status, -1 when it
 * could not start. */
static int run_unlock_command(const char *command)
{
    keys_paste_mode(false);     /* the command gets the terminal as it was */
    def_prog_mode();
    endwin();
    frame_out_flush();
    struct sigaction ignore, old_int, old_quit;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    int status = -1;
    pid_t pid = fork();
    if (pid == 0) {
        if (frame_out_terminal() >= 0)
            dup2(frame_out_terminal(), STDOUT_FILENO);
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    /* A SIGTERM or SIGHUP meanwhile is noted by tui.c's handler; the
     * command ends with the terminal, and the event loop then stops. */
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    reset_prog_mode();
    keys_paste_mode(true);
    clearok(curscr, TRUE);      /* the command drew on the terminal */
    return pid > 0 ? status : -1;
}

static void try_command(struct app *app)
{
    int status = run_unlock_command(app->lock->command);
    if (status >= 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        unlock(app);
        return;
    }
    log_event(LOG_UNLOCK_FAILED, "by=command");
    char text[200];
    int code = status < 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    snprintf(text, sizeof text,
             _("The unlock command did not succeed (status %d): the session stays locked. "
               "Enter tries again."),
             code);
    say(app, true, text);
}

static void try_name(struct app *app)
{
    const char *typed = app->lock->name.text;
    size_t len = app->lock->name.len;
    while (*typed == ' ')
        typed++, len--;
    while (len > 0 && typed[len - 1] == ' ')
        len--;
    const char *me = app->session->me.role_name ? app->session->me.role_name : "";
    if (len == 0) {
        say(app, true, _("Login name: type it, then press Enter."));
    } else if (len == strlen(me) && strncmp(typed, me, len) == 0) {
        unlock(app);
        return;
    } else {
        say(app, true, _("Login name: not the one signed in here. Type your own and press Enter."));
        log_event(LOG_UNLOCK_FAILED, "by=name");
    }
    clear_name(app);
}

static void locked_key(struct app *app, struct key key)
{
    app->dirty = true;
    enum action action = keymap_lookup(NULL, key, true);
    if (action == ACT_ACTIVATE) {
        if (app->lock->command)
            try_command(app);
        else
            try_name(app);
        return;
    }
    if (app->lock->command)
        return;
    if (action == ACT_BACK) {
        clear_name(app);
        return;
    }
    enum field_result result;
    enum field_refusal why;
    char words[600];
    if (field_key(&app->lock->name, key, &result, &why) && result == FIELD_REFUSED)
        say(app, true, field_refusal_words(&app->lock->name, key, why, words, sizeof words));
}

bool lock_take_key(struct app *app, struct key key)
{
    /* A resized window is no sign of anyone at the keyboard; it is drawn
     * again at once, even if keys wait in the type-ahead queue. */
    if (key.function && key.code == GK_RESIZE) {
        app->dirty = true;
        return false;
    }
    switch (idle_key(&app->session->idle, monotonic_ms())) {
    case IDLE_KEY_EXTENDED:
        extend(app);
        return true;
    case IDLE_KEY_LOCKED:
        locked_key(app, key);
        return true;
    case IDLE_KEY_ACTS:
    default:
        return false;
    }
}

int lock_next_timeout(const struct app *app)
{
    return idle_timeout(&app->session->idle, monotonic_ms());
}

void lock_timers(struct app *app)
{
    enum idle_state before = app->session->idle.state;
    int left = 0;
    switch (idle_tick(&app->session->idle, monotonic_ms(), &left)) {
    case IDLE_WARN: {
        if (before == IDLE_ACTIVE)
            app->lock->pushed_before = app->session->messages.pushed;
        char text[200];
        snprintf(text, sizeof text,
                 ngettext("This session locks in %d second. Press any key to stay signed in.",
                          "This session locks in %d seconds. Press any key to stay signed in.", left),
                 left);
        say(app, false, text);
        break;
    }
    case IDLE_LOCK:
        if (before == IDLE_ACTIVE)
            app->lock->pushed_before = app->session->messages.pushed;
        log_event(LOG_LOCKED, "front-end=screen");
        clear_name(app);
        app->lock->message[0] = '\0';
        app->lock->message_error = false;
        app->dirty = true;
        break;
    case IDLE_NOTHING:
    default:
        break;
    }
}
