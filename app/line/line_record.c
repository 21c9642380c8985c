#include "app/line/line_record.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/actions.h"
#include "app/core/letter.h"
#include "app/core/session.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "app/core/record_text.h"

void line_record_close(struct line_record *r)
{
    application_free(&r->app);
    escalation_free(&r->escalation);
    approval_rules_free(&r->rules);
    letter_list_free(&r->letters);
    memset(r, 0, sizeof *r);
}

static void offer_steps(struct line_record *r)
{
    r->offered_count = 0;
    for (int s = 0; s < STEP_COUNT; s++)
        if (step_allowed(&r->app, (enum step)s))
            r->offered[r->offered_count++] = (enum step)s;
}

static int read_record(struct line *l, struct line_record *r, int64_t id)
{
    struct application fresh;
    struct escalation latest;
    struct letter_list letters;
    struct db_error err;
    if (application_get(l->session->db, id, &fresh, &err) != 0) {
        line_refuse(l, "%s %s", _("Error:"), session_explain(l->session, &err));
        return -1;
    }
    if (escalation_latest(l->session->db, id, &latest, &err) < 0) {
        application_free(&fresh);
        line_refuse(l, "%s %s", _("Error:"), session_explain(l->session, &err));
        return -1;
    }
    if (letters_of_application(l->session->db, id, &letters, &err) != 0) {
        application_free(&fresh);
        escalation_free(&latest);
        line_say(l, "%s %s", _("Error:"), session_explain(l->session, &err));
        return -1;
    }
    struct approval_rules rules = r->rules;   /* kept: they do not change */
    r->rules = (struct approval_rules){0};
    line_record_close(r);
    r->app = fresh;
    r->escalation = latest;
    r->letters = letters;
    r->rules = rules;
    offer_steps(r);
    return 0;
}

int line_record_open(struct line *l, struct line_record *r, int64_t id)
{
    if (read_record(l, r, id) != 0)
        return -1;
    line_record_show(l, r);
    return 0;
}

static void field(struct line *l, const char *label, const char *value)
{
    line_say(l, "  %s: %s", label, value);
}

/* What can be done now, numbered. */
static void show_actions(struct line *l, const struct line_record *r)
{
    struct session *session = l->session;
    if (r->offered_count == 0) {
        line_say(l, "%s", steps_none_reason(&r->app));
        return;
    }
    line_say(l, "%s", _("Actions (type the number):"));
    for (size_t i = 0; i < r->offered_count; i++)
        line_say(l, "  %zu. %s", i + 1, step_label(r->offered[i]));
    if (r->app.document_count > 0 && session->me.changes_applications)
        line_say(l, "%s", _("d and a document's number (d1) moves it on: received, checked, neither."));
    if (r->letters.count > 0 && session->me.changes_applications)
        line_say(l, "%s", _("p and a letter's number (p1) prints that letter again."));
}

/* The letters, numbered p1, p2, ... */
static void show_letters(struct line *l, const struct line_record *r)
{
    if (r->letters.count == 0)
        return;
    char text[600];
    line_say(l, "%s: %zu", _("Letters"), r->letters.count);
    for (size_t i = 0; i < r->letters.count; i++) {
        letter_state_text(l->session->lang, &r->letters.items[i], text, sizeof text);
        line_say(l, "  p%zu. %s: %s", i + 1, letter_kind_label(r->letters.items[i].ref.kind), text);
    }
}

void line_record_show(struct line *l, struct line_record *r)
{
    struct session *session = l->session;
    const struct application *a = &r->app;
    /* text: an escalation's request and decision, whole (2000 characters each) */
    char received[16], due[16], closed[16], text[8600], asks[800], waived[800];
    struct db_error err;
    if (record_waivers_text(session, a, &r->escalation, &r->rules, asks, waived, sizeof asks, &err) != 0)
        line_refuse(l, "%s %s", _("Error:"), session_explain(session, &err));
    format_date(session->lang, a->received_at, received, sizeof received);
    format_date(session->lang, a->due_date, due, sizeof due);
    format_date(session->lang, a->closed_at, closed, sizeof closed);
    line_say(l, "%s %s", _("Application"), a->number);
    field(l, _("Status"), status_label(a->status));
    field(l, _("Citizen"), a->citizen_name);
    field(l, _("Service"), session_pick(session, a->service_name_tr, a->service_name_en));
    field(l, _("Office"), session_pick(session, a->office_name_tr, a->office_name_en));
    field(l, _("Assignee"), a->assignee ? a->assignee : _("nobody yet"));
    field(l, _("Received on"), received);
    field(l, _("Due date"), due);
    field(l, _("Closed"), a->closed_at ? closed : _("still open"));
    if (waived[0])
        field(l, _("Waived at approval"), waived);
    if (r->escalation.id) {
        escalation_request_text(&r->escalation, text, sizeof text);
        field(l, _("Escalation"), text);
        if (asks[0])
            field(l, _("Waives"), asks);
        escalation_decision_text(&r->escalation, text, sizeof text);
        field(l, _("Decision"), text);
    }
    line_say(l, "%s: %zu", _("Documents"), a->document_count);
    for (size_t i = 0; i < a->document_count; i++) {
        document_state_text(&a->documents[i], text, sizeof text);
        line_say(l, "  d%zu. %s: %s", i + 1, session_pick(session, a->documents[i].name_tr, a->documents[i].name_en),
                 text);
    }
    show_letters(l, r);
    line_say(l, "%s: %zu", _("History"), a->timeline_count);
    for (size_t i = 0; i < a->timeline_count; i++) {
        const struct timeline_item *t = &a->timeline[i];
        timeline_when(session->lang, t, text, sizeof text);
        char what[600];
        timeline_text(session, a, t, what, sizeof what);
        line_say(l, "  %s  %s", text, what);
    }
    show_actions(l, r);
}

/* Re-reads the application after an answer from the database and says
 * only what moves on: the document just changed, and what can be done now
 * (r shows the whole record again). A braille line is not for repeating
 * twenty unchanged rows. */
void line_record_reload(struct line *l, struct line_record *r, size_t document)
{
    line_flush_messages(l);
    if (read_record(l, r, r->app.id) != 0)
        return;
    char text[300];
    if (document < r->app.document_count) {
        document_state_text(&r->app.documents[document], text, sizeof text);
        line_say(l, "  d%zu. %s: %s", document + 1,
                 session_pick(l->session, r->app.documents[document].name_tr, r->app.documents[document].name_en), text);
    }
    show_actions(l, r);
}
