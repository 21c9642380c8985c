/* Shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c): the entry points
 * libFuzzer calls, and how a broken invariant is reported. Each harness
 * checks what its function promises, not only that it does not crash: a
 * broken promise aborts, and libFuzzer keeps the input that broke it. */
#ifndef GISE_FUZZ_H
#define GISE_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Called by libFuzzer for every input; returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Called by libFuzzer once, before the first input (optional). */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Where grapheme clusters start in s[0..len), asked of libunistring
 * (u8_grapheme_breaks) afresh, not through gise's own cache: b[i] is 1 at
 * a boundary, b[0] and b[len] included. The caller frees it. */
char *fuzz_breaks(const char *s, size_t len);

/* No cluster boundary strictly between from and to: one cluster's step. */
bool fuzz_one_cluster(const char *s, size_t len, size_t from, size_t to);

/* Aborts with the promise that `cond` broke; libFuzzer reports the input. */
#define FUZZ_REQUIRE(cond, promise)                                                        \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            fprintf(stderr, "%s:%d: broken: %s (%s)\n", __FILE__, __LINE__, promise, #cond); \
            abort();                                                                       \
        }                                                                                  \
    } while (0)

#endif
