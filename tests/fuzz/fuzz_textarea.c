/* A text field laid out over several rows (screens/widgets/textarea.c over
 * i18n/text/wrap.c: the rejection explanation, the deficiency note), for
 * any text a field holds and any width: the first input byte is the width,
 * the rest the text (the characters a field would refuse left out). Rows
 * follow one another, hold everything but the blanks dropped where they
 * break, start and end on grapheme boundaries, and fit width - 1 columns
 * unless a row is one cluster wider than that. */
#include "tests/fuzz/fuzz.h"

#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

#include "i18n/text/text_check.h"
#include "screens/widgets/field.h"
#include "screens/widgets/textarea.h"

static const uint8_t *u8(const char *s)
{
    return (const uint8_t *)s;
}

/* The input's characters that a field takes. */
static void fill(struct field *f, const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    FUZZ_REQUIRE(text != NULL, "memory");
    size_t n = 0;
    for (size_t i = 0; i < size;) {
        ucs4_t c;
        int len = u8_mbtoucr(&c, data + i, size - i);
        if (len > 0 && text_char_allowed(c, TEXT_LINE)) {
            memcpy(text + n, data + i, (size_t)len);
            n += (size_t)len;
        }
        i += len > 0 ? (size_t)len : 1;
    }
    text[n] = '\0';
    enum field_refusal why;
    FUZZ_REQUIRE(field_set(f, text, &why) == FIELD_CHANGED, "a field takes text made of the characters it allows");
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char prefix[] = "Explanation (required): ";
    if (size == 0)
        return 0;
    int width = data[0] % 64;
    struct field f;
    FUZZ_REQUIRE(field_init(&f, size) == 0, "memory");
    fill(&f, data + 1, size - 1);

    struct textarea t;
    FUZZ_REQUIRE(textarea_layout(&t, prefix, &f, width % 2 ? "(3 of 500)" : NULL, width) == 0, "memory");
    size_t total = strlen(t.text);
    FUZZ_REQUIRE(t.count >= 1 && t.prefix_len == strlen(prefix) &&
                     memcmp(t.text + t.prefix_len, f.text, f.len) == 0,
                 "the rows show the label and then the field's text");
    char *b = fuzz_breaks(t.text, total);
    size_t covered = 0;
    for (size_t i = 0; i < t.count; i++) {
        const struct textarea_row *r = &t.rows[i];
        FUZZ_REQUIRE(r->start >= covered && r->start + r->len <= r->end, "rows follow one another");
        for (size_t j = covered; j < r->start; j++)
            FUZZ_REQUIRE(t.text[j] == ' ', "only blanks fall between rows");
        covered = r->end;
        FUZZ_REQUIRE(r->end == (i + 1 < t.count ? t.rows[i + 1].start : total), "a row ends where the next starts");
        FUZZ_REQUIRE(b[r->start] && b[r->start + r->len], "rows start and end on grapheme boundaries");
        size_t cols = r->len ? (size_t)u8_width(u8(t.text) + r->start, r->len, "UTF-8") : 0;
        FUZZ_REQUIRE(cols <= (size_t)(width > 1 ? width - 1 : 1) ||
                         fuzz_one_cluster(t.text, total, r->start, r->start + r->len),
                     "a row fits in width - 1 columns, unless it is one cluster");
        for (size_t j = r->start + r->len; j < r->end; j++)
            FUZZ_REQUIRE(t.text[j] == ' ', "only blanks are dropped at a row's end");
    }
    FUZZ_REQUIRE(covered == total, "the last row ends at the end of the text");
    free(b);
    textarea_free(&t);
    field_free(&f);
    return 0;
}
