#include "db/db.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "db/query.h"
#include "db/tls.h"

enum { DB_MAX_CHANNELS = 4, DB_CHANNEL_SIZE = 64, DB_NOTICES = 16, DB_NOTICE_SIZE = 300 };

struct db {
    PGconn *conn;
    char *conninfo;   /* as given or as built from var/pg.env; NULL: environment */
    char tls_policy[16];   /* the site's sslmode for the network; "": none imposed */
    char notices[DB_NOTICES][DB_NOTICE_SIZE];   /* the newest DB_NOTICES, a ring */
    unsigned notice_first, notice_count;
    bool busy;        /* an asynchronous query is in flight */
    char channels[DB_MAX_CHANNELS][DB_CHANNEL_SIZE];   /* LISTENed, renewed on reconnect */
    int channel_count;
    unsigned long queries;   /* statements sent, for tests and the trace */
};

void db_error_clear(struct db_error *err)
{
    memset(err, 0, sizeof *err);
}

void db_error_reason(struct db_error *err, enum db_error_kind kind, enum db_reason reason)
{
    db_error_clear(err);
    err->kind = kind;
    err->reason = reason;
}

void db_error_set(struct db_error *err, enum db_error_kind kind, const char *fmt, ...)
{
    va_list ap;
    db_error_reason(err, kind, kind == DB_INVALID_INPUT ? DB_R_INPUT : DB_R_CLIENT);
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
}

static void copy_field(char *out, size_t size, const char *value)
{
    snprintf(out, size, "%s", value ? value : "");
}


#ifdef GISE_TREE
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

/* A development build's private cluster: $GISE_VAR/pg.env, else the
 * tree's var/pg.env. An installed build has none. */
static FILE *open_private_env(void)
{
    char path[4096];
    const char *var = getenv("GISE_VAR");
    snprintf(path, sizeof path, "%s/pg.env", var && *var ? var : GISE_TREE "/var");
    return fopen(path, "r");
}
#endif

static char *private_conninfo(void)
{
#ifndef GISE_TREE
    return NULL;
#else
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
#endif
}

/* The server's notices would otherwise be written to stderr, over the
 * screen: they are kept instead (db_take_notice). */
static void keep_notice(void *arg, const char *message)
{
    struct db *db = arg;
    unsigned slot = (db->notice_first + db->notice_count) % DB_NOTICES;
    if (db->notice_count == DB_NOTICES)
        db->notice_first = (db->notice_first + 1) % DB_NOTICES;
    else
        db->notice_count++;
    snprintf(db->notices[slot], DB_NOTICE_SIZE, "%s", message);
    db->notices[slot][strcspn(db->notices[slot], "\n")] = '\0';
}

bool db_take_notice(struct db *db, char *buf, size_t size)
{
    if (!db || db->notice_count == 0)
        return false;
    snprintf(buf, size, "%s", db->notices[db->notice_first]);
    db->notice_first = (db->notice_first + 1) % DB_NOTICES;
    db->notice_count--;
    return true;
}

const char *db_login(const struct db *db)
{
    const char *user = db && db->conn ? PQuser(db->conn) : NULL;
    return user ? user : "";
}

static int send_listen(struct db *db, const char *channel, struct db_error *err)
{
    char sql[DB_CHANNEL_SIZE + 16];
    snprintf(sql, sizeof sql, "LISTEN %s", channel);
    return db_query(db, sql, 0, NULL, NULL, err);
}

/* A connection that reached the server over the network in clear text
 * while TLS was demanded: refused before a statement is sent. */
static bool clear_text_slipped_through(struct db *db, const char *sslmode)
{
    if (!tls_demanded(db->tls_policy) && !tls_demanded(sslmode))
        return false;
    struct db_link link;
    tls_describe(db->conn, &link);
    return link.transport == DB_LINK_PLAIN;
}

static int open_connection(struct db *db, struct db_error *err)
{
    /* TLS is decided before a byte is sent: the sslmode comes after the
     * conninfo (expanded from dbname), so neither it nor PGSSLMODE nor a
     * service file can weaken it. A fallback name, so PGAPPNAME or the
     * conninfo can name the session. */
    char sslmode[16];
    tls_sslmode(db->conninfo, db->tls_policy, sslmode, sizeof sslmode);
    const char *keys[5], *values[5];
    int n = 0;
    keys[n] = "dbname";
    values[n++] = db->conninfo ? db->conninfo : "";
    if (sslmode[0]) {
        keys[n] = "sslmode";
        values[n++] = sslmode;
    }
    keys[n] = "fallback_application_name";
    values[n++] = "gise";
    keys[n] = "client_encoding";
    values[n++] = "UTF8";
    keys[n] = NULL;
    values[n] = NULL;
    db->conn = PQconnectdbParams(keys, values, 1);
    if (!db->conn) {
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    if (PQstatus(db->conn) != CONNECTION_OK) {
        db_error_reason(err, DB_CONNECTION_LOST, tls_demanded(sslmode) ? DB_R_NO_TLS_CONNECTION : DB_R_NO_CONNECTION);
        copy_field(err->primary, sizeof err->primary, PQerrorMessage(db->conn));
        err->primary[strcspn(err->primary, "\n")] = '\0';
        PQfinish(db->conn);
        db->conn = NULL;
        return -1;
    }
    if (clear_text_slipped_through(db, sslmode)) {
        db_error_reason(err, DB_CONNECTION_LOST, DB_R_NOT_ENCRYPTED);
        copy_field(err->primary, sizeof err->primary, PQhost(db->conn));
        PQfinish(db->conn);
        db->conn = NULL;
        return -1;
    }
    PQsetNoticeProcessor(db->conn, keep_notice, db);
    /* Statements that hang must not freeze a counter; the server enforces
     * it, and a connection where it cannot be set is not used. */
    if (db_query(db, "SET statement_timeout = '30s'", 0, NULL, NULL, err) != 0) {
        if (err->reason == DB_R_SERVER) {
            err->reason = DB_R_SETUP_FAILED;
            copy_field(err->primary, sizeof err->primary, "statement_timeout");
        }
        PQfinish(db->conn);
        db->conn = NULL;
        return -1;
    }
    for (int i = 0; i < db->channel_count; i++) {
        if (send_listen(db, db->channels[i], err) != 0) {
            PQfinish(db->conn);
            db->conn = NULL;
            return -1;
        }
    }
    return 0;
}

struct db *db_connect(const char *conninfo, const char *tls_policy, struct db_error *err)
{
    db_error_clear(err);
    struct db *db = calloc(1, sizeof *db);
    if (!db) {
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return NULL;
    }
    snprintf(db->tls_policy, sizeof db->tls_policy, "%s", tls_policy ? tls_policy : "");
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

void db_describe_link(const struct db *db, struct db_link *out)
{
    tls_describe(db ? db->conn : NULL, out);
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

/* SQLSTATE → kind: exact codes first, then classes (two characters). The
 * words are the front end's (app/core/explain.c). */
static const struct {
    const char *state;
    enum db_error_kind kind;
} state_kinds[] = {
    {"GS001", DB_NOT_STAFF}, {"GS010", DB_PERMISSION}, {"GS021", DB_NOT_FOUND},
    {"GS022", DB_CONFLICT}, {"GS023", DB_PERMISSION}, {"GS025", DB_PERMISSION},
    {"GS101", DB_INVALID_INPUT}, {"GS102", DB_CONFLICT}, {"GS103", DB_PERMISSION},
    {"GS106", DB_NOT_FOUND}, {"GS107", DB_PERMISSION}, {"GS108", DB_PERMISSION},
    {"GS", DB_INVALID_INPUT},
    {"23505", DB_CONFLICT}, {"40001", DB_CONFLICT}, {"40P01", DB_CONFLICT},
    {"42501", DB_PERMISSION}, {"57014", DB_CANCELLED}, {"08", DB_CONNECTION_LOST},
    {"57P", DB_CONNECTION_LOST}, {"22", DB_INVALID_INPUT}, {"23", DB_INVALID_INPUT},
};

void db_error_from_result(struct db *db, const PGresult *res, struct db_error *err)
{
    db_error_clear(err);
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    if (!res || !state || PQstatus(db->conn) != CONNECTION_OK) {
        db_error_reason(err, DB_CONNECTION_LOST, DB_R_CONNECTION_LOST);
        copy_field(err->sqlstate, sizeof err->sqlstate, state);
        return;
    }
    err->kind = DB_OTHER;
    err->reason = DB_R_SERVER;
    copy_field(err->sqlstate, sizeof err->sqlstate, state);
    copy_field(err->constraint, sizeof err->constraint,
               PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME));
    copy_field(err->primary, sizeof err->primary, PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY));
    /* Only the lifecycle functions' details are facts (flat JSON); others
     * may quote a failing row, which is nobody's business on a screen. */
    if (strncmp(state, "GS", 2) == 0)
        copy_field(err->detail, sizeof err->detail, PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL));
    for (size_t i = 0; i < sizeof state_kinds / sizeof *state_kinds; i++) {
        if (strncmp(state, state_kinds[i].state, strlen(state_kinds[i].state)) == 0) {
            err->kind = state_kinds[i].kind;
            break;
        }
    }
}

int db_query(struct db *db, const char *sql, int nparams, const char *const *params,
             PGresult **result, struct db_error *err)
{
    db_error_clear(err);
    if (result)
        *result = NULL;
    if (!db || !db->conn || PQstatus(db->conn) != CONNECTION_OK) {
        db_error_reason(err, DB_CONNECTION_LOST, DB_R_CONNECTION_LOST);
        return -1;
    }
    db_drain(db);
    db->queries++;
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

int db_query_rows(struct db *db, const char *sql, int nparams, const char *const *params,
                  void (*row)(const PGresult *res, int i, void *ctx), void *ctx, struct db_error *err)
{
    PGresult *res;
    if (db_query(db, sql, nparams, params, &res, err) != 0)
        return -1;
    for (int i = 0; i < PQntuples(res); i++)
        row(res, i, ctx);
    PQclear(res);
    return 0;
}

int db_query_array(struct db *db, const char *sql, int nparams, const char *const *params, size_t size,
                   void (*read)(const PGresult *res, int i, void *element, void *ctx, int *oom),
                   void (*release)(void *element), void *ctx, void **items, size_t *count,
                   struct db_error *err)
{
    *items = NULL;
    *count = 0;
    PGresult *res;
    if (db_query(db, sql, nparams, params, &res, err) != 0)
        return -1;
    size_t n = (size_t)PQntuples(res);
    char *array = n ? calloc(n, size) : NULL;
    int oom = n && !array;
    for (size_t i = 0; i < n && !oom; i++)
        read(res, (int)i, array + i * size, ctx, &oom);
    PQclear(res);
    if (oom) {
        /* Elements not reached are still zeroed: releasing them frees nothing. */
        for (size_t i = 0; array && i < n; i++)
            release(array + i * size);
        free(array);
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    *items = array;
    *count = n;
    return 0;
}

int db_query_pipeline(struct db *db, const struct db_statement *stmts, int n, PGresult **results,
                      struct db_error *err)
{
    db_error_clear(err);
    for (int i = 0; i < n; i++)
        results[i] = NULL;
    if (!db || !db->conn || PQstatus(db->conn) != CONNECTION_OK) {
        db_error_reason(err, DB_CONNECTION_LOST, DB_R_CONNECTION_LOST);
        return -1;
    }
    db_drain(db);
    if (!PQenterPipelineMode(db->conn)) {
        db_error_from_result(db, NULL, err);
        return -1;
    }
    int sent = 0;
    /* A sync after each statement ends its implicit transaction: it
     * commits before the next statement runs. */
    while (sent < n && PQsendQueryParams(db->conn, stmts[sent].sql, stmts[sent].nparams, NULL,
                                         stmts[sent].params, NULL, NULL, 0) &&
           PQpipelineSync(db->conn))
        sent++;
    bool failed = sent < n;
    if (failed)
        db_error_from_result(db, NULL, err);
    for (int i = 0; i < sent; i++) {
        PGresult *res = PQgetResult(db->conn);
        bool answered = res != NULL;
        ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
            results[i] = res;
        } else {
            if (!failed) {
                failed = true;
                db_error_from_result(db, res, err);
            }
            PQclear(res);
        }
        if (!answered || PQstatus(db->conn) != CONNECTION_OK)
            break;
        /* The statement's end (NULL), then its sync; never more than that
         * many NULLs, which would mean nothing more is coming. */
        for (int nulls = 0; nulls < 2;) {
            PGresult *extra = PQgetResult(db->conn);
            if (!extra) {
                nulls++;
                continue;
            }
            ExecStatusType st = PQresultStatus(extra);
            PQclear(extra);
            if (st == PGRES_PIPELINE_SYNC)
                break;
        }
    }
    PQexitPipelineMode(db->conn);
    if (failed) {
        if (err->kind == DB_OK)
            db_error_reason(err, DB_CONNECTION_LOST, DB_R_CONNECTION_LOST);
        for (int i = 0; i < n; i++) {
            PQclear(results[i]);
            results[i] = NULL;
        }
        return -1;
    }
    return 0;
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
    db_error_reason(err, DB_CONNECTION_LOST, DB_R_CONNECTION_LOST);
    return false;
}

int db_send(struct db *db, const char *sql, int nparams, const char *const *params,
            struct db_error *err)
{
    db_error_clear(err);
    if (!connection_ok(db, err))
        return -1;
    db_drain(db);
    db->queries++;
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

unsigned long db_queries_sent(const struct db *db)
{
    return db ? db->queries : 0;
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
        db_error_reason(err, DB_INVALID_INPUT, DB_R_BAD_CHANNEL);
        return -1;
    }
    for (int i = 0; i < db->channel_count; i++)
        if (strcmp(db->channels[i], channel) == 0)
            return 0;
    if (db->channel_count == DB_MAX_CHANNELS) {
        db_error_reason(err, DB_OTHER, DB_R_TOO_MANY_CHANNELS);
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
