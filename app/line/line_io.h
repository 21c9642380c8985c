/* Line mode's side of the conversation: prompts on standard output,
 * answers from standard input, and never an escape code. Everything from
 * the database or the user is written through the sanitiser. While a prompt
 * waits, announcements from the database (session/live.h) are written above it,
 * and a lost connection is retried as in the full-screen mode. */
#ifndef GISE_LINE_IO_H
#define GISE_LINE_IO_H

#include <stdbool.h>
#include <stddef.h>

#include "app/line/line_buffer.h"
#include "i18n/text/text_check.h"

struct session;

struct line {
    struct session *session;
    bool echo;                  /* input is not a terminal: each answer is written
                                   after its prompt, so the output reads as a dialogue */
    size_t printed;             /* messages of session->messages already written */
    struct line_buffer in;
    unsigned long refused;      /* answers refused: the exit status says so */
    bool locking;               /* an interactive terminal: the idle lock applies
                                   (a script on a pipe never locks) */
    bool has_pending;           /* an answer given at a "more" prompt, kept for */
    char pending[LINE_MAX_INPUT + 1];   /* the next question */
};

/* Rows of a long list between two "more" prompts: what a braille display
 * user or a listener takes in before choosing. */
enum { LINE_PAGE_ROWS = 20 };

/* Starts the conversation for `session` (which it borrows). On a terminal the
 * idle lock runs (session->lock_after_ms): a line warns ahead of time, Enter
 * keeps the session, and a locked session goes on only after the login
 * name (or GISE_UNLOCK_COMMAND exiting 0). What is already on the terminal
 * stays there: taking it back would need an escape code. */
void line_init(struct line *l, struct session *session);

/* Writes one line: the formatted text made safe (escape sequences and
 * other controls become visible symbols), then a line break. */
void line_say(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes a refusal as line_say does and counts it: a session with one
 * ends with exit status 1 (README, line mode). */
void line_refuse(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes every message put on the status row (app_message, app_error,
 * announcements) since the last call, one per line. */
void line_flush_messages(struct line *l);

/* Writes `prompt` and reads one answer into out (at most size-1 bytes,
 * without the line break). Returns 0, or -1 at the end of the input. An
 * answer that is longer, or holds a NUL, invalid UTF-8 or a control
 * character other than a tab, is refused whole in words (counted, see
 * line_refuse) and asked again: nothing of it is taken, cut or kept for
 * the next question. */
int line_ask(struct line *l, const char *prompt, char *out, size_t size);

/* Pages a long list (DESIGN.md, Accessibility 11): call before writing row
 * `index` of `total`. Every LINE_PAGE_ROWS rows it asks whether to go on:
 * an empty line shows the next rows; anything else (a number, a command)
 * ends the list and is taken as the answer to the next question. Returns
 * false when the list should stop there. */
bool line_more(struct line *l, size_t index, size_t total);

/* The same question for a list read a page at a time: rows first to last
 * of total have been written (the caller knows where its pages end).
 * True for the next page; false with the answer kept, as line_more. */
bool line_more_shown(struct line *l, size_t first, size_t last, size_t total);

/* A form's question: as line_ask, but `b` (back) or `q` (quit) as the
 * whole answer cancels the form, at every question of every form: returns
 * 1 then (nothing is sent), 0 with the answer, -1 at the end of the
 * input. */
int line_ask_form(struct line *l, const char *prompt, char *out, size_t size);

/* A yes/no question ("(y/n)" follows it). Yes: y, yes, e, evet; no: n, no,
 * h, hayır, in either language. Returns 1 for yes, 0 for no, a
 * cancellation (b, q, an empty line) or the end of the input. */
int line_confirm(struct line *l, const char *question);

/* Asks for required free text of `kind` (at most max_chars characters)
 * until it passes the same checks the database makes. An empty answer,
 * b or q cancels. Returns 0 with *out (the caller frees it), 1 when cancelled,
 * -1 at the end of the input. */
int line_ask_text(struct line *l, const char *label, enum text_kind kind, size_t max_chars,
                  char **out);

/* Reads a choice: a number from 1 to count. Returns it, 0 for an empty
 * answer (cancel), -1 at the end of the input. Anything else is refused in
 * words and asked again; b or q cancels as an empty answer does. */
int line_ask_number(struct line *l, const char *prompt, size_t count);

#endif
