/* What an operator reads afterwards: security-relevant events to syslog,
 * with the staff login and never personal data (no names, no identity
 * numbers, no typed text). Written straight to the syslog socket as RFC
 * 3164 datagrams, so the socket is a setting (tests listen on their own)
 * and nothing depends on the C library's one global syslog connection. */
#ifndef GISE_LOG_H
#define GISE_LOG_H

#include <stdbool.h>

struct settings;

enum log_event {
    LOG_SIGN_IN,            /* signed in (role group, office) */
    LOG_SIGN_IN_REFUSED,    /* the database role is not active staff */
    LOG_LOCKED,             /* the idle lock came on */
    LOG_UNLOCKED,
    LOG_UNLOCK_FAILED,      /* a wrong name, or the unlock command said no */
    LOG_CONNECTION_LOST,
    LOG_RECONNECTED,
    LOG_STEP_REFUSED,       /* the database refused a step (SQLSTATE) */
    LOG_PRINT_FAILED,       /* a letter could not be written or printed */
    LOG_LAPSE_RUN,          /* gise --lapse-overdue: how many lapsed */
    LOG_AUDIT_SEAL,         /* gise audit seal: the whole seal line */
    LOG_AUDIT_SEAL_REFUSED, /* the sealer found the chain broken under its last seal */
    LOG_AUDIT_SEAL_WAITING, /* no seal yet and no database: the sealer is not set up */
    LOG_AUDIT_VERIFY,       /* gise audit verify: rows, seals, breaks */
    LOG_SIGN_OUT,
};

/* Starts logging as `settings` say (off when syslog = no). `login` is the
 * database role; it is copied. Safe to call again after a reconnection. */
void log_open(const struct settings *settings, const char *login);

/* The login that later events name (known only after sign-in). */
void log_set_login(const char *login);

/* Sends one event with a printf-style detail: codes, counts and
 * application numbers only. Failing to log never stops gise. */
void log_event(enum log_event event, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Closes the socket. */
void log_close(void);

#endif
