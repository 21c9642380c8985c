#include "screens/widgets/field.h"

#include "i18n/text/grapheme.h"
#include "i18n/text/text_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

static const uint8_t *u8(const char *s)
{
    return (const uint8_t *)s;
}

int field_init(struct field *f, size_t max_chars)
{
    memset(f, 0, sizeof *f);
    f->cap = 64;
    f->text = calloc(1, f->cap);
    f->max_chars = max_chars;
    return f->text ? 0 : -1;
}

int field_init_note(struct field *f, size_t max_chars)
{
    int rc = field_init(f, max_chars);
    f->multiline = true;
    return rc;
}

enum text_kind field_kind(const struct field *f)
{
    return f->multiline ? TEXT_NOTE : TEXT_LINE;
}

void field_free(struct field *f)
{
    graphemes_free(&f->graphemes);
    free(f->text);
    memset(f, 0, sizeof *f);
}

size_t field_chars(const struct field *f)
{
    return u8_mbsnlen(u8(f->text), f->len);
}

/* A line break in a multiline field; never a tab or a CR (a paste's CR
 * is already "\n", keys.h), which a field cannot show. */
static bool acceptable(const struct field *f, const char *s, size_t len)
{
    size_t at;
    uint32_t c;
    if (text_scan(s, len, field_kind(f), &at, &c) != TEXT_OK)
        return false;
    return !f->multiline || (!memchr(s, '\t', len) && !memchr(s, '\r', len));
}

/* An edit can join the clusters on either side of the cursor (a combining
 * mark or ZWJ typed, a delete that brings two regional indicators
 * together): move on to the end of the cluster so the cursor stays on a
 * boundary. */
static void cursor_to_boundary(struct field *f)
{
    if (f->cursor == 0)
        return;
    size_t start = graphemes_prev(&f->graphemes, f->text, f->len, f->cursor);
    size_t end = graphemes_next(&f->graphemes, f->text, f->len, start);
    if (end > f->cursor)
        f->cursor = end;
}

enum field_result field_insert(struct field *f, const char *s, size_t len, enum field_refusal *why)
{
    *why = FIELD_OK;
    if (len == 0)
        return FIELD_UNCHANGED;
    if (!acceptable(f, s, len)) {
        *why = FIELD_BAD_TEXT;
        return FIELD_REFUSED;
    }
    if (field_chars(f) + u8_mbsnlen(u8(s), len) > f->max_chars) {
        *why = FIELD_TOO_LONG;
        return FIELD_REFUSED;
    }
    if (f->len + len + 1 > f->cap) {
        size_t cap = (f->len + len + 1) * 2;
        char *grown = realloc(f->text, cap);
        if (!grown) {
            *why = FIELD_TOO_LONG;
            return FIELD_REFUSED;
        }
        f->text = grown;
        f->cap = cap;
    }
    memmove(f->text + f->cursor + len, f->text + f->cursor, f->len - f->cursor + 1);
    memcpy(f->text + f->cursor, s, len);
    /* Typed before the scrolled-off start (a burst of keys or a paste
     * before the next layout): the start moves with the text it names. */
    if (f->scroll > f->cursor)
        f->scroll += len;
    f->len += len;
    f->cursor += len;
    graphemes_forget(&f->graphemes);
    cursor_to_boundary(f);
    return FIELD_CHANGED;
}

enum field_result field_set(struct field *f, const char *s, enum field_refusal *why)
{
    size_t len = strlen(s);
    *why = FIELD_OK;
    if (!acceptable(f, s, len)) {
        *why = FIELD_BAD_TEXT;
        return FIELD_REFUSED;
    }
    if (u8_mbsnlen(u8(s), len) > f->max_chars) {
        *why = FIELD_TOO_LONG;
        return FIELD_REFUSED;
    }
    f->len = 0;
    graphemes_forget(&f->graphemes);
    f->cursor = 0;
    f->scroll = 0;
    f->text[0] = '\0';
    return len ? field_insert(f, s, len, why) : FIELD_CHANGED;
}

static size_t prev_boundary(struct field *f, size_t at)
{
    return graphemes_prev(&f->graphemes, f->text, f->len, at);
}

static size_t next_boundary(struct field *f, size_t at)
{
    return graphemes_next(&f->graphemes, f->text, f->len, at);
}

static bool space_at(const struct field *f, size_t at)
{
    return f->text[at] == ' ';
}

static size_t word_left(struct field *f, size_t at)
{
    while (at > 0 && space_at(f, prev_boundary(f, at)))
        at = prev_boundary(f, at);
    while (at > 0 && !space_at(f, prev_boundary(f, at)))
        at = prev_boundary(f, at);
    return at;
}

static size_t word_right(struct field *f, size_t at)
{
    while (at < f->len && !space_at(f, at))
        at = next_boundary(f, at);
    while (at < f->len && space_at(f, at))
        at = next_boundary(f, at);
    return at;
}

static enum field_result delete_range(struct field *f, size_t from, size_t to)
{
    if (from >= to)
        return FIELD_UNCHANGED;
    memmove(f->text + from, f->text + to, f->len - to + 1);
    f->len -= to - from;
    graphemes_forget(&f->graphemes);
    f->cursor = from;
    if (f->scroll > f->cursor)
        f->scroll = f->cursor;
    cursor_to_boundary(f);
    return FIELD_CHANGED;
}

static enum field_result move_to(struct field *f, size_t at)
{
    if (at == f->cursor)
        return FIELD_UNCHANGED;
    f->cursor = at;
    return FIELD_MOVED;
}

enum field_result field_edit(struct field *f, enum field_edit op)
{
    switch (op) {
    case FIELD_LEFT:
        return move_to(f, prev_boundary(f, f->cursor));
    case FIELD_RIGHT:
        return move_to(f, next_boundary(f, f->cursor));
    case FIELD_HOME:
        return move_to(f, 0);
    case FIELD_END:
        return move_to(f, f->len);
    case FIELD_WORD_LEFT:
        return move_to(f, word_left(f, f->cursor));
    case FIELD_WORD_RIGHT:
        return move_to(f, word_right(f, f->cursor));
    case FIELD_BACKSPACE:
        return delete_range(f, prev_boundary(f, f->cursor), f->cursor);
    case FIELD_DELETE:
        return delete_range(f, f->cursor, next_boundary(f, f->cursor));
    case FIELD_KILL_TO_START:
        return delete_range(f, 0, f->cursor);
    case FIELD_KILL_TO_END: {
        size_t cursor = f->cursor;
        enum field_result r = delete_range(f, f->cursor, f->len);
        f->cursor = cursor;
        return r;
    }
    case FIELD_DELETE_WORD:
        return delete_range(f, word_left(f, f->cursor), f->cursor);
    }
    return FIELD_UNCHANGED;
}

static size_t columns(const struct field *f, size_t from, size_t to)
{
    return to > from ? marked_width(f->text + from, to - from) : 0;
}

size_t field_layout(struct field *f, size_t width)
{
    if (width == 0)
        return 0;
    if (f->scroll > f->cursor)
        f->scroll = f->cursor;
    /* An edit may have joined the start's cluster to the one before it:
     * the start goes back to where that cluster begins. */
    if (f->scroll > 0) {
        size_t start = prev_boundary(f, f->scroll);
        if (next_boundary(f, start) > f->scroll)
            f->scroll = start;
    }
    /* Keep one column free for the cursor after the last character. Each
     * loop measures every cluster once: linear in the text, however long. */
    size_t shown = columns(f, f->scroll, f->cursor);
    while (f->scroll < f->cursor && shown > width - 1) {
        size_t next = next_boundary(f, f->scroll);
        shown -= columns(f, f->scroll, next);
        f->scroll = next;
    }
    /* Scroll back only while the whole rest of the text still fits, so the
     * start shows again after deletes but moving left does not drag it. */
    size_t rest = columns(f, f->scroll, f->len);
    while (f->scroll > 0) {
        size_t prev = prev_boundary(f, f->scroll);
        size_t w = columns(f, prev, f->scroll);
        if (rest + w > width - 1)
            break;
        rest += w;
        shown += w;
        f->scroll = prev;
    }
    return shown;
}
