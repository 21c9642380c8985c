/* Single-line text field: the editing model, no drawing. Text is UTF-8 and
 * the cursor always sits on a grapheme-cluster boundary, so one key moves
 * over "ş", "é" written as e + U+0301, "👍🏽" or "山" as one unit. */
#ifndef GISE_FIELD_H
#define GISE_FIELD_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n/text/grapheme.h"
#include "i18n/text/text_check.h"

struct field {
    char *text;          /* NUL-terminated UTF-8, owned */
    size_t len;          /* bytes, without the NUL */
    size_t cap;
    size_t cursor;       /* byte offset of the insertion point */
    size_t scroll;       /* first byte shown when the text is wider than the field */
    size_t max_chars;    /* limit in Unicode characters, as the database counts */
    bool multiline;      /* a note: a pasted line break is text ("\n"); typed
                            Enter still moves on. Otherwise one line. */
    struct graphemes graphemes;   /* the text's clusters, kept until it changes */
};

enum field_edit {
    FIELD_LEFT, FIELD_RIGHT, FIELD_HOME, FIELD_END,
    FIELD_WORD_LEFT, FIELD_WORD_RIGHT,
    FIELD_BACKSPACE, FIELD_DELETE,
    FIELD_KILL_TO_START,   /* Ctrl-U */
    FIELD_KILL_TO_END,     /* Ctrl-K */
    FIELD_DELETE_WORD,     /* Ctrl-W: the word before the cursor */
};

enum field_result {
    FIELD_UNCHANGED,   /* nothing to do (already at the end, ...) */
    FIELD_MOVED,       /* the cursor moved, the text is the same */
    FIELD_CHANGED,     /* the text changed */
    FIELD_REFUSED,     /* input refused: see the reason */
};

enum field_refusal {
    FIELD_OK,
    FIELD_TOO_LONG,     /* would exceed max_chars */
    FIELD_BAD_TEXT,     /* invalid UTF-8, a control character or a bidi override */
};

/* Prepares an empty field holding at most max_chars characters. Returns 0,
 * or -1 when memory runs out. Release with field_free. */
int field_init(struct field *f, size_t max_chars);

/* The same for a note (an explanation, a reason, a comment), which the
 * database takes with line breaks: a multiline field. */
int field_init_note(struct field *f, size_t max_chars);

/* Frees the text. The field may be initialised again. */
void field_free(struct field *f);

/* Replaces the text (cursor at the end). Refuses text the field would
 * refuse when typed, leaving the field as it was; *why says which. */
enum field_result field_set(struct field *f, const char *utf8, enum field_refusal *why);

/* Inserts UTF-8 text (one typed character or a paste) at the cursor,
 * whole or not at all: text with invalid UTF-8, a control character (a
 * line break too, unless the field is multiline) or a bidi override, or
 * that would make the field longer than max_chars, is refused and the
 * field is left as it was. */
enum field_result field_insert(struct field *f, const char *utf8, size_t len,
                               enum field_refusal *why);

/* Applies one editing operation. */
enum field_result field_edit(struct field *f, enum field_edit op);

/* Unicode characters in the text. */
size_t field_chars(const struct field *f);

/* The kind of text the field holds: TEXT_NOTE when multiline (for
 * text_scan: line breaks allowed; a field still refuses a tab). */
enum text_kind field_kind(const struct field *f);

/* Adjusts the horizontal scroll so the cursor is visible in a field `width`
 * columns wide, and returns the cursor's column inside it (0..width-1).
 * Columns come from libunistring, so wide and combining characters count
 * right (a line break, drawn as a mark, one: marked_width). */
size_t field_layout(struct field *f, size_t width);

#endif
