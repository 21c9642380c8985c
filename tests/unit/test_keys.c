/* What the terminal sends, decoded whatever TERM says (screens/keys.c),
 * and the keys that must reach the key map from inside a text field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "screens/keys.h"
#include "screens/widgets/field_keys.h"

static void assert_decodes(const char *sequence, int code)
{
    struct key key = keys_decode(sequence);
    if (!key.function || key.code != (wint_t)code)
        fail_msg("Esc %s: got %s 0x%x, want 0x%x", sequence, key.function ? "key" : "char",
                 (unsigned)key.code, (unsigned)code);
}

static void function_keys_in_every_family(void **state)
{
    (void)state;
    static const char *const ss3[] = {"OP", "OQ", "OR", "OS"};
    static const char *const vt220[] = {"[11~", "[12~", "[13~", "[14~"};
    static const char *const linux_console[] = {"[[A", "[[B", "[[C", "[[D", "[[E"};
    for (int n = 1; n <= 4; n++) {
        assert_decodes(ss3[n - 1], GK_F(n));
        assert_decodes(vt220[n - 1], GK_F(n));
    }
    for (int n = 1; n <= 5; n++)
        assert_decodes(linux_console[n - 1], GK_F(n));
    static const char *const high[] = {"[15~", "[17~", "[18~", "[19~", "[20~", "[21~", "[23~", "[24~"};
    for (int n = 5; n <= 12; n++)
        assert_decodes(high[n - 5], GK_F(n));
}

static void cursor_keys_in_both_modes(void **state)
{
    (void)state;
    assert_decodes("[A", GK_UP);
    assert_decodes("OA", GK_UP);
    assert_decodes("[B", GK_DOWN);
    assert_decodes("OB", GK_DOWN);
    assert_decodes("[C", GK_RIGHT);
    assert_decodes("OC", GK_RIGHT);
    assert_decodes("[D", GK_LEFT);
    assert_decodes("OD", GK_LEFT);
    for (size_t i = 0; i < 4; i++) {
        assert_decodes((const char *[]){"[1~", "[7~", "[H", "OH"}[i], GK_HOME);
        assert_decodes((const char *[]){"[4~", "[8~", "[F", "OF"}[i], GK_END);
    }
    assert_decodes("[Z", GK_BACK_TAB);
    assert_decodes("[1;5D", GK_WORD_LEFT);
    assert_decodes("Od", GK_WORD_LEFT);
    assert_decodes("[1;5C", GK_WORD_RIGHT);
    assert_decodes("Oc", GK_WORD_RIGHT);
    assert_decodes("[5~", GK_PAGE_UP);
    assert_decodes("[6~", GK_PAGE_DOWN);
    assert_decodes("[3~", GK_DELETE);
}

/* A bracketed paste's start marker is one key, the paste, even when
 * curses did not match it (its bytes came apart). */
static void the_paste_marker_is_a_key(void **state)
{
    (void)state;
    assert_decodes("[200~", GK_PASTE);
}

static void an_unknown_sequence_is_named_byte_by_byte(void **state)
{
    (void)state;
    assert_decodes("[29~", GK_UNKNOWN);
    assert_string_equal(keys_unknown_name(), "Esc [ 2 9 ~");
    assert_decodes("O", GK_UNKNOWN);
    assert_string_equal(keys_unknown_name(), "Esc O");
    /* A known key leaves the last unknown one's name alone. */
    assert_decodes("OP", GK_F(1));
    assert_string_equal(keys_unknown_name(), "Esc O");
}

/* Help, Back and Where have a key that works inside a text field: the
 * field editor must not take it first. */
static void field_editing_leaves_the_anywhere_control_keys_alone(void **state)
{
    (void)state;
    struct field f;
    assert_int_equal(field_init(&f, 100), 0);
    int found = 0;
    for (const struct binding *b = keymap_global; b->action != ACT_NONE; b++) {
        if (!b->key_name || b->scope != ANYWHERE || b->key.function || b->key.code >= 0x20)
            continue;
        enum field_result result;
        enum field_refusal why;
        if (field_key(&f, b->key, &result, &why))
            fail_msg("the field editor takes %s, bound to action %d", b->key_name, b->action);
        found += b->action == ACT_HELP || b->action == ACT_BACK || b->action == ACT_WHERE;
    }
    field_free(&f);
    assert_true(found >= 4);   /* Ctrl-G, Esc, Ctrl-X, Ctrl-T */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(function_keys_in_every_family),
        cmocka_unit_test(cursor_keys_in_both_modes),
        cmocka_unit_test(an_unknown_sequence_is_named_byte_by_byte),
        cmocka_unit_test(the_paste_marker_is_a_key),
        cmocka_unit_test(field_editing_leaves_the_anywhere_control_keys_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
