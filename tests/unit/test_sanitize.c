/* Text on its way to the terminal: nothing in it may move the cursor,
 * change colours, reorder text or hide; readable text stays as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/text/sanitize.h"

#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD */

/* True when the bytes could reach a terminal as a control: a C0 byte, DEL,
 * or the UTF-8 form of a C1 control (C2 80 .. C2 9F). */
static bool has_terminal_control(const char *s, size_t len)
{
    const unsigned char *b = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        if (b[i] < 0x20 || b[i] == 0x7F)
            return true;
        if (b[i] == 0xC2 && i + 1 < len && b[i + 1] >= 0x80 && b[i + 1] <= 0x9F)
            return true;
    }
    return false;
}

static void assert_sanitizes_to(const char *input, size_t len, const char *expected)
{
    char *out = sanitize_for_display(input, len);
    assert_non_null(out);
    assert_string_equal(out, expected);
    assert_false(has_terminal_control(out, strlen(out)));
    free(out);
}

static void escape_sequence_becomes_visible(void **state)
{
    (void)state;
    char *out = sanitize_for_display("\x1B[31m", 5);
    assert_non_null(out);
    assert_string_equal(out, "\xE2\x90\x9B" "[31m");          /* U+241B then [31m */
    assert_null(strchr(out, 0x1B));
    free(out);
    assert_sanitizes_to("Ali\x1B[2J\x1B[HVeli", 14, "Ali\xE2\x90\x9B[2J\xE2\x90\x9B[HVeli");
}

static void every_c0_control_maps_to_its_symbol(void **state)
{
    (void)state;
    for (unsigned c = 0; c < 0x20; c++) {
        char in[3] = {'a', (char)c, 'b'};
        unsigned symbol = 0x2400 + c;                          /* E2 90 80+c */
        char expected[6] = {'a', (char)0xE2, (char)(0x80 | (symbol >> 6 & 0x3F)),
                            (char)(0x80 | (symbol & 0x3F)), 'b', '\0'};
        char *out = sanitize_for_display(in, sizeof in);
        assert_non_null(out);
        if (strcmp(out, expected) != 0)
            fail_msg("control 0x%02X was not mapped to U+%04X", c, symbol);
        free(out);
    }
    assert_sanitizes_to("\t\n\r", 3, "\xE2\x90\x89\xE2\x90\x8A\xE2\x90\x8D");
}

static void del_becomes_its_symbol(void **state)
{
    (void)state;
    assert_sanitizes_to("\x7F", 1, "\xE2\x90\xA1");            /* U+2421 */
    assert_sanitizes_to("x\x7Fy", 3, "x\xE2\x90\xA1y");
}

static void c1_controls_become_replacement(void **state)
{
    (void)state;
    assert_sanitizes_to("\xC2\x9B" "31m", 5, REPLACEMENT "31m"); /* U+009B CSI */
    assert_sanitizes_to("\xC2\x80", 2, REPLACEMENT);
    assert_sanitizes_to("\xC2\x85", 2, REPLACEMENT);           /* NEL */
    assert_sanitizes_to("\xC2\x9F", 2, REPLACEMENT);
    assert_sanitizes_to("\xC2\xA0", 2, "\xC2\xA0");            /* U+00A0 is not C1 */
}

static void invalid_utf8_becomes_replacement(void **state)
{
    (void)state;
    assert_sanitizes_to("Ay\xFF" "se", 5, "Ay" REPLACEMENT "se");
    assert_sanitizes_to("\xFF", 1, REPLACEMENT);
    assert_sanitizes_to("Ay\xC3", 3, "Ay" REPLACEMENT);        /* truncated at the end */
    assert_sanitizes_to("\xC3" "A", 2, REPLACEMENT "A");       /* truncated in the middle */
    assert_sanitizes_to("\xE2\x80", 2, REPLACEMENT REPLACEMENT);
}

/* Byte sequences that are never valid become U+FFFD (one per rejected
 * byte), with no raw byte of them left and the text around intact. */
static void assert_invalid_is_replaced(const char *bad, size_t bad_len)
{
    char in[64];
    size_t len = 0;
    memcpy(in + len, "Öz", strlen("Öz"));
    len += strlen("Öz");
    memcpy(in + len, bad, bad_len);
    len += bad_len;
    memcpy(in + len, "türk", strlen("türk"));
    len += strlen("türk");
    char *out = sanitize_for_display(in, len);
    assert_non_null(out);
    size_t out_len = strlen(out);
    assert_true(out_len > strlen("Öztürk"));
    assert_memory_equal(out, "Öz", strlen("Öz"));
    assert_string_equal(out + out_len - strlen("türk"), "türk");
    /* What is between is nothing but U+FFFD. */
    const char *mid = out + strlen("Öz");
    size_t mid_len = out_len - strlen("Öz") - strlen("türk");
    assert_true(mid_len > 0);
    assert_int_equal(mid_len % 3, 0);
    for (size_t i = 0; i < mid_len; i += 3)
        assert_memory_equal(mid + i, REPLACEMENT, 3);
    assert_false(has_terminal_control(out, out_len));
    free(out);
}

static void overlong_and_surrogate_forms_become_replacement(void **state)
{
    (void)state;
    assert_invalid_is_replaced("\xFF", 1);
    assert_invalid_is_replaced("\xC3", 1);
    assert_invalid_is_replaced("\xC0\xAF", 2);               /* overlong "/" */
    assert_invalid_is_replaced("\xC0\x80", 2);               /* overlong NUL */
    assert_invalid_is_replaced("\xE0\x80\xAF", 3);           /* overlong "/" */
    assert_invalid_is_replaced("\xED\xA0\x80", 3);           /* surrogate U+D800 */
    assert_invalid_is_replaced("\xED\xBF\xBF", 3);           /* surrogate U+DFFF */
    assert_invalid_is_replaced("\xF4\x90\x80\x80", 4);       /* above U+10FFFF */
    assert_invalid_is_replaced("\x80", 1);                   /* lone continuation */
    assert_invalid_is_replaced("\xC2", 1);                   /* lead of a C1, cut */
}

static void bidi_controls_become_visible_tags(void **state)
{
    (void)state;
    assert_sanitizes_to("\xE2\x80\xAE", 3, "<U+202E>");
    assert_sanitizes_to("\xE2\x81\xA6", 3, "<U+2066>");
    assert_sanitizes_to("abc\xE2\x80\xAE" "fed", 9, "abc<U+202E>fed");
    assert_sanitizes_to("\xE2\x80\x8F", 3, "<U+200F>");      /* RLM */
    assert_sanitizes_to("\xE2\x81\xA9", 3, "<U+2069>");      /* PDI */
    assert_sanitizes_to("\xE2\x80\xA8", 3, "<U+2028>");      /* line separator */
    assert_sanitizes_to("\xE2\x80\xA9", 3, "<U+2029>");      /* paragraph separator */
    assert_sanitizes_to("\xEF\xBB\xBF", 3, "<U+FEFF>");      /* BOM */
    assert_sanitizes_to("Ka\xC2\xAD" "ya", 6, "Ka<U+00AD>ya"); /* soft hyphen */
}

static void zero_width_joiner_is_kept_for_emoji(void **state)
{
    (void)state;
    const char *family = "👨\xE2\x80\x8D👩\xE2\x80\x8D👧";
    assert_sanitizes_to(family, strlen(family), family);
    assert_sanitizes_to("👍🏽", strlen("👍🏽"), "👍🏽");
}

static void plain_text_is_unchanged(void **state)
{
    (void)state;
    static const char *const samples[] = {
        "Ayşe Nur Öztürk", "İSMAİL IŞIK", "Çağrı Güneş", "ığüşöç ĞÜŞİÖÇ", "Hâle Kâhya",
        "O\xCC\x88ztu\xCC\x88rk", "山田太郎", "مُحَمَّد", "Straße", "a-b.c/d (e) 12:30", "",
    };
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++)
        assert_sanitizes_to(samples[i], strlen(samples[i]), samples[i]);
}

static void length_not_nul_decides_the_end(void **state)
{
    (void)state;
    assert_sanitizes_to("ab\0cd", 5, "ab\xE2\x90\x80" "cd");  /* NUL shows as U+2400 */
    assert_sanitizes_to("abcdef", 3, "abc");
}

/* A small deterministic generator, so a failure can be reproduced. */
static uint32_t next_random(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

static void no_control_survives_any_input(void **state)
{
    (void)state;
    /* Every single byte, then every pair of bytes. */
    for (unsigned a = 0; a < 256; a++) {
        char in[2] = {(char)a, 0};
        char *out = sanitize_for_display(in, 1);
        assert_non_null(out);
        assert_false(has_terminal_control(out, strlen(out)));
        free(out);
        for (unsigned b = 0; b < 256; b++) {
            in[1] = (char)b;
            out = sanitize_for_display(in, 2);
            assert_non_null(out);
            if (has_terminal_control(out, strlen(out)))
                fail_msg("bytes %02X %02X leave a control in the output", a, b);
            free(out);
        }
    }
    /* Random strings. */
    uint32_t seed = 20261123;
    char in[64];
    for (int round = 0; round < 20000; round++) {
        size_t len = next_random(&seed) % sizeof in;
        for (size_t i = 0; i < len; i++)
            in[i] = (char)(next_random(&seed) & 0xFF);
        char *out = sanitize_for_display(in, len);
        assert_non_null(out);
        if (has_terminal_control(out, strlen(out)))
            fail_msg("random input of round %d leaves a control in the output", round);
        free(out);
    }
}

static void worst_case_expansion_does_not_overflow(void **state)
{
    (void)state;
    enum { COUNT = 10000 };
    char *in = malloc(COUNT * 2);
    assert_non_null(in);
    for (size_t i = 0; i < COUNT; i++)
        memcpy(in + 2 * i, "\xC2\xAD", 2);                  /* U+00AD soft hyphen */
    char *out = sanitize_for_display(in, COUNT * 2);
    assert_non_null(out);
    assert_int_equal(strlen(out), (size_t)COUNT * 8);
    for (size_t i = 0; i < COUNT; i++)
        assert_memory_equal(out + 8 * i, "<U+00AD>", 8);
    free(out);

    /* Other expanding inputs, each at its own worst. */
    for (size_t i = 0; i < COUNT * 2; i++)
        in[i] = 0x01;                                        /* 1 byte -> 3 */
    out = sanitize_for_display(in, COUNT * 2);
    assert_non_null(out);
    assert_int_equal(strlen(out), (size_t)COUNT * 2 * 3);
    free(out);
    for (size_t i = 0; i < COUNT * 2; i++)
        in[i] = (char)0xFF;                                  /* 1 byte -> 3 */
    out = sanitize_for_display(in, COUNT * 2);
    assert_non_null(out);
    assert_int_equal(strlen(out), (size_t)COUNT * 2 * 3);
    free(out);
    free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escape_sequence_becomes_visible),
        cmocka_unit_test(every_c0_control_maps_to_its_symbol),
        cmocka_unit_test(del_becomes_its_symbol),
        cmocka_unit_test(c1_controls_become_replacement),
        cmocka_unit_test(invalid_utf8_becomes_replacement),
        cmocka_unit_test(overlong_and_surrogate_forms_become_replacement),
        cmocka_unit_test(bidi_controls_become_visible_tags),
        cmocka_unit_test(zero_width_joiner_is_kept_for_emoji),
        cmocka_unit_test(plain_text_is_unchanged),
        cmocka_unit_test(length_not_nul_decides_the_end),
        cmocka_unit_test(no_control_survives_any_input),
        cmocka_unit_test(worst_case_expansion_does_not_overflow),
    };
    return cmocka_run_group_tests_name("sanitize", tests, NULL, NULL);
}
