/* A list's selection and scroll position, and the status row's message
 * with its history. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "screens/widgets/list.h"
#include "i18n/text/messages.h"

static void set_count_keeps_the_selection_inside(void **state)
{
    (void)state;
    struct list l = {0};
    list_set_count(&l, 20);
    assert_int_equal(l.count, 20);
    assert_int_equal(l.selected, 0);
    l.selected = 15;
    l.top = 12;
    list_set_count(&l, 10);                  /* the list shrank under the selection */
    assert_int_equal(l.count, 10);
    assert_int_equal(l.selected, 9);
    assert_true(l.top <= l.selected);
    list_set_count(&l, 30);                  /* growing keeps the selection */
    assert_int_equal(l.selected, 9);
    list_set_count(&l, 0);
    assert_int_equal(l.count, 0);
    assert_int_equal(l.selected, 0);
    assert_int_equal(l.top, 0);
}

static void move_is_clamped_to_the_rows(void **state)
{
    (void)state;
    struct list l = {0};
    list_set_count(&l, 20);
    assert_true(list_move(&l, 1));
    assert_int_equal(l.selected, 1);
    assert_true(list_move(&l, 5));
    assert_int_equal(l.selected, 6);
    assert_true(list_move(&l, -2));
    assert_int_equal(l.selected, 4);
    assert_true(list_move(&l, 100));        /* past the end: the last row */
    assert_int_equal(l.selected, 19);
    assert_false(list_move(&l, 1));
    assert_int_equal(l.selected, 19);
    assert_true(list_move(&l, -100));       /* before the start: the first row */
    assert_int_equal(l.selected, 0);
    assert_false(list_move(&l, -1));
    assert_int_equal(l.selected, 0);
    assert_false(list_move(&l, 0));
}

static void move_in_an_empty_list_does_nothing(void **state)
{
    (void)state;
    struct list l = {0};
    list_set_count(&l, 0);
    assert_false(list_move(&l, 1));
    assert_false(list_move(&l, -1));
    assert_false(list_first(&l));
    assert_false(list_last(&l));
    assert_int_equal(l.selected, 0);
}

static void first_and_last_jump_to_the_ends(void **state)
{
    (void)state;
    struct list l = {0};
    list_set_count(&l, 20);
    assert_false(list_first(&l));
    assert_true(list_last(&l));
    assert_int_equal(l.selected, 19);
    assert_false(list_last(&l));
    assert_true(list_first(&l));
    assert_int_equal(l.selected, 0);
    l.selected = 7;
    assert_true(list_last(&l));
    assert_int_equal(l.selected, 19);

    struct list one = {0};
    list_set_count(&one, 1);
    assert_false(list_first(&one));
    assert_false(list_last(&one));
}

static void assert_selection_visible(const struct list *l, size_t visible)
{
    assert_true(l->selected >= l->top);
    assert_true(l->selected < l->top + visible);
    assert_true(l->top + visible <= l->count || l->top == 0);
}

static void scroll_follows_the_selection_down_and_up(void **state)
{
    (void)state;
    struct list l = {0};
    list_set_count(&l, 20);
    list_scroll(&l, 5);
    assert_int_equal(l.top, 0);
    /* Down one row at a time: the top stays until the selection leaves the
     * five visible rows, then moves one row at a time. */
    for (size_t i = 1; i < 20; i++) {
        assert_true(list_move(&l, 1));
        list_scroll(&l, 5);
        assert_selection_visible(&l, 5);
        assert_int_equal(l.top, i < 5 ? 0 : i - 4);
    }
    assert_int_equal(l.selected, 19);
    assert_int_equal(l.top, 15);
    /* Up again: the top stays at 15 while the selection is 15..19. */
    for (size_t i = 19; i-- > 0;) {
        assert_true(list_move(&l, -1));
        list_scroll(&l, 5);
        assert_selection_visible(&l, 5);
        assert_int_equal(l.top, i < 15 ? i : 15);
    }
    assert_int_equal(l.selected, 0);
    assert_int_equal(l.top, 0);
}

static void scroll_after_jumps_and_page_moves(void **state)
{
    (void)state;
    struct list l = {0};
    list_set_count(&l, 20);
    list_last(&l);
    list_scroll(&l, 5);
    assert_int_equal(l.top, 15);
    list_first(&l);
    list_scroll(&l, 5);
    assert_int_equal(l.top, 0);
    list_move(&l, 5);                        /* one page down */
    list_scroll(&l, 5);
    assert_selection_visible(&l, 5);
    list_move(&l, 12);
    list_scroll(&l, 5);
    assert_int_equal(l.selected, 17);
    assert_selection_visible(&l, 5);

    /* A window taller than the list never scrolls. */
    struct list few = {0};
    list_set_count(&few, 3);
    list_last(&few);
    list_scroll(&few, 5);
    assert_int_equal(few.top, 0);

    /* The window grew: rows fill it instead of leaving it half empty. */
    l.selected = 19;
    l.top = 18;
    list_scroll(&l, 5);
    assert_int_equal(l.top, 15);
}

static void status_push_shows_the_message(void **state)
{
    (void)state;
    struct messages s = {0};
    assert_string_equal(messages_current(&s), "");
    assert_string_equal(messages_last(&s), "");
    messages_push(&s, false, "Saved %d record(s) for %s", 3, "Ayşe Öztürk");
    assert_string_equal(messages_current(&s), "Saved 3 record(s) for Ayşe Öztürk");
    assert_string_equal(messages_last(&s), "Saved 3 record(s) for Ayşe Öztürk");
    assert_true(s.showing);
    assert_int_equal(s.count, 1);
    assert_false(s.items[0].error);
    messages_push(&s, true, "Error: %s", "connection lost");
    assert_string_equal(messages_current(&s), "Error: connection lost");
    assert_true(s.items[1].error);
    assert_int_equal(s.count, 2);
    messages_free(&s);
}

static void key_press_hides_the_message_but_keeps_it(void **state)
{
    (void)state;
    struct messages s = {0};
    messages_push(&s, false, "%s", "Found 12 citizens");
    messages_key_pressed(&s);
    assert_false(s.showing);
    assert_string_equal(messages_current(&s), "");
    assert_string_equal(messages_last(&s), "Found 12 citizens");
    assert_int_equal(s.count, 1);
    messages_key_pressed(&s);                  /* a second key changes nothing */
    assert_string_equal(messages_current(&s), "");
    assert_int_equal(s.count, 1);
    messages_push(&s, false, "%s", "Next");    /* a new message shows again */
    assert_string_equal(messages_current(&s), "Next");
    messages_free(&s);
}

static void history_keeps_every_message_in_order(void **state)
{
    (void)state;
    struct messages s = {0};
    for (int i = 0; i < 40; i++)             /* past the first allocation */
        messages_push(&s, i % 2 == 0, "message %d", i);
    assert_int_equal(s.count, 40);
    for (int i = 0; i < 40; i++) {
        char expected[32];
        snprintf(expected, sizeof expected, "message %d", i);
        assert_string_equal(s.items[i].text, expected);
        assert_int_equal(s.items[i].error, i % 2 == 0);
        assert_true(s.items[i].at > 0);
    }
    messages_free(&s);
}

static void history_is_capped_at_500_newest_last(void **state)
{
    (void)state;
    struct messages s = {0};
    for (int i = 0; i < 1234; i++)
        messages_push(&s, false, "message %d", i);
    assert_int_equal(s.count, 500);
    assert_string_equal(s.items[0].text, "message 734");
    assert_string_equal(s.items[499].text, "message 1233");
    assert_string_equal(messages_last(&s), "message 1233");
    assert_string_equal(messages_current(&s), "message 1233");
    for (int i = 0; i < 500; i++) {
        char expected[32];
        snprintf(expected, sizeof expected, "message %d", 734 + i);
        assert_string_equal(s.items[i].text, expected);
    }
    messages_free(&s);
}

static void long_messages_are_cut_not_overflowed(void **state)
{
    (void)state;
    struct messages s = {0};
    char big[4000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    messages_push(&s, false, "%s", big);
    assert_int_equal(s.count, 1);
    assert_true(strlen(messages_last(&s)) > 0);
    assert_true(strlen(messages_last(&s)) < sizeof big - 1);
    messages_free(&s);
}

static void every_message_keeps_its_time_and_is_counted(void **state)
{
    (void)state;
    struct messages s = {0};
    time_t before = time(NULL);
    for (int i = 0; i < 600; i++)            /* past the 500 the history keeps */
        messages_push(&s, false, "message %d", i);
    time_t after = time(NULL);
    assert_int_equal(s.count, 500);
    assert_int_equal(s.pushed, 600);         /* the dropped ones still count */
    for (size_t i = 0; i < s.count; i++)
        assert_true(s.items[i].at >= before && s.items[i].at <= after);
    messages_free(&s);
    assert_int_equal(s.pushed, 0);
}

static void times_read_as_local_hours_minutes_seconds(void **state)
{
    (void)state;
    struct message e = {3661, false, NULL, NULL};   /* 01:01:01 UTC, 1 January 1970 */
    char buf[16];
    setenv("TZ", "UTC0", 1);
    tzset();
    messages_time(&e, buf, sizeof buf);
    assert_string_equal(buf, "01:01:01");
    setenv("TZ", "TRT-3", 1);                /* Türkiye, UTC+3: local time, not UTC */
    tzset();
    messages_time(&e, buf, sizeof buf);
    assert_string_equal(buf, "04:01:01");
    e.at = 23 * 3600 + 59 * 60 + 59 - 3 * 3600;
    messages_time(&e, buf, sizeof buf);
    assert_string_equal(buf, "23:59:59");
    messages_time(&e, buf, 8);                 /* no room for the NUL */
    assert_string_equal(buf, "");
    unsetenv("TZ");
    tzset();
}

static void status_free_empties_and_allows_reuse(void **state)
{
    (void)state;
    struct messages s = {0};
    messages_free(&s);                         /* freeing an empty status is fine */
    messages_push(&s, false, "%s", "one");
    messages_push(&s, false, "%s", "two");
    messages_free(&s);
    assert_null(s.items);
    assert_int_equal(s.count, 0);
    assert_int_equal(s.cap, 0);
    assert_false(s.showing);
    assert_string_equal(messages_current(&s), "");
    assert_string_equal(messages_last(&s), "");
    messages_push(&s, false, "%s", "three");
    assert_string_equal(messages_current(&s), "three");
    assert_int_equal(s.count, 1);
    messages_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(set_count_keeps_the_selection_inside),
        cmocka_unit_test(move_is_clamped_to_the_rows),
        cmocka_unit_test(move_in_an_empty_list_does_nothing),
        cmocka_unit_test(first_and_last_jump_to_the_ends),
        cmocka_unit_test(scroll_follows_the_selection_down_and_up),
        cmocka_unit_test(scroll_after_jumps_and_page_moves),
        cmocka_unit_test(status_push_shows_the_message),
        cmocka_unit_test(key_press_hides_the_message_but_keeps_it),
        cmocka_unit_test(history_keeps_every_message_in_order),
        cmocka_unit_test(history_is_capped_at_500_newest_last),
        cmocka_unit_test(long_messages_are_cut_not_overflowed),
        cmocka_unit_test(every_message_keeps_its_time_and_is_counted),
        cmocka_unit_test(times_read_as_local_hours_minutes_seconds),
        cmocka_unit_test(status_free_empties_and_allows_reuse),
    };
    return cmocka_run_group_tests_name("list_status", tests, NULL, NULL);
}
