#include "db/chain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/query.h"

enum { CHAINER_BATCH = 10000, WALK_BATCH = 5000 };

int chain_extend(struct db *db, long long *chained, struct db_error *err)
{
    *chained = 0;
    char batch[16];
    snprintf(batch, sizeof batch, "%d", CHAINER_BATCH);
    const char *params[] = {batch};
    for (;;) {
        PGresult *res;
        if (db_query(db, "SELECT gise.chain_pending($1::integer)", 1, params, &res, err) != 0)
            return -1;
        long long n = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        PQclear(res);
        *chained += n;
        if (n < CHAINER_BATCH)
            return 0;
    }
}

/* 64 hex digits into 32 bytes; false when it is not that. */
static int unhex(const char *s, unsigned char out[CHAIN_HASH_SIZE])
{
    if (strlen(s) != 2 * CHAIN_HASH_SIZE)
        return 0;
    for (int i = 0; i < CHAIN_HASH_SIZE; i++) {
        int v = 0;
        for (int j = 0; j < 2; j++) {
            char c = s[2 * i + j];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0)
                return 0;
            v = v * 16 + d;
        }
        out[i] = (unsigned char)v;
    }
    return 1;
}

static void finish(struct db *db, const char *how)
{
    struct db_error ignored;
    db_query(db, how, 0, NULL, NULL, &ignored);
}

int chain_walk(struct db *db, long long from_seq, int with_rows, chain_row_fn fn, void *ctx,
               struct db_error *err)
{
    /* One snapshot for the chain and its rows. The text is built here from
     * built-ins only (the chainer's formula, gise.chain_row_text, in UTC and
     * UTF-8), so replacing a gise function cannot change what is checked.
     * A row the caller may not read fails the whole walk (42501) rather
     * than look deleted. Each row is looked up by its key along the chain's
     * order: a join of tens of millions of rows would hash and sort, and
     * spill past a staff login's temp_file_limit (0017). */
    char from[32];
    snprintf(from, sizeof from, "%lld", from_seq);
    const char *params[] = {from};
    if (db_query(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", 0, NULL, NULL, err) != 0)
        return -1;
    if (db_query(db, "SET LOCAL search_path = pg_catalog", 0, NULL, NULL, err) != 0 ||
        db_query(db, "SET LOCAL \"TimeZone\" = 'UTC'", 0, NULL, NULL, err) != 0 ||
        db_query(db, "SET LOCAL client_encoding = 'UTF8'", 0, NULL, NULL, err) != 0 ||
        db_query(db, with_rows
            ? "DECLARE gise_chain_walk NO SCROLL CURSOR FOR "
              "SELECT c.seq, c.source, c.source_id, encode(c.row_hash, 'hex'), encode(c.prev_hash, 'hex'), "
              "encode(c.hash, 'hex'), c.source || ' ' || jsonb_strip_nulls(CASE c.source "
              "WHEN 'audit' THEN (SELECT to_jsonb(a) FROM gise.audit_log a WHERE a.id = c.source_id) "
              "ELSE (SELECT to_jsonb(x) FROM gise.access_log x WHERE x.id = c.source_id) END)::text "
              "FROM gise.chain c WHERE c.seq >= $1::bigint ORDER BY c.seq"
            : "DECLARE gise_chain_walk NO SCROLL CURSOR FOR "
              "SELECT c.seq, c.source, c.source_id, encode(c.row_hash, 'hex'), encode(c.prev_hash, 'hex'), "
              "encode(c.hash, 'hex'), NULL::text "
              "FROM gise.chain c WHERE c.seq >= $1::bigint ORDER BY c.seq",
            1, params, NULL, err) != 0) {
        finish(db, "ROLLBACK");
        return -1;
    }
    int rc = 0;
    for (;;) {
        PGresult *res;
        if (db_query(db, "FETCH 5000 FROM gise_chain_walk", 0, NULL, &res, err) != 0) {
            rc = -1;
            break;
        }
        int n = PQntuples(res);
        for (int i = 0; i < n && rc == 0; i++) {
            struct chain_row row = {0};
            row.seq = strtoll(PQgetvalue(res, i, 0), NULL, 10);
            snprintf(row.source, sizeof row.source, "%s", PQgetvalue(res, i, 1));
            row.source_id = strtoll(PQgetvalue(res, i, 2), NULL, 10);
            /* A malformed stored hash compares unequal: all zeros. */
            if (!unhex(PQgetvalue(res, i, 3), row.row_hash))
                memset(row.row_hash, 0, sizeof row.row_hash);
            if (!unhex(PQgetvalue(res, i, 4), row.prev_hash))
                memset(row.prev_hash, 0xff, sizeof row.prev_hash);
            if (!unhex(PQgetvalue(res, i, 5), row.hash))
                memset(row.hash, 0, sizeof row.hash);
            if (!PQgetisnull(res, i, 6)) {
                row.text = PQgetvalue(res, i, 6);
                row.text_len = (size_t)PQgetlength(res, i, 6);
            }
            rc = fn(&row, ctx);
        }
        PQclear(res);
        if (rc != 0 || n < WALK_BATCH)
            break;
    }
    finish(db, rc == -1 ? "ROLLBACK" : "COMMIT");
    return rc;
}

int chain_unchained(struct db *db, long long *count, struct db_error *err)
{
    PGresult *res;
    if (db_query(db,
            "SELECT (SELECT count(*) FROM gise.audit_log a WHERE a.id > s.low_water AND NOT EXISTS "
            "        (SELECT FROM gise.chain c WHERE c.source = 'audit' AND c.source_id = a.id)) "
            "     + (SELECT count(*) FROM gise.access_log x WHERE x.id > t.low_water AND NOT EXISTS "
            "        (SELECT FROM gise.chain c WHERE c.source = 'access' AND c.source_id = x.id)) "
            "FROM gise.chain_state s, gise.chain_state t WHERE s.source = 'audit' AND t.source = 'access'",
            0, NULL, &res, err) != 0)
        return -1;
    *count = PQntuples(res) ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
    PQclear(res);
    return 0;
}
