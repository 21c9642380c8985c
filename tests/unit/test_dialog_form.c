/* The confirm dialog's answers and the form's focus and validation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "screens/widgets/dialog.h"
#include "screens/widgets/form.h"

static enum dialog_answer answer(bool function, wint_t code)
{
    struct key key = {function, code};
    return dialog_key(key, keymap_lookup(NULL, key, false));
}

static void enter_and_yes_confirm(void **state)
{
    (void)state;
    assert_int_equal(answer(false, '\r'), DIALOG_YES);
    assert_int_equal(answer(false, 'y'), DIALOG_YES);
    assert_int_equal(answer(false, 'E'), DIALOG_YES);   /* evet */
}

static void esc_and_no_cancel(void **state)
{
    (void)state;
    assert_int_equal(answer(false, 27), DIALOG_NO);
    assert_int_equal(answer(true, GK_F(3)), DIALOG_NO);
    assert_int_equal(answer(false, 'n'), DIALOG_NO);
    assert_int_equal(answer(false, 'h'), DIALOG_NO);    /* hayır */
}

static void other_keys_leave_it_open(void **state)
{
    (void)state;
    assert_int_equal(answer(false, 'x'), DIALOG_PENDING);
    assert_int_equal(answer(true, GK_DOWN), DIALOG_PENDING);
    assert_int_equal(answer(false, '\t'), DIALOG_PENDING);
}

static void type(struct form *f, size_t i, const char *text)
{
    enum field_refusal why;
    field_set(&f->fields[i].field, text, &why);
}

static void focus_moves_top_to_bottom_and_stops_at_the_ends(void **state)
{
    (void)state;
    struct form f = {0};
    assert_int_equal(form_add(&f, "Reason", true, TEXT_LINE, 100), 0);
    assert_int_equal(form_add(&f, "Note", false, TEXT_NOTE, 500), 0);
    assert_int_equal(form_add(&f, "Deadline", true, TEXT_LINE, 10), 0);
    assert_true(form_action(&f, ACT_NEXT));
    assert_int_equal(f.focus, 1);
    assert_true(form_action(&f, ACT_DOWN));
    assert_true(form_action(&f, ACT_DOWN));
    assert_int_equal(f.focus, 2);
    assert_true(form_action(&f, ACT_PREV));
    assert_true(form_action(&f, ACT_UP));
    assert_true(form_action(&f, ACT_UP));
    assert_int_equal(f.focus, 0);
    assert_false(form_action(&f, ACT_ACTIVATE));
    form_free(&f);
}

static void validation_names_the_field_and_moves_focus_to_it(void **state)
{
    (void)state;
    struct form f = {0};
    form_add(&f, "Reason", true, TEXT_LINE, 100);
    form_add(&f, "Note", false, TEXT_NOTE, 500);
    form_add(&f, "Explanation", true, TEXT_NOTE, 500);
    type(&f, 0, "Eksik belge");
    type(&f, 2, "   ");
    f.focus = 0;
    assert_int_equal(form_validate(&f), 1);
    assert_int_equal(f.focus, 2);
    assert_string_equal(f.fields[0].error, "");
    assert_non_null(strstr(f.fields[2].error, "Explanation"));
    assert_non_null(strstr(f.fields[2].error, "required"));
    type(&f, 2, "Belgeler eksik teslim edildi.");
    assert_int_equal(form_validate(&f), 0);
    assert_string_equal(f.fields[2].error, "");
    form_free(&f);
}

static void an_optional_empty_field_is_fine(void **state)
{
    (void)state;
    struct form f = {0};
    form_add(&f, "Note", false, TEXT_NOTE, 500);
    assert_int_equal(form_validate(&f), 0);
    form_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(enter_and_yes_confirm),
        cmocka_unit_test(esc_and_no_cancel),
        cmocka_unit_test(other_keys_leave_it_open),
        cmocka_unit_test(focus_moves_top_to_bottom_and_stops_at_the_ends),
        cmocka_unit_test(validation_names_the_field_and_moves_focus_to_it),
        cmocka_unit_test(an_optional_empty_field_is_fine),
    };
    return cmocka_run_group_tests_name("dialog_form", tests, NULL, NULL);
}
