#include "app/line/line_io.h"

#include "app/core/log.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unistr.h>

#include "app/core/session.h"
#include "i18n/text/action.h"
#include "i18n/text/fold.h"
#include "i18n/text/i18n.h"
#include "i18n/text/idle.h"
#include "app/core/live.h"
#include "i18n/text/sanitize.h"

void line_init(struct line *l, struct session *session)
{
    memset(l, 0, sizeof *l);
    l->session = session;
    l->echo = !isatty(STDIN_FILENO);
    l->printed = session->messages.count;
    l->locking = !l->echo && session->lock_after_ms > 0;
    if (l->locking)
        idle_start(&session->idle, session->lock_after_ms, monotonic_ms());
}

static void put_safe(const char *text)
{
    char *safe = sanitize_for_display(text, strlen(text));
    fputs(safe ? safe : "?", stdout);
    free(safe);
}

static void say_v(const char *fmt, va_list ap)
{
    char buf[4096];
    vsnprintf(buf, sizeof buf, fmt, ap);
    put_safe(buf);
    putchar('\n');
    fflush(stdout);
}

void line_say(struct line *l, const char *fmt, ...)
{
    (void)l;
    va_list ap;
    va_start(ap, fmt);
    say_v(fmt, ap);
    va_end(ap);
}

void line_refuse(struct line *l, const char *fmt, ...)
{
    l->refused++;
    va_list ap;
    va_start(ap, fmt);
    say_v(fmt, ap);
    va_end(ap);
}

void line_flush_messages(struct line *l)
{
    const struct messages *s = &l->session->messages;
    if (l->printed > s->count)
        l->printed = s->count;     /* the history was emptied */
    for (; l->printed < s->count; l->printed++)
        line_say(l, "%s", s->items[l->printed].text);
}

/* Announcements that arrived while a prompt waits go above it. */
static void hear_database(struct line *l, const char *prompt)
{
    struct session *session = l->session;
    if (!db_busy(session->db))
        live_input(session);
    live_dispatch(session);
    live_check_connection(session);
    live_timers(session);
    if (l->printed == session->messages.count || session->idle.state == IDLE_LOCKED)
        return;     /* nothing new, or held back until the session is unlocked */
    if (!l->echo)
        putchar('\n');      /* off the prompt line the person is typing on */
    line_flush_messages(l);
    put_safe(prompt);
    fflush(stdout);
}

static void wait_for_input(struct line *l, const char *prompt);

/* Locked: only the login name (or the unlock command) goes on. Nothing
 * typed before is lost: the prompt that was waiting is asked again. */
static void stay_locked(struct line *l, const char *prompt)
{
    struct session *session = l->session;
    const char *command = session->settings ? session->settings->unlock_command : NULL;
    log_event(LOG_LOCKED, "front-end=line");
    line_say(l, "%s", _("This session is locked. Nothing is lost: every open screen and "
                         "everything typed is kept as it was."));
    for (;;) {
        line_say(l, "%s", command && *command ? _("To unlock, press Enter.")
                                              : _("To unlock, type your login name and press Enter."));
        char name[128];
        struct line_taken taken;
        enum line_take got;
        while ((got = line_buffer_take(&l->in, name, sizeof name, TEXT_NOTE, &taken)) == LINE_MORE)
            wait_for_input(l, "");
        if (got == LINE_END)
            return;                 /* the end of the input ends the session */
        if (command && *command) {
            int status = system(command);
            if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
                break;
            log_event(LOG_UNLOCK_FAILED, "by=command");
            line_say(l, _("The unlock command did not succeed (status %d): the session stays locked. "
                          "Enter tries again."),
                     status == -1 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
            continue;
        }
        if (taken.verdict == LINE_OK && session->me.role_name && strcmp(name, session->me.role_name) == 0)
            break;
        log_event(LOG_UNLOCK_FAILED, "by=name");
        line_refuse(l, "%s %s", _("Error:"),
                    _("Login name: not the one signed in here. Type your own and press Enter."));
    }
    idle_unlock(&session->idle, monotonic_ms());
    log_event(LOG_UNLOCKED, "front-end=line");
    line_say(l, "%s", _("Unlocked. Everything is as you left it."));
    line_flush_messages(l);         /* what came meanwhile, held back while locked */
    put_safe(prompt);
    fflush(stdout);
}

/* The warning or the lock, when due. True when it wrote something (the
 * prompt has been asked again). */
static bool idle_lock_due(struct line *l, const char *prompt)
{
    struct session *session = l->session;
    int left = 0;
    switch (idle_tick(&session->idle, monotonic_ms(), &left)) {
    case IDLE_WARN:
        putchar('\n');
        line_say(l, ngettext("This session locks in %d second. Press Enter to stay signed in.",
                             "This session locks in %d seconds. Press Enter to stay signed in.", left),
                 left);
        put_safe(prompt);
        fflush(stdout);
        return true;
    case IDLE_LOCK:
        putchar('\n');
        stay_locked(l, prompt);
        return true;
    default:
        return false;
    }
}

/* Waits for standard input, hearing the database meanwhile. */
static void wait_for_input(struct line *l, const char *prompt)
{
    struct session *session = l->session;
    for (;;) {
        struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {db_socket(session->db), POLLIN, 0}};
        nfds_t n = fds[1].fd >= 0 ? 2 : 1;
        int timeout = live_next_timeout(session);
        int idle = l->locking ? idle_timeout(&session->idle, monotonic_ms()) : -1;
        if (idle >= 0 && (timeout < 0 || idle < timeout))
            timeout = idle;
        int ready = poll(fds, n, timeout);
        if (l->locking && idle_lock_due(l, prompt))
            continue;
        if (ready < 0 && errno != EINTR) {
            line_buffer_added(&l->in, 0);
            return;
        }
        if (n == 2 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
            hear_database(l, prompt);
        else if (ready == 0)
            hear_database(l, prompt);     /* a reconnection attempt was due */
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) {
            size_t room;
            char *to = line_buffer_room(&l->in, &room);
            ssize_t got = read(STDIN_FILENO, to, room);
            if (got <= 0 && !(got < 0 && errno == EINTR))
                line_buffer_added(&l->in, 0);
            else if (got > 0)
                line_buffer_added(&l->in, (size_t)got);
            return;
        }
    }
}

/* A form's field: its label and how many characters it holds. */
struct asked {
    const char *label;
    size_t max_chars;
};

static void refuse_too_long(struct line *l, const struct asked *field, size_t chars)
{
    line_refuse(l, _("%s %s: at most %zu characters; this has %zu. Shorten it."), _("Error:"), field->label,
                field->max_chars, chars);
}

/* An answer refused whole, said with what was wrong; `field` (may be
 * NULL) names the form's field. */
static void refuse_answer(struct line *l, const struct asked *field, const struct line_taken *taken,
                          const char *line, size_t size)
{
    if (taken->verdict == LINE_TOO_LONG && field) {
        refuse_too_long(l, field, taken->chars);
    } else if (taken->verdict == LINE_TOO_LONG) {
        line_refuse(l, _("That answer is too long: %zu characters, and at most %zu bytes fit. None of it was "
                         "used; type it again."),
                    taken->chars, size - 1);
    } else {
        char fault[200];
        text_fault_name(taken->problem, taken->c, line, taken->at, fault, sizeof fault);
        if (field)
            line_refuse(l, _("%s %s: the answer has %s: it cannot be text, and none of it was used. Type it "
                             "again."),
                        _("Error:"), field->label, fault);
        else
            line_refuse(l, _("%s That answer has %s: it cannot be text, and none of it was used. Type it again."),
                        _("Error:"), fault);
    }
}

/* The answer as it was typed, made safe, after its prompt (standard input
 * not a terminal): the line whole, a NUL or an escape code shown as a
 * symbol; "…" for one too long to hold. */
static void echo_answer(const struct line_taken *taken, const char *line)
{
    if (taken->verdict == LINE_TOO_LONG) {
        put_safe("…");
    } else {
        char *safe = sanitize_for_display(line, taken->bytes);
        fputs(safe ? safe : "?", stdout);
        free(safe);
    }
    putchar('\n');
}

static int ask(struct line *l, const char *prompt, const struct asked *field, char *out, size_t size)
{
    line_flush_messages(l);
    put_safe(prompt);
    if (l->has_pending) {           /* answered already, at a "more" prompt */
        l->has_pending = false;
        snprintf(out, size, "%s", l->pending);
        put_safe(out);
        putchar('\n');
        fflush(stdout);
        return 0;
    }
    fflush(stdout);
    for (;;) {
        struct line_taken taken;
        enum line_take got = line_buffer_take(&l->in, out, size, TEXT_NOTE, &taken);
        if (got == LINE_END) {
            if (l->echo)
                putchar('\n');
            fflush(stdout);
            return -1;
        }
        if (got == LINE_MORE) {
            wait_for_input(l, prompt);
            continue;
        }
        if (l->echo)
            echo_answer(&taken, out);
        if (l->locking && idle_key(&l->session->idle, monotonic_ms()) == IDLE_KEY_EXTENDED) {
            line_say(l, "%s", _("Still signed in."));
            if (taken.verdict == LINE_OK && out[0] == '\0') {
                put_safe(prompt);       /* that Enter only kept the session */
                fflush(stdout);
                continue;
            }
        }
        if (taken.verdict == LINE_OK)
            return 0;
        refuse_answer(l, field, &taken, out, size);
        out[0] = '\0';
        put_safe(prompt);
        fflush(stdout);
    }
}

int line_ask(struct line *l, const char *prompt, char *out, size_t size)
{
    return ask(l, prompt, NULL, out, size);
}

bool line_more(struct line *l, size_t index, size_t total)
{
    if (index == 0 || index % LINE_PAGE_ROWS != 0 || index >= total)
        return true;
    return line_more_shown(l, 1, index, total);
}

bool line_more_shown(struct line *l, size_t first, size_t last, size_t total)
{
    char prompt[200], answer[LINE_MAX_INPUT + 1];
    if (first <= 1)
        snprintf(prompt, sizeof prompt, _("%zu of %zu shown. More (Enter), or your answer: "), last, total);
    else
        snprintf(prompt, sizeof prompt, _("%zu to %zu of %zu shown. More (Enter), or your answer: "), first, last,
                 total);
    if (line_ask(l, prompt, answer, sizeof answer) != 0)
        return false;
    if (answer[strspn(answer, " \t")] == '\0')
        return true;
    snprintf(l->pending, sizeof l->pending, "%s", answer);
    l->has_pending = true;
    return false;
}

/* The back word (b) or the quit word (q) as a whole answer. */
static bool cancels(const char *answer)
{
    char word[8];
    size_t start = strspn(answer, " \t"), len = strcspn(answer + start, " \t");
    if (len == 0 || len >= sizeof word || answer[start + len + strspn(answer + start + len, " \t")] != '\0')
        return false;
    memcpy(word, answer + start, len);
    word[len] = '\0';
    enum action a = action_from_line_word(word);
    return a == ACT_BACK || a == ACT_QUIT;
}

static int ask_form(struct line *l, const char *prompt, const struct asked *field, char *out, size_t size)
{
    if (ask(l, prompt, field, out, size) != 0)
        return -1;
    return cancels(out) ? 1 : 0;
}

int line_ask_form(struct line *l, const char *prompt, char *out, size_t size)
{
    return ask_form(l, prompt, NULL, out, size);
}

int line_confirm(struct line *l, const char *question)
{
    static const char *const yes[] = {"y", "yes", "e", "evet"};
    static const char *const no[] = {"n", "no", "h", "hayir"};
    char prompt[600], answer[64];
    snprintf(prompt, sizeof prompt, "%s %s ", question, _("(y/n)"));
    for (;;) {
        /* No default named: an empty line cancels, as b and q do (README). */
        if (line_ask_form(l, prompt, answer, sizeof answer) != 0 || answer[strspn(answer, " \t")] == '\0')
            return 0;
        char *folded = fold_name(answer, strlen(answer));
        for (size_t i = 0; folded && i < sizeof yes / sizeof *yes; i++) {
            if (strcmp(folded, yes[i]) == 0 || strcmp(folded, no[i]) == 0) {
                int said_yes = strcmp(folded, yes[i]) == 0;
                free(folded);
                return said_yes;
            }
        }
        free(folded);
        line_refuse(l, "%s", _("Answer y (yes) or n (no)."));
    }
}

int line_ask_text(struct line *l, const char *label, enum text_kind kind, size_t max_chars,
                  char **out)
{
    char prompt[300], *answer = malloc(LINE_MAX_INPUT + 1);
    if (!answer)
        return -1;
    snprintf(prompt, sizeof prompt, "%s: ", label);
    const struct asked field = {label, max_chars};
    for (;;) {
        int rc = ask_form(l, prompt, &field, answer, LINE_MAX_INPUT + 1);
        if (rc < 0) {
            free(answer);
            return -1;
        }
        if (rc == 1 || answer[strspn(answer, " \t")] == '\0') {
            free(answer);
            return 1;
        }
        /* What the field's kind does not allow (a tab in a name) is named
         * as the reader names what cannot be text. */
        struct line_taken taken = {.verdict = LINE_NOT_TEXT, .bytes = strlen(answer)};
        taken.problem = text_scan(answer, taken.bytes, kind, &taken.at, &taken.c);
        if (taken.problem != TEXT_OK) {
            refuse_answer(l, &field, &taken, answer, LINE_MAX_INPUT + 1);
            continue;
        }
        enum text_problem problem;
        *out = text_prepare(answer, strlen(answer), kind, max_chars, &problem, NULL);
        if (*out) {
            free(answer);
            return 0;
        }
        if (problem == TEXT_OK) {
            free(answer);
            line_say(l, "%s", _("Out of memory."));
            return -1;
        }
        if (problem == TEXT_TOO_LONG)
            refuse_too_long(l, &field, u8_mbsnlen((const uint8_t *)answer, strlen(answer)));
        else
            line_refuse(l, "%s %s: %s", _("Error:"), label, text_problem_message(problem));
    }
}

int line_ask_number(struct line *l, const char *prompt, size_t count)
{
    char answer[32];
    for (;;) {
        int rc = line_ask_form(l, prompt, answer, sizeof answer);
        if (rc < 0)
            return -1;
        if (rc == 1 || answer[strspn(answer, " ")] == '\0')
            return 0;
        char *end;
        long n = strtol(answer, &end, 10);
        if (*end == '\0' && n >= 1 && (size_t)n <= count)
            return (int)n;
        line_refuse(l, _("Type a number from 1 to %zu, or an empty line to cancel."), count);
    }
}
