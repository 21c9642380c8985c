/* Input refused before it reaches the database, and normalised when kept. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/text/text_check.h"

static enum text_problem problem_of(const char *s, size_t len, enum text_kind kind, size_t max,
                                    size_t *offset)
{
    enum text_problem problem;
    char *clean = text_prepare(s, len, kind, max, &problem, offset);
    free(clean);
    return problem;
}

static void names_are_stored_nfc_and_trimmed(void **state)
{
    (void)state;
    enum text_problem problem;
    /* "Öztürk" typed as O + U+0308 ... u + U+0308 */
    const char *decomposed = "  O\xCC\x88ztu\xCC\x88rk ";
    char *clean = text_prepare(decomposed, strlen(decomposed), TEXT_LINE, 100, &problem, NULL);
    assert_non_null(clean);
    assert_int_equal(problem, TEXT_OK);
    assert_string_equal(clean, "Öztürk");
    free(clean);
}

static void invalid_utf8_is_refused_with_its_offset(void **state)
{
    (void)state;
    size_t offset = 99;
    assert_int_equal(problem_of("Ay\xFFse", 5, TEXT_LINE, 100, &offset), TEXT_INVALID_UTF8);
    assert_int_equal(offset, 2);
    assert_int_equal(problem_of("\xC0\xAF", 2, TEXT_NOTE, 100, NULL), TEXT_INVALID_UTF8);
}

static void control_characters_and_escape_sequences_are_refused(void **state)
{
    (void)state;
    size_t offset = 0;
    assert_int_equal(problem_of("Ali\x1b[31mVeli", 13, TEXT_LINE, 100, &offset), TEXT_CONTROL);
    assert_int_equal(offset, 3);
    assert_int_equal(problem_of("Ali\nVeli", 8, TEXT_LINE, 100, NULL), TEXT_CONTROL);
    assert_int_equal(problem_of("Ali\xC2\x85", 5, TEXT_LINE, 100, NULL), TEXT_CONTROL); /* NEL */
    assert_int_equal(problem_of("A\0B", 3, TEXT_NOTE, 100, NULL), TEXT_CONTROL);
    /* Notes may span lines and use tabs. */
    assert_int_equal(problem_of("line one\n\tline two", 18, TEXT_NOTE, 100, NULL), TEXT_OK);
}

static void bidi_overrides_are_refused(void **state)
{
    (void)state;
    assert_int_equal(problem_of("abc\xE2\x80\xAE" "def", 9, TEXT_LINE, 100, NULL), TEXT_BIDI);
    assert_int_equal(problem_of("\xE2\x81\xA6x", 4, TEXT_NOTE, 100, NULL), TEXT_BIDI);
}

static void length_counts_characters_not_bytes(void **state)
{
    (void)state;
    /* Five two-byte letters: 10 bytes, 5 characters. */
    assert_int_equal(problem_of("ŞŞŞŞŞ", strlen("ŞŞŞŞŞ"), TEXT_LINE, 5, NULL), TEXT_OK);
    assert_int_equal(problem_of("ŞŞŞŞŞŞ", strlen("ŞŞŞŞŞŞ"), TEXT_LINE, 5, NULL), TEXT_TOO_LONG);
}

static void blank_lines_are_empty(void **state)
{
    (void)state;
    assert_int_equal(problem_of("   ", 3, TEXT_LINE, 10, NULL), TEXT_EMPTY);
    assert_int_equal(problem_of("", 0, TEXT_LINE, 10, NULL), TEXT_EMPTY);
    assert_int_equal(problem_of("", 0, TEXT_NOTE, 10, NULL), TEXT_OK);
}

static void every_problem_has_a_message(void **state)
{
    (void)state;
    for (int p = TEXT_INVALID_UTF8; p <= TEXT_TOO_LONG; p++)
        assert_true(strlen(text_problem_message((enum text_problem)p)) > 5);
}

/* What cannot be text is found byte for byte and named with where it is. */
static void faults_are_found_and_named(void **state)
{
    (void)state;
    size_t at;
    uint32_t c;
    char name[200];
    const char nul[] = "Visible part.\0Hidden";
    assert_int_equal(text_scan(nul, sizeof nul - 1, TEXT_NOTE, &at, &c), TEXT_CONTROL);
    assert_int_equal(at, 13);
    assert_int_equal(c, 0);
    assert_string_equal(text_fault_name(TEXT_CONTROL, c, nul, at, name, sizeof name),
                        "a NUL byte (a zero byte, which ends text) at character 14");
    const char *esc = "Şu \x1b[2J";     /* characters, not bytes: Ş is two */
    assert_int_equal(text_scan(esc, strlen(esc), TEXT_LINE, &at, &c), TEXT_CONTROL);
    assert_int_equal(at, 4);
    assert_string_equal(text_fault_name(TEXT_CONTROL, c, esc, at, name, sizeof name),
                        "an escape code (Esc, U+001B, a control character) at character 4");
    assert_int_equal(text_scan("a\nb", 3, TEXT_LINE, &at, &c), TEXT_CONTROL);
    assert_string_equal(text_fault_name(TEXT_CONTROL, c, "a\nb", at, name, sizeof name), "a line break at character 2");
    assert_int_equal(text_scan("a\nb", 3, TEXT_NOTE, &at, &c), TEXT_OK);
    assert_int_equal(text_scan("ab\x07", 3, TEXT_NOTE, &at, &c), TEXT_CONTROL);
    assert_string_equal(text_fault_name(TEXT_CONTROL, c, "ab\x07", at, name, sizeof name),
                        "the control character U+0007 at character 3");
    assert_int_equal(text_scan("ab\xC3", 3, TEXT_NOTE, &at, &c), TEXT_INVALID_UTF8);
    assert_string_equal(text_fault_name(TEXT_INVALID_UTF8, c, "ab\xC3", at, name, sizeof name),
                        "bytes that are not UTF-8 text at byte 3");
    assert_int_equal(text_scan("a\xE2\x80\xAE" "b", 5, TEXT_NOTE, &at, &c), TEXT_BIDI);
    assert_string_equal(text_fault_name(TEXT_BIDI, c, "a\xE2\x80\xAE" "b", at, name, sizeof name),
                        "an invisible text-direction character (U+202E) at character 2");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names_are_stored_nfc_and_trimmed),
        cmocka_unit_test(invalid_utf8_is_refused_with_its_offset),
        cmocka_unit_test(control_characters_and_escape_sequences_are_refused),
        cmocka_unit_test(bidi_overrides_are_refused),
        cmocka_unit_test(length_counts_characters_not_bytes),
        cmocka_unit_test(blank_lines_are_empty),
        cmocka_unit_test(every_problem_has_a_message),
        cmocka_unit_test(faults_are_found_and_named),
    };
    return cmocka_run_group_tests_name("text_check", tests, NULL, NULL);
}
