/* The one path every query takes (internal to db/: PGresult never leaves
 * it). Modelled on psql's common.c: check the status of every result,
 * map SQLSTATE to a translated message, notice a lost connection. */
#ifndef GISE_DB_QUERY_H
#define GISE_DB_QUERY_H

#include <libpq-fe.h>

#include "db/error.h"

struct db;

/* Runs `sql` with text parameters (NULL entries are SQL NULL). On success
 * returns 0 and *result (when not NULL) holds a tuples or command result
 * that the caller clears with PQclear. On failure returns -1, *err explains
 * in the user's language, and nothing needs freeing. */
int db_query(struct db *db, const char *sql, int nparams, const char *const *params,
             PGresult **result, struct db_error *err);

/* Runs `sql` as db_query does and calls row(res, i, ctx) for each row of
 * the answer, in order; the row's values live only during the call.
 * Returns 0, or -1 with *err. */
int db_query_rows(struct db *db, const char *sql, int nparams, const char *const *params,
                  void (*row)(const PGresult *res, int i, void *ctx), void *ctx, struct db_error *err);

/* Runs `sql` as db_query does and reads its rows into a new array of
 * elements of `size` bytes, one a row, each zeroed and then filled by
 * read(res, i, element, ctx, &oom), which sets oom when memory runs out
 * (the row's values live only during the call). Returns 0 with *items (an
 * array the caller frees, and each element's contents; NULL when there is
 * no row) and *count; -1 with *err otherwise, when release(element) has
 * already freed what each element held and nothing is left to free. */
int db_query_array(struct db *db, const char *sql, int nparams, const char *const *params, size_t size,
                   void (*read)(const PGresult *res, int i, void *element, void *ctx, int *oom),
                   void (*release)(void *element), void *ctx, void **items, size_t *count,
                   struct db_error *err);

/* One statement of a pipeline. */
struct db_statement {
    const char *sql;
    int nparams;
    const char *const *params;
};

/* Runs n statements in one round trip (libpq's pipeline mode), each in a
 * transaction of its own: each is committed before the next one starts, so
 * a later one may rely on an earlier one's commit. On success returns 0 and
 * results[0..n-1] hold their results (the caller PQclears each). On
 * failure returns -1, *err explains the first statement that failed, and
 * nothing needs freeing; the statements after it ran all the same (a
 * caller must not depend on their results then). */
int db_query_pipeline(struct db *db, const struct db_statement *stmts, int n, PGresult **results,
                      struct db_error *err);

/* Sends a query without waiting (one at a time per connection; a query
 * still in flight is drained and its result dropped). Returns 0, or -1
 * with *err. Collect the result with db_receive when db_socket is
 * readable. */
int db_send(struct db *db, const char *sql, int nparams, const char *const *params,
            struct db_error *err);

/* Collects the result of db_send without blocking: 0 while it is not in
 * yet; 1 with *result (the caller PQclears it); -1 with *err when the
 * query failed. */
int db_receive(struct db *db, PGresult **result, struct db_error *err);

/* Maps a failed result (or a NULL result: connection trouble) to *err. */
void db_error_from_result(struct db *db, const PGresult *res, struct db_error *err);

/* PQgetvalue as a heap copy the caller frees; SQL NULL gives NULL.
 * Returns NULL also when memory runs out (then *oom is set). */
char *db_strdup_value(const PGresult *res, int row, int col, int *oom);

#endif
