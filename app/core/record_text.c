#include "app/core/record_text.h"

#include <stdio.h>
#include <string.h>

#include "app/core/session.h"
#include "i18n/text/flat_json.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "db/application.h"
#include "db/approval_rule.h"
#include "db/countersign.h"
#include "db/escalation.h"
#include "db/letters.h"

void escalation_request_text(const struct escalation *e, char *out, size_t size)
{
    char waited[32];
    format_waiting(e->waiting_seconds, waited, sizeof waited);
    if (e->requested_reason_code)
        snprintf(out, size, _("%s asks for %s (%s), waited %s: %s"), e->raised_by_name,
                 outcome_label(e->requested_outcome), e->requested_reason_code, waited, e->reason);
    else
        snprintf(out, size, _("%s asks for %s, waited %s: %s"), e->raised_by_name,
                 outcome_label(e->requested_outcome), waited, e->reason);
}

void escalation_decision_text(const struct escalation *e, char *out, size_t size)
{
    if (e->cancelled_at)
        snprintf(out, size, "%s", _("cancelled: the application was withdrawn"));
    else if (e->decision)
        snprintf(out, size, e->approved ? _("approved by %s: %s") : _("denied by %s: %s"),
                 e->decided_by_name, e->comment);
    else
        snprintf(out, size, "%s", _("waiting for a supervisor"));
}

void countersign_waiting_text(const struct countersign_item *c, const char *service, char *out, size_t size)
{
    char waited[32];
    format_waiting(c->waiting_seconds, waited, sizeof waited);
    snprintf(out, size, _("%s, approved by %s, waiting %s"), service, c->approved_by_name, waited);
}

const char *escalation_approve_label(const struct escalation *e)
{
    if (strcmp(e->requested_outcome, "reject") == 0)
        return _("Approve: reject the application and print the letter");
    if (strcmp(e->requested_outcome, "exception") == 0)
        return _("Approve the exception: back to review with it recorded");
    return _("Approve: the application is approved");
}

void rule_titles_text(const struct session *session, const struct approval_rules *rules,
                      const struct rule_codes *codes, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < codes->count && used < size; i++) {
        const struct approval_rule_info *rule = approval_rule_find(rules, codes->code[i]);
        const char *title = rule ? session_pick(session, rule->title_tr, rule->title_en) : codes->code[i];
        int n = snprintf(out + used, size - used, "%s%s", i ? "; " : "", title);
        used += n > 0 ? (size_t)n : 0;
    }
}

int record_waivers_text(struct session *session, const struct application *a, const struct escalation *e,
                        struct approval_rules *rules, char *asks, char *waived, size_t size,
                        struct db_error *err)
{
    static const struct rule_codes none;
    const struct rule_codes *asked = e && e->id ? &e->waives : &none;
    int rc = 0;
    if ((asked->count || a->waived.count) && rules->count == 0)
        rc = approval_rules_load(session->db, rules, err);
    if (asks)
        rule_titles_text(session, rules, asked, asks, size);
    rule_titles_text(session, rules, &a->waived, waived, size);
    return rc;
}

void document_state_text(const struct checklist_item *d, char *out, size_t size)
{
    /* Words, not "[x]"/"[ ]": a screen reader says "x" for one and nothing
     * for the other. */
    snprintf(out, size, "%s, %s%s%s", d->received ? _("received: yes") : _("received: no"),
             d->checked ? _("checked: yes") : _("checked: no"), d->mandatory ? ", " : "",
             d->mandatory ? _("(required)") : "");
}

void timestamp_text(const char *lang, const char *at, char *out, size_t size)
{
    format_date(lang, at, out, size);
    size_t used = strlen(out);
    snprintf(out + used, size - used, " %.5s", strlen(at) > 11 ? at + 11 : "");
}

void timeline_when(const char *lang, const struct timeline_item *t, char *out, size_t size)
{
    timestamp_text(lang, t->at, out, size);
}

void letter_state_text(const char *lang, const struct letter_item *l, char *out, size_t size)
{
    char made[32], printed[32], failed[32];
    timestamp_text(lang, l->made_at, made, sizeof made);
    timestamp_text(lang, l->printed_at, printed, sizeof printed);
    timestamp_text(lang, l->print_failed_at, failed, sizeof failed);
    if (l->print_failed_at[0])
        snprintf(out, size, _("not printed (printing failed %s); issued %s by %s"), failed, made,
                 l->made_by_name ? l->made_by_name : "?");
    else if (l->not_printed)
        snprintf(out, size, _("not printed; issued %s by %s"), made, l->made_by_name ? l->made_by_name : "?");
    else
        snprintf(out, size, _("printed %s by %s; issued %s by %s"), printed,
                 l->printed_by_name ? l->printed_by_name : "?", made, l->made_by_name ? l->made_by_name : "?");
}

const char *timeline_action_label(const char *action)
{
    static const struct {
        const char *code, *label;
    } labels[] = {
        {"open", N_("opened the application")}, {"review", N_("started the review")},
        {"document", N_("updated a document")}, {"deficiency", N_("issued a deficiency notice")},
        {"arrived", N_("recorded the missing documents")}, {"approve", N_("approved")},
        {"reject", N_("rejected")}, {"escalate", N_("escalated to a supervisor")},
        {"decide", N_("decided the escalation")}, {"countersign", N_("answered the request for a countersignature")}, {"complete", N_("completed")}, {"withdraw", N_("withdrew it at the citizen's request")},
        {"lapse", N_("the deficiency deadline passed")},
        {"letter_reprint", N_("printed a letter again")},
    };
    for (size_t i = 0; i < sizeof labels / sizeof *labels; i++)
        if (strcmp(action, labels[i].code) == 0)
            return _(labels[i].label);
    return action;
}

/* The name of document `code` on a's checklist in the session's language;
 * the code itself when it is not there. */
static const char *document_name(const struct session *session, const struct application *a, const char *code)
{
    for (size_t i = 0; i < a->document_count; i++)
        if (strcmp(a->documents[i].code, code) == 0)
            return session_pick(session, a->documents[i].name_tr, a->documents[i].name_en);
    return code;
}

void timeline_text(const struct session *session, const struct application *a, const struct timeline_item *t,
                   char *out, size_t size)
{
    char value[128], date[32], what[400];
    snprintf(what, sizeof what, "%s", timeline_action_label(t->action));
    if (strcmp(t->action, "document") == 0) {
        flat_json_string(t->details, "document", value, sizeof value);
        const char *form = flat_json_bool(t->details, "checked", false) ? _("checked a document: %s")
                           : flat_json_bool(t->details, "received", false) ? _("recorded a document as received: %s")
                           : _("recorded a document as not received: %s");
        snprintf(what, sizeof what, form, document_name(session, a, value));
    } else if (strcmp(t->action, "decide") == 0 || strcmp(t->action, "countersign") == 0) {
        flat_json_string(t->details, "decision", value, sizeof value);
        const char *words = decision_label(t->action, value);
        if (words)
            snprintf(what, sizeof what, "%s", words);
    } else if (strcmp(t->action, "deficiency") == 0) {
        flat_json_string(t->details, "deadline", value, sizeof value);
        format_date(session->lang, value, date, sizeof date);
        snprintf(what, sizeof what, _("issued a deficiency notice, deadline %s"), date);
    } else if (strcmp(t->action, "reject") == 0) {
        flat_json_string(t->details, "reason", value, sizeof value);
        if (value[0])
            snprintf(what, sizeof what, _("rejected, reason %s"), value);
    } else if (strcmp(t->action, "lapse") == 0) {
        flat_json_string(t->details, "deadline", value, sizeof value);
        format_date(session->lang, value, date, sizeof date);
        flat_json_string(t->details, "by", value, sizeof value);
        if (strcmp(value, "scheduler") == 0) {
            /* Not a person: the daily run (gise --lapse-overdue). */
            snprintf(out, size, _("The deficiency deadline of %s passed: the scheduler lapsed it"), date);
            return;
        }
    }
    snprintf(out, size, "%s %s", t->actor, what);
}
