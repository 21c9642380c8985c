#include "db/catalogue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/query.h"

void catalogue_free(struct catalogue *c)
{
    for (size_t i = 0; i < c->service_count; i++) {
        struct service_info *s = &c->services[i];
        free(s->code);
        free(s->name_tr);
        free(s->name_en);
        free(s->description_tr);
        free(s->description_en);
        for (size_t d = 0; d < s->document_count; d++) {
            free(s->documents[d].code);
            free(s->documents[d].name_tr);
            free(s->documents[d].name_en);
        }
        free(s->documents);
    }
    free(c->services);
    for (size_t i = 0; i < c->reason_count; i++) {
        struct rejection_reason_info *r = &c->reasons[i];
        free(r->code);
        free(r->title_tr);
        free(r->title_en);
        free(r->law);
        free(r->article);
        free(r->text_tr);
        free(r->text_en);
    }
    free(c->reasons);
    approval_rules_free(&c->rules);
    memset(c, 0, sizeof *c);
}

static int load_services(struct db *db, struct catalogue *c, int *oom, struct db_error *err)
{
    PGresult *res;
    if (db_query(db,
            "SELECT s.code, s.name_tr, s.name_en, s.description_tr, s.description_en, "
            "s.sla_working_days, s.fee_kurus, s.risk_level, dt.code, dt.name_tr, dt.name_en, sd.mandatory "
            "FROM gise.service s JOIN gise.service_document sd ON sd.service_id = s.id "
            "JOIN gise.document_type dt ON dt.id = sd.document_type_id "
            "WHERE s.active ORDER BY s.name_tr, s.code, sd.position, dt.code",
            0, NULL, &res, err) != 0)
        return -1;
    int rows = PQntuples(res);
    c->services = rows ? calloc((size_t)rows, sizeof *c->services) : NULL;
    struct service_info *s = NULL;
    for (int r = 0; c->services && r < rows; r++) {
        if (!s || strcmp(s->code, PQgetvalue(res, r, 0)) != 0) {
            s = &c->services[c->service_count++];
            s->code = db_strdup_value(res, r, 0, oom);
            s->name_tr = db_strdup_value(res, r, 1, oom);
            s->name_en = db_strdup_value(res, r, 2, oom);
            s->description_tr = db_strdup_value(res, r, 3, oom);
            s->description_en = db_strdup_value(res, r, 4, oom);
            s->sla_working_days = atoi(PQgetvalue(res, r, 5));
            s->fee_kurus = atoi(PQgetvalue(res, r, 6));
            snprintf(s->risk_level, sizeof s->risk_level, "%s", PQgetvalue(res, r, 7));
            s->documents = calloc((size_t)rows, sizeof *s->documents);
            if (!s->documents || !s->code) {
                *oom = 1;
                break;
            }
        }
        struct service_document_info *d = &s->documents[s->document_count++];
        d->code = db_strdup_value(res, r, 8, oom);
        d->name_tr = db_strdup_value(res, r, 9, oom);
        d->name_en = db_strdup_value(res, r, 10, oom);
        d->mandatory = PQgetvalue(res, r, 11)[0] == 't';
    }
    if (rows && !c->services)
        *oom = 1;
    PQclear(res);
    return 0;
}

static int load_reasons(struct db *db, struct catalogue *c, int *oom, struct db_error *err)
{
    PGresult *res;
    if (db_query(db,
            "SELECT code, title_tr, title_en, law, article, citizen_text_tr, citizen_text_en, "
            "needs_supervisor FROM gise.rejection_reason WHERE active ORDER BY code",
            0, NULL, &res, err) != 0)
        return -1;
    int rows = PQntuples(res);
    c->reasons = rows ? calloc((size_t)rows, sizeof *c->reasons) : NULL;
    if (rows && !c->reasons)
        *oom = 1;
    for (int r = 0; c->reasons && r < rows; r++) {
        struct rejection_reason_info *x = &c->reasons[c->reason_count++];
        x->code = db_strdup_value(res, r, 0, oom);
        x->title_tr = db_strdup_value(res, r, 1, oom);
        x->title_en = db_strdup_value(res, r, 2, oom);
        x->law = db_strdup_value(res, r, 3, oom);
        x->article = db_strdup_value(res, r, 4, oom);
        x->text_tr = db_strdup_value(res, r, 5, oom);
        x->text_en = db_strdup_value(res, r, 6, oom);
        x->needs_supervisor = PQgetvalue(res, r, 7)[0] == 't';
    }
    PQclear(res);
    return 0;
}

int catalogue_load(struct db *db, struct catalogue *out, struct db_error *err)
{
    memset(out, 0, sizeof *out);
    int oom = 0;
    if (load_services(db, out, &oom, err) != 0 || load_reasons(db, out, &oom, err) != 0 ||
        approval_rules_load(db, &out->rules, err) != 0) {
        catalogue_free(out);
        return -1;
    }
    if (oom) {
        catalogue_free(out);
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    return 0;
}

const struct service_info *catalogue_service(const struct catalogue *c, const char *code)
{
    for (size_t i = 0; i < c->service_count; i++)
        if (strcmp(c->services[i].code, code) == 0)
            return &c->services[i];
    return NULL;
}

const struct rejection_reason_info *catalogue_reason(const struct catalogue *c, const char *code)
{
    for (size_t i = 0; i < c->reason_count; i++)
        if (strcmp(c->reasons[i].code, code) == 0)
            return &c->reasons[i];
    return NULL;
}
