/* The service catalogue, the rejection reasons and the approval rules, as
 * the counter needs them to open applications, explain decisions and name
 * what an escalation waives. */
#ifndef GISE_DB_CATALOGUE_H
#define GISE_DB_CATALOGUE_H

#include <stdbool.h>
#include <stddef.h>

#include "db/approval_rule.h"
#include "db/db.h"

struct service_document_info {
    char *code, *name_tr, *name_en;
    bool mandatory;
};

struct service_info {
    char *code, *name_tr, *name_en, *description_tr, *description_en;
    int sla_working_days;
    int fee_kurus;
    char risk_level[8];
    struct service_document_info *documents;
    size_t document_count;
};

struct rejection_reason_info {
    char *code, *title_tr, *title_en, *law, *article, *text_tr, *text_en;
    bool needs_supervisor;
};

struct catalogue {
    struct service_info *services;
    size_t service_count;
    struct rejection_reason_info *reasons;
    size_t reason_count;
    struct approval_rules rules;
};

/* Reads the active services (with their documents), the rejection reasons
 * and the approval rules.
 * The caller frees *out with catalogue_free; -1 with *err on failure. */
int catalogue_load(struct db *db, struct catalogue *out, struct db_error *err);

/* Frees everything and zeroes it. */
void catalogue_free(struct catalogue *c);

/* Lookups by code; NULL when absent. The pointers live as long as *c. */
const struct service_info *catalogue_service(const struct catalogue *c, const char *code);
const struct rejection_reason_info *catalogue_reason(const struct catalogue *c, const char *code);

#endif
