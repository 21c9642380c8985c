#include "app/core/actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/session.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "app/core/letter.h"
#include "app/core/log.h"

enum { MAX_DOCUMENTS = 64 };

bool action_text_blank(const char *text)
{
    return !text || text[strspn(text, " \t")] == '\0';
}

/* A fresh id unless a retry reuses the one kept. */
static int begin(struct request *req, struct action_result *r)
{
    memset(r, 0, sizeof *r);
    if (req->id[0] || request_id_new(req->id) == 0)
        return 0;
    db_error_set(&r->err, DB_OTHER, "%s", _("Cannot make a request id: no source of randomness."));
    snprintf(r->message, sizeof r->message, "%s", r->err.text);
    return -1;
}

/* After the database answered: a refusal makes the next attempt a new
 * request; only a lost answer may be retried with the same id. */
static int finish(struct session *session, struct request *req, int rc, struct action_result *r)
{
    if (rc == 0 || r->err.kind != DB_CONNECTION_LOST)
        req->id[0] = '\0';
    if (rc != 0) {
        snprintf(r->message, sizeof r->message, "%s", session_explain(session, &r->err));
        if (r->err.kind != DB_CONNECTION_LOST)   /* live.c logs the connection */
            log_event(LOG_STEP_REFUSED, "sqlstate=%s", r->err.sqlstate[0] ? r->err.sqlstate : "-");
    }
    return rc;
}

static void say_new_state(struct action_result *r)
{
    snprintf(r->message, sizeof r->message, _("Application %s is now: %s."), r->outcome.number,
             status_label(r->outcome.status));
}

/* The letter the database wrote for the step just taken, delivered as
 * stored (spool, printer): report says what became of it. */
static void deliver_stored(struct session *session, const struct action_outcome *o, const char *kind,
                           const char *file_kind, char *report, size_t size)
{
    char *letter = NULL;
    struct db_error err;
    if (application_letter(session->db, o->application_id, kind, &letter, &err) != 0 || !letter) {
        snprintf(report, size, _("The letter could not be read from the database (%s). Print it from the application later."),
                 letter ? "" : session_explain(session, &err));
        free(letter);
        return;
    }
    letter_deliver(session->settings, o->number, file_kind, letter, report, size);
    free(letter);
}

int action_step(struct session *session, struct request *req, const struct application *a, enum step s,
                struct action_result *r)
{
    if (begin(req, r) != 0)
        return -1;
    struct db *db = session->db;
    int rc;
    switch (s) {
    case STEP_REVIEW:
        rc = application_start_review(db, req->id, a->id, a->version, &r->outcome, &r->err);
        break;
    case STEP_ARRIVED:
        rc = application_documents_arrived(db, req->id, a->id, a->version, &r->outcome, &r->err);
        break;
    case STEP_APPROVE:
        rc = application_approve(db, req->id, a->id, a->version, "", NULL, &r->outcome, &r->err);
        break;
    case STEP_COMPLETE:
        rc = application_complete(db, req->id, a->id, a->version, &r->outcome, &r->err);
        break;
    default:   /* the others have forms: a caller's mistake */
        db_error_set(&r->err, DB_OTHER, "%s", _("This step needs a form."));
        rc = -1;
    }
    if (finish(session, req, rc, r) == 0)
        say_new_state(r);
    return rc;
}

int action_cycle_document(struct session *session, struct request *req, const struct application *a,
                          size_t index, struct action_result *r)
{
    if (begin(req, r) != 0)
        return -1;
    const struct checklist_item *d = &a->documents[index];
    bool received = !d->received || !d->checked;
    bool checked = d->received && !d->checked;
    int rc = application_mark_document(session->db, req->id, a->id, a->version, d->code, received, checked,
                                       &r->outcome, &r->err);
    if (finish(session, req, rc, r) == 0)
        say_new_state(r);
    return rc;
}

int action_open(struct session *session, struct request *req, int64_t citizen_id,
                const struct service_info *service, const bool *brought, struct action_result *r)
{
    if (begin(req, r) != 0)
        return -1;
    const char *codes[MAX_DOCUMENTS];
    size_t count = 0;
    for (size_t i = 0; i < service->document_count && count < MAX_DOCUMENTS; i++)
        if (brought[i])
            codes[count++] = service->documents[i].code;
    int rc = application_open_new(session->db, req->id, citizen_id, service->code, codes, count,
                                  &r->outcome, &r->err);
    if (finish(session, req, rc, r) == 0)
        snprintf(r->message, sizeof r->message, _("Application %s opened. Its number is %s."),
                 r->outcome.number, r->outcome.number);
    return rc;
}

int action_deficiency(struct session *session, struct request *req, const struct application *a,
                      const bool *missing, const char *deadline, const char *note,
                      struct action_result *r)
{
    if (begin(req, r) != 0)
        return -1;
    const char *codes[MAX_DOCUMENTS];
    size_t count = 0;
    for (size_t i = 0; i < a->document_count && count < MAX_DOCUMENTS; i++)
        if (missing[i])
            codes[count++] = a->documents[i].code;
    int rc = application_issue_deficiency(session->db, req->id, a->id, a->version, codes, count, deadline,
                                          note, &r->outcome, &r->err);
    if (finish(session, req, rc, r) == 0) {
        char report[600], due[16];
        deliver_stored(session, &r->outcome, "deficiency", "deficiency", report, sizeof report);
        format_date(session->lang, deadline, due, sizeof due);
        snprintf(r->message, sizeof r->message, _("Deficiency notice for %s stored, deadline %s. %s"),
                 r->outcome.number, due, report);
    }
    return rc;
}

int action_reject(struct session *session, struct request *req, const struct application *a,
                  const struct rejection_reason_info *reason, const char *explanation,
                  struct action_result *r)
{
    if (begin(req, r) != 0)
        return -1;
    int rc = application_reject(session->db, req->id, a->id, a->version, reason->code, explanation, NULL,
                                &r->outcome, &r->err);
    if (finish(session, req, rc, r) == 0) {
        char report[600];
        deliver_stored(session, &r->outcome, "decision", "rejection", report, sizeof report);
        snprintf(r->message, sizeof r->message, _("Application %s rejected (%s). %s"), r->outcome.number,
                 reason->code, report);
    }
    return rc;
}

int action_escalate(struct session *session, struct request *req, const struct application *a,
                    const char *outcome, const struct rejection_reason_info *reason,
                    const struct rule_codes *waives, const char *why, struct action_result *r)
{
    if (begin(req, r) != 0)
        return -1;
    int rc = application_escalate(session->db, req->id, a->id, a->version, why, outcome,
                                  reason ? reason->code : NULL, waives, &r->outcome, &r->err);
    if (finish(session, req, rc, r) == 0)
        snprintf(r->message, sizeof r->message,
                 _("Application %s is now: %s. The supervisors of your office see it in their inbox."),
                 r->outcome.number, status_label(r->outcome.status));
    return rc;
}

int action_decide(struct session *session, struct request *req, const struct application *a,
                  const struct escalation *e, const struct rejection_reason_info *reason,
                  bool approve, const char *comment, struct action_result *r)
{
    if (begin(req, r) != 0)
        return -1;
    int rc = application_decide_escalation(session->db, req->id, a->id, a->version,
                                           approve ? "approved" : "denied", comment, NULL,
                                           &r->outcome, &r->err);
    if (finish(session, req, rc, r) == 0) {
        /* An approved request for a rejection rejects: the citizen gets the
         * letter the database wrote from the decision. */
        char report[600] = "";
        if (approve && reason && strcmp(e->requested_outcome, "reject") == 0)
            deliver_stored(session, &r->outcome, "decision", "rejection", report, sizeof report);
        snprintf(r->message, sizeof r->message,
                 approve ? _("Escalation of %s approved. The application is now: %s. %s")
                         : _("Escalation of %s denied. The application is now: %s. %s"),
                 r->outcome.number, status_label(r->outcome.status), report);
    }
    return rc;
}

int action_withdraw(struct session *session, struct request *req, const struct application *a,
                    const char *reason, struct action_result *r)
{
    if (begin(req, r) != 0)
        return -1;
    int rc = application_withdraw(session->db, req->id, a->id, a->version, reason, &r->outcome, &r->err);
    if (finish(session, req, rc, r) == 0)
        say_new_state(r);
    return rc;
}

int action_countersign(struct session *session, struct request *req, const struct application *a,
                       bool countersign, const char *comment, struct action_result *r)
{
    if (begin(req, r) != 0)
        return -1;
    int rc = application_countersign(session->db, req->id, a->id, a->version,
                                     countersign ? "countersigned" : "refused", comment, &r->outcome, &r->err);
    if (finish(session, req, rc, r) == 0)
        snprintf(r->message, sizeof r->message,
                 countersign ? _("Approval of %s countersigned. The application is now: %s.")
                             : _("Countersignature of %s refused. The application is now: %s."),
                 r->outcome.number, status_label(r->outcome.status));
    return rc;
}
