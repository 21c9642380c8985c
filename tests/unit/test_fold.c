/* The C half of the folding rule on its own: the cases DESIGN.md names, and
 * the properties the search relies on (idempotent, trimmed, one space). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/text/fold.h"

static void assert_folds_to(const char *input, const char *expected)
{
    char *key = fold_name(input, strlen(input));
    assert_non_null(key);
    assert_string_equal(key, expected);
    free(key);
}

static void turkish_i_forms_all_fold_to_plain_i(void **state)
{
    (void)state;
    assert_folds_to("isik", "isik");
    assert_folds_to("IŞIK", "isik");
    assert_folds_to("Işık", "isik");
    assert_folds_to("İşık", "isik");
    assert_folds_to("işık", "isik");
    assert_folds_to("ILGAZ", "ilgaz");
    assert_folds_to("İSMAİL", "ismail");
    assert_folds_to("I\xCC\x87", "i");          /* I + combining dot above */
}

static void diacritics_and_case_are_removed(void **state)
{
    (void)state;
    assert_folds_to("Öztürk", "ozturk");
    assert_folds_to("ÖZTÜRK Ayşe", "ozturk ayse");
    assert_folds_to("Çağrı Güneş", "cagri gunes");
    assert_folds_to("Hâle Kâhya", "hale kahya");
    assert_folds_to("O\xCC\x88ZTU\xCC\x88RK", "ozturk");   /* decomposed input */
    assert_folds_to("Nguyễn Thị Ngọc Ánh", "nguyen thi ngoc anh");
}

static void separators_collapse_to_one_space(void **state)
{
    (void)state;
    assert_folds_to("  Ayşe   Nur  ", "ayse nur");
    assert_folds_to("Kaya-Öztürk", "kaya ozturk");
    assert_folds_to("Ali\xC2\xA0Veli", "ali veli");        /* no-break space */
    assert_folds_to("Ali\tVeli\n", "ali veli");
    assert_folds_to("A.B.C.", "a b c");
    assert_folds_to("%_\\", "");
    assert_folds_to("", "");
}

static void apostrophes_and_invisible_characters_vanish(void **state)
{
    (void)state;
    assert_folds_to("O'Brien", "obrien");
    assert_folds_to("D\xE2\x80\x99" "Angelo", "dangelo");    /* U+2019 */
    assert_folds_to("Ali\xE2\x80\x8B" "can", "alican");      /* zero-width space */
    assert_folds_to("\xE2\x80\xAE" "abc", "abc");            /* U+202E RLO */
    assert_folds_to("Ka\xC2\xAD" "ya", "kaya");              /* soft hyphen */
}

static void compatibility_forms_unfold(void **state)
{
    (void)state;
    assert_folds_to("\xEF\xAC\x81" "ne", "fine");            /* U+FB01 ligature */
    assert_folds_to("\xEF\xBC\xA1\xEF\xBC\xA2", "ab");       /* full-width AB */
}

static void folding_is_idempotent(void **state)
{
    (void)state;
    static const char *const samples[] = {
        "İşık Öztürk", "ΟΔΥΣΣΕΥΣ", "Straße", "山田太郎", "مُحَمَّد", "ǅemal", "Åsa-Ölund",
    };
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        char *once = fold_name(samples[i], strlen(samples[i]));
        assert_non_null(once);
        char *twice = fold_name(once, strlen(once));
        assert_non_null(twice);
        assert_string_equal(once, twice);
        free(once);
        free(twice);
    }
}

static void invalid_utf8_is_refused(void **state)
{
    (void)state;
    errno = 0;
    assert_null(fold_name("Ay\xFF" "se", 5));
    assert_int_equal(errno, EILSEQ);
    assert_null(fold_name("\xC3", 1));                       /* truncated */
    assert_null(fold_name("\xED\xA0\x80", 3));               /* surrogate */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(turkish_i_forms_all_fold_to_plain_i),
        cmocka_unit_test(diacritics_and_case_are_removed),
        cmocka_unit_test(separators_collapse_to_one_space),
        cmocka_unit_test(apostrophes_and_invisible_characters_vanish),
        cmocka_unit_test(compatibility_forms_unfold),
        cmocka_unit_test(folding_is_idempotent),
        cmocka_unit_test(invalid_utf8_is_refused),
    };
    return cmocka_run_group_tests_name("fold", tests, NULL, NULL);
}
