/* Wrapping one paragraph over rows (i18n/text/wrap.c): every word kept, no line
 * wider than asked, widths as a terminal shows them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <uniwidth.h>

#include "i18n/text/wrap.h"

struct lines {
    char text[16][128];
    size_t count;
};

static void collect(void *ctx, const char *start, size_t len)
{
    struct lines *l = ctx;
    assert_true(l->count < 16);
    assert_true(len < sizeof l->text[0]);
    memcpy(l->text[l->count], start, len);
    l->text[l->count][len] = '\0';
    l->count++;
}

static struct lines wrap(const char *text, int width)
{
    struct lines l;
    memset(&l, 0, sizeof l);
    size_t count = text_wrap(text, width, collect, &l);
    assert_int_equal(count, l.count);
    for (size_t i = 0; i < l.count; i++)
        assert_true(u8_strwidth((const uint8_t *)l.text[i], "UTF-8") <= width);
    return l;
}

static void short_text_is_one_line(void **state)
{
    (void)state;
    struct lines l = wrap("Still signed in.", 40);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.text[0], "Still signed in.");
    l = wrap("exactly ten", 11);
    assert_int_equal(l.count, 1);
}

static void lines_break_between_words(void **state)
{
    (void)state;
    struct lines l = wrap("Your escalation of application 2026-000123 was approved by Zeynep Çelik.", 30);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.text[0], "Your escalation of");
    assert_string_equal(l.text[1], "application 2026-000123 was");
    assert_string_equal(l.text[2], "approved by Zeynep Çelik.");
}

static void blanks_at_the_ends_are_dropped(void **state)
{
    (void)state;
    struct lines l = wrap("   one   two   ", 5);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.text[0], "one");
    assert_string_equal(l.text[1], "two");
    assert_int_equal(text_wrap("", 10, collect, &l), 0);
    assert_int_equal(text_wrap("    ", 10, collect, &l), 0);
}

static void a_word_wider_than_the_line_is_cut_between_characters(void **state)
{
    (void)state;
    struct lines l = wrap("abcdefghij klm", 4);
    assert_int_equal(l.count, 4);
    assert_string_equal(l.text[0], "abcd");
    assert_string_equal(l.text[1], "efgh");
    assert_string_equal(l.text[2], "ij");
    assert_string_equal(l.text[3], "klm");
}

static void wide_and_combining_characters_count_as_shown(void **state)
{
    (void)state;
    /* Two columns each: three fit in six. */
    struct lines l = wrap("山田太郎花子", 6);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.text[0], "山田太");
    /* e + U+0301 is one column and never split. */
    l = wrap("e\xCC\x81" "e\xCC\x81" "e\xCC\x81", 2);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.text[0], "e\xCC\x81" "e\xCC\x81");
    assert_string_equal(l.text[1], "e\xCC\x81");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(short_text_is_one_line),
        cmocka_unit_test(lines_break_between_words),
        cmocka_unit_test(blanks_at_the_ends_are_dropped),
        cmocka_unit_test(a_word_wider_than_the_line_is_cut_between_characters),
        cmocka_unit_test(wide_and_combining_characters_count_as_shown),
    };
    return cmocka_run_group_tests_name("wrap", tests, NULL, NULL);
}
