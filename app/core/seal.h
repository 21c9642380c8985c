/* Seals of the audit chain: what the sealer signs and appends to the seal
 * file, and how anyone checks them with the public key alone.
 *
 * One seal is one line of the seal file:
 *   gise-seal 1 seq=N head=HEX64 time=YYYY-MM-DDTHH:MM:SSZ prev=HEX64 sig=HEX128
 * `head` is the chain's hash at seq N, `prev` the SHA-256 of the previous
 * seal's whole line (64 zeros for the first), `sig` the Ed25519 signature
 * of the line up to " sig=". A removed, changed or reordered seal breaks
 * the `prev` links; a forged one has no valid signature. */
#ifndef GISE_SEAL_H
#define GISE_SEAL_H

#include <stdbool.h>
#include <stddef.h>

#include "db/chain.h"

enum { SEAL_LINE_MAX = 400, SEAL_SIG_SIZE = 64 };

struct seal {
    long long seq;
    unsigned char head[CHAIN_HASH_SIZE];
    char time[32];
    unsigned char prev[CHAIN_HASH_SIZE];
    unsigned char sig[SEAL_SIG_SIZE];
    char line[SEAL_LINE_MAX];       /* the whole line, without its newline */
};

struct seal_key;                    /* an Ed25519 key (private or public) */

/* SHA-256 of len bytes at data into out. */
void seal_sha256(const void *data, size_t len, unsigned char out[CHAIN_HASH_SIZE]);

/* A chain row's hash from its parts, as gise.chain_pending computes it:
 * sha256(prev || seq as 8 bytes big-endian || row_hash). */
void seal_chain_hash(const unsigned char prev[CHAIN_HASH_SIZE], long long seq,
                     const unsigned char row_hash[CHAIN_HASH_SIZE], unsigned char out[CHAIN_HASH_SIZE]);

/* Lower-case hex of n bytes into out (2n+1 bytes). */
void seal_hex(const unsigned char *bytes, size_t n, char *out);

/* Reads a PEM Ed25519 private key. Refused (false, errno-free reason in
 * why) when the file is readable or writable by anyone but its owner, so a
 * key that leaked through its mode is never used. The caller frees the key
 * with seal_key_free. */
struct seal_key *seal_key_private(const char *path, char *why, size_t size);

/* Reads a PEM Ed25519 public key; NULL with why filled in. */
struct seal_key *seal_key_public(const char *path, char *why, size_t size);

void seal_key_free(struct seal_key *key);

/* Parses one line into *s; false when it is not a seal line. */
bool seal_parse(const char *line, struct seal *s);

/* True when s's signature verifies under key. */
bool seal_verify(const struct seal *s, const struct seal_key *key);

/* Makes and signs the seal after `prev` (NULL for the first): seq, head,
 * the current time in UTC. False when signing failed. */
bool seal_make(struct seal *s, long long seq, const unsigned char head[CHAIN_HASH_SIZE],
               const struct seal *prev, const struct seal_key *key);

/* The SHA-256 of a seal's whole line: the next seal's `prev`. */
void seal_line_hash(const struct seal *s, unsigned char out[CHAIN_HASH_SIZE]);

#endif
