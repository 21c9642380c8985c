#include "app/line/line_buffer.h"

#include <string.h>

char *line_buffer_room(struct line_buffer *b, size_t *room)
{
    *room = sizeof b->data - b->len;
    return b->data + b->len;
}

void line_buffer_added(struct line_buffer *b, size_t n)
{
    if (n == 0)
        b->eof = true;
    else
        b->len += n;
}

/* Characters as UTF-8 counts them (lead bytes), so a line that is never
 * held whole can still be measured piece by piece. */
static size_t chars_in(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

static void consume(struct line_buffer *b, size_t used)
{
    memmove(b->data, b->data + used, b->len - used);
    b->len -= used;
}

/* The line too long to hold: dropped as it comes, to its line break. */
static enum line_take drop_long_line(struct line_buffer *b, const char *nl, struct line_taken *taken)
{
    size_t upto = nl ? (size_t)(nl - b->data) : b->len;
    size_t kept = nl && upto > 0 && b->data[upto - 1] == '\r' ? upto - 1 : upto;
    b->dropped_bytes += kept;
    b->dropped_chars += chars_in(b->data, kept);
    consume(b, nl ? upto + 1 : upto);
    if (!nl && !b->eof)
        return LINE_MORE;
    b->dropping = false;
    taken->verdict = LINE_TOO_LONG;
    taken->bytes = b->dropped_bytes;
    taken->chars = b->dropped_chars;
    return LINE_TAKEN;
}

enum line_take line_buffer_take(struct line_buffer *b, char *out, size_t size, enum text_kind kind,
                                struct line_taken *taken)
{
    memset(taken, 0, sizeof *taken);
    if (size > 0)
        out[0] = '\0';
    const char *nl = memchr(b->data, '\n', b->len);
    if (!b->dropping && !nl && !b->eof && b->len == sizeof b->data) {
        b->dropping = true;         /* no line break in all the room there is */
        b->dropped_bytes = b->dropped_chars = 0;
    }
    if (b->dropping)
        return drop_long_line(b, nl, taken);
    if (!nl && !b->eof)
        return LINE_MORE;
    if (!nl && b->len == 0)
        return LINE_END;
    size_t len = nl ? (size_t)(nl - b->data) : b->len, used = nl ? len + 1 : len;
    if (len > 0 && b->data[len - 1] == '\r')
        len--;
    taken->bytes = len;
    taken->chars = chars_in(b->data, len);
    if (len >= size) {
        taken->verdict = LINE_TOO_LONG;
    } else {
        memcpy(out, b->data, len);
        out[len] = '\0';
        taken->problem = text_scan(out, len, kind, &taken->at, &taken->c);
        taken->verdict = taken->problem == TEXT_OK ? LINE_OK : LINE_NOT_TEXT;
    }
    consume(b, used);
    return LINE_TAKEN;
}
