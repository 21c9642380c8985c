/* What more than one harness asks of a text (tests/fuzz/fuzz.h). */
#include "tests/fuzz/fuzz.h"

#include <unigbrk.h>

char *fuzz_breaks(const char *s, size_t len)
{
    char *b = malloc(len + 1);
    FUZZ_REQUIRE(b != NULL, "memory");
    u8_grapheme_breaks((const uint8_t *)s, len, b);
    if (len)
        b[0] = 1;
    b[len] = 1;
    return b;
}

bool fuzz_one_cluster(const char *s, size_t len, size_t from, size_t to)
{
    char *b = fuzz_breaks(s, len);
    bool none = true;
    for (size_t i = from + 1; i < to; i++)
        none = none && !b[i];
    free(b);
    return none;
}
