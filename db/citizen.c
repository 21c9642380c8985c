#include "db/citizen.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/text/fold.h"
#include "i18n/text/national_id.h"
#include "i18n/text/text_check.h"
#include "db/query.h"

/* Longest query worth sending: more than any real name. */
enum { QUERY_MAX_CHARS = 200 };

static void hits_from_result(const PGresult *res, struct citizen_hits *out, int *oom)
{
    int rows = PQntuples(res);
    out->items = rows ? calloc((size_t)rows, sizeof *out->items) : NULL;
    if (rows && !out->items) {
        *oom = 1;
        return;
    }
    for (int r = 0; r < rows; r++) {
        struct citizen_hit *h = &out->items[r];
        h->id = strtoll(PQgetvalue(res, r, 0), NULL, 10);
        snprintf(h->national_id_masked, sizeof h->national_id_masked, "%s", PQgetvalue(res, r, 1));
        h->given_name = db_strdup_value(res, r, 2, oom);
        h->family_name = db_strdup_value(res, r, 3, oom);
        h->birth_year = atoi(PQgetvalue(res, r, 4));
        h->city = db_strdup_value(res, r, 5, oom);
        h->match = (enum citizen_match)atoi(PQgetvalue(res, r, 6));
        out->count = (size_t)r + 1;
    }
}

/* Copies a result's hits into *out and clears the result. */
static int take_hits(PGresult *res, struct citizen_hits *out, struct db_error *err)
{
    int oom = 0;
    hits_from_result(res, out, &oom);
    PQclear(res);
    if (oom) {
        citizen_hits_free(out);
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    return 0;
}

static int run_hits_query(struct db *db, const char *sql, int nparams, const char *const *params,
                          struct citizen_hits *out, struct db_error *err)
{
    PGresult *res;
    if (db_query(db, sql, nparams, params, &res, err) != 0)
        return -1;
    return take_hits(res, out, err);
}

static const char search_sql[] =
    "SELECT id, national_id_masked, given_name, family_name, birth_year, city, match_rank "
    "FROM gise.citizen_search($1, $2::integer)";

/* Checks and folds a query. 0: *key is the folded key to send (caller
 * frees); 1: nothing to search for; -1: refused, *err says why. */
static int search_key(const char *query, char **key, struct db_error *err)
{
    *key = NULL;
    enum text_problem problem;
    char *clean = text_prepare(query, strlen(query), TEXT_NOTE, QUERY_MAX_CHARS, &problem, NULL);
    if (!clean) {
        if (problem == TEXT_OK) {
            db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        } else {
            db_error_set(err, DB_INVALID_INPUT, "%s", text_problem_message(problem));
            snprintf(err->primary, sizeof err->primary, "search");   /* the field */
        }
        return -1;
    }
    *key = fold_name(clean, strlen(clean));
    free(clean);
    if (!*key) {
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    if ((*key)[0] == '\0') {
        free(*key);
        *key = NULL;
        return 1;
    }
    return 0;
}

int citizen_search(struct db *db, const char *query, int max_rows,
                   struct citizen_hits *out, struct db_error *err)
{
    out->items = NULL;
    out->count = 0;
    db_error_clear(err);
    char *key;
    int rc = search_key(query, &key, err);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    char limit[16];
    snprintf(limit, sizeof limit, "%d", max_rows);
    const char *params[] = {key, limit};
    rc = run_hits_query(db, search_sql, 2, params, out, err);
    free(key);
    return rc;
}

int citizen_search_send(struct db *db, const char *query, int max_rows, struct db_error *err)
{
    db_error_clear(err);
    char *key;
    int rc = search_key(query, &key, err);
    if (rc != 0)
        return rc;
    char limit[16];
    snprintf(limit, sizeof limit, "%d", max_rows);
    const char *params[] = {key, limit};
    rc = db_send(db, search_sql, 2, params, err);
    free(key);
    return rc;
}

int citizen_search_receive(struct db *db, struct citizen_hits *out, struct db_error *err)
{
    out->items = NULL;
    out->count = 0;
    PGresult *res;
    int rc = db_receive(db, &res, err);
    if (rc != 1)
        return rc;
    return take_hits(res, out, err) == 0 ? 1 : -1;
}

int citizen_by_national_id(struct db *db, const char *national_id, const char *purpose,
                           const char *screen, struct citizen_hits *out, struct db_error *err)
{
    out->items = NULL;
    out->count = 0;
    db_error_clear(err);
    enum national_id_status status = national_id_check(national_id, strlen(national_id));
    if (status != NATIONAL_ID_OK) {
        db_error_set(err, DB_INVALID_INPUT, "%s", national_id_message(status));
        return -1;
    }
    /* Step two names step one's token through the session's setting: it is
     * sent before step one's answer is read (0014_access_trace.sql). */
    const char *params[] = {national_id, purpose, screen};
    const struct db_statement steps[] = {
        {"SELECT gise.citizen_lookup_begin($1, $2, $3)", 3, params},
        {"SELECT id, national_id_masked, given_name, family_name, birth_year, city, match_rank "
         "FROM gise.citizen_lookup_result(current_setting('gise.access_token')::bigint)", 0, NULL},
    };
    PGresult *res[2];
    if (db_query_pipeline(db, steps, 2, res, err) != 0)
        return -1;
    PQclear(res[0]);
    return take_hits(res[1], out, err);
}

void citizen_hits_free(struct citizen_hits *hits)
{
    for (size_t i = 0; i < hits->count; i++) {
        free(hits->items[i].given_name);
        free(hits->items[i].family_name);
        free(hits->items[i].city);
    }
    free(hits->items);
    hits->items = NULL;
    hits->count = 0;
}

static int applications_from_result(const PGresult *res, struct citizen_detail *out, int *oom)
{
    int rows = PQntuples(res);
    if (rows == 0)
        return 0;
    out->applications = calloc((size_t)rows, sizeof *out->applications);
    if (!out->applications) {
        *oom = 1;
        return -1;
    }
    for (int r = 0; r < rows; r++) {
        struct application_summary *a = &out->applications[r];
        a->id = strtoll(PQgetvalue(res, r, 0), NULL, 10);
        a->number = db_strdup_value(res, r, 1, oom);
        a->service_code = db_strdup_value(res, r, 2, oom);
        a->service_name_tr = db_strdup_value(res, r, 3, oom);
        a->service_name_en = db_strdup_value(res, r, 4, oom);
        a->status = db_strdup_value(res, r, 5, oom);
        a->office_code = db_strdup_value(res, r, 6, oom);
        a->received_at = db_strdup_value(res, r, 7, oom);
        a->due_date = db_strdup_value(res, r, 8, oom);
        a->closed_at = db_strdup_value(res, r, 9, oom);
        out->application_count = (size_t)r + 1;
    }
    return 0;
}

static const char open_sql[] =
    "SELECT id, national_id, given_name, family_name, birth_date, birth_place, phone, "
    "email, address, city, preferred_language, accessibility_needs, version "
    "FROM gise.citizen_open_release(current_setting('gise.access_token')::bigint)";

static const char applications_sql[] =
    "SELECT id, number, service_code, service_name_tr, service_name_en, status, "
    "office_code, received_at, due_date, closed_at "
    "FROM gise.citizen_applications($1::bigint)";

int citizen_open(struct db *db, int64_t id, const char *purpose, const char *screen,
                 struct citizen_detail *out, struct db_error *err)
{
    memset(out, 0, sizeof *out);
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    const char *params[] = {id_text, purpose, screen};
    /* Log, commit, release: the release runs in a transaction of its own
     * after the log row's commit, in the same round trip. */
    const struct db_statement steps[] = {
        {"SELECT gise.citizen_open_begin($1::bigint, $2, $3)", 3, params},
        {open_sql, 0, NULL},
        {applications_sql, 1, params},
    };
    PGresult *res[3];
    if (db_query_pipeline(db, steps, 3, res, err) != 0)
        return -1;
    PQclear(res[0]);
    int oom = 0;
    /* The token named the citizen asked for; anything else is a fault. */
    if (PQntuples(res[1]) != 1 || strcmp(PQgetvalue(res[1], 0, 0), id_text) != 0) {
        PQclear(res[1]);
        PQclear(res[2]);
        db_error_reason(err, DB_NOT_FOUND, DB_R_SERVER);
        snprintf(err->sqlstate, sizeof err->sqlstate, "GS021");
        return -1;
    }
    const PGresult *r = res[1];
    out->id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    snprintf(out->national_id, sizeof out->national_id, "%s", PQgetvalue(r, 0, 1));
    out->given_name = db_strdup_value(r, 0, 2, &oom);
    out->family_name = db_strdup_value(r, 0, 3, &oom);
    out->birth_date = db_strdup_value(r, 0, 4, &oom);
    out->birth_place = db_strdup_value(r, 0, 5, &oom);
    out->phone = db_strdup_value(r, 0, 6, &oom);
    out->email = db_strdup_value(r, 0, 7, &oom);
    out->address = db_strdup_value(r, 0, 8, &oom);
    out->city = db_strdup_value(r, 0, 9, &oom);
    snprintf(out->preferred_language, sizeof out->preferred_language, "%s", PQgetvalue(r, 0, 10));
    out->accessibility_needs = db_strdup_value(r, 0, 11, &oom);
    out->version = atoi(PQgetvalue(r, 0, 12));
    PQclear(res[1]);
    if (!oom)
        applications_from_result(res[2], out, &oom);
    PQclear(res[2]);
    if (oom) {
        citizen_detail_free(out);
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    return 0;
}

int access_purposes_load(struct db *db, struct access_purposes *out, struct db_error *err)
{
    out->items = NULL;
    out->count = 0;
    PGresult *res;
    if (db_query(db, "SELECT code, title_tr, title_en, last_used FROM gise.access_purposes()",
                 0, NULL, &res, err) != 0)
        return -1;
    int rows = PQntuples(res), oom = 0;
    out->items = rows ? calloc((size_t)rows, sizeof *out->items) : NULL;
    oom = rows && !out->items;
    for (int r = 0; r < rows && !oom; r++) {
        struct access_purpose *p = &out->items[r];
        snprintf(p->code, sizeof p->code, "%s", PQgetvalue(res, r, 0));
        p->title_tr = db_strdup_value(res, r, 1, &oom);
        p->title_en = db_strdup_value(res, r, 2, &oom);
        p->last_used = strcmp(PQgetvalue(res, r, 3), "t") == 0;
        out->count = (size_t)r + 1;
    }
    PQclear(res);
    if (oom) {
        access_purposes_free(out);
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    return 0;
}

void access_purposes_free(struct access_purposes *purposes)
{
    for (size_t i = 0; i < purposes->count; i++) {
        free(purposes->items[i].title_tr);
        free(purposes->items[i].title_en);
    }
    free(purposes->items);
    purposes->items = NULL;
    purposes->count = 0;
}

void citizen_detail_free(struct citizen_detail *d)
{
    free(d->given_name);
    free(d->family_name);
    free(d->birth_date);
    free(d->birth_place);
    free(d->phone);
    free(d->email);
    free(d->address);
    free(d->city);
    free(d->accessibility_needs);
    for (size_t i = 0; i < d->application_count; i++) {
        struct application_summary *a = &d->applications[i];
        free(a->number);
        free(a->service_code);
        free(a->service_name_tr);
        free(a->service_name_en);
        free(a->status);
        free(a->office_code);
        free(a->received_at);
        free(a->due_date);
        free(a->closed_at);
    }
    free(d->applications);
    memset(d, 0, sizeof *d);
}

struct refusal_walk {
    void (*fn)(const struct lookup_refusal *r, void *ctx);
    void *ctx;
};

static void refusal_row(const PGresult *res, int i, void *ctx)
{
    const struct refusal_walk *w = ctx;
    struct lookup_refusal r = {strtoll(PQgetvalue(res, i, 0), NULL, 10), PQgetvalue(res, i, 1),
                               PQgetvalue(res, i, 2), PQgetvalue(res, i, 3)};
    w->fn(&r, w->ctx);
}

int lookup_refusals_confirm(struct db *db, const int64_t *ids, size_t count,
                            void (*fn)(const struct lookup_refusal *r, void *ctx), void *ctx,
                            struct db_error *err)
{
    char list[64 * 21 + 3] = "{";
    size_t used = 1;
    for (size_t i = 0; i < count && i < 64; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%" PRId64, i ? "," : "", ids[i]);
    snprintf(list + used, sizeof list - used, "}");
    const char *params[] = {list};
    struct refusal_walk w = {fn, ctx};
    return db_query_rows(db,
            "SELECT access_id, coalesce(display_name, actor::text), to_char(at, 'HH24:MI'), "
            "coalesce(national_id_masked, '') "
            "FROM gise.lookup_refusals(now() - interval '10 minutes', 1000) "
            "WHERE access_id = ANY ($1::bigint[]) ORDER BY at, access_id",
            1, params, refusal_row, &w, err);
}
