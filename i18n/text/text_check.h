/* Refusing bad text before it reaches the database (the database refuses it
 * too: gise.line_text_ok and gise.note_text_ok). */
#ifndef GISE_TEXT_CHECK_H
#define GISE_TEXT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum text_kind {
    TEXT_LINE,   /* a name, a city: one line, not empty, trimmed */
    TEXT_NOTE,   /* a note, an explanation: tabs and line breaks allowed */
};

enum text_problem {
    TEXT_OK,
    TEXT_INVALID_UTF8,   /* bytes that are not UTF-8 */
    TEXT_CONTROL,        /* a control character (or a line break in a line) */
    TEXT_BIDI,           /* a bidi override or isolate, which can disguise text */
    TEXT_EMPTY,          /* nothing but blanks where text is required */
    TEXT_TOO_LONG,       /* more than max_chars characters */
};

/* True when code point c may appear in text of this kind: not a control
 * character (a note allows tab and line breaks), not a bidi override or
 * isolate, not a line or paragraph separator. */
bool text_char_allowed(uint32_t c, enum text_kind kind);

/* Checks s[0..len) and returns a clean copy: NFC-normalised and, for a line,
 * trimmed of surrounding white space. max_chars counts Unicode characters
 * after normalisation, as PostgreSQL's char_length does.
 * On success the caller owns and frees the NUL-terminated copy and *problem
 * is TEXT_OK. On refusal returns NULL, sets *problem, and *offset (when not
 * NULL) to the byte offset of the first offending character in s. Returns
 * NULL with TEXT_OK only when memory runs out. */
char *text_prepare(const char *s, size_t len, enum text_kind kind, size_t max_chars,
                   enum text_problem *problem, size_t *offset);

/* The first character of s[0..len) that cannot be taken as text of this
 * kind, byte for byte, before any normalisation: invalid UTF-8, a NUL or
 * another control character, a bidi override. Returns TEXT_OK, or the
 * problem with *offset (may be NULL) its byte offset in s and *c (may be
 * NULL) the character (0 for invalid UTF-8). Never TEXT_EMPTY or
 * TEXT_TOO_LONG: those are text_prepare's. */
enum text_problem text_scan(const char *s, size_t len, enum text_kind kind, size_t *offset,
                            uint32_t *c);

/* Names what text_scan found, for a message that says exactly what was
 * wrong and where: "a NUL byte at character 14", "an escape code (Esc,
 * U+001B) at character 4", "bytes that are not UTF-8 text at byte 6".
 * `offset` is the byte offset in s[0..len). Writes the translated phrase
 * into buf (always NUL-terminated) and returns buf. */
char *text_fault_name(enum text_problem problem, uint32_t c, const char *s, size_t offset, char *buf,
                      size_t size);

/* A translated phrase for the problem, to follow a field's label:
 * "Family name: <phrase>". Static string; do not free. */
const char *text_problem_message(enum text_problem problem);

#endif
