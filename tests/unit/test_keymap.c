/* The key table of DESIGN.md ("Keys"), the screen-before-global lookup, and
 * the promise that help lists a key for every action. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>


#include "i18n/text/action.h"

#define CTRL_KEY(c) ((wint_t)((c) & 0x1f))

static struct key fkey(int n)
{
    return (struct key){true, (wint_t)GK_F(n)};
}

static struct key fn(int code)
{
    return (struct key){true, (wint_t)code};
}

static struct key ch(wint_t c)
{
    return (struct key){false, c};
}

/* The same action with and without a text field holding the focus. */
static void assert_everywhere(struct key key, enum action action)
{
    assert_int_equal(keymap_lookup(NULL, key, false), action);
    assert_int_equal(keymap_lookup(NULL, key, true), action);
}

static void function_keys_follow_the_design_table(void **state)
{
    (void)state;
    assert_everywhere(fkey(1), ACT_HELP);
    assert_everywhere(fkey(2), ACT_SEARCH);
    assert_everywhere(fkey(3), ACT_BACK);
    assert_everywhere(fkey(4), ACT_WHERE);
    assert_everywhere(fkey(5), ACT_REFRESH);
    assert_everywhere(fkey(6), ACT_INBOX);
    assert_everywhere(fkey(9), ACT_ACTIONS);
    assert_everywhere(fkey(10), ACT_QUIT);
    assert_everywhere(fkey(12), ACT_HISTORY);
}

static void unassigned_function_keys_do_nothing(void **state)
{
    (void)state;
    assert_everywhere(fkey(7), ACT_NONE);
    assert_everywhere(fkey(8), ACT_NONE);
    assert_everywhere(fkey(11), ACT_NONE);
}

static void control_alternatives_follow_the_design_table(void **state)
{
    (void)state;
    assert_int_equal(CTRL_KEY('F'), 6);
    assert_everywhere(ch(CTRL_KEY('F')), ACT_SEARCH);
    assert_everywhere(ch(27), ACT_BACK);                       /* Esc */
    /* Help, Back and Where inside a text field too, on keys no screen
     * reader's layout takes (Fenrir's PTY layout has F1-F3 and Esc). */
    assert_everywhere(ch(CTRL_KEY('G')), ACT_HELP);
    assert_everywhere(ch(CTRL_KEY('X')), ACT_BACK);
    assert_everywhere(ch(CTRL_KEY('T')), ACT_WHERE);
    assert_everywhere(ch(CTRL_KEY('R')), ACT_REFRESH);
    assert_everywhere(ch(CTRL_KEY('N')), ACT_INBOX);
    assert_everywhere(ch(CTRL_KEY('A')), ACT_ACTIONS);
    assert_everywhere(ch(CTRL_KEY('Q')), ACT_QUIT);
    assert_everywhere(ch(CTRL_KEY('L')), ACT_HISTORY);
}

static void ctrl_w_is_where_only_outside_a_field(void **state)
{
    (void)state;
    assert_int_equal(keymap_lookup(NULL, ch(CTRL_KEY('W')), false), ACT_WHERE);
    /* In a field Ctrl-W deletes the word before the cursor instead. */
    assert_int_equal(keymap_lookup(NULL, ch(CTRL_KEY('W')), true), ACT_NONE);
}

static void question_mark_is_help_only_outside_a_field(void **state)
{
    (void)state;
    assert_int_equal(keymap_lookup(NULL, ch('?'), false), ACT_HELP);
    assert_int_equal(keymap_lookup(NULL, ch('?'), true), ACT_NONE);
}

static void tab_enter_and_arrows_navigate(void **state)
{
    (void)state;
    assert_everywhere(ch('\t'), ACT_NEXT);
    assert_everywhere(fn(GK_BACK_TAB), ACT_PREV);
    assert_everywhere(ch('\r'), ACT_ACTIVATE);
    assert_everywhere(ch('\n'), ACT_ACTIVATE);
    assert_everywhere(fn(GK_ENTER), ACT_ACTIVATE);
    assert_everywhere(fn(GK_UP), ACT_UP);
    assert_everywhere(fn(GK_DOWN), ACT_DOWN);
    assert_everywhere(fn(GK_PAGE_UP), ACT_PAGE_UP);
    assert_everywhere(fn(GK_PAGE_DOWN), ACT_PAGE_DOWN);
    /* Home and End move in a list, but belong to the field while typing. */
    assert_int_equal(keymap_lookup(NULL, fn(GK_HOME), false), ACT_FIRST);
    assert_int_equal(keymap_lookup(NULL, fn(GK_END), false), ACT_LAST);
    assert_int_equal(keymap_lookup(NULL, fn(GK_HOME), true), ACT_NONE);
    assert_int_equal(keymap_lookup(NULL, fn(GK_END), true), ACT_NONE);
}

static void printable_characters_are_left_to_the_field(void **state)
{
    (void)state;
    static const wint_t typed[] = {'a', 'Z', '0', ' ', 0x015F /* ş */, 0x0130 /* İ */};
    for (size_t i = 0; i < sizeof typed / sizeof *typed; i++) {
        assert_int_equal(keymap_lookup(NULL, ch(typed[i]), true), ACT_NONE);
        assert_int_equal(keymap_lookup(NULL, ch(typed[i]), false), ACT_NONE);
    }
}

static void function_flag_is_part_of_the_key(void **state)
{
    (void)state;
    /* A character whose code equals a curses key code is not that key. */
    assert_int_equal(keymap_lookup(NULL, ch((wint_t)GK_F(1)), false), ACT_NONE);
    /* A function key whose code equals a control character is not it. */
    assert_int_equal(keymap_lookup(NULL, fn(CTRL_KEY('F')), false), ACT_NONE);
    assert_int_equal(keymap_lookup(NULL, fn('\t'), false), ACT_NONE);
}

static void screen_table_takes_precedence_over_global(void **state)
{
    (void)state;
    static const struct binding screen[] = {
        {ACT_ACTIVATE, {true, GK_F(2)}, "F2", ANYWHERE},
        {ACT_NEXT, {false, 'n'}, "n", OUTSIDE_FIELD},
        {ACT_NONE, {false, 0}, NULL, ANYWHERE},
    };
    /* F2 is search globally; this screen uses it for something else. */
    assert_int_equal(keymap_lookup(NULL, fkey(2), false), ACT_SEARCH);
    assert_int_equal(keymap_lookup(screen, fkey(2), false), ACT_ACTIVATE);
    assert_int_equal(keymap_lookup(screen, fkey(2), true), ACT_ACTIVATE);
    /* Keys the screen does not bind still reach the global table. */
    assert_int_equal(keymap_lookup(screen, fkey(1), false), ACT_HELP);
    assert_int_equal(keymap_lookup(screen, ch(CTRL_KEY('F')), true), ACT_SEARCH);
    assert_int_equal(keymap_lookup(screen, fkey(10), true), ACT_QUIT);
    /* The screen's own scope applies too. */
    assert_int_equal(keymap_lookup(screen, ch('n'), false), ACT_NEXT);
    assert_int_equal(keymap_lookup(screen, ch('n'), true), ACT_NONE);
}

static void screen_keys_are_listed_with_global_ones(void **state)
{
    (void)state;
    static const struct binding screen[] = {
        {ACT_ACTIVATE, {false, 'o'}, "o", OUTSIDE_FIELD},
        {ACT_NONE, {false, 0}, NULL, ANYWHERE},
    };
    char keys[128];
    assert_int_equal(keymap_keys_for(screen, ACT_ACTIVATE, keys, sizeof keys), 2);
    assert_string_equal(keys, "o, Enter");
}

static void global_key_names_are_listed_once(void **state)
{
    (void)state;
    char keys[128];
    assert_int_equal(keymap_keys_for(NULL, ACT_HELP, keys, sizeof keys), 3);
    assert_string_equal(keys, "F1, Ctrl-G, ?");
    assert_int_equal(keymap_keys_for(NULL, ACT_SEARCH, keys, sizeof keys), 2);
    assert_string_equal(keys, "F2, Ctrl-F");
    assert_int_equal(keymap_keys_for(NULL, ACT_WHERE, keys, sizeof keys), 3);
    assert_string_equal(keys, "F4, Ctrl-T, Ctrl-W");
    assert_int_equal(keymap_keys_for(NULL, ACT_BACK, keys, sizeof keys), 3);
    assert_string_equal(keys, "F3, Esc, Ctrl-X");
    /* Enter has three codes (\r, \n, GK_ENTER) but one name. */
    assert_int_equal(keymap_keys_for(NULL, ACT_ACTIVATE, keys, sizeof keys), 1);
    assert_string_equal(keys, "Enter");
    assert_int_equal(keymap_keys_for(NULL, ACT_NONE, keys, sizeof keys), 0);
    assert_string_equal(keys, "");
}

static void every_action_has_a_key_and_a_help_text(void **state)
{
    (void)state;
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
        char keys[128];
        size_t n = keymap_keys_for(NULL, (enum action)a, keys, sizeof keys);
        if (n == 0 || keys[0] == '\0')
            fail_msg("action %d has no key", a);
        const char *help = keymap_help((enum action)a);
        assert_non_null(help);
        if (help[0] == '\0')
            fail_msg("action %d has no help text", a);
    }
}

static void help_lists_every_global_binding(void **state)
{
    (void)state;
    for (const struct binding *b = keymap_global; b->action != ACT_NONE; b++) {
        char keys[128];
        if (!b->key_name)
            continue;       /* an action's unused key slot (i18n/text/action.h) */
        assert_true(b->action > ACT_NONE && b->action < ACT_COUNT);
        assert_true(keymap_keys_for(NULL, b->action, keys, sizeof keys) > 0);
        if (!strstr(keys, b->key_name))
            fail_msg("help for action %d (\"%s\") misses %s", (int)b->action, keys, b->key_name);
        /* And the key really leads to that action outside a field. */
        assert_int_equal(keymap_lookup(NULL, b->key, false), b->action);
    }
}

static void hint_labels_exist_for_the_function_key_actions(void **state)
{
    (void)state;
    static const enum action hinted[] = {ACT_HELP, ACT_SEARCH, ACT_BACK, ACT_WHERE, ACT_REFRESH,
                                         ACT_INBOX, ACT_ACTIONS, ACT_QUIT, ACT_HISTORY};
    for (size_t i = 0; i < sizeof hinted / sizeof *hinted; i++) {
        const char *label = keymap_label(hinted[i]);
        assert_non_null(label);
        assert_true(label[0] != '\0');
    }
    assert_non_null(keymap_help(ACT_NONE));
    assert_non_null(keymap_label(ACT_NONE));
}

/* The table declares each action once: a stable name and a line-mode word
 * that are unique, and the word leads back to its action. */
static void names_and_line_words_are_unique_and_lead_back(void **state)
{
    (void)state;
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
        assert_true(action_name((enum action)a)[0] != '\0');
        for (int b = a + 1; b < ACT_COUNT; b++) {
            assert_string_not_equal(action_name((enum action)a), action_name((enum action)b));
            const char *wa = action_line_word((enum action)a), *wb = action_line_word((enum action)b);
            if (wa && wb)
                assert_string_not_equal(wa, wb);
        }
        const char *word = action_line_word((enum action)a);
        if (word)
            assert_int_equal(action_from_line_word(word), a);
    }
    assert_int_equal(action_from_line_word("r"), ACT_REFRESH);
    assert_int_equal(action_from_line_word("zz"), ACT_NONE);
    assert_string_equal(action_name(ACT_NONE), "");
}

static void a_key_name_inside_another_is_still_listed(void **state)
{
    (void)state;
    static const struct binding screen[] = {
        {ACT_HELP, {true, GK_F(10)}, "F10", ANYWHERE},
        {ACT_NONE, {false, 0}, NULL, ANYWHERE},
    };
    char buf[64];
    assert_int_equal(keymap_keys_for(screen, ACT_HELP, buf, sizeof buf), 4);
    assert_string_equal(buf, "F10, F1, Ctrl-G, ?");
    char tiny[8];
    size_t n = keymap_keys_for(NULL, ACT_QUIT, tiny, sizeof tiny);
    assert_true(n < 3);
    assert_true(strlen(tiny) < sizeof tiny);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_key_name_inside_another_is_still_listed),
        cmocka_unit_test(function_keys_follow_the_design_table),
        cmocka_unit_test(unassigned_function_keys_do_nothing),
        cmocka_unit_test(control_alternatives_follow_the_design_table),
        cmocka_unit_test(ctrl_w_is_where_only_outside_a_field),
        cmocka_unit_test(question_mark_is_help_only_outside_a_field),
        cmocka_unit_test(tab_enter_and_arrows_navigate),
        cmocka_unit_test(printable_characters_are_left_to_the_field),
        cmocka_unit_test(function_flag_is_part_of_the_key),
        cmocka_unit_test(screen_table_takes_precedence_over_global),
        cmocka_unit_test(screen_keys_are_listed_with_global_ones),
        cmocka_unit_test(global_key_names_are_listed_once),
        cmocka_unit_test(every_action_has_a_key_and_a_help_text),
        cmocka_unit_test(help_lists_every_global_binding),
        cmocka_unit_test(names_and_line_words_are_unique_and_lead_back),
        cmocka_unit_test(hint_labels_exist_for_the_function_key_actions),
    };
    return cmocka_run_group_tests_name("keymap", tests, NULL, NULL);
}
