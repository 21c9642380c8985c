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

/* What went wrong when no server error says it (reason DB_R_SERVER). */
enum db_reason {
    DB_R_SERVER,              /* the server's SQLSTATE, constraint and facts say it */
    DB_R_NO_CONNECTION,       /* could not connect: `primary` is libpq's reason */
    DB_R_CONNECTION_LOST,     /* the connection dropped, or was gone before asking */
    DB_R_OUT_OF_MEMORY,
    DB_R_APPLICATION_UNSEEN,  /* no such application, or another office's */
    DB_R_ESCALATION_UNSEEN,
    DB_R_BAD_DOCUMENT_CODE,
    DB_R_BAD_CHANNEL,
    DB_R_TOO_MANY_CHANNELS,
    DB_R_SETUP_FAILED,        /* a session setting was refused: `primary` says which */
    DB_R_INPUT,               /* checked before asking: `text` words it (floor 1) */
    DB_R_CLIENT,              /* the client's own failure: `text` words it */
};

/* What happened, as facts: a front end words it (app/core/explain.h), so
 * that "press F5" and "type r" are each said by their own front end. */
struct db_error {
    enum db_error_kind kind;
    enum db_reason reason;
    char sqlstate[6];     /* "" when the failure happened before the server */
    char constraint[64];  /* the constraint that failed, or "" */
    char primary[256];    /* the server's primary message (English), or libpq's */
    char detail[256];     /* the server's facts: flat JSON from the lifecycle functions */
    char text[512];       /* DB_R_INPUT and DB_R_CLIENT: already in words */
};

/* Opens a connection. `conninfo` is a libpq connection string or URI; NULL
 * means libpq's own environment (PGHOST, PGSERVICE, ...), or, in a
 * development build with none of those set, the tree's private cluster
 * (var/pg.env, or $GISE_VAR/pg.env). `sslmode` is the site's TLS policy,
 * used unless the conninfo or PGSSLMODE names one (libpq ignores it on a
 * Unix socket, which is local). Returns a connection the caller frees with
 * db_free, or NULL with *err filled in. */
struct db *db_connect(const char *conninfo, const char *sslmode, struct db_error *err);

/* The database role the connection signed in as ("" when unknown). */
const char *db_login(const struct db *db);

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

/* Fills *err with kind and reason (no server facts). */
void db_error_reason(struct db_error *err, enum db_error_kind kind, enum db_reason reason);

/* Fills *err with kind and a printf-formatted text already in words
 * (DB_R_INPUT: a check of floor 1 said it; DB_R_CLIENT: the caller did). */
void db_error_set(struct db_error *err, enum db_error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
