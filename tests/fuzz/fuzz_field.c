/* The full-screen mode's field editor (screens/widgets/field.c, driven as
 * the screens drive it, through field_key) with the input as a stream of
 * keys: a byte from 0x20 up starts a typed character (its UTF-8 sequence;
 * a byte that starts none is typed as the code point of that value), a
 * byte below 0x20 is a command (see `step`). After every key the field
 * must keep its promises: valid UTF-8 of allowed characters within the
 * limit, the cursor on a grapheme boundary (libunistring's
 * u8_grapheme_breaks, asked afresh), each edit doing exactly what it says;
 * and its layout (field_layout) must agree with libunistring's widths. */
#include "tests/fuzz/fuzz.h"

#include <locale.h>
#include <stdbool.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "i18n/text/text_check.h"
#include "screens/widgets/field.h"
#include "screens/widgets/field_keys.h"

struct stream {
    const uint8_t *p;
    size_t left;
};

static unsigned next_byte(struct stream *s)
{
    if (!s->left)
        return 0;
    s->left--;
    return *s->p++;
}

static const uint8_t *u8(const char *s)
{
    return (const uint8_t *)s;
}

/* The field as it was before a key. */
struct before {
    char *text;
    size_t len, cursor;
};

static void remember(struct before *b, const struct field *f)
{
    free(b->text);
    b->text = strndup(f->text, f->len);
    FUZZ_REQUIRE(b->text != NULL, "memory");
    b->len = f->len;
    b->cursor = f->cursor;
}

static bool text_same(const struct before *b, const struct field *f)
{
    return b->len == f->len && memcmp(b->text, f->text, f->len) == 0;
}

/* The field's own promises, whatever key came. */
static void sound(const struct field *f)
{
    FUZZ_REQUIRE(f->text != NULL && f->len < f->cap && f->text[f->len] == '\0', "the text is NUL-terminated in its buffer");
    FUZZ_REQUIRE(strlen(f->text) == f->len, "no NUL inside the text");
    FUZZ_REQUIRE(u8_check(u8(f->text), f->len) == NULL, "the text is valid UTF-8");
    FUZZ_REQUIRE(field_chars(f) <= f->max_chars, "the text keeps within the field's limit");
    for (size_t i = 0; i < f->len;) {
        ucs4_t c;
        i += (size_t)u8_mbtouc(&c, u8(f->text) + i, f->len - i);
        FUZZ_REQUIRE(text_char_allowed(c, TEXT_LINE), "only characters a line allows are in it");
    }
    FUZZ_REQUIRE(f->cursor <= f->len, "the cursor is inside the text");
    char *b = fuzz_breaks(f->text, f->len);
    FUZZ_REQUIRE(b[f->cursor], "the cursor sits on a grapheme boundary");
    free(b);
}

/* The text is the old one with [from, to) taken out. */
static bool cut_out(const struct before *b, const struct field *f, size_t from, size_t to)
{
    return from <= to && to <= b->len && f->len == b->len - (to - from) && memcmp(f->text, b->text, from) == 0 &&
           memcmp(f->text + from, b->text + to, b->len - to) == 0;
}

/* From and to are boundaries with none between: one whole cluster. */
static bool one_whole_cluster(const char *s, size_t len, size_t from, size_t to)
{
    char *b = fuzz_breaks(s, len);
    bool whole = from < to && b[from] && b[to];
    free(b);
    return whole && fuzz_one_cluster(s, len, from, to);
}

/* The cursor is at `at`, or, when the text either side of `at` joined into
 * one cluster, at that cluster's end: never left inside it. */
static bool at_or_past_join(const struct field *f, size_t at)
{
    return f->cursor == at || (at > 0 && f->cursor > at && fuzz_one_cluster(f->text, f->len, at - 1, f->cursor));
}

/* [from, to) of the old text, and nothing else, was taken out there. */
static bool taken_out(const struct before *b, const struct field *f, size_t from, size_t to)
{
    return from < to && cut_out(b, f, from, to) && at_or_past_join(f, from);
}

/* What the key's result says, and what an edit key did. */
static void did_what_it_said(const struct before *b, const struct field *f, bool taken, struct key key,
                             enum field_result r, enum field_refusal why)
{
    if (!taken || r == FIELD_UNCHANGED || r == FIELD_REFUSED) {
        FUZZ_REQUIRE(text_same(b, f) && f->cursor == b->cursor, "a key not taken, refused or without effect changes nothing");
        FUZZ_REQUIRE(!taken || (r == FIELD_REFUSED) == (why != FIELD_OK), "a refusal, and only a refusal, says why");
        return;
    }
    FUZZ_REQUIRE(why == FIELD_OK, "a key that did something is not refused");
    if (r == FIELD_MOVED)
        FUZZ_REQUIRE(text_same(b, f) && f->cursor != b->cursor, "a move moves the cursor and keeps the text");
    else
        FUZZ_REQUIRE(!text_same(b, f), "a change changes the text");
    int code = (int)key.code;
    size_t c = b->cursor, gone = b->len > f->len ? b->len - f->len : 0, added = f->len > b->len ? f->len - b->len : 0;
    if (key.function && code == GK_LEFT)
        FUZZ_REQUIRE(f->cursor < c && fuzz_one_cluster(f->text, f->len, f->cursor, c), "Left moves back one cluster");
    else if (key.function && code == GK_RIGHT)
        FUZZ_REQUIRE(f->cursor > c && fuzz_one_cluster(f->text, f->len, c, f->cursor), "Right moves on one cluster");
    else if (key.function && code == GK_HOME)
        FUZZ_REQUIRE(f->cursor == 0, "Home goes to the start");
    else if ((key.function && code == GK_END) || (!key.function && code == 0x05))
        FUZZ_REQUIRE(f->cursor == f->len, "End goes to the end");
    else if (key.function && code == GK_WORD_LEFT)
        FUZZ_REQUIRE(f->cursor < c, "Ctrl-Left moves back");
    else if (key.function && code == GK_WORD_RIGHT)
        FUZZ_REQUIRE(f->cursor > c, "Ctrl-Right moves on");
    else if ((key.function && code == GK_BACKSPACE) || (!key.function && (code == 0x7f || code == 0x08)))
        FUZZ_REQUIRE(gone <= c && taken_out(b, f, c - gone, c) && one_whole_cluster(b->text, b->len, c - gone, c),
                     "Backspace takes out the one cluster before the cursor");
    else if (key.function && code == GK_DELETE)
        FUZZ_REQUIRE(taken_out(b, f, c, c + gone) && one_whole_cluster(b->text, b->len, c, c + gone),
                     "Delete takes out the one cluster after the cursor");
    else if (!key.function && code == 0x15)
        FUZZ_REQUIRE(taken_out(b, f, 0, c), "Ctrl-U takes out everything before the cursor");
    else if (!key.function && code == 0x0b)
        FUZZ_REQUIRE(taken_out(b, f, c, b->len), "Ctrl-K takes out everything after the cursor");
    else if (!key.function && code == 0x17)
        FUZZ_REQUIRE(gone <= c && taken_out(b, f, c - gone, c), "Ctrl-W takes out the word before the cursor");
    else if (!key.function)   /* a typed character */
        FUZZ_REQUIRE(added > 0 && memcmp(f->text, b->text, c) == 0 &&
                         memcmp(f->text + c + added, b->text + c, b->len - c) == 0 && at_or_past_join(f, c + added),
                     "a typed character goes in at the cursor, which moves past it (and any mark it took)");
}

/* field_layout: the cursor's column inside the field is what libunistring
 * measures from the first byte shown, and within the field. */
static void laid_out(struct field *f, size_t width)
{
    size_t col = field_layout(f, width);
    if (width == 0) {
        FUZZ_REQUIRE(col == 0, "no field, no column");
        return;
    }
    FUZZ_REQUIRE(col < width, "the cursor's column is inside the field");
    FUZZ_REQUIRE(f->scroll <= f->cursor, "the cursor is not scrolled out to the left");
    char *b = fuzz_breaks(f->text, f->len);
    FUZZ_REQUIRE(b[f->scroll], "scrolling starts at a grapheme boundary");
    free(b);
    size_t measured = f->cursor > f->scroll ? (size_t)u8_width(u8(f->text) + f->scroll, f->cursor - f->scroll, "UTF-8") : 0;
    FUZZ_REQUIRE(col == measured, "the cursor's column is the width libunistring gives the text before it");
}

/* One key (or a layout) from the stream; false at its end. */
static bool step(struct field *f, struct stream *s, struct before *b)
{
    if (!s->left)
        return false;
    struct key key = {false, 0};
    unsigned op = next_byte(s);
    static const int function_keys[] = {GK_LEFT, GK_RIGHT, GK_HOME, GK_END,
                                        GK_BACKSPACE, GK_DELETE, GK_WORD_LEFT, GK_WORD_RIGHT};
    static const wint_t edit_chars[] = {0x7f, 0x08, 0x15, 0x0b, 0x17, 0x05};
    enum field_refusal why = FIELD_OK;
    enum field_result r = FIELD_UNCHANGED;
    remember(b, f);
    if (op >= 0x20) {
        ucs4_t c;
        int n = u8_mbtoucr(&c, s->p - 1, s->left + 1);
        if (n > 0) {
            s->p += n - 1;
            s->left -= (size_t)n - 1;
        } else {
            c = op;
        }
        key.code = (wint_t)c;
    } else {
        op %= 20;
        if (op < 8) {
            key = (struct key){true, (wint_t)function_keys[op]};
        } else if (op < 14) {
            key.code = edit_chars[op - 8];
        } else if (op == 14) {
            unsigned width = next_byte(s) % 48;
            laid_out(f, width);
            return true;
        } else if (op == 15) {      /* any code point, even one that is none */
            unsigned high = next_byte(s), middle = next_byte(s);
            key.code = (wint_t)(high << 16 | middle << 8 | next_byte(s));
        } else if (op == 16 || op == 17) {   /* a paste, or the whole text replaced */
            size_t n = next_byte(s) % 24;
            n = n < s->left ? n : s->left;
            char *bytes = strndup((const char *)s->p, n);
            FUZZ_REQUIRE(bytes != NULL, "memory");
            if (op == 16)
                r = field_insert(f, (const char *)s->p, n, &why);
            else
                r = field_set(f, bytes, &why);
            s->p += n;
            s->left -= n;
            sound(f);
            if (r == FIELD_CHANGED && op == 17)
                FUZZ_REQUIRE(strcmp(f->text, bytes) == 0 && f->cursor == f->len, "a set text is the text, cursor at its end");
            else if (r == FIELD_CHANGED)
                FUZZ_REQUIRE(f->len == b->len + n && memcmp(f->text + b->cursor, s->p - n, n) == 0,
                             "a paste goes in whole at the cursor");
            else
                FUZZ_REQUIRE(text_same(b, f) && f->cursor == b->cursor && (r != FIELD_REFUSED || why != FIELD_OK),
                             "a refused paste changes nothing and says why");
            free(bytes);
            return true;
        } else if (op == 18) {      /* any other control character: Tab, Enter, Esc, ... */
            key.code = next_byte(s) & 0x1f;
        } else {                    /* any function key: F1..F12, Enter, arrows ... */
            key = (struct key){true, (wint_t)(GK_F0 + next_byte(s))};
        }
    }
    bool taken = field_key(f, key, &r, &why);
    sound(f);
    did_what_it_said(b, f, taken, key, r, why);
    return true;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* As gise runs: typed characters arrive as wide characters of a UTF-8 locale. */
    FUZZ_REQUIRE(setlocale(LC_ALL, "C.UTF-8") != NULL, "the C.UTF-8 locale");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct stream s = {data, size};
    struct field f;
    /* The limit from the first byte: small ones are reached, as a field's are. */
    FUZZ_REQUIRE(field_init(&f, 1 + next_byte(&s) % 64) == 0, "memory");
    struct before b = {NULL, 0, 0};
    while (step(&f, &s, &b))
        ;
    laid_out(&f, 20);
    free(b.text);
    field_free(&f);
    return 0;
}
