/* What went wrong in the database layer, as facts: a kind, a reason, the
 * server's SQLSTATE, constraint and details. No words here: each front end
 * says it (app/core/explain.h). */
#ifndef GISE_DB_ERROR_H
#define GISE_DB_ERROR_H

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
    DB_R_NO_TLS_CONNECTION,   /* the same over the network, where TLS was demanded */
    DB_R_NOT_ENCRYPTED,       /* reached over the network in clear text though TLS was
                                 demanded; closed at once. `primary`: the host */
    DB_R_CONNECTION_LOST,     /* the connection dropped, or was gone before asking */
    DB_R_OUT_OF_MEMORY,
    DB_R_APPLICATION_UNSEEN,  /* no such application, or another office's */
    DB_R_ESCALATION_UNSEEN,
    DB_R_BAD_DOCUMENT_CODE,
    DB_R_BAD_RULE_CODE,
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

/* Clears *err to "no error". */
void db_error_clear(struct db_error *err);

/* Fills *err with kind and reason (no server facts). */
void db_error_reason(struct db_error *err, enum db_error_kind kind, enum db_reason reason);

/* Fills *err with kind and a printf-formatted text already in words
 * (DB_R_INPUT: a check of floor 1 said it; DB_R_CLIENT: the caller did). */
void db_error_set(struct db_error *err, enum db_error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
