/* The database connection, as the rest of gise sees it. No libpq type
 * crosses this header: screens and app/ know only `struct db` and
 * `struct db_error`. */
#ifndef GISE_DB_H
#define GISE_DB_H

#include <stdbool.h>
#include <stddef.h>

struct db;

enum db_error_kind {
    DB_OK,
    DB_CONNECTION_LOST,   /* cannot reach the server, or the link dropped */
    DB_NOT_STAFF,         /* the database role is not an active staff member */
    DB_INVALID_INPUT,     /* the database refused a value (constraint, format) */
    DB_CONFLICT,          /* someone else changed it, or a retry is needed */
    DB_PERMISSION,        /* the role may not do this */
    DB_NOT_FOUND,         /* what was asked for does not exist */
    DB_CANCELLED,         /* the statement was cancelled or timed out */
    DB_OTHER,             /* anything else: message says what */
};

struct db_error {
    enum db_error_kind kind;
    char sqlstate[6];     /* "" when the failure happened before the server */
    char message[512];    /* translated, one sentence or two, for the status row */
};

/* Opens a connection. `conninfo` is a libpq connection string or URI; NULL
 * means libpq's own environment (PGHOST, PGSERVICE, ...), or, when none of
 * those is set, the private cluster described by var/pg.env beside the
 * binary (GISE_HOME overrides where to look). Returns a connection the
 * caller frees with db_free, or NULL with *err filled in. */
struct db *db_connect(const char *conninfo, struct db_error *err);

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

/* Clears *err to "no error". */
void db_error_clear(struct db_error *err);

/* Fills *err with kind and a printf-formatted, already translated message. */
void db_error_set(struct db_error *err, enum db_error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
