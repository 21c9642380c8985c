#include "app/core/actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/session.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "app/core/letter.h"
#include "app/core/log.h"
#include "i18n/text/action.h"

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

/* What a lost answer left, in words: nothing done (it may be sent again),
 * or not known yet (it is asked after by itself). */
static void say_lost(struct session *session, struct action_result *r)
{
    char key[120];
    session_how_to(session, ACT_REFRESH, key, sizeof key);
    if (r->lost == STEP_NOT_APPLIED)
        snprintf(r->message, sizeof r->message, "%s",
                 _("The connection to the database was lost before the step was applied: nothing was changed. What you typed is kept and can be sent again; the database applies it once."));
    else
        snprintf(r->message, sizeof r->message,
                 _("The connection to the database was lost, so it is not known yet whether the step was applied. What you typed is kept. gise asks again when the connection is back, and prints the letter if the step was applied; %s to try now."),
                 key);
}

/* After the database answered, or its answer was lost: a lost answer is
 * asked after at once (app/core/outcome.h), and a step the database had
 * applied is a success. A refusal makes the next attempt a new request;
 * only a step not applied (or not known yet) keeps its id for a retry.
 * Returns 0 when the step is done. `number` names the application ("" for
 * a new one). */
static int finish(struct session *session, struct request *req, const char *number, int rc,
                  struct action_result *r)
{
    snprintf(r->request_id, sizeof r->request_id, "%s", req->id);
    if (rc != 0 && r->err.kind == DB_CONNECTION_LOST) {
        struct request_outcome found;
        r->lost = outcome_after_lost_reply(session, req->id, number, &found);
        if (r->lost == STEP_APPLIED) {
            r->outcome = found.outcome;
            r->recovered = true;
            db_error_clear(&r->err);
            rc = 0;
        }
        request_outcome_free(&found);
    }
    if (rc == 0 || r->err.kind != DB_CONNECTION_LOST) {
        outcome_forget(session, req->id);
        req->id[0] = '\0';
    }
    if (rc != 0 && r->err.kind == DB_CONNECTION_LOST) {
        say_lost(session, r);    /* live.c logs the connection */
    } else if (rc != 0) {
        snprintf(r->message, sizeof r->message, "%s", session_explain(session, &r->err));
        log_event(LOG_STEP_REFUSED, "sqlstate=%s", r->err.sqlstate[0] ? r->err.sqlstate : "-");
    }
    return rc;
}

/* The letter the step wrote, as the database stored it (spool, printer,
 * and whether it reached paper recorded): report says what became of it,
 * "" when the step wrote none. */
static void print_letter(struct session *session, const struct action_result *r, char *report, size_t size)
{
    struct request_outcome found;
    struct db_error err;
    if (request_outcome_read(session->db, r->request_id, &found, &err) != 0) {
        snprintf(report, size,
                 _("The letter could not be read from the database (%s). It is listed as not printed on the application and in your inbox."),
                 session_explain(session, &err));
        return;
    }
    letter_print_step(session, &found, report, size);
    request_outcome_free(&found);
}

/* The sentence of a step done: `done` as the step words it, unless the
 * answer was lost and the database said afterwards that it had applied
 * it: then that, and the state it left. `report` is the letter's ("" for
 * none). */
static void say_done(struct action_result *r, const char *done, const char *report)
{
    if (r->recovered)
        snprintf(r->message, sizeof r->message,
                 _("The answer was lost, but the database had applied the step: application %s is now %s. %s"),
                 r->outcome.number, status_label(r->outcome.status), report);
    else
        snprintf(r->message, sizeof r->message, "%s", done);
}

static void say_new_state(struct action_result *r)
{
    char done[300];
    snprintf(done, sizeof done, _("Application %s is now: %s."), r->outcome.number,
             status_label(r->outcome.status));
    say_done(r, done, "");
}

int action_settle(struct session *session, struct request *req, const char *number, struct action_result *r)
{
    memset(r, 0, sizeof *r);
    db_error_reason(&r->err, DB_CONNECTION_LOST, DB_R_CONNECTION_LOST);
    int rc = finish(session, req, number, -1, r);
    if (rc == 0) {
        char report[600];
        print_letter(session, r, report, sizeof report);
        say_done(r, "", report);
    }
    return rc;
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
    if ((rc = finish(session, req, a->number, rc, r)) == 0)
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
    if ((rc = finish(session, req, a->number, rc, r)) == 0)
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
    if ((rc = finish(session, req, "", rc, r)) == 0) {
        char done[300];
        snprintf(done, sizeof done, _("Application %s opened. Its number is %s."), r->outcome.number,
                 r->outcome.number);
        say_done(r, done, "");
    }
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
    if ((rc = finish(session, req, a->number, rc, r)) == 0) {
        char report[600], due[16], done[900];
        print_letter(session, r, report, sizeof report);
        format_date(session->lang, deadline, due, sizeof due);
        snprintf(done, sizeof done, _("Deficiency notice for %s stored, deadline %s. %s"), r->outcome.number, due,
                 report);
        say_done(r, done, report);
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
    if ((rc = finish(session, req, a->number, rc, r)) == 0) {
        char report[600], done[900];
        print_letter(session, r, report, sizeof report);
        snprintf(done, sizeof done, _("Application %s rejected (%s). %s"), r->outcome.number, reason->code, report);
        say_done(r, done, report);
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
    if ((rc = finish(session, req, a->number, rc, r)) == 0) {
        char done[600];
        snprintf(done, sizeof done,
                 _("Application %s is now: %s. The supervisors of your office see it in their inbox."),
                 r->outcome.number, status_label(r->outcome.status));
        say_done(r, done, "");
    }
    return rc;
}

int action_decide(struct session *session, struct request *req, const struct application *a,
                  const struct escalation *e, const struct rejection_reason_info *reason,
                  bool approve, const char *comment, struct action_result *r)
{
    (void)e;
    (void)reason;
    if (begin(req, r) != 0)
        return -1;
    int rc = application_decide_escalation(session->db, req->id, a->id, a->version,
                                           approve ? "approved" : "denied", comment, NULL,
                                           &r->outcome, &r->err);
    if ((rc = finish(session, req, a->number, rc, r)) == 0) {
        /* An approved request for a rejection rejects: the citizen gets the
         * letter the database wrote from the decision (the step's answer
         * says which letter, if any). */
        char report[600], done[900];
        print_letter(session, r, report, sizeof report);
        snprintf(done, sizeof done,
                 approve ? _("Escalation of %s approved. The application is now: %s. %s")
                         : _("Escalation of %s denied. The application is now: %s. %s"),
                 r->outcome.number, status_label(r->outcome.status), report);
        say_done(r, done, report);
    }
    return rc;
}

int action_withdraw(struct session *session, struct request *req, const struct application *a,
                    const char *reason, struct action_result *r)
{
    if (begin(req, r) != 0)
        return -1;
    int rc = application_withdraw(session->db, req->id, a->id, a->version, reason, &r->outcome, &r->err);
    if ((rc = finish(session, req, a->number, rc, r)) == 0)
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
    if ((rc = finish(session, req, a->number, rc, r)) == 0) {
        char done[600];
        snprintf(done, sizeof done,
                 countersign ? _("Approval of %s countersigned. The application is now: %s.")
                             : _("Countersignature of %s refused. The application is now: %s."),
                 r->outcome.number, status_label(r->outcome.status));
        say_done(r, done, "");
    }
    return rc;
}
