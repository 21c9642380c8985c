#include "db/draft.h"

#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/query.h"

static struct draft_field *field_named(const struct draft *d, const char *name)
{
    for (size_t i = 0; i < d->count; i++)
        if (strcmp(d->fields[i].name, name) == 0)
            return (struct draft_field *)&d->fields[i];
    return NULL;
}

int draft_set(struct draft *d, const char *name, const char *value)
{
    struct draft_field *f = field_named(d, name);
    if (!f && (d->count == DRAFT_MAX_FIELDS || strlen(name) >= DRAFT_NAME_SIZE))
        return -1;
    char *copy = strdup(value ? value : "");
    if (!copy)
        return -1;
    if (!f) {
        f = &d->fields[d->count++];
        snprintf(f->name, sizeof f->name, "%s", name);
    } else {
        free(f->value);
    }
    f->value = copy;
    return 0;
}

const char *draft_get(const struct draft *d, const char *name)
{
    const struct draft_field *f = field_named(d, name);
    return f ? f->value : NULL;
}

bool draft_same_key(const struct draft *a, const struct draft *b)
{
    return a->target == b->target && strcmp(a->kind, b->kind) == 0;
}

bool draft_same_fields(const struct draft *a, const struct draft *b)
{
    if (a->count != b->count)
        return false;
    for (size_t i = 0; i < a->count; i++) {
        const char *other = draft_get(b, a->fields[i].name);
        if (!other || strcmp(other, a->fields[i].value) != 0)
            return false;
    }
    return true;
}

int draft_copy(struct draft *to, const struct draft *from)
{
    *to = *from;
    to->count = 0;
    for (size_t i = 0; i < from->count; i++) {
        if (draft_set(to, from->fields[i].name, from->fields[i].value) != 0) {
            draft_free(to);
            return -1;
        }
    }
    return 0;
}

void draft_free(struct draft *d)
{
    for (size_t i = 0; i < d->count; i++)
        free(d->fields[i].value);
    d->count = 0;
}

/* A text[] literal: every element quoted, its quotes and backslashes
 * escaped. NULL when memory runs out. */
static char *text_array(const struct draft *d, bool values)
{
    size_t len = 3;
    for (size_t i = 0; i < d->count; i++)
        len += 2 * strlen(values ? d->fields[i].value : d->fields[i].name) + 3;
    char *out = malloc(len), *p = out;
    if (!out)
        return NULL;
    *p++ = '{';
    for (size_t i = 0; i < d->count; i++) {
        if (i)
            *p++ = ',';
        *p++ = '"';
        for (const char *s = values ? d->fields[i].value : d->fields[i].name; *s; s++) {
            if (*s == '"' || *s == '\\')
                *p++ = '\\';
            *p++ = *s;
        }
        *p++ = '"';
    }
    *p++ = '}';
    *p = '\0';
    return out;
}

static const char save_sql[] =
    "SELECT gise.draft_save($1, $2::bigint, $3, $4::text[], $5::text[], "
    "to_timestamp($6::double precision / 1000), nullif($7, '')::uuid)";

/* The parameters of save_sql; *names and *values are the caller's to free. */
static int save_params(const struct draft *d, const char *params[7], char target[24], char at[24], char **names,
                       char **values)
{
    snprintf(target, 24, "%" PRId64, d->target);
    snprintf(at, 24, "%lld", d->typed_at_ms);
    *names = text_array(d, false);
    *values = text_array(d, true);
    params[0] = d->kind;
    params[1] = target;
    params[2] = d->label;
    params[3] = *names;
    params[4] = *values;
    params[5] = at;
    params[6] = d->request_id;
    return *names && *values ? 0 : -1;
}

int draft_db_save(struct db *db, const struct draft *d, bool *kept, struct db_error *err)
{
    const char *params[7];
    char target[24], at[24], *names, *values;
    *kept = true;
    int rc = -1;
    PGresult *res;
    if (save_params(d, params, target, at, &names, &values) != 0)
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
    else if ((rc = db_query(db, save_sql, 7, params, &res, err)) == 0) {
        *kept = PQgetvalue(res, 0, 0)[0] == 't';
        PQclear(res);
    }
    free(names);
    free(values);
    return rc;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int draft_db_save_within(struct db *db, const struct draft *d, int within_ms, bool *kept,
                         struct db_error *err)
{
    const char *params[7];
    char target[24], at[24], *names, *values;
    *kept = true;
    if (db_busy(db)) {          /* another answer is on its way: not waited for */
        db_error_reason(err, DB_CANCELLED, DB_R_CLIENT);
        return -1;
    }
    int rc = -1;
    if (save_params(d, params, target, at, &names, &values) != 0)
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
    else
        rc = db_send(db, save_sql, 7, params, err);
    free(names);
    free(values);
    if (rc != 0)
        return -1;
    double deadline = now_ms() + within_ms;
    for (;;) {
        PGresult *res;
        int got = db_receive(db, &res, err);
        if (got < 0)
            return -1;
        if (got > 0) {
            *kept = PQgetvalue(res, 0, 0)[0] == 't';
            PQclear(res);
            return 0;
        }
        int left = (int)(deadline - now_ms());
        struct pollfd p = {db_socket(db), POLLIN, 0};
        if (left <= 0 || p.fd < 0 || poll(&p, 1, left) == 0) {
            db_error_reason(err, DB_CANCELLED, DB_R_CLIENT);
            return -1;
        }
    }
}

int draft_db_discard(struct db *db, const char *kind, int64_t target, long long typed_before_ms,
                     struct db_error *err)
{
    char id[24], before[24];
    snprintf(id, sizeof id, "%" PRId64, target);
    snprintf(before, sizeof before, "%lld", typed_before_ms);
    const char *params[] = {kind, id, before};
    return db_query(db, "SELECT gise.draft_discard($1, $2::bigint, to_timestamp($3::double precision / 1000))",
                    3, params, NULL, err);
}

int draft_db_list(struct db *db, struct draft **items, size_t *count, struct db_error *err)
{
    *items = NULL;
    *count = 0;
    PGresult *res;
    if (db_query(db, "SELECT kind, target, label, typed_at_ms, coalesce(request_id::text, ''), "
                     "field_name, field_value FROM gise.draft_list()",
                 0, NULL, &res, err) != 0)
        return -1;
    int rows = PQntuples(res);
    struct draft *list = rows ? calloc((size_t)rows, sizeof *list) : NULL;
    size_t n = 0;
    bool oom = rows && !list;
    for (int r = 0; r < rows && !oom; r++) {
        const char *kind = PQgetvalue(res, r, 0);
        int64_t target = strtoll(PQgetvalue(res, r, 1), NULL, 10);
        /* One row per field: a new draft starts where the key changes. */
        if (n == 0 || list[n - 1].target != target || strcmp(list[n - 1].kind, kind) != 0) {
            struct draft *d = &list[n++];
            snprintf(d->kind, sizeof d->kind, "%s", kind);
            d->target = target;
            snprintf(d->label, sizeof d->label, "%s", PQgetvalue(res, r, 2));
            d->typed_at_ms = strtoll(PQgetvalue(res, r, 3), NULL, 10);
            snprintf(d->request_id, sizeof d->request_id, "%s", PQgetvalue(res, r, 4));
        }
        oom = draft_set(&list[n - 1], PQgetvalue(res, r, 5), PQgetvalue(res, r, 6)) != 0;
    }
    PQclear(res);
    if (oom) {
        for (size_t i = 0; i < n; i++)
            draft_free(&list[i]);
        free(list);
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    *items = list;
    *count = n;
    return 0;
}
