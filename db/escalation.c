#include "db/escalation.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/item_rows.h"
#include "db/query.h"

void escalation_free(struct escalation *e)
{
    char **owned[] = {&e->application_number, &e->application_status, &e->service_name_tr,
                      &e->service_name_en, &e->raised_by_name, &e->raised_at,
                      &e->requested_outcome, &e->requested_reason_code, &e->reason,
                      &e->decided_by_name, &e->decided_at, &e->decision, &e->comment,
                      &e->cancelled_at};
    for (size_t i = 0; i < sizeof owned / sizeof *owned; i++)
        free(*owned[i]);
    memset(e, 0, sizeof *e);
}

void escalation_list_free(struct escalation_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        escalation_free(&list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

void escalation_from_row(const PGresult *res, int row, int col, struct escalation *e, int *oom)
{
    e->id = strtoll(PQgetvalue(res, row, col + 0), NULL, 10);
    e->application_id = strtoll(PQgetvalue(res, row, col + 1), NULL, 10);
    e->application_number = db_strdup_value(res, row, col + 2, oom);
    e->application_version = atoi(PQgetvalue(res, row, col + 3));
    e->application_status = db_strdup_value(res, row, col + 4, oom);
    e->service_name_tr = db_strdup_value(res, row, col + 5, oom);
    e->service_name_en = db_strdup_value(res, row, col + 6, oom);
    e->raised_by_id = atoi(PQgetvalue(res, row, col + 7));
    e->raised_by_name = db_strdup_value(res, row, col + 8, oom);
    e->raised_at = db_strdup_value(res, row, col + 9, oom);
    e->waiting_seconds = strtoll(PQgetvalue(res, row, col + 10), NULL, 10);
    e->requested_outcome = db_strdup_value(res, row, col + 11, oom);
    e->requested_reason_code = db_strdup_value(res, row, col + 12, oom);
    e->reason = db_strdup_value(res, row, col + 13, oom);
    e->decided_by_name = db_strdup_value(res, row, col + 14, oom);
    e->decided_at = db_strdup_value(res, row, col + 15, oom);
    e->decision = db_strdup_value(res, row, col + 16, oom);
    e->comment = db_strdup_value(res, row, col + 17, oom);
    e->cancelled_at = db_strdup_value(res, row, col + 18, oom);
    e->approved = PQgetvalue(res, row, col + 19)[0] == 't';
    rule_codes_parse(PQgetvalue(res, row, col + 20), &e->waives);
}

static void read_row(const PGresult *res, int i, void *element, void *ctx, int *oom)
{
    (void)ctx;
    escalation_from_row(res, i, 0, element, oom);
}

static void release(void *element)
{
    escalation_free(element);
}

/* Runs a query whose rows are escalation items into *out. */
static int read_list(struct db *db, const char *sql, int nparams, const char *const *params,
                     struct escalation_list *out, struct db_error *err)
{
    void *items;
    int rc = db_query_array(db, sql, nparams, params, sizeof *out->items, read_row, release, NULL, &items,
                            &out->count, err);
    out->items = items;
    return rc;
}

int escalation_news(struct db *db, const char *since, struct escalation_list *out,
                    struct db_error *err)
{
    const char *params[] = {since};
    return read_list(db, "SELECT " ESCALATION_COLUMNS("e.") " FROM gise.escalation_news($1::timestamptz) e", 1,
                     params, out, err);
}

/* One row of a function taking a bigint: 1 with *out, 0 when none. */
static int read_one(struct db *db, const char *sql, int64_t key, struct escalation *out,
                    struct db_error *err)
{
    memset(out, 0, sizeof *out);
    char key_text[24];
    snprintf(key_text, sizeof key_text, "%" PRId64, key);
    const char *params[] = {key_text};
    struct escalation_list list;
    if (read_list(db, sql, 1, params, &list, err) != 0)
        return -1;
    if (list.count == 0) {
        escalation_list_free(&list);
        return 0;
    }
    *out = list.items[0];
    memset(&list.items[0], 0, sizeof list.items[0]);
    escalation_list_free(&list);
    return 1;
}

int escalation_get(struct db *db, int64_t id, struct escalation *out, struct db_error *err)
{
    int rc = read_one(db, "SELECT " ESCALATION_COLUMNS("e.") " FROM gise.escalation_get($1::bigint) e", id, out,
                      err);
    if (rc == 0)
        db_error_reason(err, DB_NOT_FOUND, DB_R_ESCALATION_UNSEEN);
    return rc == 1 ? 0 : -1;
}

int escalation_latest(struct db *db, int64_t application_id, struct escalation *out,
                      struct db_error *err)
{
    return read_one(db, "SELECT " ESCALATION_COLUMNS("e.") " FROM gise.escalation_latest($1::bigint) e",
                    application_id, out, err);
}

/* The single text value of a query without parameters into out. */
static int read_text(struct db *db, const char *sql, char *out, size_t size, struct db_error *err)
{
    PGresult *res;
    if (db_query(db, sql, 0, NULL, &res, err) != 0)
        return -1;
    snprintf(out, size, "%s", PQntuples(res) ? PQgetvalue(res, 0, 0) : "");
    PQclear(res);
    return 0;
}

int escalation_clock(struct db *db, char out[64], struct db_error *err)
{
    return read_text(db, "SELECT now()::text", out, 64, err);
}

int escalation_my_office(struct db *db, int *office_id, struct db_error *err)
{
    char text[16];
    if (read_text(db, "SELECT gise.my_office()", text, sizeof text, err) != 0)
        return -1;
    *office_id = atoi(text);
    return 0;
}
