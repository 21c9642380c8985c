/* The database connection, as the rest of gise sees it. No libpq type
 * crosses this header: screens and app/ know only `struct db` and
 * `struct db_error`. */
#ifndef GISE_DB_H
#define GISE_DB_H

#include <stdbool.h>
#include <stddef.h>

#include "db/error.h"
#include "db/link.h"

struct db;

/* Opens a connection. `conninfo` is a libpq connection string or URI; NULL
 * means libpq's own environment (PGHOST, PGSERVICE, ...), or, in a
 * development build with none of those set, the tree's private cluster
 * (var/pg.env, or $GISE_VAR/pg.env). `tls_policy` is the site's sslmode for
 * a database over the network (the `tls` setting): a Unix socket is local
 * and needs none; anything else connects with the stronger of it and an
 * sslmode the conninfo or PGSSLMODE names, and a connection that still
 * arrives in clear text while TLS was demanded is closed before any
 * statement (DB_R_NOT_ENCRYPTED). NULL or "" imposes nothing (libpq's
 * own choice; the tests' private cluster). Returns a connection the
 * caller frees with db_free, or NULL with *err filled in (reason
 * DB_R_NO_TLS_CONNECTION when TLS was demanded and the connection failed). */
struct db *db_connect(const char *conninfo, const char *tls_policy, struct db_error *err);

/* The database role the connection signed in as ("" when unknown). */
const char *db_login(const struct db *db);

/* How the connection reaches the server, asked of the connection itself:
 * a Unix socket, TLS (protocol and cipher), GSSAPI, or clear text;
 * DB_LINK_NONE when there is none. */
void db_describe_link(const struct db *db, struct db_link *out);

/* Takes the oldest server notice kept since the last call (NOTICE,
 * WARNING: "NOTICE:  text"), copied into buf; false when none is left.
 * At most the last 16 are kept. */
bool db_take_notice(struct db *db, char *buf, size_t size);

/* Closes the connection (rolling back anything open) and frees it. NULL is
 * allowed. */
void db_free(struct db *db);

/* The connection's socket, for poll(); -1 when there is none. */
int db_socket(const struct db *db);

/* True while the connection is usable. */
bool db_is_connected(const struct db *db);

/* Tries once to re-establish a lost connection with the same settings.
 * Returns 0 on success, -1 with *err filled in. */
int db_reconnect(struct db *db, struct db_error *err);

/* How many statements this connection has sent so far (db_query and
 * db_send): what a burst of notifications costs is counted with it. */
unsigned long db_queries_sent(const struct db *db);

/* True while an asynchronous query is in flight. */
bool db_busy(const struct db *db);

/* Waits for an asynchronous query in flight and drops its result, so the
 * connection is free for the next statement. */
void db_drain(struct db *db);

/* Subscribes to notifications on `channel` (a plain identifier). The
 * subscription is remembered and renewed by db_reconnect, so nothing has to
 * be re-issued after a lost connection. Returns 0, or -1 with *err. */
int db_listen(struct db *db, const char *channel, struct db_error *err);

/* Reads whatever the server sent while no query was in flight (call it when
 * db_socket is readable and db_busy is false). Returns 0, or -1 with *err
 * (DB_CONNECTION_LOST) when the connection has gone. */
int db_consume(struct db *db, struct db_error *err);

/* The next notification already received, if any: true with its channel
 * and payload copied into the caller's buffers (cut to fit). */
bool db_notification(struct db *db, char *channel, size_t channel_size, char *payload,
                     size_t payload_size);

#endif
