#include "db/demo/rng.h"

uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

uint64_t rng_below(uint64_t *state, uint64_t n)
{
    return rng_next(state) % n;
}

uint64_t rng_stream(uint64_t seed, uint64_t key, uint64_t stream)
{
    uint64_t s = seed ^ (key * 0xD1B54A32D192ED03ULL) ^ (stream * 0x8CB92BA72F3D8DD7ULL);
    rng_next(&s);
    return s;
}
