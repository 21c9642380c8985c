/* Values from the flat JSON the database sends: PostgreSQL's json spacing
 * ("key" : value) and jsonb's ("key": value), nulls, escapes, and a value
 * that looks like a key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "i18n/text/flat_json.h"

static const char *notify_payload =
    "{\"escalation\" : 42, \"application\" : \"2026-000123\", \"application_id\" : 7, "
    "\"event\" : \"decided\", \"raised_by\" : 3, \"decided_by\" : null, \"decision\" : \"approved\"}";

static void reads_strings_and_numbers_with_json_spacing(void **state)
{
    (void)state;
    char out[32];
    flat_json_string(notify_payload, "application", out, sizeof out);
    assert_string_equal(out, "2026-000123");
    flat_json_string(notify_payload, "event", out, sizeof out);
    assert_string_equal(out, "decided");
    assert_int_equal(flat_json_int(notify_payload, "escalation", -1), 42);
    assert_int_equal(flat_json_int(notify_payload, "application_id", -1), 7);
}

static void null_missing_and_wrong_types_give_the_default(void **state)
{
    (void)state;
    char out[32] = "x";
    assert_int_equal(flat_json_int(notify_payload, "decided_by", -1), -1);
    assert_int_equal(flat_json_int(notify_payload, "nothing", -1), -1);
    assert_int_equal(flat_json_int(notify_payload, "event", -1), -1);
    flat_json_string(notify_payload, "escalation", out, sizeof out);
    assert_string_equal(out, "");
    flat_json_string(NULL, "event", out, sizeof out);
    assert_string_equal(out, "");
}

static void jsonb_spacing_escapes_and_lookalike_values(void **state)
{
    (void)state;
    char out[64];
    const char *detail = "{\"at\": \"2026-11-23\", \"who\": \"Ay\\\"şe\\\\K\", \"status\": \"who\"}";
    flat_json_string(detail, "who", out, sizeof out);
    assert_string_equal(out, "Ay\"şe\\K");
    flat_json_string(detail, "status", out, sizeof out);
    assert_string_equal(out, "who");
    flat_json_string(detail, "at", out, 5);   /* cut to fit, terminated */
    assert_string_equal(out, "2026");
}

/* What PostgreSQL's to_json writes for characters it escapes: \u00XX for
 * control characters, and what a client may send: \uXXXX and surrogate
 * pairs. Before, "\u00e7" came out as "u00e7". */
static void unicode_escapes_become_utf8(void **state)
{
    (void)state;
    char out[64];
    flat_json_string("{\"who\": \"Bar\\u0131\\u015f \\u00c7elik\"}", "who", out, sizeof out);
    assert_string_equal(out, "Barış Çelik");
    flat_json_string("{\"e\": \"\\ud83d\\udc4d ok\\n\"}", "e", out, sizeof out);
    assert_string_equal(out, "\xf0\x9f\x91\x8d ok\n");
    /* A lone surrogate or a bad escape is no value at all, not a guess. */
    flat_json_string("{\"e\": \"\\ud83d x\"}", "e", out, sizeof out);
    assert_string_equal(out, "");
    flat_json_string("{\"e\": \"\\q\"}", "e", out, sizeof out);
    assert_string_equal(out, "");
    /* Cut to fit at a character boundary: never half of "ş". */
    flat_json_string("{\"who\": \"Ay\\u015fe\"}", "who", out, 4);
    assert_string_equal(out, "Ay");
}

/* Only top-level keys count: a value that spells "key": is not a key. */
static void a_key_inside_a_value_is_not_a_key(void **state)
{
    (void)state;
    char out[64];
    const char *tricky = "{\"who\": \"x\\\"at\\\": \\\"1999\", \"at\": \"2026-11-23\"}";
    flat_json_string(tricky, "at", out, sizeof out);
    assert_string_equal(out, "2026-11-23");
    assert_int_equal(flat_json_int("{\"n\": \"\\\"id\\\": 7\", \"id\": 42}", "id", -1), 42);
    assert_int_equal(flat_json_int("{\"id\": {\"x\": 1}}", "id", -1), -1);
}

/* A history entry's details (jsonb text): lists of plain values are passed
 * over to the keys after them; booleans read as such; deeper nesting still
 * ends the reading. */
static void history_details_pass_over_lists(void **state)
{
    (void)state;
    char out[64];
    const char *decide = "{\"to\": \"approved\", \"from\": \"escalated\", \"rule\": \"r\", \"waived\": [], "
                         "\"decision\": \"approved\", \"requested\": \"approve\", \"escalation\": 12}";
    flat_json_string(decide, "decision", out, sizeof out);
    assert_string_equal(out, "approved");
    assert_int_equal(flat_json_int(decide, "escalation", -1), 12);
    const char *notice = "{\"to\": \"awaiting_documents\", \"missing\": [\"TAPU\", \"HARC_MAKBUZU\"], "
                         "\"deadline\": \"2026-12-18\", \"n\": [1, null, true]}";
    flat_json_string(notice, "deadline", out, sizeof out);
    assert_string_equal(out, "2026-12-18");
    flat_json_string(notice, "missing", out, sizeof out);
    assert_string_equal(out, "");
    const char *document = "{\"to\": \"in_review\", \"checked\": true, \"document\": \"TAPU\", \"received\": false}";
    assert_true(flat_json_bool(document, "checked", false));
    assert_false(flat_json_bool(document, "received", true));
    assert_true(flat_json_bool(document, "document", true));     /* not a boolean: the default */
    assert_false(flat_json_bool(document, "absent", false));
    assert_false(flat_json_bool(NULL, "checked", false));
    flat_json_string("{\"a\": [[1]], \"b\": \"x\"}", "b", out, sizeof out);
    assert_string_equal(out, "");
    flat_json_string("{\"a\": [{\"c\": 1}], \"b\": \"x\"}", "b", out, sizeof out);
    assert_string_equal(out, "");
    flat_json_string("{\"a\": [1, \"b\": \"x\"}", "b", out, sizeof out);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reads_strings_and_numbers_with_json_spacing),
        cmocka_unit_test(null_missing_and_wrong_types_give_the_default),
        cmocka_unit_test(jsonb_spacing_escapes_and_lookalike_values),
        cmocka_unit_test(unicode_escapes_become_utf8),
        cmocka_unit_test(a_key_inside_a_value_is_not_a_key),
        cmocka_unit_test(history_details_pass_over_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
