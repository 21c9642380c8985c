#include "db/db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/base/flat_json.h"
#include "app/base/i18n.h"
#include "db/query.h"

enum { DB_MAX_CHANNELS = 4, DB_CHANNEL_SIZE = 64 };

struct db {
    PGconn *conn;
    char *conninfo;   /* as given or as built from var/pg.env; NULL: environment */
    bool busy;        /* an asynchronous query is in flight */
    char channels[DB_MAX_CHANNELS][DB_CHANNEL_SIZE];   /* LISTENed, renewed on reconnect */
    int channel_count;
};

void db_error_clear(struct db_error *err)
{
    err->kind = DB_OK;
    err->sqlstate[0] = '\0';
    err->message[0] = '\0';
}

void db_error_set(struct db_error *err, enum db_error_kind kind, const char *fmt, ...)
{
    va_list ap;
    err->kind = kind;
    err->sqlstate[0] = '\0';
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

/* Appends key='value' to a conninfo string, quoting as libpq requires. */
static int append_conninfo(char **info, size_t *len, const char *key, const char *value)
{
    size_t need = strlen(key) + 2 * strlen(value) + 5;
    char *grown = realloc(*info, *len + need + 1);
    if (!grown)
        return -1;
    *info = grown;
    char *p = grown + *len;
    p += sprintf(p, "%s%s='", *len ? " " : "", key);
    for (const char *v = value; *v; v++) {
        if (*v == '\'' || *v == '\\')
            *p++ = '\\';
        *p++ = *v;
    }
    *p++ = '\'';
    *p = '\0';
    *len = (size_t)(p - grown);
    return 0;
}

/* var/pg.env beside the binary or up to three levels above it (tests run
 * from build/tests/...), or under $GISE_HOME. */
static FILE *open_private_env(void)
{
    char path[4096];
    const char *home = getenv("GISE_HOME");
    if (home && *home) {
        snprintf(path, sizeof path, "%s/var/pg.env", home);
        return fopen(path, "r");
    }
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 32);
    if (n <= 0)
        return NULL;
    path[n] = '\0';
    for (int level = 0; level < 4; level++) {
        char *slash = strrchr(path, '/');
        if (!slash)
            break;
        *slash = '\0';
        size_t base = strlen(path);
        strcpy(path + base, "/var/pg.env");
        FILE *f = fopen(path, "r");
        if (f)
            return f;
        path[base] = '\0';
    }
    return NULL;
}

static char *private_conninfo(void)
{
    if (getenv("PGHOST") || getenv("PGHOSTADDR") || getenv("PGSERVICE") ||
        getenv("PGDATABASE"))
        return NULL;
    FILE *f = open_private_env();
    if (!f)
        return NULL;
    static const struct {
        const char *var, *key;
    } known[] = {
        {"PGHOST", "host"}, {"PGPORT", "port"}, {"PGDATABASE", "dbname"}, {"PGUSER", "user"},
    };
    char line[1024];
    char *info = NULL;
    size_t len = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *eq = strchr(line, '=');
        if (line[0] == '#' || !eq)
            continue;
        *eq = '\0';
        for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
            /* An explicit PGUSER in the environment wins over the file's. */
            if (strcmp(line, known[i].var) != 0 || getenv(known[i].var))
                continue;
            if (append_conninfo(&info, &len, known[i].key, eq + 1) != 0) {
                free(info);
                fclose(f);
                return NULL;
            }
        }
    }
    fclose(f);
    return info;
}

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static int send_listen(struct db *db, const char *channel, struct db_error *err)
{
    char sql[DB_CHANNEL_SIZE + 16];
    snprintf(sql, sizeof sql, "LISTEN %s", channel);
    return db_query(db, sql, 0, NULL, NULL, err);
}

static int open_connection(struct db *db, struct db_error *err)
{
    /* A fallback, so PGAPPNAME (or the conninfo) can name the session. */
    const char *keys[] = {"dbname", "fallback_application_name", "client_encoding", NULL};
    const char *values[] = {db->conninfo ? db->conninfo : "", "gise", "UTF8", NULL};
    db->conn = PQconnectdbParams(keys, values, 1);
    if (!db->conn) {
        db_error_set(err, DB_OTHER, "%s", _("Out of memory while connecting to the database."));
        return -1;
    }
    if (PQstatus(db->conn) != CONNECTION_OK) {
        char reason[400];
        snprintf(reason, sizeof reason, "%s", PQerrorMessage(db->conn));
        reason[strcspn(reason, "\n")] = '\0';
        db_error_set(err, DB_CONNECTION_LOST,
                     _("Cannot connect to the database (%s). Check that it is running; "
                       "for the demo database run: make db"),
                     reason);
        PQfinish(db->conn);
        db->conn = NULL;
        return -1;
    }
    /* The server's notices ("terminating connection ...") would otherwise
     * be written to stderr, over the screen; lost connections are reported
     * in words by the query path instead. */
    PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
    /* Statements that hang must not freeze a counter; the server enforces it. */
    PGresult *res = PQexec(db->conn, "SET statement_timeout = '30s'");
    PQclear(res);
    for (int i = 0; i < db->channel_count; i++) {
        if (send_listen(db, db->channels[i], err) != 0) {
            PQfinish(db->conn);
            db->conn = NULL;
            return -1;
        }
    }
    return 0;
}

struct db *db_connect(const char *conninfo, struct db_error *err)
{
    db_error_clear(err);
    struct db *db = calloc(1, sizeof *db);
    if (!db) {
        db_error_set(err, DB_OTHER, "%s", _("Out of memory while connecting to the database."));
        return NULL;
    }
    db->conninfo = conninfo ? strdup(conninfo) : private_conninfo();
    if (open_connection(db, err) != 0) {
        free(db->conninfo);
        free(db);
        return NULL;
    }
    return db;
}

void db_free(struct db *db)
{
    if (!db)
        return;
    if (db->conn)
        PQfinish(db->conn);   /* the server rolls back whatever was open */
    free(db->conninfo);
    free(db);
}

int db_socket(const struct db *db)
{
    return db && db->conn ? PQsocket(db->conn) : -1;
}

bool db_is_connected(const struct db *db)
{
    return db && db->conn && PQstatus(db->conn) == CONNECTION_OK;
}

int db_reconnect(struct db *db, struct db_error *err)
{
    db_error_clear(err);
    db->busy = false;
    if (db->conn)
        PQfinish(db->conn);
    db->conn = NULL;
    return open_connection(db, err);
}

/* SQLSTATE → kind and message. Exact codes first, then classes (two chars). */
static const struct {
    const char *state;
    enum db_error_kind kind;
    const char *message;
} state_messages[] = {
    {"GS001", DB_NOT_STAFF, N_("Your database account is not registered as gise staff. Ask an administrator to add you.")},
    {"GS010", DB_PERMISSION, N_("The logs cannot be changed or deleted.")},
    {"GS020", DB_INVALID_INPUT, N_("Identity number is not valid: its check digits do not match. Check for a mistyped digit.")},
    {"GS021", DB_NOT_FOUND, N_("That citizen no longer exists. Search again.")},
    {"23505", DB_CONFLICT, N_("This record already exists.")},
    {"23503", DB_INVALID_INPUT, N_("This refers to a record that does not exist.")},
    {"23502", DB_INVALID_INPUT, N_("A required value is missing.")},
    {"22001", DB_INVALID_INPUT, N_("A value is too long. Shorten it.")},
    {"22021", DB_INVALID_INPUT, N_("A value contains bytes that are not valid UTF-8.")},
    {"40001", DB_CONFLICT, N_("Someone else changed this at the same time. Refresh and try again.")},
    {"40P01", DB_CONFLICT, N_("Someone else changed this at the same time. Refresh and try again.")},
    {"42501", DB_PERMISSION, N_("You are not allowed to do this.")},
    {"57014", DB_CANCELLED, N_("The database took too long and the request was cancelled. Try again.")},
    {"08", DB_CONNECTION_LOST, N_("The connection to the database was lost. Press F5 to reconnect; nothing you typed is lost.")},
    {"57P", DB_CONNECTION_LOST, N_("The database is shutting down or restarting. Press F5 to reconnect.")},
    {"22", DB_INVALID_INPUT, N_("The database refused a value as invalid.")},
    {"23", DB_INVALID_INPUT, N_("The database refused the change because a rule is not met.")},
    {"53", DB_OTHER, N_("The database is out of resources. Try again in a moment.")},
};

/* A CHECK constraint names the rule that failed; say it in words. */
static const struct {
    const char *constraint;
    const char *message;
} constraint_messages[] = {
    {"citizen_national_id_valid", N_("Identity number is not valid: its check digits do not match. Check for a mistyped digit.")},
    {"citizen_national_id_key", N_("A citizen with this identity number already exists.")},
    {"citizen_given_name_text", N_("Given name must be 1 to 100 characters with no control characters.")},
    {"citizen_family_name_text", N_("Family name must be 1 to 100 characters with no control characters.")},
    {"citizen_name_searchable", N_("Names must contain at least one letter or digit.")},
    {"citizen_birth_date_range", N_("Birth date is not plausible. Check the year.")},
    {"citizen_phone_format", N_("Phone number may contain digits, spaces and a leading + only.")},
    {"citizen_email_format", N_("E-mail address must look like name@example.org.")},
};

/* Refusals of the lifecycle functions (0005_lifecycle.sql), by the
 * server's exact primary message. */
static const struct {
    const char *server;
    const char *message;
} rule_messages[] = {
    {"a deficiency notice lists at least one missing document",
     N_("A deficiency notice must list at least one missing document. Tick the missing ones.")},
    {"a deficiency notice needs a note", N_("Note: a deficiency notice needs a note. Write one.")},
    {"a rejection needs a written explanation",
     N_("Explanation: a rejection needs a written explanation. Write one.")},
    {"every mandatory document must be received and checked before approval",
     N_("Every mandatory document must be received and checked before approval.")},
    {"a withdrawal needs the citizen's reason", N_("Reason: a withdrawal needs the citizen's reason.")},
    {"an escalation needs a reason", N_("Reason: an escalation needs a reason.")},
    {"this rejection needs a supervisor: escalate the application",
     N_("This rejection needs a supervisor. Escalate the application instead (F9).")},
    {"approving a medium risk service needs a supervisor: escalate the application",
     N_("Approving this service needs a supervisor. Escalate the application instead (F9).")},
    {"approving a high risk service needs a supervisor: escalate the application",
     N_("Approving this service needs a supervisor. Escalate the application instead (F9).")},
    {"deciding an escalation needs a comment", N_("Comment: deciding an escalation needs a comment.")},
    {"only a supervisor decides an escalation", N_("Only a supervisor of the office decides an escalation.")},
    {"a requested rejection needs a reason from the catalogue",
     N_("Reason: asking for a rejection needs a reason from the catalogue. Choose one.")},
    {"the inbox is for counter staff and auditors", N_("The inbox is for counter staff and auditors.")},
};

static bool lifecycle_error(const PGresult *res, const char *state, struct db_error *err)
{
    if (strncmp(state, "GS10", 4) != 0)
        return false;
    const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    char who[128], at[64], status[64], earliest[16], latest[16];
    flat_json_string(detail, "who", who, sizeof who);
    flat_json_string(detail, "at", at, sizeof at);
    flat_json_string(detail, "status", status, sizeof status);
    flat_json_string(detail, "earliest", earliest, sizeof earliest);
    flat_json_string(detail, "latest", latest, sizeof latest);
    if (strcmp(state, "GS102") == 0) {
        /* "2026-11-23T10:41:07.12+03:00" → "2026-11-23 10:41" */
        if (strlen(at) >= 16)
            at[10] = ' ', at[16] = '\0';
        db_error_set(err, DB_CONFLICT,
                     _("%s changed this application at %s. Its current state is shown; what you typed is kept."),
                     who[0] ? who : _("Someone else"), at[0] ? at : "?");
    } else if (strcmp(state, "GS101") == 0) {
        db_error_set(err, DB_INVALID_INPUT,
                     _("This is not possible while the application is %s. Refresh with F5."), status);
    } else if (strcmp(state, "GS108") == 0) {
        db_error_set(err, DB_PERMISSION, "%s",
                     _("You raised this escalation, so another supervisor must decide it."));
    } else if (strcmp(state, "GS107") == 0) {
        db_error_set(err, DB_PERMISSION, "%s",
                     _("This application belongs to another office; only its own office can act on it."));
    } else if (strcmp(state, "GS105") == 0) {
        db_error_set(err, DB_INVALID_INPUT,
                     _("Deadline: choose a working day from %s to %s."), earliest, latest);
    } else {
        const char *message = NULL;
        for (size_t i = 0; primary && i < sizeof rule_messages / sizeof *rule_messages; i++)
            if (strcmp(primary, rule_messages[i].server) == 0)
                message = _(rule_messages[i].message);
        if (message)
            db_error_set(err, strcmp(state, "GS103") == 0 ? DB_PERMISSION : DB_INVALID_INPUT, "%s", message);
        else
            db_error_set(err, strcmp(state, "GS103") == 0 ? DB_PERMISSION
                              : strcmp(state, "GS106") == 0 ? DB_NOT_FOUND : DB_INVALID_INPUT,
                         _("The database refused this: %s"), primary ? primary : state);
    }
    snprintf(err->sqlstate, sizeof err->sqlstate, "%s", state);
    return true;
}

void db_error_from_result(struct db *db, const PGresult *res, struct db_error *err)
{
    db_error_clear(err);
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (!res || !state || PQstatus(db->conn) != CONNECTION_OK) {
        db_error_set(err, DB_CONNECTION_LOST, "%s",
                     _("The connection to the database was lost. Press F5 to reconnect; nothing you typed is lost."));
        if (state)
            snprintf(err->sqlstate, sizeof err->sqlstate, "%s", state);
        return;
    }
    if (lifecycle_error(res, state, err))
        return;
    const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    if (constraint) {
        for (size_t i = 0; i < sizeof constraint_messages / sizeof *constraint_messages; i++) {
            if (strcmp(constraint, constraint_messages[i].constraint) == 0) {
                db_error_set(err, DB_INVALID_INPUT, "%s", _(constraint_messages[i].message));
                snprintf(err->sqlstate, sizeof err->sqlstate, "%s", state);
                return;
            }
        }
    }
    for (size_t i = 0; i < sizeof state_messages / sizeof *state_messages; i++) {
        if (strncmp(state, state_messages[i].state, strlen(state_messages[i].state)) == 0) {
            db_error_set(err, state_messages[i].kind, "%s", _(state_messages[i].message));
            snprintf(err->sqlstate, sizeof err->sqlstate, "%s", state);
            return;
        }
    }
    /* Unknown: the server's own (English) primary message is better than
     * nothing, and the code lets an administrator look it up. */
    const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    db_error_set(err, DB_OTHER, _("The database reported an error (%s): %s"), state,
                 primary ? primary : "?");
    snprintf(err->sqlstate, sizeof err->sqlstate, "%s", state);
}

int db_query(struct db *db, const char *sql, int nparams, const char *const *params,
             PGresult **result, struct db_error *err)
{
    db_error_clear(err);
    if (result)
        *result = NULL;
    if (!db || !db->conn || PQstatus(db->conn) != CONNECTION_OK) {
        db_error_set(err, DB_CONNECTION_LOST, "%s",
                     _("The connection to the database was lost. Press F5 to reconnect; nothing you typed is lost."));
        return -1;
    }
    db_drain(db);
    PGresult *res = PQexecParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0);
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
        if (result)
            *result = res;
        else
            PQclear(res);
        return 0;
    }
    db_error_from_result(db, res, err);
    PQclear(res);
    return -1;
}

char *db_strdup_value(const PGresult *res, int row, int col, int *oom)
{
    if (PQgetisnull(res, row, col))
        return NULL;
    char *copy = strdup(PQgetvalue(res, row, col));
    if (!copy)
        *oom = 1;
    return copy;
}

static bool connection_ok(struct db *db, struct db_error *err)
{
    if (db && db->conn && PQstatus(db->conn) == CONNECTION_OK)
        return true;
    db_error_set(err, DB_CONNECTION_LOST, "%s",
                 _("The connection to the database was lost. Press F5 to reconnect; nothing you typed is lost."));
    return false;
}

int db_send(struct db *db, const char *sql, int nparams, const char *const *params,
            struct db_error *err)
{
    db_error_clear(err);
    if (!connection_ok(db, err))
        return -1;
    db_drain(db);
    if (!PQsendQueryParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0)) {
        db_error_from_result(db, NULL, err);
        return -1;
    }
    db->busy = true;
    return 0;
}

int db_receive(struct db *db, PGresult **result, struct db_error *err)
{
    db_error_clear(err);
    *result = NULL;
    if (!db->busy)
        return 0;
    if (!PQconsumeInput(db->conn)) {
        db->busy = false;
        db_error_from_result(db, NULL, err);
        return -1;
    }
    if (PQisBusy(db->conn))
        return 0;
    PGresult *res = PQgetResult(db->conn), *extra;
    /* A single statement gives one result; collect the terminating NULL. */
    while ((extra = PQgetResult(db->conn)) != NULL)
        PQclear(extra);
    db->busy = false;
    ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
        *result = res;
        return 1;
    }
    db_error_from_result(db, res, err);
    PQclear(res);
    return -1;
}

bool db_busy(const struct db *db)
{
    return db && db->busy;
}

void db_drain(struct db *db)
{
    if (!db || !db->busy || !db->conn)
        return;
    PGresult *res;
    while ((res = PQgetResult(db->conn)) != NULL)
        PQclear(res);
    db->busy = false;
}

int db_listen(struct db *db, const char *channel, struct db_error *err)
{
    db_error_clear(err);
    /* An identifier, so it can go into the statement unquoted. */
    size_t len = strlen(channel);
    if (len == 0 || len >= DB_CHANNEL_SIZE ||
        strspn(channel, "abcdefghijklmnopqrstuvwxyz0123456789_") != len) {
        db_error_set(err, DB_INVALID_INPUT, "%s", _("A notification channel name is not valid."));
        return -1;
    }
    for (int i = 0; i < db->channel_count; i++)
        if (strcmp(db->channels[i], channel) == 0)
            return 0;
    if (db->channel_count == DB_MAX_CHANNELS) {
        db_error_set(err, DB_OTHER, "%s", _("Too many notification channels."));
        return -1;
    }
    if (send_listen(db, channel, err) != 0)
        return -1;
    snprintf(db->channels[db->channel_count++], DB_CHANNEL_SIZE, "%s", channel);
    return 0;
}

int db_consume(struct db *db, struct db_error *err)
{
    db_error_clear(err);
    if (!connection_ok(db, err))
        return -1;
    if (!PQconsumeInput(db->conn) || PQstatus(db->conn) != CONNECTION_OK) {
        db_error_from_result(db, NULL, err);
        return -1;
    }
    return 0;
}

bool db_notification(struct db *db, char *channel, size_t channel_size, char *payload,
                     size_t payload_size)
{
    if (!db || !db->conn)
        return false;
    PGnotify *n = PQnotifies(db->conn);
    if (!n)
        return false;
    snprintf(channel, channel_size, "%s", n->relname);
    snprintf(payload, payload_size, "%s", n->extra);
    PQfreemem(n);
    return true;
}
