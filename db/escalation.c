#include "db/escalation.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/query.h"

/* The columns of gise.escalation_item, in the order read_item expects. */
#define ITEM_COLUMNS                                                                      \
    "escalation_id, application_id, application_number, application_version, "           \
    "application_status, service_name_tr, service_name_en, raised_by_id, raised_by_name, " \
    "raised_at, waiting_seconds, requested_outcome, requested_reason_code, reason, "      \
    "decided_by_name, decided_at, decision, comment, cancelled_at, "                      \
    "coalesce(decision = 'approved', false), array_to_string(waives, ',')"

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

static void read_item(const PGresult *res, int row, struct escalation *e, int *oom)
{
    e->id = strtoll(PQgetvalue(res, row, 0), NULL, 10);
    e->application_id = strtoll(PQgetvalue(res, row, 1), NULL, 10);
    e->application_number = db_strdup_value(res, row, 2, oom);
    e->application_version = atoi(PQgetvalue(res, row, 3));
    e->application_status = db_strdup_value(res, row, 4, oom);
    e->service_name_tr = db_strdup_value(res, row, 5, oom);
    e->service_name_en = db_strdup_value(res, row, 6, oom);
    e->raised_by_id = atoi(PQgetvalue(res, row, 7));
    e->raised_by_name = db_strdup_value(res, row, 8, oom);
    e->raised_at = db_strdup_value(res, row, 9, oom);
    e->waiting_seconds = strtoll(PQgetvalue(res, row, 10), NULL, 10);
    e->requested_outcome = db_strdup_value(res, row, 11, oom);
    e->requested_reason_code = db_strdup_value(res, row, 12, oom);
    e->reason = db_strdup_value(res, row, 13, oom);
    e->decided_by_name = db_strdup_value(res, row, 14, oom);
    e->decided_at = db_strdup_value(res, row, 15, oom);
    e->decision = db_strdup_value(res, row, 16, oom);
    e->comment = db_strdup_value(res, row, 17, oom);
    e->cancelled_at = db_strdup_value(res, row, 18, oom);
    e->approved = PQgetvalue(res, row, 19)[0] == 't';
    rule_codes_parse(PQgetvalue(res, row, 20), &e->waives);
}

static int out_of_memory(struct db_error *err)
{
    db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
    return -1;
}

/* Runs a query whose rows are escalation items (and, when `paged`, two
 * more columns: the row's position in the inbox and the inbox's length)
 * into *out. */
static int read_list(struct db *db, const char *sql, int nparams, const char *const *params,
                     bool paged, struct escalation_list *out, struct db_error *err)
{
    memset(out, 0, sizeof *out);
    PGresult *res;
    if (db_query(db, sql, nparams, params, &res, err) != 0)
        return -1;
    int n = PQntuples(res), oom = 0;
    out->items = n ? calloc((size_t)n, sizeof *out->items) : NULL;
    if (n && !out->items) {
        PQclear(res);
        return out_of_memory(err);
    }
    for (int i = 0; i < n; i++)
        read_item(res, i, &out->items[i], &oom);
    out->count = (size_t)n;
    if (paged && n) {
        int columns = PQnfields(res);
        out->first_position = strtoll(PQgetvalue(res, 0, columns - 2), NULL, 10);
        out->total = strtoll(PQgetvalue(res, 0, columns - 1), NULL, 10);
    }
    PQclear(res);
    if (oom) {
        escalation_list_free(out);
        return out_of_memory(err);
    }
    return 0;
}

int escalation_inbox_page(struct db *db, enum escalation_page from, int64_t anchor,
                          struct escalation_list *out, struct db_error *err)
{
    bool anchored = from != PAGE_FIRST && from != PAGE_LAST;
    bool forward = from == PAGE_FIRST || from == PAGE_AFTER || from == PAGE_FROM;
    bool inclusive = from == PAGE_FROM || from == PAGE_THROUGH;
    char anchor_text[24], rows[8];
    snprintf(anchor_text, sizeof anchor_text, "%" PRId64, anchor);
    snprintf(rows, sizeof rows, "%d", ESCALATION_PAGE_ROWS);
    const char *params[] = {anchored ? anchor_text : NULL, forward ? "t" : "f", inclusive ? "t" : "f", rows};
    return read_list(db,
                     "SELECT " ITEM_COLUMNS ", position, total FROM "
                     "(SELECT (p.item).*, p.position, p.total "
                     "FROM gise.escalation_inbox_page($1::bigint, $2::boolean, $3::boolean, $4::integer) p) page",
                     4, params, true, out, err);
}

int escalation_inbox(struct db *db, struct escalation_list *out, struct db_error *err)
{
    return escalation_inbox_page(db, PAGE_FIRST, 0, out, err);
}

int escalation_news(struct db *db, const char *since, struct escalation_list *out,
                    struct db_error *err)
{
    const char *params[] = {since};
    return read_list(db, "SELECT " ITEM_COLUMNS " FROM gise.escalation_news($1::timestamptz)", 1,
                     params, false, out, err);
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
    if (read_list(db, sql, 1, params, false, &list, err) != 0)
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
    int rc = read_one(db, "SELECT " ITEM_COLUMNS " FROM gise.escalation_get($1::bigint)", id, out, err);
    if (rc == 0)
        db_error_reason(err, DB_NOT_FOUND, DB_R_ESCALATION_UNSEEN);
    return rc == 1 ? 0 : -1;
}

int escalation_latest(struct db *db, int64_t application_id, struct escalation *out,
                      struct db_error *err)
{
    return read_one(db, "SELECT " ITEM_COLUMNS " FROM gise.escalation_latest($1::bigint)",
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

void escalation_change_list_free(struct escalation_change_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        escalation_free(&list->items[i].item);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* "{1,2,3}": a bigint[] literal of the ids. The caller frees. */
static char *id_array(const int64_t *ids, size_t count)
{
    size_t size = 3 + count * 21;
    char *text = malloc(size);
    if (!text)
        return NULL;
    size_t len = (size_t)snprintf(text, size, "{");
    for (size_t i = 0; i < count; i++)
        len += (size_t)snprintf(text + len, size - len, "%s%" PRId64, i ? "," : "", ids[i]);
    snprintf(text + len, size - len, "}");
    return text;
}

int escalation_changes(struct db *db, const int64_t *ids, size_t count,
                       struct escalation_change_list *out, struct db_error *err)
{
    memset(out, 0, sizeof *out);
    char *array = id_array(ids, count);
    if (!array)
        return out_of_memory(err);
    const char *params[] = {array};
    PGresult *res;
    int rc = db_query(db,
                      "SELECT " ITEM_COLUMNS ", change_id, event FROM "
                      "(SELECT (c.item).*, c.change_id, c.event FROM gise.escalation_changes($1::bigint[]) c) x "
                      "ORDER BY change_id",
                      1, params, &res, err);
    free(array);
    if (rc != 0)
        return -1;
    int n = PQntuples(res), oom = 0, columns = PQnfields(res);
    out->items = n ? calloc((size_t)n, sizeof *out->items) : NULL;
    if (n && !out->items) {
        PQclear(res);
        return out_of_memory(err);
    }
    for (int i = 0; i < n; i++) {
        read_item(res, i, &out->items[i].item, &oom);
        out->items[i].change_id = strtoll(PQgetvalue(res, i, columns - 2), NULL, 10);
        snprintf(out->items[i].event, sizeof out->items[i].event, "%s", PQgetvalue(res, i, columns - 1));
    }
    out->count = (size_t)n;
    PQclear(res);
    if (oom) {
        escalation_change_list_free(out);
        return out_of_memory(err);
    }
    return 0;
}

int escalation_change_mark(struct db *db, int64_t *mark, struct db_error *err)
{
    char text[24];
    if (read_text(db, "SELECT gise.escalation_change_mark()", text, sizeof text, err) != 0)
        return -1;
    *mark = strtoll(text, NULL, 10);
    return 0;
}
