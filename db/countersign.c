#include "db/countersign.h"

#include <stdlib.h>
#include <string.h>

#include "db/item_rows.h"
#include "db/query.h"

void countersign_item_free(struct countersign_item *c)
{
    char **owned[] = {&c->application_number, &c->office_code, &c->service_name_tr, &c->service_name_en,
                      &c->approved_by_name, &c->approved_at, &c->explanation, &c->decision,
                      &c->decided_by_name, &c->decided_at, &c->cancelled_at};
    for (size_t i = 0; i < sizeof owned / sizeof *owned; i++)
        free(*owned[i]);
    memset(c, 0, sizeof *c);
}

void countersign_from_row(const PGresult *res, int row, int col, struct countersign_item *c, int *oom)
{
    c->id = strtoll(PQgetvalue(res, row, col + 0), NULL, 10);
    c->application_id = strtoll(PQgetvalue(res, row, col + 1), NULL, 10);
    c->application_number = db_strdup_value(res, row, col + 2, oom);
    c->application_version = atoi(PQgetvalue(res, row, col + 3));
    c->office_code = db_strdup_value(res, row, col + 4, oom);
    c->service_name_tr = db_strdup_value(res, row, col + 5, oom);
    c->service_name_en = db_strdup_value(res, row, col + 6, oom);
    c->approved_by_name = db_strdup_value(res, row, col + 7, oom);
    c->approved_at = db_strdup_value(res, row, col + 8, oom);
    c->explanation = db_strdup_value(res, row, col + 9, oom);
    c->waiting_seconds = strtoll(PQgetvalue(res, row, col + 10), NULL, 10);
    c->decision = db_strdup_value(res, row, col + 11, oom);
    c->decided_by_name = db_strdup_value(res, row, col + 12, oom);
    c->decided_at = db_strdup_value(res, row, col + 13, oom);
    c->cancelled_at = db_strdup_value(res, row, col + 14, oom);
}
