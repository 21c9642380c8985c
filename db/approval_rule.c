#include "db/approval_rule.h"

#include <stdlib.h>
#include <string.h>

#include "db/query.h"

void approval_rules_free(struct approval_rules *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->items[i].code);
        free(r->items[i].title_tr);
        free(r->items[i].title_en);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}

int approval_rules_load(struct db *db, struct approval_rules *out, struct db_error *err)
{
    memset(out, 0, sizeof *out);
    PGresult *res;
    if (db_query(db,
            "SELECT code, title_tr, title_en, waivable FROM gise.approval_rule ORDER BY NOT waivable, code",
            0, NULL, &res, err) != 0)
        return -1;
    int rows = PQntuples(res), oom = 0;
    out->items = rows ? calloc((size_t)rows, sizeof *out->items) : NULL;
    if (rows && !out->items)
        oom = 1;
    for (int r = 0; out->items && r < rows; r++) {
        struct approval_rule_info *x = &out->items[out->count++];
        x->code = db_strdup_value(res, r, 0, &oom);
        x->title_tr = db_strdup_value(res, r, 1, &oom);
        x->title_en = db_strdup_value(res, r, 2, &oom);
        x->waivable = PQgetvalue(res, r, 3)[0] == 't';
    }
    PQclear(res);
    if (oom) {
        approval_rules_free(out);
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    return 0;
}

size_t approval_rules_waivable(const struct approval_rules *r)
{
    size_t n = 0;
    while (n < r->count && n < RULE_CODES_MAX && r->items[n].waivable)
        n++;
    return n;
}

const struct approval_rule_info *approval_rule_find(const struct approval_rules *r, const char *code)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->items[i].code, code) == 0)
            return &r->items[i];
    return NULL;
}

bool rule_codes_has(const struct rule_codes *c, const char *code)
{
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->code[i], code) == 0)
            return true;
    return false;
}

bool rule_codes_add(struct rule_codes *c, const char *code)
{
    size_t len = strlen(code);
    if (len == 0 || len >= RULE_CODE_SIZE)
        return false;
    if (rule_codes_has(c, code))
        return true;
    if (c->count == RULE_CODES_MAX)
        return false;
    memcpy(c->code[c->count++], code, len + 1);
    return true;
}

void rule_codes_parse(const char *text, struct rule_codes *out)
{
    memset(out, 0, sizeof *out);
    for (const char *p = text; p && *p;) {
        size_t len = strcspn(p, ",");
        char code[RULE_CODE_SIZE];
        if (len < sizeof code) {
            memcpy(code, p, len);
            code[len] = '\0';
            rule_codes_add(out, code);
        }
        p += len + (p[len] == ',');
    }
}
