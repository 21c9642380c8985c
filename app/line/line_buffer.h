/* Line mode's input cut into answers, one line each, with no way for an
 * answer to slip into the next: a line too long to hold is refused whole,
 * up to and including its line break (what follows it is the next answer,
 * never its tail), and a line with bytes that cannot be text (a NUL,
 * invalid UTF-8, a control character) is refused whole, never cut where
 * the bad byte stood. No I/O here: the caller reads into the buffer. */
#ifndef GISE_LINE_BUFFER_H
#define GISE_LINE_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "i18n/text/text_check.h"

/* The longest answer line mode takes, in bytes, without its line break. */
enum { LINE_MAX_INPUT = 16384 };

struct line_buffer {
    char data[LINE_MAX_INPUT + 2];  /* room for the longest answer and CR LF */
    size_t len;
    bool eof;                       /* the input has ended: what is left is the last line */
    bool dropping;                  /* a line too long to hold is being read to its end */
    size_t dropped_bytes, dropped_chars;    /* of that line, so far */
};

enum line_take {
    LINE_TAKEN,     /* a line was taken: an answer, or a refusal (see the verdict) */
    LINE_MORE,      /* no whole line yet: read more into the buffer */
    LINE_END,       /* the input has ended and nothing is left */
};

enum line_verdict {
    LINE_OK,        /* the answer is in out */
    LINE_TOO_LONG,  /* longer than out could hold: nothing of it is in out */
    LINE_NOT_TEXT,  /* bytes that cannot be text: see problem, at, c */
};

struct line_taken {
    enum line_verdict verdict;
    size_t bytes, chars;            /* the line's length, without its line break */
    enum text_problem problem;      /* LINE_NOT_TEXT: what text_scan found */
    size_t at;                      /* its byte offset in the line */
    uint32_t c;                     /* the character (0 for a NUL or invalid UTF-8) */
};

/* Where the next read goes: *room bytes from the returned pointer (0 when
 * the buffer is full; line_buffer_take then makes room). */
char *line_buffer_room(struct line_buffer *b, size_t *room);

/* `n` bytes were read into the room; 0 means the input has ended. */
void line_buffer_added(struct line_buffer *b, size_t n);

/* Takes the next line. LINE_TAKEN with *taken saying whether the answer
 * (at most size - 1 bytes, without its line break and a CR before it) is
 * in out, NUL-terminated, or why it was refused: then out holds the line
 * as far as it fits when it was not text (to echo it, made safe), and ""
 * when it was too long. Every refused line has been consumed whole, its
 * line break included. `kind` says which characters the answer may hold
 * (TEXT_NOTE: tabs too; a line break never, it ends the answer). */
enum line_take line_buffer_take(struct line_buffer *b, char *out, size_t size, enum text_kind kind,
                                struct line_taken *taken);

#endif
