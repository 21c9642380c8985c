#include "db/application.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/query.h"

static void free_checklist(struct checklist_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(items[i].code);
        free(items[i].name_tr);
        free(items[i].name_en);
    }
    free(items);
}

static void free_timeline(struct timeline_item *items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(items[i].at);
        free(items[i].actor);
        free(items[i].action);
        free(items[i].details);
    }
    free(items);
}

void application_free(struct application *a)
{
    free(a->number);
    free(a->citizen_name);
    free(a->service_code);
    free(a->service_name_tr);
    free(a->service_name_en);
    free(a->office_code);
    free(a->office_name_tr);
    free(a->office_name_en);
    free(a->status);
    free(a->assignee);
    free(a->received_at);
    free(a->due_date);
    free(a->closed_at);
    free_checklist(a->documents, a->document_count);
    free_timeline(a->timeline, a->timeline_count);
    memset(a, 0, sizeof *a);
}

static int read_header(struct db *db, const char *id, struct application *a, int *oom,
                       struct db_error *err)
{
    const char *params[] = {id};
    PGresult *res;
    if (db_query(db,
            "SELECT r.id, r.number, r.citizen_id, r.citizen_name, r.citizen_language, r.service_code, "
            "r.service_name_tr, r.service_name_en, r.office_code, r.office_name_tr, r.office_name_en, "
            "r.status, r.assignee, r.received_at, r.due_date, r.closed_at, r.version, s.risk_level, "
            "s.rejection_needs_supervisor, array_to_string(gise.application_waived(r.id), ','), "
            "array_to_string(gise.application_unmet(r.id), ',') "
            "FROM gise.application_read($1::bigint) r JOIN gise.service s ON s.code = r.service_code",
            1, params, &res, err) != 0)
        return -1;
    if (PQntuples(res) == 0) {
        PQclear(res);
        db_error_reason(err, DB_NOT_FOUND, DB_R_APPLICATION_UNSEEN);
        return -1;
    }
    a->id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    a->number = db_strdup_value(res, 0, 1, oom);
    a->citizen_id = strtoll(PQgetvalue(res, 0, 2), NULL, 10);
    a->citizen_name = db_strdup_value(res, 0, 3, oom);
    snprintf(a->citizen_language, sizeof a->citizen_language, "%s", PQgetvalue(res, 0, 4));
    a->service_code = db_strdup_value(res, 0, 5, oom);
    a->service_name_tr = db_strdup_value(res, 0, 6, oom);
    a->service_name_en = db_strdup_value(res, 0, 7, oom);
    a->office_code = db_strdup_value(res, 0, 8, oom);
    a->office_name_tr = db_strdup_value(res, 0, 9, oom);
    a->office_name_en = db_strdup_value(res, 0, 10, oom);
    a->status = db_strdup_value(res, 0, 11, oom);
    a->assignee = db_strdup_value(res, 0, 12, oom);
    a->received_at = db_strdup_value(res, 0, 13, oom);
    a->due_date = db_strdup_value(res, 0, 14, oom);
    a->closed_at = db_strdup_value(res, 0, 15, oom);
    a->version = atoi(PQgetvalue(res, 0, 16));
    snprintf(a->risk_level, sizeof a->risk_level, "%s", PQgetvalue(res, 0, 17));
    a->rejection_needs_supervisor = PQgetvalue(res, 0, 18)[0] == 't';
    rule_codes_parse(PQgetvalue(res, 0, 19), &a->waived);
    rule_codes_parse(PQgetvalue(res, 0, 20), &a->unmet);
    PQclear(res);
    return 0;
}

static int read_checklist(struct db *db, const char *id, struct application *a, int *oom,
                          struct db_error *err)
{
    const char *params[] = {id};
    PGresult *res;
    if (db_query(db,
            "SELECT code, name_tr, name_en, mandatory, received, checked "
            "FROM gise.application_checklist($1::bigint)",
            1, params, &res, err) != 0)
        return -1;
    int rows = PQntuples(res);
    a->documents = rows ? calloc((size_t)rows, sizeof *a->documents) : NULL;
    if (rows && !a->documents)
        *oom = 1;
    for (int r = 0; a->documents && r < rows; r++) {
        struct checklist_item *c = &a->documents[r];
        c->code = db_strdup_value(res, r, 0, oom);
        c->name_tr = db_strdup_value(res, r, 1, oom);
        c->name_en = db_strdup_value(res, r, 2, oom);
        c->mandatory = PQgetvalue(res, r, 3)[0] == 't';
        c->received = PQgetvalue(res, r, 4)[0] == 't';
        c->checked = PQgetvalue(res, r, 5)[0] == 't';
        a->document_count = (size_t)r + 1;
    }
    PQclear(res);
    return 0;
}

static int read_timeline(struct db *db, const char *id, struct application *a, int *oom,
                         struct db_error *err)
{
    const char *params[] = {id};
    PGresult *res;
    if (db_query(db, "SELECT at, actor, action, details FROM gise.application_timeline($1::bigint)",
                 1, params, &res, err) != 0)
        return -1;
    int rows = PQntuples(res);
    a->timeline = rows ? calloc((size_t)rows, sizeof *a->timeline) : NULL;
    if (rows && !a->timeline)
        *oom = 1;
    for (int r = 0; a->timeline && r < rows; r++) {
        struct timeline_item *t = &a->timeline[r];
        t->at = db_strdup_value(res, r, 0, oom);
        t->actor = db_strdup_value(res, r, 1, oom);
        t->action = db_strdup_value(res, r, 2, oom);
        t->details = db_strdup_value(res, r, 3, oom);
        a->timeline_count = (size_t)r + 1;
    }
    PQclear(res);
    return 0;
}

/* The step codes of gise.application_steps, in enum step's order. */
static const char *const step_codes[STEP_COUNT] = {
    "review", "deficiency", "arrived", "approve", "reject", "escalate", "decide", "countersign",
    "complete", "withdraw",
};

const char *application_step_code(enum step s)
{
    return s >= 0 && s < STEP_COUNT ? step_codes[s] : "";
}

static int read_steps(struct db *db, const char *id_text, struct application *out,
                      struct db_error *err)
{
    const char *params[] = {id_text};
    PGresult *res;
    if (db_query(db,
                 "SELECT s.step, s.allowed, coalesce(s.why, ''), coalesce(m.none_reason, '') "
                 "FROM gise.application_steps($1::bigint) s "
                 "CROSS JOIN gise.application_steps_summary($1::bigint) m",
                 1, params, &res, err) != 0)
        return -1;
    for (int row = 0; row < PQntuples(res); row++) {
        for (int s = 0; s < STEP_COUNT; s++) {
            if (strcmp(PQgetvalue(res, row, 0), step_codes[s]) != 0)
                continue;
            out->step_allowed[s] = PQgetvalue(res, row, 1)[0] == 't';
            snprintf(out->step_why[s], STEP_WHY_SIZE, "%s", PQgetvalue(res, row, 2));
        }
        snprintf(out->no_step_reason, STEP_WHY_SIZE, "%s", PQgetvalue(res, row, 3));
    }
    PQclear(res);
    return 0;
}

int application_get(struct db *db, int64_t id, struct application *out, struct db_error *err)
{
    memset(out, 0, sizeof *out);
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    int oom = 0;
    if (read_header(db, id_text, out, &oom, err) != 0 ||
        read_checklist(db, id_text, out, &oom, err) != 0 ||
        read_timeline(db, id_text, out, &oom, err) != 0 ||
        read_steps(db, id_text, out, err) != 0) {
        application_free(out);
        return -1;
    }
    if (oom) {
        application_free(out);
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    return 0;
}

int application_refresh(struct db *db, struct application *a, struct db_error *err)
{
    struct application fresh;
    if (application_get(db, a->id, &fresh, err) != 0)
        return -1;
    application_free(a);
    *a = fresh;
    return 0;
}

int request_id_new(char out[37])
{
    unsigned char b[16];
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, b, sizeof b);
    close(fd);
    if (n != (ssize_t)sizeof b)
        return -1;
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);   /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);   /* RFC 4122 variant */
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
    return 0;
}

/* Every action returns gise.action_result: copy it out. */
static int run_action(struct db *db, const char *sql, int nparams, const char *const *params,
                      struct action_outcome *outcome, struct db_error *err)
{
    memset(outcome, 0, sizeof *outcome);
    PGresult *res;
    if (db_query(db, sql, nparams, params, &res, err) != 0)
        return -1;
    outcome->application_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    snprintf(outcome->number, sizeof outcome->number, "%s", PQgetvalue(res, 0, 1));
    snprintf(outcome->status, sizeof outcome->status, "%s", PQgetvalue(res, 0, 2));
    outcome->version = atoi(PQgetvalue(res, 0, 3));
    PQclear(res);
    return 0;
}

/* Characters of the codes the catalogue allows, so that a text[] literal
 * of them needs no quoting beyond braces. */
static const char document_code_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";
static const char rule_code_chars[] = "abcdefghijklmnopqrstuvwxyz_";

/* A text[] literal of codes made only of `allowed` characters; NULL when
 * one has another (or memory runs out). */
static char *codes_array(const char *const *codes, size_t n, const char *allowed)
{
    size_t len = 3;
    for (size_t i = 0; i < n; i++)
        len += strlen(codes[i]) + 3;
    char *out = malloc(len);
    if (!out)
        return NULL;
    strcpy(out, "{");
    for (size_t i = 0; i < n; i++) {
        if (strspn(codes[i], allowed) != strlen(codes[i])) {
            free(out);
            return NULL;
        }
        strcat(out, i ? "," : "");
        strcat(out, codes[i]);
    }
    strcat(out, "}");
    return out;
}

#define ID_VERSION(id, version)                                   \
    char id_text[24], version_text[16];                           \
    snprintf(id_text, sizeof id_text, "%" PRId64, (id));          \
    snprintf(version_text, sizeof version_text, "%d", (version))

int application_open_new(struct db *db, const char *request_id, int64_t citizen_id,
                         const char *service_code, const char *const *received, size_t received_count,
                         struct action_outcome *outcome, struct db_error *err)
{
    char citizen[24];
    snprintf(citizen, sizeof citizen, "%" PRId64, citizen_id);
    char *docs = codes_array(received, received_count, document_code_chars);
    if (!docs) {
        db_error_reason(err, DB_INVALID_INPUT, DB_R_BAD_DOCUMENT_CODE);
        return -1;
    }
    const char *params[] = {request_id, citizen, service_code, docs};
    int rc = run_action(db,
        "SELECT * FROM gise.application_open($1::uuid, $2::bigint, $3, $4::text[])",
        4, params, outcome, err);
    free(docs);
    return rc;
}

int application_start_review(struct db *db, const char *request_id, int64_t id, int version,
                             struct action_outcome *outcome, struct db_error *err)
{
    ID_VERSION(id, version);
    const char *params[] = {request_id, id_text, version_text};
    return run_action(db, "SELECT * FROM gise.application_start_review($1::uuid, $2::bigint, $3::integer)",
                      3, params, outcome, err);
}

int application_mark_document(struct db *db, const char *request_id, int64_t id, int version,
                              const char *document_code, bool received, bool checked,
                              struct action_outcome *outcome, struct db_error *err)
{
    ID_VERSION(id, version);
    const char *params[] = {request_id, id_text, version_text, document_code,
                            received ? "true" : "false", checked ? "true" : "false"};
    return run_action(db,
        "SELECT * FROM gise.document_mark($1::uuid, $2::bigint, $3::integer, $4, $5::boolean, $6::boolean)",
        6, params, outcome, err);
}

int application_issue_deficiency(struct db *db, const char *request_id, int64_t id, int version,
                                 const char *const *missing, size_t missing_count,
                                 const char *deadline, const char *note,
                                 struct action_outcome *outcome, struct db_error *err)
{
    ID_VERSION(id, version);
    char *docs = codes_array(missing, missing_count, document_code_chars);
    if (!docs) {
        db_error_reason(err, DB_INVALID_INPUT, DB_R_BAD_DOCUMENT_CODE);
        return -1;
    }
    const char *params[] = {request_id, id_text, version_text, docs, deadline, note};
    int rc = run_action(db,
        "SELECT * FROM gise.deficiency_issue($1::uuid, $2::bigint, $3::integer, $4::text[], $5::date, $6)",
        6, params, outcome, err);
    free(docs);
    return rc;
}

int application_documents_arrived(struct db *db, const char *request_id, int64_t id, int version,
                                  struct action_outcome *outcome, struct db_error *err)
{
    ID_VERSION(id, version);
    const char *params[] = {request_id, id_text, version_text};
    return run_action(db, "SELECT * FROM gise.documents_arrived($1::uuid, $2::bigint, $3::integer)",
                      3, params, outcome, err);
}

int application_approve(struct db *db, const char *request_id, int64_t id, int version,
                        const char *explanation, const char *letter,
                        struct action_outcome *outcome, struct db_error *err)
{
    ID_VERSION(id, version);
    const char *params[] = {request_id, id_text, version_text, explanation ? explanation : "", letter};
    return run_action(db,
        "SELECT * FROM gise.application_approve($1::uuid, $2::bigint, $3::integer, $4, $5)",
        5, params, outcome, err);
}

int application_reject(struct db *db, const char *request_id, int64_t id, int version,
                       const char *reason_code, const char *explanation, const char *letter,
                       struct action_outcome *outcome, struct db_error *err)
{
    ID_VERSION(id, version);
    const char *params[] = {request_id, id_text, version_text, reason_code, explanation, letter};
    return run_action(db,
        "SELECT * FROM gise.application_reject($1::uuid, $2::bigint, $3::integer, $4, $5, $6)",
        6, params, outcome, err);
}

int application_complete(struct db *db, const char *request_id, int64_t id, int version,
                         struct action_outcome *outcome, struct db_error *err)
{
    ID_VERSION(id, version);
    const char *params[] = {request_id, id_text, version_text};
    return run_action(db, "SELECT * FROM gise.application_complete($1::uuid, $2::bigint, $3::integer)",
                      3, params, outcome, err);
}

int application_withdraw(struct db *db, const char *request_id, int64_t id, int version,
                         const char *reason, struct action_outcome *outcome, struct db_error *err)
{
    ID_VERSION(id, version);
    const char *params[] = {request_id, id_text, version_text, reason};
    return run_action(db,
        "SELECT * FROM gise.application_withdraw($1::uuid, $2::bigint, $3::integer, $4)",
        4, params, outcome, err);
}

int application_deficiency_window(struct db *db, int64_t id, char earliest[11], char latest[11],
                                  struct db_error *err)
{
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    const char *params[] = {id_text};
    PGresult *res;
    if (db_query(db, "SELECT earliest, latest FROM gise.deficiency_deadline($1::bigint)",
                 1, params, &res, err) != 0)
        return -1;
    snprintf(earliest, 11, "%s", PQgetvalue(res, 0, 0));
    snprintf(latest, 11, "%s", PQgetvalue(res, 0, 1));
    PQclear(res);
    return 0;
}

int application_escalate(struct db *db, const char *request_id, int64_t id, int version,
                         const char *reason, const char *requested_outcome,
                         const char *requested_reason_code, const struct rule_codes *waives,
                         struct action_outcome *outcome, struct db_error *err)
{
    ID_VERSION(id, version);
    const char *codes[RULE_CODES_MAX];
    size_t count = 0;
    for (; waives && count < waives->count; count++)
        codes[count] = waives->code[count];
    char *waived = codes_array(codes, count, rule_code_chars);
    if (!waived) {
        db_error_reason(err, DB_INVALID_INPUT, DB_R_BAD_RULE_CODE);
        return -1;
    }
    const char *params[] = {request_id, id_text, version_text, reason, requested_outcome,
                            requested_reason_code, waived};
    int rc = run_action(db,
        "SELECT * FROM gise.application_escalate($1::uuid, $2::bigint, $3::integer, $4, $5, $6, $7::text[])",
        7, params, outcome, err);
    free(waived);
    return rc;
}

int application_decide_escalation(struct db *db, const char *request_id, int64_t id, int version,
                                  const char *decision, const char *comment, const char *letter,
                                  struct action_outcome *outcome, struct db_error *err)
{
    ID_VERSION(id, version);
    const char *params[] = {request_id, id_text, version_text, decision, comment, letter};
    return run_action(db,
        "SELECT * FROM gise.escalation_decide($1::uuid, $2::bigint, $3::integer, $4, $5, $6)",
        6, params, outcome, err);
}

int application_countersign(struct db *db, const char *request_id, int64_t id, int version,
                            const char *decision, const char *comment,
                            struct action_outcome *outcome, struct db_error *err)
{
    ID_VERSION(id, version);
    const char *params[] = {request_id, id_text, version_text, decision, comment};
    return run_action(db,
        "SELECT * FROM gise.application_countersign($1::uuid, $2::bigint, $3::integer, $4, $5)",
        5, params, outcome, err);
}

int application_lapse_overdue(struct db *db, long long *lapsed, struct db_error *err)
{
    PGresult *res;
    if (db_query(db, "SELECT gise.lapse_overdue()", 0, NULL, &res, err) != 0)
        return -1;
    *lapsed = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    return 0;
}

int application_letter(struct db *db, int64_t id, const char *kind, char **text, struct db_error *err)
{
    *text = NULL;
    char id_text[24];
    snprintf(id_text, sizeof id_text, "%" PRId64, id);
    const char *params[] = {id_text, kind};
    PGresult *res;
    if (db_query(db, "SELECT gise.application_letter($1::bigint, $2)", 2, params, &res, err) != 0)
        return -1;
    int oom = 0;
    if (PQntuples(res) == 1)
        *text = db_strdup_value(res, 0, 0, &oom);
    PQclear(res);
    if (oom) {
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    return 0;
}
