/* What reads a notification's payload (i18n/text/flat_json.c, as
 * app/core/live.c calls it on every NOTIFY): on any payload a value comes
 * back NUL-terminated, valid UTF-8, cut only at a character boundary and
 * only as far as it must; and an object written here from the input, with
 * every kind of escape, reads back exactly what was written, with a key's
 * name inside another string value never taken for the key. */
#include "tests/fuzz/fuzz.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>
#include <unistr.h>

#include "i18n/text/flat_json.h"

enum { PAYLOAD_MAX = 1024 };   /* what live.c reads a payload into */

/* Shorter outputs are the longest whole-character start of the full value
 * that fits. */
static void cut_right(const char *json, const char *key)
{
    char full[PAYLOAD_MAX], cut[24];
    flat_json_string(json, key, full, sizeof full);
    size_t full_len = strlen(full);
    FUZZ_REQUIRE(u8_check((const uint8_t *)full, full_len) == NULL, "a value is valid UTF-8");
    for (size_t size = 1; size <= sizeof cut && size <= full_len + 2; size++) {
        memset(cut, 'X', sizeof cut);
        flat_json_string(json, key, cut, size);
        size_t len = strnlen(cut, size);
        FUZZ_REQUIRE(len < size, "the value ends with a NUL inside the buffer");
        FUZZ_REQUIRE(len <= full_len && memcmp(cut, full, len) == 0, "a cut value is a start of the whole one");
        if (len < full_len) {
            int next = u8_mblen((const uint8_t *)full + len, full_len - len);
            FUZZ_REQUIRE(next > 0 && len + (size_t)next > size - 1,
                         "a value is cut at a character boundary, and only where the next does not fit");
        }
    }
    long long a = flat_json_int(json, key, -1), b = flat_json_int(json, key, -2);
    FUZZ_REQUIRE((a == -1 && b == -2) || a == b, "a number is there or it is not");
    FUZZ_REQUIRE(full[0] == '\0' || (a == -1 && b == -2), "a string value is not also a number");
}

/* Appends code point c to the JSON string being written, escaped in one
 * of the ways JSON allows (chosen by `style`). */
static size_t put_escaped(char *out, ucs4_t c, unsigned style)
{
    static const char shorts[] = "\"\"\\\\//\bb\ff\nn\rr\tt";
    for (const char *s = shorts; *s; s += 2)
        if ((ucs4_t)(unsigned char)s[0] == c && style % 2)
            return (size_t)sprintf(out, "\\%c", s[1]);
    if (c < 0x20 || c == '"' || c == '\\' || style % 3 == 0) {
        if (c < 0x10000)
            return (size_t)sprintf(out, style % 4 ? "\\u%04x" : "\\u%04X", (unsigned)c);
        ucs4_t v = c - 0x10000;
        return (size_t)sprintf(out, "\\u%04X\\u%04x", 0xD800 + (unsigned)(v >> 10), 0xDC00 + (unsigned)(v & 0x3FF));
    }
    return (size_t)u8_uctomb((uint8_t *)out, c, 6);
}

/* Writes {"decoy": "\"event\": \"made up\"", "change": N, "event": "...", "tail": true}
 * with the value from the input's characters, and reads it back. */
static void round_trip(const uint8_t *data, size_t size)
{
    if (size == 0)
        return;
    unsigned style = data[0];
    int64_t change = 0;
    memcpy(&change, data, size < sizeof change ? size : sizeof change);
    char *value = malloc(size + 1), *json = malloc(size * 12 + 200);
    FUZZ_REQUIRE(value && json, "memory");
    size_t v = 0, j = (size_t)sprintf(json, "{\"decoy\":\"\\\"event\\\": \\\"made up\\\"\", \"change\" :%" PRId64
                                            ",\n\t\"event\" : \"", change);
    for (size_t i = 1, n = 0; i < size; n++) {
        ucs4_t c;
        int len = u8_mbtoucr(&c, data + i, size - i);
        if (len < 0) {
            i++;
            continue;
        }
        if (c != 0) {     /* a C string cannot hold U+0000 */
            memcpy(value + v, data + i, (size_t)len);
            v += (size_t)len;
            j += put_escaped(json + j, c, style + (unsigned)n);
        }
        i += (size_t)len;
    }
    value[v] = '\0';
    j += (size_t)sprintf(json + j, "\", \"tail\": true}");

    char *back = malloc(v + 1);
    FUZZ_REQUIRE(back != NULL, "memory");
    flat_json_string(json, "event", back, v + 1);
    FUZZ_REQUIRE(strcmp(back, value) == 0, "a string value reads back as written, every escape decoded");
    FUZZ_REQUIRE(flat_json_int(json, "change", -1) == change, "a number reads back as written");
    char decoy[32];
    flat_json_string(json, "decoy", decoy, sizeof decoy);
    FUZZ_REQUIRE(strcmp(decoy, "\"event\": \"made up\"") == 0, "a key inside a string value is only text");
    FUZZ_REQUIRE(flat_json_int(json, "tail", -1) == -1, "true is not a number");
    flat_json_string(json, "absent", decoy, sizeof decoy);
    FUZZ_REQUIRE(decoy[0] == '\0', "an absent key reads as empty");
    cut_right(json, "event");
    free(back);
    free(value);
    free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The payload as the database hands it over: a C string, cut to fit. */
    char payload[PAYLOAD_MAX];
    size_t len = size < sizeof payload - 1 ? size : sizeof payload - 1;
    memcpy(payload, data, len);
    payload[len] = '\0';
    static const char *const keys[] = {"event", "change", "kind", "id"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        cut_right(payload, keys[k]);
    round_trip(data, size);
    return 0;
}
