/* Site settings (gise.conf(5)): the system file, then the user's, then the
 * environment, then the command line; a later source wins, key by key.
 * Every key is read and checked at start: an unknown key or a bad value
 * stops gise with the file and line, before anything else happens. */
#ifndef GISE_SETTINGS_H
#define GISE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum tls_policy { TLS_VERIFY_FULL, TLS_VERIFY_CA, TLS_REQUIRE, TLS_DISABLE };

enum setting {
    SET_DATABASE, SET_LANGUAGE, SET_SCREEN_READER, SET_COLOR, SET_LOCK_AFTER,
    SET_UNLOCK_COMMAND, SET_SPOOL, SET_PRINT_COMMAND, SET_TLS, SET_TRACE, SET_TRACE_PERSONAL,
    SET_SYSLOG, SET_SYSLOG_FACILITY, SET_SYSLOG_SOCKET, SET_DRAFTS, SET_COUNT
};

struct settings {
    char *text[SET_COUNT];          /* each value as given (owned), NULL: default */
    char *origin[SET_COUNT];        /* "FILE:LINE", "GISE_LANG", "--lang"; NULL: default */
    /* The values read, checked, with defaults applied: */
    const char *database;           /* libpq conninfo; NULL: libpq's own environment */
    const char *language;           /* "tr", "en", or NULL: the staff profile decides */
    bool screen_reader;             /* the staff profile may still turn it on */
    bool color;
    int lock_after_ms;              /* 0: never */
    const char *unlock_command;     /* NULL: type the login name */
    const char *spool;
    const char *print_command;      /* NULL: letters stay in the spool */
    enum tls_policy tls;
    const char *trace;              /* NULL: none */
    bool trace_personal;            /* the trace may hold names, typed text, identity numbers */
    bool syslog;
    int syslog_facility;            /* LOG_AUTHPRIV, ... */
    const char *syslog_socket;
    const char *drafts;             /* the drafts journal's directory; NULL: none */
};

/* The system file (SYSCONFDIR/gise/gise.conf) and the user's
 * ($XDG_CONFIG_HOME/gise/gise.conf, ~/.config/... when unset). */
const char *settings_system_file(void);
void settings_user_file(char *path, size_t size);

/* The spool an installed gise uses when no setting names one: `system_spool`
 * when it exists and the user may write there (the package makes
 * /var/spool/gise for the group gise-staff), else $XDG_STATE_HOME/gise/spool,
 * else ~/.local/state/gise/spool (a development tree uses its own
 * var/spool). A user with no home at all gets `system_spool`, where
 * writing then says why it cannot. */
void settings_default_spool(const char *system_spool, char *path, size_t size);

/* Fills *s with the defaults. Release with settings_free. */
void settings_init(struct settings *s);

/* Reads one settings file. A missing file is not an error when
 * `must_exist` is false. Returns 0, or -1 with a translated "FILE:LINE:
 * problem" in `why`; what was read before the bad line stays set. */
int settings_read_file(struct settings *s, const char *path, bool must_exist, char *why,
                       size_t size);

/* Takes the environment variables that name settings (GISE_LANG, ...,
 * NO_COLOR). Returns 0, or -1 with `why` naming the variable. */
int settings_read_environment(struct settings *s, char *why, size_t size);

/* The longest value a setting takes (a settings file's line is 4096 bytes). */
enum { SETTING_MAX_BYTES = 4000 };

/* Whether `value` may be a setting at all, whatever the key: text on one
 * line (valid UTF-8, no control character, no bidi override), at most
 * SETTING_MAX_BYTES. Returns 0, or -1 with `why` naming what was wrong and
 * where. Used for every value from a file, the environment or the command
 * line, and for the command line's CONNINFO and --config. */
int settings_check_text(const char *value, char *why, size_t size);

/* Sets one key from `origin` (e.g. "--lang"). Returns 0, or -1 with `why`
 * when the key is unknown or the value bad. */
int settings_set(struct settings *s, const char *key, const char *value, const char *origin,
                 char *why, size_t size);

/* Every key `over` has a value for replaces the one in *s (the options
 * over files and environment). */
void settings_override(struct settings *s, const struct settings *over);

/* The TLS policy as libpq's sslmode ("verify-full", ...). */
const char *settings_tls_mode(const struct settings *s);

/* The setting's name in files ("lock_after"). */
const char *settings_key(enum setting key);

/* Writes every key = value with where it came from, for --check-config. */
void settings_print(const struct settings *s, FILE *out);

/* Frees what *s owns. */
void settings_free(struct settings *s);

#endif
