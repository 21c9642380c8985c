/* Line mode's reader (app/line/line_buffer.h): an answer never slips into
 * the next one. Each case is one that slipped before: the tail of an
 * over-long line taken as the next answer, a NUL cutting an answer short. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/line/line_buffer.h"

/* The input as read(2) would give it: `chunk` bytes at a time. */
struct input {
    const char *bytes;
    size_t len, at, chunk;
};

static struct line_buffer *fresh(void)
{
    struct line_buffer *b = calloc(1, sizeof *b);
    assert_non_null(b);
    return b;
}

/* The next line, reading from `in` whenever the reader asks for more. */
static enum line_take next(struct line_buffer *b, struct input *in, char *out, size_t size, enum text_kind kind,
                           struct line_taken *taken)
{
    for (;;) {
        enum line_take got = line_buffer_take(b, out, size, kind, taken);
        if (got != LINE_MORE)
            return got;
        size_t room;
        char *to = line_buffer_room(b, &room);
        assert_true(room > 0);
        size_t n = in->len - in->at < in->chunk ? in->len - in->at : in->chunk;
        if (n > room)
            n = room;
        memcpy(to, in->bytes + in->at, n);
        in->at += n;
        line_buffer_added(b, n);
    }
}

static char *repeat(char c, size_t n, const char *tail)
{
    size_t t = strlen(tail);
    char *s = malloc(n + t + 1);
    assert_non_null(s);
    memset(s, c, n);
    memcpy(s + n, tail, t + 1);
    return s;
}

static void lines_come_one_at_a_time(void **state)
{
    (void)state;
    struct line_buffer *b = fresh();
    struct input in = {"1\r\n\nq\n", 6, 0, 4096};
    char out[64];
    struct line_taken t;
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_TAKEN);
    assert_int_equal(t.verdict, LINE_OK);
    assert_string_equal(out, "1");      /* the CR of CR LF is no part of it */
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_TAKEN);
    assert_string_equal(out, "");
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_TAKEN);
    assert_string_equal(out, "q");
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_END);
    free(b);
}

/* 98,307 spaces and "y" at a yes/no question: six refusals and then "y"
 * taken as the answer, before. Now one refusal, the whole line. */
static void an_over_long_line_is_refused_whole_to_its_line_break(void **state)
{
    (void)state;
    for (size_t chunk = 1000; chunk <= 1 << 20; chunk *= 32) {
        struct line_buffer *b = fresh();
        char *text = repeat(' ', 98307, "y\nn\n");
        struct input in = {text, strlen(text), 0, chunk};
        char out[64];
        struct line_taken t;
        assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_TAKEN);
        assert_int_equal(t.verdict, LINE_TOO_LONG);
        assert_int_equal(t.chars, 98308);
        assert_string_equal(out, "");
        assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_TAKEN);
        assert_int_equal(t.verdict, LINE_OK);
        assert_string_equal(out, "n");  /* the line after it, not its tail */
        assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_END);
        free(text);
        free(b);
    }
}

/* A 17,516-character explanation: its first 16 KiB were refused and the
 * last 1,132 characters stored, before. */
static void a_long_explanation_leaves_no_tail(void **state)
{
    (void)state;
    struct line_buffer *b = fresh();
    char *text = repeat('e', 17516, "\nb\n");
    struct input in = {text, strlen(text), 0, 4096};
    char *out = malloc(LINE_MAX_INPUT + 1);
    struct line_taken t;
    assert_int_equal(next(b, &in, out, LINE_MAX_INPUT + 1, TEXT_NOTE, &t), LINE_TAKEN);
    assert_int_equal(t.verdict, LINE_TOO_LONG);
    assert_int_equal(t.chars, 17516);
    assert_int_equal(next(b, &in, out, LINE_MAX_INPUT + 1, TEXT_NOTE, &t), LINE_TAKEN);
    assert_int_equal(t.verdict, LINE_OK);
    assert_string_equal(out, "b");
    free(out);
    free(text);
    free(b);
}

/* Longer than the answer may be, though the buffer holds it: refused, and
 * the next line is whole. Characters are counted, not bytes. */
static void longer_than_the_answer_is_refused_whole(void **state)
{
    (void)state;
    struct line_buffer *b = fresh();
    struct input in = {"şşşşşşşşşş\nevet\n", 25, 0, 4096};
    char out[8];
    struct line_taken t;
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_TAKEN);
    assert_int_equal(t.verdict, LINE_TOO_LONG);
    assert_int_equal(t.bytes, 20);
    assert_int_equal(t.chars, 10);
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_TAKEN);
    assert_string_equal(out, "evet");
    free(b);
}

/* "Visible part.\0Hidden" was stored as "Visible part.". */
static void a_nul_refuses_the_line_and_says_where(void **state)
{
    (void)state;
    struct line_buffer *b = fresh();
    struct input in = {"Visible part.\0Hidden\nok\n", 24, 0, 4096};
    char out[64];
    struct line_taken t;
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_TAKEN);
    assert_int_equal(t.verdict, LINE_NOT_TEXT);
    assert_int_equal(t.problem, TEXT_CONTROL);
    assert_int_equal(t.c, 0);
    assert_int_equal(t.at, 13);
    assert_int_equal(t.bytes, 20);
    assert_memory_equal(out, "Visible part.\0Hidden", 20);    /* to echo it, made safe */
    char name[200];
    text_fault_name(t.problem, t.c, out, t.at, name, sizeof name);
    assert_non_null(strstr(name, "NUL byte"));
    assert_non_null(strstr(name, "character 14"));
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_TAKEN);
    assert_int_equal(t.verdict, LINE_OK);
    assert_string_equal(out, "ok");
    free(b);
}

static void bytes_that_cannot_be_text_are_named(void **state)
{
    (void)state;
    struct line_buffer *b = fresh();
    const char text[] = "a \033[31m b\nx\377y\nNEL\302\205\ntab\there\n";
    struct input in = {text, sizeof text - 1, 0, 4096};
    char out[64], name[200];
    struct line_taken t;
    next(b, &in, out, sizeof out, TEXT_NOTE, &t);
    assert_int_equal(t.verdict, LINE_NOT_TEXT);
    assert_int_equal(t.c, 0x1B);
    assert_non_null(strstr(text_fault_name(t.problem, t.c, out, t.at, name, sizeof name), "escape code"));
    next(b, &in, out, sizeof out, TEXT_NOTE, &t);
    assert_int_equal(t.problem, TEXT_INVALID_UTF8);
    assert_int_equal(t.at, 1);
    assert_non_null(strstr(text_fault_name(t.problem, t.c, out, t.at, name, sizeof name), "byte 2"));
    next(b, &in, out, sizeof out, TEXT_NOTE, &t);
    assert_int_equal(t.problem, TEXT_CONTROL);     /* a C1 control */
    assert_int_equal(t.c, 0x85);
    next(b, &in, out, sizeof out, TEXT_LINE, &t);  /* a tab: not in a line... */
    assert_int_equal(t.verdict, LINE_NOT_TEXT);
    assert_non_null(strstr(text_fault_name(t.problem, t.c, out, t.at, name, sizeof name), "tab"));
    free(b);
    b = fresh();
    in = (struct input){"tab\there\n", 9, 0, 4096};
    next(b, &in, out, sizeof out, TEXT_NOTE, &t);  /* ...but in a note */
    assert_int_equal(t.verdict, LINE_OK);
    free(b);
}

/* The input ends inside a line: the last line is still an answer, or still
 * refused whole. */
static void the_end_of_the_input_ends_the_last_line(void **state)
{
    (void)state;
    struct line_buffer *b = fresh();
    struct input in = {"q", 1, 0, 4096};
    char out[64];
    struct line_taken t;
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_TAKEN);
    assert_string_equal(out, "q");
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_END);
    free(b);
    b = fresh();
    char *text = repeat('x', 40000, "");
    in = (struct input){text, strlen(text), 0, 4096};
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_TAKEN);
    assert_int_equal(t.verdict, LINE_TOO_LONG);
    assert_int_equal(t.chars, 40000);
    assert_int_equal(next(b, &in, out, sizeof out, TEXT_NOTE, &t), LINE_END);
    free(text);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_come_one_at_a_time),
        cmocka_unit_test(an_over_long_line_is_refused_whole_to_its_line_break),
        cmocka_unit_test(a_long_explanation_leaves_no_tail),
        cmocka_unit_test(longer_than_the_answer_is_refused_whole),
        cmocka_unit_test(a_nul_refuses_the_line_and_says_where),
        cmocka_unit_test(bytes_that_cannot_be_text_are_named),
        cmocka_unit_test(the_end_of_the_input_ends_the_last_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
