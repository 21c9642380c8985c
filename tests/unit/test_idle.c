/* The idle lock's clock (i18n/text/idle.c): reading --lock-after, when the
 * warning comes, how often it speaks, what a key does, when it locks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "i18n/text/idle.h"

static int parsed(const char *text)
{
    int ms = -42;
    assert_int_equal(idle_parse(text, &ms), 0);
    return ms;
}

static void bad(const char *text)
{
    int ms = -42;
    assert_int_equal(idle_parse(text, &ms), -1);
    assert_int_equal(ms, -42);               /* left alone */
}

static void durations_are_read_with_their_units(void **state)
{
    (void)state;
    assert_int_equal(parsed("15m"), 15 * 60 * 1000);
    assert_int_equal(parsed("90s"), 90 * 1000);
    assert_int_equal(parsed("4s"), 4000);
    assert_int_equal(parsed("1h"), 3600 * 1000);
    assert_int_equal(parsed("1m30s"), 90 * 1000);
    assert_int_equal(parsed("1h15m"), 75 * 60 * 1000);
    assert_int_equal(parsed("120"), 120 * 1000);   /* a bare number: seconds */
    assert_int_equal(parsed("24h"), 24 * 3600 * 1000);
}

static void nothing_means_the_default_and_zero_or_off_never(void **state)
{
    (void)state;
    assert_int_equal(parsed(NULL), 15 * 60 * 1000);
    assert_int_equal(parsed(""), IDLE_DEFAULT_MS);
    assert_int_equal(parsed("0"), 0);
    assert_int_equal(parsed("0s"), 0);
    assert_int_equal(parsed("off"), 0);
}

static void anything_else_is_refused(void **state)
{
    (void)state;
    bad("-5m");
    bad("15 m");
    bad(" 15m");
    bad("15min");
    bad("15M");
    bad("1.5m");
    bad("m");
    bad("1m30");                             /* the last number needs its unit */
    bad("15mm");
    bad("never");
    bad("OFF");
    bad("25h");                              /* more than a day is a typo */
    bad("99999999999999999999s");
    bad("86401s");
}

static void the_warning_comes_a_minute_ahead(void **state)
{
    (void)state;
    assert_int_equal(idle_lead_ms(15 * 60 * 1000), 60 * 1000);
    assert_int_equal(idle_lead_ms(90 * 1000), 60 * 1000);
    assert_int_equal(idle_lead_ms(62 * 1000), 60 * 1000);
    assert_int_equal(idle_lead_ms(61 * 1000), 60 * 1000);
    /* A minute or less (tests only): half of it. */
    assert_int_equal(idle_lead_ms(60 * 1000), 30 * 1000);
    assert_int_equal(idle_lead_ms(4000), 2000);
}

static void off_never_warns_nor_locks(void **state)
{
    (void)state;
    struct idle idle;
    int left = -1;
    idle_start(&idle, 0, 1000);
    assert_int_equal(idle_timeout(&idle, 1000), -1);
    assert_int_equal(idle_tick(&idle, 1e12, &left), IDLE_NOTHING);
    assert_int_equal(idle_key(&idle, 2000), IDLE_KEY_ACTS);
}

/* Walks a 15-minute session through its idle end: the poll timeout always
 * points at the next announcement, and there are exactly three (60, 30,
 * 10 seconds) before the lock. */
static void fifteen_minutes_announce_three_times_then_lock(void **state)
{
    (void)state;
    struct idle idle;
    int left = -1;
    double t0 = 5000, lock = 15 * 60 * 1000;
    idle_start(&idle, (int)lock, t0);
    assert_int_equal(idle_timeout(&idle, t0), 14 * 60 * 1000 + 1);
    assert_int_equal(idle_tick(&idle, t0 + 14 * 60 * 1000 - 1, &left), IDLE_NOTHING);

    double now = t0;
    int announced[8], count = 0;
    for (int guard = 0; guard < 10; guard++) {
        int wait = idle_timeout(&idle, now);
        if (wait < 0)
            break;
        now += wait;
        enum idle_event e = idle_tick(&idle, now, &left);
        if (e == IDLE_WARN)
            announced[count++] = left;
        else
            assert_int_equal(e, IDLE_LOCK);
    }
    assert_int_equal(count, 3);
    assert_int_equal(announced[0], 60);
    assert_int_equal(announced[1], 30);
    assert_int_equal(announced[2], 10);
    assert_int_equal(idle.state, IDLE_LOCKED);
    assert_true(now >= t0 + lock);
    assert_true(now <= t0 + lock + 2);
    assert_int_equal(idle_timeout(&idle, now), -1);      /* locked: nothing more */
}

static void a_short_time_warns_once_at_half(void **state)
{
    (void)state;
    struct idle idle;
    int left = -1;
    idle_start(&idle, 4000, 0);
    assert_int_equal(idle_tick(&idle, 1999, &left), IDLE_NOTHING);
    assert_int_equal(idle_tick(&idle, 2000, &left), IDLE_WARN);
    assert_int_equal(left, 2);
    assert_int_equal(idle.state, IDLE_WARNED);
    assert_int_equal(idle_timeout(&idle, 2000), 2001);   /* straight to the lock */
    assert_int_equal(idle_tick(&idle, 3999, &left), IDLE_NOTHING);
    assert_int_equal(idle_tick(&idle, 4000, &left), IDLE_LOCK);
}

static void a_key_before_the_warning_starts_the_clock_again(void **state)
{
    (void)state;
    struct idle idle;
    int left = -1;
    idle_start(&idle, 4000, 0);
    assert_int_equal(idle_key(&idle, 1500), IDLE_KEY_ACTS);
    assert_int_equal(idle_tick(&idle, 2000, &left), IDLE_NOTHING);
    assert_int_equal(idle_timeout(&idle, 2000), 1501);
    assert_int_equal(idle_tick(&idle, 3500, &left), IDLE_WARN);
}

static void a_key_while_warned_extends_as_often_as_needed(void **state)
{
    (void)state;
    struct idle idle;
    int left = -1;
    idle_start(&idle, 4000, 0);
    double now = 0;
    for (int round = 0; round < 3; round++) {
        now += 2000;
        assert_int_equal(idle_tick(&idle, now, &left), IDLE_WARN);
        now += 500;
        assert_int_equal(idle_key(&idle, now), IDLE_KEY_EXTENDED);
        assert_int_equal(idle.state, IDLE_ACTIVE);
        /* The time it would have locked passes without a lock. */
        assert_int_equal(idle_tick(&idle, now + 1500, &left), IDLE_NOTHING);
    }
    assert_int_equal(idle_key(&idle, now + 100), IDLE_KEY_ACTS);   /* only one key is used up */
}

static void locked_keys_belong_to_the_lock_until_unlocked(void **state)
{
    (void)state;
    struct idle idle;
    int left = -1;
    idle_start(&idle, 4000, 0);
    assert_int_equal(idle_tick(&idle, 9000, &left), IDLE_LOCK);   /* no warning seen: still locks */
    assert_int_equal(idle_key(&idle, 9100), IDLE_KEY_LOCKED);
    assert_int_equal(idle_key(&idle, 20000), IDLE_KEY_LOCKED);
    assert_int_equal(idle_tick(&idle, 30000, &left), IDLE_NOTHING);
    idle_unlock(&idle, 30000);
    assert_int_equal(idle.state, IDLE_ACTIVE);
    assert_int_equal(idle.lock_ms, 4000);
    assert_int_equal(idle_tick(&idle, 31999, &left), IDLE_NOTHING);
    assert_int_equal(idle_tick(&idle, 32000, &left), IDLE_WARN);
}

static void a_late_wake_up_tells_the_time_actually_left(void **state)
{
    (void)state;
    struct idle idle;
    int left = -1;
    idle_start(&idle, 15 * 60 * 1000, 0);
    /* The machine slept through the first two marks. */
    assert_int_equal(idle_tick(&idle, 15 * 60 * 1000 - 12500, &left), IDLE_WARN);
    assert_int_equal(left, 13);
    assert_int_equal(idle_timeout(&idle, 15 * 60 * 1000 - 12500), 2501);   /* then 10 s */
    assert_int_equal(idle_tick(&idle, 15 * 60 * 1000 - 10000, &left), IDLE_WARN);
    assert_int_equal(left, 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(durations_are_read_with_their_units),
        cmocka_unit_test(nothing_means_the_default_and_zero_or_off_never),
        cmocka_unit_test(anything_else_is_refused),
        cmocka_unit_test(the_warning_comes_a_minute_ahead),
        cmocka_unit_test(off_never_warns_nor_locks),
        cmocka_unit_test(fifteen_minutes_announce_three_times_then_lock),
        cmocka_unit_test(a_short_time_warns_once_at_half),
        cmocka_unit_test(a_key_before_the_warning_starts_the_clock_again),
        cmocka_unit_test(a_key_while_warned_extends_as_often_as_needed),
        cmocka_unit_test(locked_keys_belong_to_the_lock_until_unlocked),
        cmocka_unit_test(a_late_wake_up_tells_the_time_actually_left),
    };
    return cmocka_run_group_tests_name("idle", tests, NULL, NULL);
}
