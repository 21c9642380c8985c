/* Lists of approval-rule codes (db/approval_rule.h) as the server writes
 * them (array_to_string(codes, ',')): read back whole, never past their
 * bounds, each code once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "db/approval_rule.h"

static void codes_are_read_back_in_order(void **state)
{
    (void)state;
    struct rule_codes c;
    rule_codes_parse(NULL, &c);
    assert_int_equal(c.count, 0);
    rule_codes_parse("", &c);
    assert_int_equal(c.count, 0);
    rule_codes_parse("documents_checked", &c);
    assert_int_equal(c.count, 1);
    assert_string_equal(c.code[0], "documents_checked");
    rule_codes_parse("b_rule,a_rule,b_rule", &c);
    assert_int_equal(c.count, 2);
    assert_string_equal(c.code[0], "b_rule");
    assert_string_equal(c.code[1], "a_rule");
    assert_true(rule_codes_has(&c, "a_rule"));
    assert_false(rule_codes_has(&c, "c_rule"));
}

static void bounds_hold(void **state)
{
    (void)state;
    struct rule_codes c;
    char long_code[RULE_CODE_SIZE + 2];
    memset(long_code, 'x', sizeof long_code - 1);
    long_code[sizeof long_code - 1] = '\0';
    char text[200];
    snprintf(text, sizeof text, "a_a,%s,b_b", long_code);
    rule_codes_parse(text, &c);
    assert_int_equal(c.count, 2);            /* too long to be a code: left out */
    assert_string_equal(c.code[1], "b_b");
    rule_codes_parse("r_a,r_b,r_c,r_d,r_e,r_f,r_g,r_h,r_i,r_j", &c);
    assert_int_equal(c.count, RULE_CODES_MAX);
    assert_string_equal(c.code[RULE_CODES_MAX - 1], "r_h");
    assert_false(rule_codes_add(&c, "r_z"));
    assert_true(rule_codes_add(&c, "r_a"));  /* there already */
    assert_false(rule_codes_add(&c, ""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes_are_read_back_in_order),
        cmocka_unit_test(bounds_hold),
    };
    return cmocka_run_group_tests_name("rule_codes", tests, NULL, NULL);
}
