/* The audit trail's hash chain (gise.chain, migration 0015) as the sealer
 * and the verifier read it: facts only, no hashing and no words here (the
 * checks are in app/core/audit.c). */
#ifndef GISE_DB_CHAIN_H
#define GISE_DB_CHAIN_H

#include <stddef.h>

#include "db/db.h"

enum { CHAIN_HASH_SIZE = 32 };

/* One chain row with the source row it covers. `text` is the exact bytes
 * the row hash is taken over (source, a space, the row as JSON), NULL when
 * the source row is gone. Valid only during the callback. */
struct chain_row {
    long long seq;
    char source[16];
    long long source_id;
    unsigned char row_hash[CHAIN_HASH_SIZE];
    unsigned char prev_hash[CHAIN_HASH_SIZE];
    unsigned char hash[CHAIN_HASH_SIZE];
    const char *text;
    size_t text_len;
};

/* Called for each row in seq order; a non-zero return stops the walk and
 * is what chain_walk returns. */
typedef int (*chain_row_fn)(const struct chain_row *row, void *ctx);

/* Runs the chainer (gise.chain_pending) until nothing is left; *chained
 * says how many rows it appended. The role must be in gise_sealer. Returns
 * 0, or -1 with *err. */
int chain_extend(struct db *db, long long *chained, struct db_error *err);

/* Streams the chain rows with seq >= from_seq, with their source rows when
 * `with_rows` (otherwise text is NULL), in one read-only snapshot, in
 * batches (memory stays flat for any length). Returns 0 when every row was
 * seen, the callback's non-zero value when it stopped the walk, or -1 with
 * *err. The connection is back in autocommit afterwards in every case. */
int chain_walk(struct db *db, long long from_seq, int with_rows, chain_row_fn fn, void *ctx,
               struct db_error *err);

/* Rows of audit_log and access_log that are not chained yet (the next run
 * of the chainer takes them). Returns 0, or -1 with *err. */
int chain_unchained(struct db *db, long long *count, struct db_error *err);

#endif
