/* The demo's random numbers: splitmix64, small, fast and repeatable. Each
 * stream is its own state, so an application's story can be told again
 * from its seed alone. */
#ifndef GISE_DEMO_RNG_H
#define GISE_DEMO_RNG_H

#include <stdint.h>

/* The next number of the stream *state. */
uint64_t rng_next(uint64_t *state);

/* A number below n (n > 0). */
uint64_t rng_below(uint64_t *state, uint64_t n);

/* The start of stream `stream` for `key` (a citizen's id) under `seed`. */
uint64_t rng_stream(uint64_t seed, uint64_t key, uint64_t stream);

#endif
