/* The single-line field's editing model: the cursor moves and deletes one
 * grapheme cluster at a time, the limit counts characters, bad text is
 * refused, and the layout keeps the cursor inside the field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "screens/widgets/field.h"

#define E_ACUTE_NFD "e\xCC\x81"       /* e + U+0301 COMBINING ACUTE ACCENT */
#define O_UMLAUT_NFD "O\xCC\x88"      /* O + U+0308 COMBINING DIAERESIS */
#define THUMBS_UP_MEDIUM "👍🏽"        /* U+1F44D U+1F3FD */

static void open_field(struct field *f, size_t max_chars)
{
    assert_int_equal(field_init(f, max_chars), 0);
    assert_non_null(f->text);
    assert_string_equal(f->text, "");
    assert_int_equal(f->len, 0);
    assert_int_equal(f->cursor, 0);
}

static void type(struct field *f, const char *s)
{
    enum field_refusal why = FIELD_TOO_LONG;
    assert_int_equal(field_insert(f, s, strlen(s), &why), FIELD_CHANGED);
    assert_int_equal(why, FIELD_OK);
}

static void set(struct field *f, const char *s)
{
    enum field_refusal why = FIELD_TOO_LONG;
    assert_int_equal(field_set(f, s, &why), FIELD_CHANGED);
    assert_int_equal(why, FIELD_OK);
    assert_string_equal(f->text, s);
    assert_int_equal(f->len, strlen(s));
    assert_int_equal(f->cursor, f->len);
}

/* Cursor steps from Home to End, checking that every step moves. */
static size_t steps_to_end(struct field *f)
{
    field_edit(f, FIELD_HOME);
    size_t steps = 0;
    while (f->cursor < f->len) {
        assert_int_equal(field_edit(f, FIELD_RIGHT), FIELD_MOVED);
        steps++;
    }
    assert_int_equal(field_edit(f, FIELD_RIGHT), FIELD_UNCHANGED);
    return steps;
}

/* Cursor steps from End to Home. */
static size_t steps_to_home(struct field *f)
{
    field_edit(f, FIELD_END);
    size_t steps = 0;
    while (f->cursor > 0) {
        assert_int_equal(field_edit(f, FIELD_LEFT), FIELD_MOVED);
        steps++;
    }
    assert_int_equal(field_edit(f, FIELD_LEFT), FIELD_UNCHANGED);
    return steps;
}

static void ascii_typing_appends_and_moves_the_cursor(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    type(&f, "A");
    type(&f, "l");
    type(&f, "i");
    assert_string_equal(f.text, "Ali");
    assert_int_equal(f.cursor, 3);
    assert_int_equal(field_chars(&f), 3);
    assert_int_equal(field_edit(&f, FIELD_LEFT), FIELD_MOVED);
    assert_int_equal(f.cursor, 2);
    type(&f, "x");                                   /* inserts at the cursor */
    assert_string_equal(f.text, "Alxi");
    assert_int_equal(f.cursor, 3);
    field_free(&f);
}

static void turkish_letters_are_one_step_each(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    type(&f, "ş");
    type(&f, "ğ");
    type(&f, "İ");
    type(&f, "ı");
    assert_string_equal(f.text, "şğİı");
    assert_int_equal(f.len, 8);
    assert_int_equal(field_chars(&f), 4);
    assert_int_equal(f.cursor, 8);
    static const size_t back[] = {6, 4, 2, 0};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(field_edit(&f, FIELD_LEFT), FIELD_MOVED);
        assert_int_equal(f.cursor, back[i]);
    }
    assert_int_equal(field_edit(&f, FIELD_LEFT), FIELD_UNCHANGED);
    assert_int_equal(f.cursor, 0);
    static const size_t forward[] = {2, 4, 6, 8};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(field_edit(&f, FIELD_RIGHT), FIELD_MOVED);
        assert_int_equal(f.cursor, forward[i]);
    }
    assert_int_equal(field_edit(&f, FIELD_RIGHT), FIELD_UNCHANGED);
    field_free(&f);
}

static void typing_in_the_middle_of_turkish_text(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    set(&f, "Ayşe");
    assert_int_equal(field_edit(&f, FIELD_LEFT), FIELD_MOVED);   /* before e */
    assert_int_equal(field_edit(&f, FIELD_LEFT), FIELD_MOVED);   /* before ş */
    assert_int_equal(f.cursor, 2);
    type(&f, "ğ");
    assert_string_equal(f.text, "Ayğşe");
    assert_int_equal(f.cursor, 4);
    assert_int_equal(field_edit(&f, FIELD_BACKSPACE), FIELD_CHANGED);
    assert_string_equal(f.text, "Ayşe");
    assert_int_equal(f.cursor, 2);
    assert_int_equal(field_edit(&f, FIELD_DELETE), FIELD_CHANGED);
    assert_string_equal(f.text, "Aye");
    assert_int_equal(f.cursor, 2);
    field_free(&f);
}

static void decomposed_letters_are_one_cursor_step(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    set(&f, "K" E_ACUTE_NFD "m");
    assert_int_equal(field_chars(&f), 4);            /* K e U+0301 m */
    assert_int_equal(steps_to_end(&f), 3);
    assert_int_equal(steps_to_home(&f), 3);
    field_edit(&f, FIELD_HOME);
    field_edit(&f, FIELD_RIGHT);
    assert_int_equal(field_edit(&f, FIELD_RIGHT), FIELD_MOVED);
    assert_int_equal(f.cursor, 4);                   /* past e and its accent */

    set(&f, O_UMLAUT_NFD "zt" "u\xCC\x88" "rk");     /* "Öztürk", decomposed */
    assert_int_equal(steps_to_end(&f), 6);
    assert_int_equal(steps_to_home(&f), 6);
    field_free(&f);
}

static void backspace_deletes_the_whole_cluster(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    set(&f, "a" E_ACUTE_NFD);
    assert_int_equal(field_edit(&f, FIELD_BACKSPACE), FIELD_CHANGED);
    assert_string_equal(f.text, "a");
    assert_int_equal(f.len, 1);
    assert_int_equal(f.cursor, 1);

    set(&f, O_UMLAUT_NFD "z");
    field_edit(&f, FIELD_LEFT);
    assert_int_equal(field_edit(&f, FIELD_BACKSPACE), FIELD_CHANGED);
    assert_string_equal(f.text, "z");
    assert_int_equal(f.cursor, 0);
    assert_int_equal(field_edit(&f, FIELD_BACKSPACE), FIELD_UNCHANGED);

    set(&f, E_ACUTE_NFD "x");
    field_edit(&f, FIELD_HOME);
    assert_int_equal(field_edit(&f, FIELD_DELETE), FIELD_CHANGED);
    assert_string_equal(f.text, "x");
    assert_int_equal(f.cursor, 0);
    field_edit(&f, FIELD_END);
    assert_int_equal(field_edit(&f, FIELD_DELETE), FIELD_UNCHANGED);
    field_free(&f);
}

static void combining_mark_typed_after_a_letter_joins_it(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    /* At the end. */
    type(&f, "e");
    type(&f, "\xCC\x81");
    assert_string_equal(f.text, E_ACUTE_NFD);
    assert_int_equal(f.cursor, 3);
    assert_int_equal(steps_to_home(&f), 1);

    /* In the middle: "ex" with the cursor between e and x. */
    set(&f, "ex");
    field_edit(&f, FIELD_LEFT);
    type(&f, "\xCC\x81");
    assert_string_equal(f.text, E_ACUTE_NFD "x");
    assert_int_equal(f.cursor, 3);                   /* after the cluster, before x */
    assert_int_equal(field_edit(&f, FIELD_LEFT), FIELD_MOVED);
    assert_int_equal(f.cursor, 0);
    assert_int_equal(field_edit(&f, FIELD_RIGHT), FIELD_MOVED);
    assert_int_equal(f.cursor, 3);

    /* A letter typed before a lone mark forms a cluster with it; the
     * cursor goes after the whole cluster, never inside it. */
    set(&f, "\xCC\x88");
    field_edit(&f, FIELD_HOME);
    type(&f, "O");
    assert_string_equal(f.text, O_UMLAUT_NFD);
    assert_int_equal(f.cursor, 3);
    assert_int_equal(steps_to_end(&f), 1);
    field_free(&f);
}

static void wide_characters_and_emoji_are_one_step(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    set(&f, "山田");
    assert_int_equal(steps_to_end(&f), 2);
    assert_int_equal(steps_to_home(&f), 2);

    set(&f, THUMBS_UP_MEDIUM);
    assert_int_equal(field_chars(&f), 2);
    assert_int_equal(steps_to_end(&f), 1);
    assert_int_equal(steps_to_home(&f), 1);
    field_edit(&f, FIELD_END);
    assert_int_equal(field_edit(&f, FIELD_BACKSPACE), FIELD_CHANGED);
    assert_string_equal(f.text, "");

    set(&f, "a" THUMBS_UP_MEDIUM "山" "b");
    assert_int_equal(steps_to_end(&f), 4);
    assert_int_equal(steps_to_home(&f), 4);
    field_free(&f);
}

static void home_and_end_jump_to_the_edges(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    assert_int_equal(field_edit(&f, FIELD_HOME), FIELD_UNCHANGED);   /* empty */
    assert_int_equal(field_edit(&f, FIELD_END), FIELD_UNCHANGED);
    set(&f, "Çağrı Güneş");
    assert_int_equal(field_edit(&f, FIELD_END), FIELD_UNCHANGED);
    assert_int_equal(field_edit(&f, FIELD_HOME), FIELD_MOVED);
    assert_int_equal(f.cursor, 0);
    assert_int_equal(field_edit(&f, FIELD_HOME), FIELD_UNCHANGED);
    assert_int_equal(field_edit(&f, FIELD_END), FIELD_MOVED);
    assert_int_equal(f.cursor, f.len);
    assert_string_equal(f.text, "Çağrı Güneş");
    field_free(&f);
}

static void word_moves_skip_runs_of_spaces(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    const char *text = "Ayşe  Nur   Öztürk";
    set(&f, text);
    const size_t nur = (size_t)(strstr(text, "Nur") - text);
    const size_t oz = (size_t)(strstr(text, "Öztürk") - text);

    assert_int_equal(field_edit(&f, FIELD_WORD_LEFT), FIELD_MOVED);
    assert_int_equal(f.cursor, oz);
    assert_int_equal(field_edit(&f, FIELD_WORD_LEFT), FIELD_MOVED);
    assert_int_equal(f.cursor, nur);
    assert_int_equal(field_edit(&f, FIELD_WORD_LEFT), FIELD_MOVED);
    assert_int_equal(f.cursor, 0);
    assert_int_equal(field_edit(&f, FIELD_WORD_LEFT), FIELD_UNCHANGED);

    assert_int_equal(field_edit(&f, FIELD_WORD_RIGHT), FIELD_MOVED);
    assert_int_equal(f.cursor, nur);
    assert_int_equal(field_edit(&f, FIELD_WORD_RIGHT), FIELD_MOVED);
    assert_int_equal(f.cursor, oz);
    assert_int_equal(field_edit(&f, FIELD_WORD_RIGHT), FIELD_MOVED);
    assert_int_equal(f.cursor, f.len);
    assert_int_equal(field_edit(&f, FIELD_WORD_RIGHT), FIELD_UNCHANGED);

    /* From inside the spaces, and from inside a word. */
    f.cursor = nur - 1;
    assert_int_equal(field_edit(&f, FIELD_WORD_LEFT), FIELD_MOVED);
    assert_int_equal(f.cursor, 0);
    f.cursor = nur + 1;
    assert_int_equal(field_edit(&f, FIELD_WORD_LEFT), FIELD_MOVED);
    assert_int_equal(f.cursor, nur);
    f.cursor = 2;                                    /* before ş */
    assert_int_equal(field_edit(&f, FIELD_WORD_RIGHT), FIELD_MOVED);
    assert_int_equal(f.cursor, nur);
    assert_string_equal(f.text, text);
    field_free(&f);
}

static void kill_to_start_removes_what_is_before_the_cursor(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    set(&f, "Ayşe Nur Öztürk");
    for (int i = 0; i < 6; i++)
        field_edit(&f, FIELD_LEFT);                  /* before Öztürk */
    assert_int_equal(field_edit(&f, FIELD_KILL_TO_START), FIELD_CHANGED);
    assert_string_equal(f.text, "Öztürk");
    assert_int_equal(f.cursor, 0);
    assert_int_equal(field_edit(&f, FIELD_KILL_TO_START), FIELD_UNCHANGED);
    assert_string_equal(f.text, "Öztürk");
    field_edit(&f, FIELD_END);
    assert_int_equal(field_edit(&f, FIELD_KILL_TO_START), FIELD_CHANGED);
    assert_string_equal(f.text, "");
    assert_int_equal(f.len, 0);
    assert_int_equal(f.cursor, 0);
    field_free(&f);
}

static void kill_to_end_removes_what_is_after_the_cursor(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    set(&f, "Ayşe Nur Öztürk");
    assert_int_equal(field_edit(&f, FIELD_KILL_TO_END), FIELD_UNCHANGED);
    assert_string_equal(f.text, "Ayşe Nur Öztürk");
    field_edit(&f, FIELD_HOME);
    field_edit(&f, FIELD_WORD_RIGHT);                /* before Nur */
    const size_t at = f.cursor;
    assert_int_equal(field_edit(&f, FIELD_KILL_TO_END), FIELD_CHANGED);
    assert_string_equal(f.text, "Ayşe ");
    assert_int_equal(f.cursor, at);
    assert_int_equal(f.cursor, f.len);
    field_edit(&f, FIELD_HOME);
    assert_int_equal(field_edit(&f, FIELD_KILL_TO_END), FIELD_CHANGED);
    assert_string_equal(f.text, "");
    assert_int_equal(f.cursor, 0);
    field_free(&f);
}

static void delete_word_removes_the_word_before_the_cursor(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    set(&f, "Ayşe  Nur   Öztürk");
    assert_int_equal(field_edit(&f, FIELD_DELETE_WORD), FIELD_CHANGED);
    assert_string_equal(f.text, "Ayşe  Nur   ");
    assert_int_equal(f.cursor, f.len);
    assert_int_equal(field_edit(&f, FIELD_DELETE_WORD), FIELD_CHANGED);
    assert_string_equal(f.text, "Ayşe  ");           /* the word and the spaces after it */
    assert_int_equal(field_edit(&f, FIELD_DELETE_WORD), FIELD_CHANGED);
    assert_string_equal(f.text, "");
    assert_int_equal(f.cursor, 0);
    assert_int_equal(field_edit(&f, FIELD_DELETE_WORD), FIELD_UNCHANGED);

    /* In the middle: only the word before the cursor goes. */
    set(&f, "Ali Veli Can");
    field_edit(&f, FIELD_WORD_LEFT);                 /* before Can */
    assert_int_equal(field_edit(&f, FIELD_DELETE_WORD), FIELD_CHANGED);
    assert_string_equal(f.text, "Ali Can");
    assert_int_equal(f.cursor, 4);
    field_free(&f);
}

static void limit_counts_characters_not_bytes(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 5);
    for (int i = 0; i < 5; i++)
        type(&f, "Ş");
    assert_string_equal(f.text, "ŞŞŞŞŞ");
    assert_int_equal(f.len, 10);
    assert_int_equal(field_chars(&f), 5);

    enum field_refusal why = FIELD_OK;
    assert_int_equal(field_insert(&f, "Ş", strlen("Ş"), &why), FIELD_REFUSED);
    assert_int_equal(why, FIELD_TOO_LONG);
    assert_string_equal(f.text, "ŞŞŞŞŞ");
    assert_int_equal(f.cursor, 10);
    why = FIELD_OK;
    assert_int_equal(field_insert(&f, "a", 1, &why), FIELD_REFUSED);
    assert_int_equal(why, FIELD_TOO_LONG);
    assert_string_equal(f.text, "ŞŞŞŞŞ");

    /* A paste that would cross the limit is refused whole. */
    field_edit(&f, FIELD_BACKSPACE);
    field_edit(&f, FIELD_BACKSPACE);
    why = FIELD_OK;
    assert_int_equal(field_insert(&f, "ğüç", strlen("ğüç"), &why), FIELD_REFUSED);
    assert_int_equal(why, FIELD_TOO_LONG);
    assert_string_equal(f.text, "ŞŞŞ");
    assert_int_equal(field_insert(&f, "ğü", strlen("ğü"), &why), FIELD_CHANGED);
    assert_int_equal(why, FIELD_OK);
    assert_string_equal(f.text, "ŞŞŞğü");

    /* field_set counts the same way. */
    why = FIELD_OK;
    assert_int_equal(field_set(&f, "İİİİİİ", &why), FIELD_REFUSED);
    assert_int_equal(why, FIELD_TOO_LONG);
    assert_string_equal(f.text, "ŞŞŞğü");
    set(&f, "İİİİİ");
    field_free(&f);
}

/* A note (a multiline field) takes a pasted line break as text and
 * measures it as the one column its mark (↵) takes; everything else a
 * one-line field refuses it refuses too, a tab and a CR included. */
static void a_note_takes_line_breaks(void **state)
{
    (void)state;
    struct field f;
    assert_int_equal(field_init_note(&f, 30), 0);
    enum field_refusal why = FIELD_OK;
    assert_int_equal(field_insert(&f, "Moved.\n\nŞ", strlen("Moved.\n\nŞ"), &why), FIELD_CHANGED);
    assert_string_equal(f.text, "Moved.\n\nŞ");
    assert_int_equal(field_chars(&f), 9);
    assert_int_equal(field_layout(&f, 40), 9);     /* 6 + 2 marks + Ş */
    assert_int_equal(field_kind(&f), TEXT_NOTE);
    const char *bad[] = {"a\tb", "a\rb", "\x1B[2J", "a\0b"};
    for (size_t i = 0; i < 4; i++) {
        size_t len = i == 3 ? 3 : strlen(bad[i]);
        assert_int_equal(field_insert(&f, bad[i], len, &why), FIELD_REFUSED);
        assert_int_equal(why, FIELD_BAD_TEXT);
    }
    /* Whole or not at all: 22 characters do not fit the 21 left. */
    assert_int_equal(field_insert(&f, "\nabcdefghij\nklmnopqrst", 22, &why), FIELD_REFUSED);
    assert_int_equal(why, FIELD_TOO_LONG);
    assert_string_equal(f.text, "Moved.\n\nŞ");
    field_free(&f);
    assert_int_equal(field_init(&f, 30), 0);
    assert_int_equal(field_kind(&f), TEXT_LINE);
    assert_int_equal(field_insert(&f, "a\nb", 3, &why), FIELD_REFUSED);
    assert_int_equal(why, FIELD_BAD_TEXT);
    field_free(&f);
}

static void assert_refused_as_bad_text(struct field *f, const char *s, size_t len)
{
    char before[64];
    size_t len_before = f->len, cursor_before = f->cursor;
    strcpy(before, f->text);
    enum field_refusal why = FIELD_OK;
    assert_int_equal(field_insert(f, s, len, &why), FIELD_REFUSED);
    assert_int_equal(why, FIELD_BAD_TEXT);
    assert_string_equal(f->text, before);
    assert_int_equal(f->len, len_before);
    assert_int_equal(f->cursor, cursor_before);
}

static void bad_text_is_refused_and_leaves_the_text(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 50);
    set(&f, "Ayşe");
    field_edit(&f, FIELD_LEFT);
    assert_refused_as_bad_text(&f, "\t", 1);
    assert_refused_as_bad_text(&f, "\n", 1);
    assert_refused_as_bad_text(&f, "\r", 1);
    assert_refused_as_bad_text(&f, "\x01", 1);
    assert_refused_as_bad_text(&f, "\0", 1);                   /* NUL byte */
    assert_refused_as_bad_text(&f, "\x7F", 1);                 /* DEL */
    assert_refused_as_bad_text(&f, "\x1B", 1);                 /* ESC alone */
    assert_refused_as_bad_text(&f, "\x1B[31m", 5);             /* colour */
    assert_refused_as_bad_text(&f, "Ali\x1B[2J", 7);           /* clear screen, in a paste */
    assert_refused_as_bad_text(&f, "\xC2\x9B" "31m", 5);       /* C1 CSI */
    assert_refused_as_bad_text(&f, "\xFF", 1);
    assert_refused_as_bad_text(&f, "\xC3", 1);                 /* truncated */
    assert_refused_as_bad_text(&f, "\xC0\xAF", 2);             /* overlong */
    assert_refused_as_bad_text(&f, "\xED\xA0\x80", 3);         /* surrogate */
    assert_refused_as_bad_text(&f, "\xE2\x80\xAE", 3);         /* U+202E RLO */
    assert_refused_as_bad_text(&f, "abc\xE2\x80\xAE" "cba", 9);
    assert_refused_as_bad_text(&f, "\xE2\x81\xA6", 3);         /* U+2066 LRI */
    assert_refused_as_bad_text(&f, "\xE2\x80\xA8", 3);         /* U+2028 line separator */
    assert_string_equal(f.text, "Ayşe");
    field_free(&f);
}

static void field_set_replaces_or_refuses(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 20);
    set(&f, "Mehmet");
    set(&f, "Çağrı");
    assert_int_equal(f.scroll, 0);

    enum field_refusal why = FIELD_OK;
    assert_int_equal(field_set(&f, "A\x1B[31mB", &why), FIELD_REFUSED);
    assert_int_equal(why, FIELD_BAD_TEXT);
    assert_string_equal(f.text, "Çağrı");
    why = FIELD_OK;
    assert_int_equal(field_set(&f, "\xE2\x80\xAE" "abc", &why), FIELD_REFUSED);
    assert_int_equal(why, FIELD_BAD_TEXT);
    why = FIELD_OK;
    assert_int_equal(field_set(&f, "Ay\xFF" "se", &why), FIELD_REFUSED);
    assert_int_equal(why, FIELD_BAD_TEXT);
    assert_string_equal(f.text, "Çağrı");
    assert_int_equal(f.cursor, f.len);

    /* Longer than the initial buffer: grows. */
    set(&f, "ğğğğğğğğğğğğğğğğğğğğ");
    assert_int_equal(field_chars(&f), 20);
    set(&f, "");
    assert_int_equal(f.len, 0);
    assert_int_equal(f.cursor, 0);
    field_free(&f);
}

static void layout_scrolls_to_keep_the_cursor_visible(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 100);
    set(&f, "abcdefghijklmnopqrstuvwxyz0123");          /* 30 characters */
    size_t col = field_layout(&f, 10);
    assert_true(col < 10);
    assert_true(f.scroll > 0);
    assert_int_equal(col, f.cursor - f.scroll);
    assert_int_equal(col, 9);

    for (int i = 0; i < 25; i++) {
        assert_int_equal(field_edit(&f, FIELD_LEFT), FIELD_MOVED);
        col = field_layout(&f, 10);
        assert_true(col < 10);
        assert_true(f.scroll <= f.cursor);
        assert_int_equal(col, f.cursor - f.scroll);
    }

    assert_int_equal(field_edit(&f, FIELD_HOME), FIELD_MOVED);
    assert_int_equal(field_layout(&f, 10), 0);
    assert_int_equal(f.scroll, 0);

    /* Typing one character at a time never leaves the field. */
    set(&f, "");
    for (int i = 0; i < 30; i++) {
        type(&f, "ş");
        col = field_layout(&f, 10);
        assert_true(col < 10);
    }
    field_free(&f);
}

static void layout_counts_wide_characters_as_two_columns(void **state)
{
    (void)state;
    struct field f;
    open_field(&f, 100);
    set(&f, "山田");
    assert_int_equal(field_layout(&f, 10), 4);
    assert_int_equal(f.scroll, 0);
    field_edit(&f, FIELD_LEFT);
    assert_int_equal(field_layout(&f, 10), 2);

    set(&f, "a" E_ACUTE_NFD "b");                    /* the accent takes no column */
    assert_int_equal(field_layout(&f, 10), 3);

    set(&f, "山田山田山田山田山田");                 /* 10 wide characters, 20 columns */
    size_t col = field_layout(&f, 10);
    assert_true(col < 10);
    assert_true(f.scroll > 0);
    assert_int_equal(col, 8);                        /* four wide characters before it */
    field_edit(&f, FIELD_HOME);
    assert_int_equal(field_layout(&f, 10), 0);
    assert_int_equal(f.scroll, 0);
    field_free(&f);
}


static void zwj_sequences_and_flags_are_one_step(void **state)
{
    (void)state;
    struct field f;
    enum field_refusal why;
    assert_int_equal(field_init(&f, 50), 0);
    /* man, ZWJ, woman, ZWJ, girl: one family, 18 bytes */
    assert_int_equal(field_set(&f, "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", &why),
                     FIELD_CHANGED);
    field_edit(&f, FIELD_HOME);
    assert_int_equal(field_edit(&f, FIELD_RIGHT), FIELD_MOVED);
    assert_int_equal(f.cursor, 18);
    assert_int_equal(field_edit(&f, FIELD_BACKSPACE), FIELD_CHANGED);
    assert_int_equal(f.len, 0);
    /* the Turkish flag: two regional indicators, one character */
    assert_int_equal(field_set(&f, "\xF0\x9F\x87\xB9\xF0\x9F\x87\xB7", &why), FIELD_CHANGED);
    assert_int_equal(field_edit(&f, FIELD_LEFT), FIELD_MOVED);
    assert_int_equal(f.cursor, 0);
    field_free(&f);
}

static void moving_left_in_scrolled_text_does_not_drag_the_view(void **state)
{
    (void)state;
    struct field f;
    enum field_refusal why;
    assert_int_equal(field_init(&f, 50), 0);
    field_set(&f, "abcdefghijklmnopqrstuvwxyz0123", &why);
    size_t col = field_layout(&f, 10);
    assert_int_equal(col, 9);
    size_t scroll = f.scroll;
    field_edit(&f, FIELD_LEFT);
    assert_int_equal(field_layout(&f, 10), 8);
    assert_int_equal(f.scroll, scroll);
    field_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ascii_typing_appends_and_moves_the_cursor),
        cmocka_unit_test(turkish_letters_are_one_step_each),
        cmocka_unit_test(typing_in_the_middle_of_turkish_text),
        cmocka_unit_test(decomposed_letters_are_one_cursor_step),
        cmocka_unit_test(backspace_deletes_the_whole_cluster),
        cmocka_unit_test(combining_mark_typed_after_a_letter_joins_it),
        cmocka_unit_test(wide_characters_and_emoji_are_one_step),
        cmocka_unit_test(home_and_end_jump_to_the_edges),
        cmocka_unit_test(word_moves_skip_runs_of_spaces),
        cmocka_unit_test(kill_to_start_removes_what_is_before_the_cursor),
        cmocka_unit_test(kill_to_end_removes_what_is_after_the_cursor),
        cmocka_unit_test(delete_word_removes_the_word_before_the_cursor),
        cmocka_unit_test(limit_counts_characters_not_bytes),
        cmocka_unit_test(bad_text_is_refused_and_leaves_the_text),
        cmocka_unit_test(field_set_replaces_or_refuses),
        cmocka_unit_test(a_note_takes_line_breaks),
        cmocka_unit_test(layout_scrolls_to_keep_the_cursor_visible),
        cmocka_unit_test(layout_counts_wide_characters_as_two_columns),
        cmocka_unit_test(zwj_sequences_and_flags_are_one_step),
        cmocka_unit_test(moving_left_in_scrolled_text_does_not_drag_the_view),
    };
    return cmocka_run_group_tests_name("field", tests, NULL, NULL);
}
