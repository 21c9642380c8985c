#include "db/letters.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/query.h"

static const char *const kind_codes[] = {[LETTER_DEFICIENCY] = "deficiency", [LETTER_REJECTION] = "rejection"};

const char *letter_kind_code(enum letter_kind kind)
{
    return kind_codes[kind];
}

/* The kind a code names; the database writes no other. */
static enum letter_kind kind_of(const char *code)
{
    return strcmp(code, kind_codes[LETTER_REJECTION]) == 0 ? LETTER_REJECTION : LETTER_DEFICIENCY;
}

static void release_item(void *element)
{
    struct letter_item *l = element;
    free(l->made_by_name);
    free(l->printed_by_name);
    memset(l, 0, sizeof *l);
}

void letter_list_free(struct letter_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        release_item(&list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

/* The columns of gise.letter_item, in the order read_item reads them. */
#define LETTER_COLUMNS "kind, letter_id, application_id, number, made_at, made_by_name, " \
                       "coalesce(printed_at::text, ''), printed_by_name, coalesce(print_failed_at::text, ''), not_printed"

static void read_item(const PGresult *res, int i, void *element, void *ctx, int *oom)
{
    (void)ctx;
    struct letter_item *l = element;
    l->ref.kind = kind_of(PQgetvalue(res, i, 0));
    l->ref.id = strtoll(PQgetvalue(res, i, 1), NULL, 10);
    l->application_id = strtoll(PQgetvalue(res, i, 2), NULL, 10);
    snprintf(l->number, sizeof l->number, "%s", PQgetvalue(res, i, 3));
    snprintf(l->made_at, sizeof l->made_at, "%s", PQgetvalue(res, i, 4));
    l->made_by_name = db_strdup_value(res, i, 5, oom);
    snprintf(l->printed_at, sizeof l->printed_at, "%s", PQgetvalue(res, i, 6));
    l->printed_by_name = db_strdup_value(res, i, 7, oom);
    snprintf(l->print_failed_at, sizeof l->print_failed_at, "%s", PQgetvalue(res, i, 8));
    l->not_printed = PQgetvalue(res, i, 9)[0] == 't';
}

static int read_list(struct db *db, const char *sql, int nparams, const char *const *params,
                     struct letter_list *out, struct db_error *err)
{
    void *items;
    memset(out, 0, sizeof *out);
    int rc = db_query_array(db, sql, nparams, params, sizeof *out->items, read_item, release_item, NULL, &items,
                            &out->count, err);
    out->items = items;
    return rc;
}

int letters_of_application(struct db *db, int64_t id, struct letter_list *out, struct db_error *err)
{
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    const char *params[] = {id_text};
    return read_list(db, "SELECT " LETTER_COLUMNS " FROM gise.application_letters($1::bigint)", 1, params, out,
                     err);
}

int letters_not_printed(struct db *db, struct letter_list *out, struct db_error *err)
{
    return read_list(db, "SELECT " LETTER_COLUMNS " FROM gise.letters_not_printed()", 0, NULL, out, err);
}

int letter_reprint_text(struct db *db, struct letter_ref ref, char **text, struct db_error *err)
{
    *text = NULL;
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%" PRId64, ref.id);
    const char *params[] = {letter_kind_code(ref.kind), id_text};
    PGresult *res;
    if (db_query(db, "SELECT gise.letter_reprint($1, $2::bigint)", 2, params, &res, err) != 0)
        return -1;
    int oom = 0;
    *text = db_strdup_value(res, 0, 0, &oom);
    PQclear(res);
    if (!*text) {
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    return 0;
}

int letter_print_record(struct db *db, struct letter_ref ref, bool printed, struct db_error *err)
{
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%" PRId64, ref.id);
    const char *params[] = {letter_kind_code(ref.kind), id_text, printed ? "true" : "false"};
    return db_query(db, "SELECT gise.letter_print_result($1, $2::bigint, $3::boolean)", 3, params, NULL, err);
}

void request_outcome_free(struct request_outcome *o)
{
    free(o->letter_text);
    memset(o, 0, sizeof *o);
}

int request_outcome_read(struct db *db, const char *request_id, struct request_outcome *out,
                         struct db_error *err)
{
    memset(out, 0, sizeof *out);
    const char *params[] = {request_id};
    PGresult *res;
    if (db_query(db,
                 "SELECT application_id, number, status, version, coalesce(letter_kind, ''), letter_id, "
                 "letter_printed, letter FROM gise.request_outcome($1::uuid)",
                 1, params, &res, err) != 0)
        return -1;
    int oom = 0;
    if (PQntuples(res) == 1) {
        struct action_outcome *o = &out->outcome;
        out->applied = true;
        o->application_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
        snprintf(o->number, sizeof o->number, "%s", PQgetvalue(res, 0, 1));
        snprintf(o->status, sizeof o->status, "%s", PQgetvalue(res, 0, 2));
        o->version = atoi(PQgetvalue(res, 0, 3));
        out->has_letter = PQgetvalue(res, 0, 4)[0] != '\0';
        if (out->has_letter) {
            out->letter.kind = kind_of(PQgetvalue(res, 0, 4));
            out->letter.id = strtoll(PQgetvalue(res, 0, 5), NULL, 10);
            out->letter_printed = PQgetvalue(res, 0, 6)[0] == 't';
            out->letter_text = db_strdup_value(res, 0, 7, &oom);
        }
    }
    PQclear(res);
    if (oom) {
        request_outcome_free(out);
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    return 0;
}
