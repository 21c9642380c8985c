#include "i18n/text/fold.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

struct range {
    ucs4_t first, last;
};

/* Deleted outright: apostrophes (O'Brien = obrien), soft hyphen, zero-width
 * and bidi formatting characters. Same list as translate() in fold_name. */
static const struct range deleted[] = {
    {0x0027, 0x0027}, {0x0060, 0x0060}, {0x00AD, 0x00AD}, {0x02BB, 0x02BC},
    {0x061C, 0x061C}, {0x200B, 0x200F}, {0x2018, 0x201B}, {0x202A, 0x202E},
    {0x2060, 0x2064}, {0x2066, 0x2069}, {0xFEFF, 0xFEFF},
};

/* Become a word break: controls, spaces, punctuation. Same class as the
 * second regexp_replace in fold_name. */
static const struct range separators[] = {
    {0x0000, 0x0026}, {0x0028, 0x002F}, {0x003A, 0x0040}, {0x005B, 0x005F},
    {0x007B, 0x00A1}, {0x00A7, 0x00A7}, {0x00AB, 0x00AB}, {0x00B6, 0x00B7},
    {0x00BB, 0x00BB}, {0x00BF, 0x00BF}, {0x1680, 0x1680}, {0x2000, 0x200A},
    {0x2010, 0x2017}, {0x201C, 0x2029}, {0x202F, 0x205F}, {0x2212, 0x2212},
    {0x3000, 0x3003},
};

static bool in_ranges(ucs4_t c, const struct range *r, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (c >= r[i].first && c <= r[i].last)
            return true;
    return false;
}

#define IN(c, table) in_ranges((c), (table), sizeof(table) / sizeof *(table))

char *fold_name(const char *s, size_t len)
{
    const uint8_t *in = (const uint8_t *)s;
    if (u8_check(in, len) != NULL) {
        errno = EILSEQ;
        return NULL;
    }
    size_t compat_len = 0, lower_len = 0, out_len = 0;
    uint8_t *compat = u8_normalize(UNINORM_NFKD, in, len, NULL, &compat_len);
    if (!compat)
        return NULL;
    uint8_t *lower = u8_tolower(compat, compat_len, NULL, UNINORM_NFD, NULL, &lower_len);
    free(compat);
    if (!lower)
        return NULL;

    /* Folding never makes text longer than its NFD lower-case form. */
    uint8_t *key = malloc(lower_len + 1);
    if (!key) {
        free(lower);
        return NULL;
    }
    size_t key_len = 0;
    bool pending_space = false;
    for (size_t i = 0; i < lower_len;) {
        ucs4_t c;
        i += (size_t)u8_mbtouc(&c, lower + i, lower_len - i);
        if (IN(c, deleted) || uc_is_general_category(c, UC_NON_SPACING_MARK))
            continue;
        if (IN(c, separators)) {
            pending_space = key_len > 0;
            continue;
        }
        if (c == 0x0131) /* dotless ı */
            c = 'i';
        if (pending_space) {
            key[key_len++] = ' ';
            pending_space = false;
        }
        key_len += (size_t)u8_uctomb(key + key_len, c, (ptrdiff_t)(lower_len - key_len));
    }
    free(lower);

    uint8_t *folded = u8_normalize(UNINORM_NFC, key, key_len, NULL, &out_len);
    free(key);
    if (!folded)
        return NULL;
    char *result = realloc(folded, out_len + 1);
    if (!result) {
        free(folded);
        return NULL;
    }
    result[out_len] = '\0';
    return result;
}
