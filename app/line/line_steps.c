#include "app/line/line_steps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/drafts.h"
#include "app/core/escalation_asks.h"
#include "app/core/letter.h"
#include "app/core/session.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "app/core/record_text.h"
#include "db/catalogue.h"
#include "i18n/text/filter.h"
#include "app/line/line_drafts.h"

/* What a form gathered; which fields count depends on the step. */
struct form {
    enum step step;
    bool *missing;                               /* deficiency: per document */
    size_t document_count;
    char deadline[11];                           /* deficiency: YYYY-MM-DD */
    char *text;                                  /* note, explanation, why, comment, reason */
    const char *outcome;                         /* escalation: approve, reject, exception */
    struct rule_codes waives;                    /* escalation: the approval rules it waives */
    const struct rejection_reason_info *reason;  /* rejection, or the one asked for */
    bool approve;                                /* decision */
    bool chosen;                                 /* decision: approve says which */
    const struct draft *prior;                   /* the draft this form takes up (no fields: none) */
};

/* What the prior draft says of `name`; NULL when nothing. */
static const char *prior(const struct form *f, const char *name)
{
    const char *value = draft_get(f->prior, name);
    return value && *value ? value : NULL;
}

/* Each answer is kept as it is given (app/core/drafts.h): the form so
 * far, journaled and saved at once. */
static void note(struct line *l, const struct line_record *r, const struct form *f)
{
    struct draft d;
    char list[DRAFT_VALUE_MAX_CHARS] = "";
    drafts_key(&d, application_step_code(f->step), r->app.id, r->app.number);
    for (size_t i = 0; f->missing && i < f->document_count && i < r->app.document_count; i++)
        if (f->missing[i])
            drafts_list_add(list, sizeof list, r->app.documents[i].code);
    int rc = f->missing ? draft_set(&d, "missing", list) : 0;
    if (f->deadline[0])
        rc |= draft_set(&d, "deadline", f->deadline);
    if (f->outcome)
        rc |= draft_set(&d, "outcome", f->outcome);
    if (f->reason)
        rc |= draft_set(&d, "reason", f->reason->code);
    list[0] = '\0';
    for (size_t i = 0; i < f->waives.count; i++)
        drafts_list_add(list, sizeof list, f->waives.code[i]);
    if (f->waives.count)
        rc |= draft_set(&d, "waives", list);
    if (f->chosen)
        rc |= draft_set(&d, "choice", f->step == STEP_COUNTERSIGN ? (f->approve ? "countersign" : "refuse")
                                                                   : (f->approve ? "approve" : "deny"));
    if (f->text)
        rc |= draft_set(&d, "text", f->text);
    if (rc != 0) {          /* out of memory: the draft as it was stays */
        draft_free(&d);
        return;
    }
    drafts_note(l->session, &d, d.count > 0);
    drafts_save_now(l->session);
}

void line_steps_report(struct line *l, int rc, const struct action_result *result)
{
    if (rc == 0)
        session_message(l->session, "%s", result->message);
    else
        session_error(l->session, "%s", result->message);
    line_flush_messages(l);
}

static int act(struct session *session, struct line_record *r, struct request *req, const struct form *f,
               struct action_result *res)
{
    switch (f->step) {
    case STEP_DEFICIENCY:
        return action_deficiency(session, req, &r->app, f->missing, f->deadline, f->text, res);
    case STEP_REJECT:
        return action_reject(session, req, &r->app, f->reason, f->text, res);
    case STEP_ESCALATE:
        return action_escalate(session, req, &r->app, f->outcome, f->reason, &f->waives, f->text, res);
    case STEP_DECIDE:
        return action_decide(session, req, &r->app, &r->escalation, f->reason, f->approve, f->text, res);
    case STEP_COUNTERSIGN:
        return action_countersign(session, req, &r->app, f->approve, f->text, res);
    case STEP_WITHDRAW:
        return action_withdraw(session, req, &r->app, f->text, res);
    default:
        return action_step(session, req, &r->app, f->step, res);
    }
}

/* After a lost answer, which the action has asked the database about
 * already (app/core/outcome.h): a step it did not apply is offered again
 * (true: send it, with the same request id); one whose outcome is not
 * known yet is not, but asked about again for as long as the clerk wants,
 * *rc and *result becoming the answer when there is one. */
static bool send_again(struct line *l, struct request *req, const char *number, int *rc,
                       struct action_result *result)
{
    while (result->lost == STEP_UNKNOWN && line_confirm(l, _("Ask the database again whether it was applied?"))) {
        *rc = action_settle(l->session, req, number, result);
        line_steps_report(l, *rc, result);
        if (*rc == 0)
            return false;
    }
    return result->lost == STEP_NOT_APPLIED && line_confirm(l, _("Send it again? The database applies it at most once."));
}

/* Sends the step until the database answers. After a lost answer only a
 * step the database did not apply is sent again, with the same request
 * id (applied at most once); a colleague's change is shown and, if the
 * step still makes sense, what was typed is offered again: nothing the
 * person typed is lost. */
static enum line_step_end submit(struct line *l, struct line_record *r, const struct form *f)
{
    struct session *session = l->session;
    struct request req = {{0}};
    for (;;) {
        struct action_result result;
        int rc = act(session, r, &req, f, &result);
        line_steps_report(l, rc, &result);
        if (rc == 0)
            return LINE_STEP_DONE;
        if (result.err.kind == DB_CONNECTION_LOST) {
            if (send_again(l, &req, r->app.number, &rc, &result))
                continue;
            return rc == 0 ? LINE_STEP_DONE : LINE_STEP_LOST;
        }
        if (result.err.kind != DB_CONFLICT)
            return LINE_STEP_REFUSED;
        if (line_record_open(l, r, r->app.id) != 0 || r->app.document_count != f->document_count ||
            !step_allowed(&r->app, f->step))
            return LINE_STEP_REFUSED;
        if (!line_confirm(l, _("Send what you typed again, on the current state?")))
            return LINE_STEP_CANCELLED;
    }
}

static enum line_step_end cancelled(struct line *l)
{
    line_say(l, "%s", _("Cancelled. Nothing was changed."));
    return LINE_STEP_CANCELLED;
}

/* One entry of a catalogue list: its code, its title in the person's
 * language, and a note after it ("" when none). */
typedef void (*describe_fn)(struct session *session, const struct catalogue *c, size_t i, const char **code,
                            const char **title, const char **note);

static void describe_reason(struct session *session, const struct catalogue *c, size_t i, const char **code,
                            const char **title, const char **note)
{
    const struct rejection_reason_info *x = &c->reasons[i];
    *code = x->code;
    *title = session_pick(session, x->title_tr, x->title_en);
    *note = x->needs_supervisor ? _(" (needs a supervisor)") : "";
}

static void describe_service(struct session *session, const struct catalogue *c, size_t i, const char **code,
                             const char **title, const char **note)
{
    const struct service_info *x = &c->services[i];
    *code = x->code;
    *title = session_pick(session, x->name_tr, x->name_en);
    *note = "";
}

/* Chooses from a catalogue list by number, by code, or by words that narrow
 * the list (folded: "ikamet" finds "İkametgâh"). Returns the index, or -1
 * when cancelled. */
static long choose_from(struct line *l, const struct catalogue *c, size_t total, describe_fn describe,
                        const char *heading, const char *prompt)
{
    char filter[256] = "";
    for (;;) {
        size_t shown[512], count = 0;
        line_say(l, "%s", filter[0] ? _("Matching what you typed:") : heading);
        for (size_t i = 0; i < total && count < 512; i++) {
            const char *code, *title, *note;
            describe(l->session, c, i, &code, &title, &note);
            if (filter[0] && !filter_match(filter, title) && !filter_match(filter, code))
                continue;
            shown[count++] = i;
            line_say(l, "  %zu. %s %s%s", count, code, title, note);
        }
        if (count == 0)
            line_refuse(l, "%s", _("Nothing matches; type other words."));
        char answer[256];
        if (line_ask_form(l, prompt, answer, sizeof answer) != 0 || answer[strspn(answer, " ")] == '\0')
            return -1;
        char *end;
        long n = strtol(answer, &end, 10);
        if (answer[0] >= '0' && answer[0] <= '9' && *end == '\0') {
            if (n >= 1 && (size_t)n <= count)
                return (long)shown[n - 1];
            line_refuse(l, _("Type a number from 1 to %zu, or an empty line to cancel."), count);
            continue;
        }
        for (size_t i = 0; i < total; i++) {
            const char *code, *title, *note;
            describe(l->session, c, i, &code, &title, &note);
            if (strcmp(code, answer) == 0)
                return (long)i;
        }
        snprintf(filter, sizeof filter, "%s", answer);
    }
}

static const struct rejection_reason_info *choose_reason(struct line *l, const struct catalogue *c)
{
    long i = choose_from(l, c, c->reason_count, describe_reason, _("Rejection reasons:"),
                         _("Reason (number, code, or words to narrow the list; empty line cancels): "));
    return i < 0 ? NULL : &c->reasons[i];
}

static void show_reason(struct line *l, const struct application *a, const struct rejection_reason_info *x)
{
    line_say(l, "  %s: %s %s", _("Reason"), x->code, session_pick(l->session, x->title_tr, x->title_en));
    line_say(l, "  %s: %s, %s", _("Legal basis"), x->law, x->article);
    line_say(l, "  %s: %s", _("The citizen reads"),
             strcmp(a->citizen_language, "en") == 0 ? x->text_en : x->text_tr);
}

/* Free text the step needs (the draft's, when it holds some, kept by an
 * empty line); returns 0, or the end for a cancellation. */
static int ask_text(struct line *l, const struct line_record *r, const char *label, size_t max_chars,
                    struct form *f)
{
    const char *drafted = prior(f, "text");
    int rc = drafted ? line_ask_text_drafted(l, label, TEXT_NOTE, max_chars, drafted, &f->text)
                     : line_ask_text(l, label, TEXT_NOTE, max_chars, &f->text);
    if (rc == 0)
        note(l, r, f);
    return rc;
}

static enum line_step_end confirm_and_submit(struct line *l, struct line_record *r, struct form *f,
                                             const char *question)
{
    if (!line_confirm(l, question))
        return cancelled(l);
    return submit(l, r, f);
}

static enum line_step_end simple_step(struct line *l, struct line_record *r, struct form *f)
{
    char question[300];
    snprintf(question, sizeof question, step_question(f->step), r->app.number);
    return confirm_and_submit(l, r, f, question);
}

/* The numbers typed (1 to max, at most 256, separated by spaces or commas)
 * ticked in chosen[0..max), and how many in *count; -1 when a word is not
 * one of them. Consumes answer (strtok). */
static int numbers_chosen(char *answer, size_t max, bool *chosen, size_t *count)
{
    *count = 0;
    for (char *word = strtok(answer, " ,"); word; word = strtok(NULL, " ,")) {
        char *end;
        long n = strtol(word, &end, 10);
        if (*end != '\0' || n < 1 || (size_t)n > max || n > 256)
            return -1;
        *count += !chosen[n - 1];
        chosen[n - 1] = true;
    }
    return 0;
}

/* Which documents are missing: the marked ones, or the numbers typed. */
static int ask_missing(struct line *l, const struct application *a, bool *missing)
{
    for (;;) {
        line_say(l, "%s", _("Documents (the missing ones go in the notice):"));
        for (size_t i = 0; i < a->document_count; i++)
            line_say(l, "  %zu. %s%s: %s", i + 1,
                     session_pick(l->session, a->documents[i].name_tr, a->documents[i].name_en),
                     a->documents[i].mandatory ? _(" (required)") : "",
                     missing[i] ? _("missing") : _("not missing"));
        char answer[512];
        if (line_ask_form(l, _("Missing documents (numbers separated by spaces; empty line keeps the marked ones): "),
                          answer, sizeof answer) != 0)
            return -1;
        bool chosen[256] = {false};
        size_t count;
        if (numbers_chosen(answer, a->document_count, chosen, &count) != 0) {
            line_refuse(l, _("Type document numbers from 1 to %zu, separated by spaces."), a->document_count);
            continue;
        }
        if (count > 0)
            for (size_t i = 0; i < a->document_count; i++)
                missing[i] = i < 256 && chosen[i];
        size_t marked = 0;
        for (size_t i = 0; i < a->document_count; i++)
            marked += missing[i];
        if (marked > 0)
            return (int)marked;
        line_refuse(l, "%s %s", _("Error:"), _("Tick at least one missing document."));
    }
}

static enum line_step_end deficiency(struct line *l, struct line_record *r, struct form *f)
{
    const struct application *a = &r->app;
    char earliest[11], latest[11], shown[16], prompt[200], answer[64];
    struct db_error err;
    if (application_deficiency_window(l->session->db, a->id, earliest, latest, &err) != 0) {
        line_refuse(l, "%s %s", _("Error:"), session_explain(l->session, &err));
        return LINE_STEP_REFUSED;
    }
    f->missing = calloc(a->document_count + 1, sizeof *f->missing);
    if (!f->missing) {
        line_say(l, "%s", _("Out of memory."));
        return LINE_STEP_REFUSED;
    }
    f->document_count = a->document_count;
    for (size_t i = 0; i < a->document_count; i++)
        f->missing[i] = prior(f, "missing") ? drafts_list_has(prior(f, "missing"), a->documents[i].code)
                                            : a->documents[i].mandatory && !a->documents[i].checked;
    int count = ask_missing(l, a, f->missing);
    if (count < 0)
        return cancelled(l);
    note(l, r, f);
    /* The deadline is the rule's again (a drafted one may be what the
     * database refused): the free text and the documents are what is
     * worth taking up. */
    format_date(l->session->lang, earliest, shown, sizeof shown);
    snprintf(prompt, sizeof prompt, _("Deadline (empty line: %s): "), shown);
    for (;;) {
        if (line_ask_form(l, prompt, answer, sizeof answer) != 0)
            return cancelled(l);
        if (answer[strspn(answer, " ")] == '\0') {
            snprintf(f->deadline, sizeof f->deadline, "%s", earliest);
            break;
        }
        if (parse_date(answer, f->deadline) == 0)
            break;
        line_refuse(l, "%s %s", _("Error:"), _("Deadline: type a date such as 07.12.2026."));
    }
    note(l, r, f);
    if (ask_text(l, r, _("Note"), 1000, f) != 0)
        return cancelled(l);
    char question[300];
    snprintf(question, sizeof question,
             ngettext("Issue the notice for %zu missing document and print the letter?",
                      "Issue the notice for %zu missing documents and print the letter?", (size_t)count),
             (size_t)count);
    return confirm_and_submit(l, r, f, question);
}

static enum line_step_end reject(struct line *l, struct line_record *r, struct form *f,
                                 const struct catalogue *c)
{
    f->reason = prior(f, "reason") ? catalogue_reason(c, prior(f, "reason")) : NULL;
    if (f->reason)
        line_say_drafted(l, _("Reason"), f->reason->code);
    else if (!(f->reason = choose_reason(l, c)))
        return cancelled(l);
    note(l, r, f);
    show_reason(l, &r->app, f->reason);
    if (ask_text(l, r, _("Explanation"), 2000, f) != 0)
        return cancelled(l);
    char question[300];
    snprintf(question, sizeof question, _("Reject application %s for reason %s and print the letter?"),
             r->app.number, f->reason->code);
    return confirm_and_submit(l, r, f, question);
}

/* The approval rules an escalation of `a` asking `ask` waives, by number,
 * from those it offers (app/core/escalation_asks.h). 0 with *out, or 1
 * when cancelled. */
static int ask_waives(struct line *l, const struct application *a, const struct approval_rules *rules,
                      const struct escalation_ask *ask, struct rule_codes *out)
{
    size_t offer[RULE_CODES_MAX];
    size_t offered = escalation_ask_offers(ask, rules, &a->unmet, offer);
    bool must = ask->waives == ASK_WAIVES_MUST;
    memset(out, 0, sizeof *out);
    if (offered == 0)   /* nothing to waive: the database says what that means */
        return 0;
    for (;;) {
        line_say(l, "%s", must ? _("The rules the exception waives (at least one):")
                               : _("Not met now: unless it is waived, the supervisor's approval will be refused:"));
        for (size_t i = 0; i < offered; i++)
            line_say(l, "  %zu. %s", i + 1,
                     session_pick(l->session, rules->items[offer[i]].title_tr, rules->items[offer[i]].title_en));
        char answer[512];
        if (line_ask_form(l, must ? _("Waives (numbers separated by spaces): ")
                                  : _("Waives (numbers separated by spaces; empty line: none): "),
                          answer, sizeof answer) != 0)
            return 1;
        bool chosen[RULE_CODES_MAX] = {false};
        size_t count;
        if (numbers_chosen(answer, offered, chosen, &count) != 0) {
            line_refuse(l, _("Type rule numbers from 1 to %zu, separated by spaces."), offered);
            continue;
        }
        if (count == 0 && must) {
            line_refuse(l, "%s %s", _("Error:"), _("Waives: an exception names at least one rule it waives. Choose one."));
            continue;
        }
        for (size_t i = 0; i < offered; i++)
            if (chosen[i])
                rule_codes_add(out, rules->items[offer[i]].code);
        return 0;
    }
}

static enum line_step_end escalate(struct line *l, struct line_record *r, struct form *f,
                                   const struct catalogue *c)
{
    int n = 0;
    for (int i = 0; prior(f, "outcome") && i < ESCALATION_ASK_COUNT; i++)
        if (strcmp(escalation_asks[i].outcome, prior(f, "outcome")) == 0)
            n = i + 1;
    if (n) {
        line_say_drafted(l, _("Asks for"), outcome_label(escalation_asks[n - 1].outcome));
    } else {
        line_say(l, "%s", _("What do you ask the supervisor for?"));
        for (size_t i = 0; i < ESCALATION_ASK_COUNT; i++)
            line_say(l, "  %zu. %s", i + 1, _(escalation_asks[i].label));
        n = line_ask_number(l, _("Choice: "), ESCALATION_ASK_COUNT);
    }
    if (n <= 0)
        return cancelled(l);
    const struct escalation_ask *ask = &escalation_asks[n - 1];
    f->outcome = ask->outcome;
    note(l, r, f);
    f->reason = ask->needs_reason && prior(f, "reason") ? catalogue_reason(c, prior(f, "reason")) : NULL;
    if (f->reason)
        line_say_drafted(l, _("Reason"), f->reason->code);
    else if (ask->needs_reason && !(f->reason = choose_reason(l, c)))
        return cancelled(l);
    note(l, r, f);
    if (prior(f, "waives")) {
        rule_codes_parse(prior(f, "waives"), &f->waives);
        line_say_drafted(l, _("Waives"), prior(f, "waives"));
    } else if (ask_waives(l, &r->app, &c->rules, ask, &f->waives) != 0) {
        return cancelled(l);
    }
    note(l, r, f);
    if (ask_text(l, r, _("Why"), 2000, f) != 0)
        return cancelled(l);
    char question[300], titles[240];
    if (f->waives.count > 0) {
        rule_titles_text(l->session, &c->rules, &f->waives, titles, sizeof titles);
        snprintf(question, sizeof question, _("Escalate %s, asking for %s and waiving: %s?"), r->app.number,
                 outcome_label(f->outcome), titles);
    } else {
        snprintf(question, sizeof question, _("Escalate %s, asking for %s?"), r->app.number,
                 outcome_label(f->outcome));
    }
    return confirm_and_submit(l, r, f, question);
}

static enum line_step_end decide(struct line *l, struct line_record *r, struct form *f,
                                 const struct catalogue *c)
{
    const struct escalation *e = &r->escalation;
    f->reason = e->requested_reason_code ? catalogue_reason(c, e->requested_reason_code) : NULL;
    if (f->reason)
        show_reason(l, &r->app, f->reason);
    if (e->waives.count > 0) {
        /* What approving signs away, said before the choice. */
        char titles[800];
        rule_titles_text(l->session, &c->rules, &e->waives, titles, sizeof titles);
        line_say(l, "  %s: %s", _("Waives"), titles);
    }
    int n = prior(f, "choice") ? (strcmp(prior(f, "choice"), "approve") == 0 ? 1 : 2) : 0;
    if (n) {
        line_say_drafted(l, _("Decision"), n == 1 ? escalation_approve_label(e) : _("Deny: back to review"));
    } else {
        line_say(l, "  1. %s", escalation_approve_label(e));
        line_say(l, "  2. %s", _("Deny: back to review"));
        n = line_ask_number(l, _("Decision: "), 2);
    }
    if (n <= 0)
        return cancelled(l);
    f->approve = n == 1;
    f->chosen = true;
    note(l, r, f);
    if (ask_text(l, r, _("Comment"), 2000, f) != 0)
        return cancelled(l);
    char question[300];
    snprintf(question, sizeof question,
             f->approve ? _("Approve the escalation of %s? This cannot be undone.")
                        : _("Deny the escalation of %s? It goes back to review."),
             r->app.number);
    return confirm_and_submit(l, r, f, question);
}

static enum line_step_end countersign(struct line *l, struct line_record *r, struct form *f)
{
    line_say(l, "%s", _("A supervisor approved this high-risk application; it takes effect with a second supervisor's countersignature."));
    char waived[800];
    struct db_error err;
    if (record_waivers_text(l->session, &r->app, NULL, &r->rules, NULL, waived, sizeof waived, &err) != 0)
        line_refuse(l, "%s %s", _("Error:"), session_explain(l->session, &err));
    if (waived[0])   /* what the countersignature signs away too */
        line_say(l, "  %s: %s", _("Waived at approval"), waived);
    int n = prior(f, "choice") ? (strcmp(prior(f, "choice"), "countersign") == 0 ? 1 : 2) : 0;
    if (n) {
        line_say_drafted(l, _("Answer"), n == 1 ? _("Countersign: the application is approved")
                                                : _("Refuse: back to review"));
    } else {
        line_say(l, "  1. %s", _("Countersign: the application is approved"));
        line_say(l, "  2. %s", _("Refuse: back to review"));
        n = line_ask_number(l, _("Answer: "), 2);
    }
    if (n <= 0)
        return cancelled(l);
    f->approve = n == 1;
    f->chosen = true;
    note(l, r, f);
    if (ask_text(l, r, _("Comment"), 2000, f) != 0)
        return cancelled(l);
    char question[300];
    snprintf(question, sizeof question,
             f->approve ? _("Countersign the approval of %s? This cannot be undone.")
                        : _("Refuse to countersign %s? It goes back to review."),
             r->app.number);
    return confirm_and_submit(l, r, f, question);
}

static enum line_step_end withdraw(struct line *l, struct line_record *r, struct form *f)
{
    if (ask_text(l, r, _("The citizen's reason"), 1000, f) != 0)
        return cancelled(l);
    char question[300];
    snprintf(question, sizeof question, _("Withdraw application %s? This closes it."), r->app.number);
    return confirm_and_submit(l, r, f, question);
}

enum line_step_end line_take_step(struct line *l, struct line_record *r, enum step s)
{
    struct draft taken_up;   /* a draft of this step on this application, continued */
    const struct draft *kept = drafts_find(l->session, application_step_code(s), r->app.id);
    drafts_key(&taken_up, application_step_code(s), r->app.id, r->app.number);
    if (kept && draft_copy(&taken_up, kept) != 0)
        drafts_key(&taken_up, application_step_code(s), r->app.id, r->app.number);
    struct form f = {.step = s, .document_count = r->app.document_count, .prior = &taken_up};
    struct catalogue c = {0};
    struct db_error err;
    enum line_step_end end;
    line_say(l, "%s: %s", step_label(s), r->app.number);
    if (kept) {
        char when[48];
        drafts_typed_when(l->session, &taken_up, when, sizeof when);
        line_say(l, _("Continuing what you typed at %s."), when);
    }
    if ((s == STEP_REJECT || s == STEP_ESCALATE || s == STEP_DECIDE) &&
        catalogue_load(l->session->db, &c, &err) != 0) {
        line_refuse(l, "%s %s", _("Error:"), session_explain(l->session, &err));
        draft_free(&taken_up);
        return LINE_STEP_REFUSED;
    }
    switch (s) {
    case STEP_DEFICIENCY: end = deficiency(l, r, &f); break;
    case STEP_REJECT: end = reject(l, r, &f, &c); break;
    case STEP_ESCALATE: end = escalate(l, r, &f, &c); break;
    case STEP_DECIDE: end = decide(l, r, &f, &c); break;
    case STEP_COUNTERSIGN: end = countersign(l, r, &f); break;
    case STEP_WITHDRAW: end = withdraw(l, r, &f); break;
    default: end = simple_step(l, r, &f); break;
    }
    /* Taken: the draft is done with. Cancelled by the person (not by the
     * end of the input): they chose to lose it. */
    if (end == LINE_STEP_DONE)
        drafts_done(l->session, application_step_code(s), r->app.id);
    else if (end == LINE_STEP_CANCELLED && !l->in.eof)
        drafts_discard(l->session, application_step_code(s), r->app.id);
    draft_free(&taken_up);
    free(f.missing);
    free(f.text);
    catalogue_free(&c);
    return end;
}

static void cycle_document(struct line *l, struct line_record *r, size_t index)
{
    struct session *session = l->session;
    if (!session->me.changes_applications) {
        line_say(l, "%s", _("You can read this application; only counter staff change it."));
        return;
    }
    struct request req = {{0}};
    struct action_result result;
    int rc = action_cycle_document(session, &req, &r->app, index, &result);
    line_steps_report(l, rc, &result);
    if (rc == 0 || result.err.kind != DB_CONNECTION_LOST)
        line_record_reload(l, r, index);
}

/* p1: letter 1 printed again (the database audits it first), and the
 * letters listed again with where each stands now. */
static void reprint_letter(struct line *l, struct line_record *r, size_t index)
{
    char message[1200];
    int rc = letter_reprint(l->session, r->letters.items[index].ref, r->app.number, message, sizeof message);
    if (rc == 0)
        session_message(l->session, "%s", message);
    else
        session_error(l->session, "%s", message);
    line_flush_messages(l);
    line_record_reload(l, r, SIZE_MAX);
}

bool line_steps_answer(struct line *l, struct line_record *r, const char *answer)
{
    char *end;
    if ((answer[0] == 'p' || answer[0] == 'P') && answer[1] >= '1' && answer[1] <= '9') {
        long n = strtol(answer + 1, &end, 10);
        if (*end != '\0')
            return false;
        if (!l->session->me.changes_applications)
            line_say(l, "%s", _("Only counter staff print letters."));
        else if (n < 1 || (size_t)n > r->letters.count)
            line_say(l, _("There is no letter p%ld; this application has %zu."), n, r->letters.count);
        else
            reprint_letter(l, r, (size_t)n - 1);
        return true;
    }
    if ((answer[0] == 'd' || answer[0] == 'D') && answer[1] >= '1' && answer[1] <= '9') {
        long n = strtol(answer + 1, &end, 10);
        if (*end != '\0')
            return false;
        if (n < 1 || (size_t)n > r->app.document_count)
            line_refuse(l, _("There is no document d%ld; this application has %zu."), n, r->app.document_count);
        else
            cycle_document(l, r, (size_t)n - 1);
        return true;
    }
    long n = strtol(answer, &end, 10);
    if (answer[0] < '0' || answer[0] > '9' || *end != '\0')
        return false;
    if (n < 1 || (size_t)n > r->offered_count) {
        if (r->offered_count == 0)
            line_say(l, "%s", steps_none_reason(&r->app));
        else
            line_refuse(l, _("Type an action's number from 1 to %zu."), r->offered_count);
        return true;
    }
    line_steps_take(l, r, r->offered[n - 1]);
    return true;
}

void line_steps_take(struct line *l, struct line_record *r, enum step s)
{
    if (line_take_step(l, r, s) != LINE_STEP_LOST)
        line_record_reload(l, r, SIZE_MAX);
}

/* A new application's answers so far: the service, the documents
 * ticked (NULL: not yet asked). */
static void note_new_application(struct line *l, int64_t citizen_id, const struct service_info *service,
                                 const bool *brought)
{
    struct draft d;
    char list[DRAFT_VALUE_MAX_CHARS] = "";
    drafts_key(&d, DRAFT_KIND_OPEN, citizen_id, service->code);
    for (size_t i = 0; brought && i < service->document_count; i++)
        if (brought[i])
            drafts_list_add(list, sizeof list, service->documents[i].code);
    if (draft_set(&d, "service", service->code) != 0 || (brought && draft_set(&d, "brought", list) != 0)) {
        draft_free(&d);
        return;
    }
    drafts_note(l->session, &d, true);
    drafts_save_now(l->session);
}

void line_new_application(struct line *l, int64_t citizen_id, int64_t *opened)
{
    struct session *session = l->session;
    struct catalogue c = {0};
    struct db_error err;
    *opened = 0;
    if (!session->me.changes_applications) {
        line_say(l, "%s", _("Only counter staff open applications."));
        return;
    }
    if (catalogue_load(session->db, &c, &err) != 0) {
        line_refuse(l, "%s %s", _("Error:"), session_explain(l->session, &err));
        return;
    }
    /* A draft of a new application for this citizen is taken up. */
    const struct draft *kept = drafts_find(session, DRAFT_KIND_OPEN, citizen_id);
    const char *drafted = kept ? draft_get(kept, "service") : NULL;
    const struct service_info *service = drafted ? catalogue_service(&c, drafted) : NULL;
    char ticked[DRAFT_VALUE_MAX_CHARS];
    snprintf(ticked, sizeof ticked, "%s", kept && draft_get(kept, "brought") ? draft_get(kept, "brought") : "");
    if (service) {
        line_say_drafted(l, _("Service"), service->code);
    } else {
        long i = choose_from(l, &c, c.service_count, describe_service, _("Services:"),
                             _("Service (number, code, or words to narrow the list; empty line cancels): "));
        service = i < 0 ? NULL : &c.services[i];
    }
    bool *brought = service ? calloc(service->document_count + 1, sizeof *brought) : NULL;
    if (!brought) {
        cancelled(l);
        if (!l->in.eof)
            drafts_discard(session, DRAFT_KIND_OPEN, citizen_id);
        catalogue_free(&c);
        return;
    }
    note_new_application(l, citizen_id, service, NULL);
    line_say(l, "%s: %s", _("Service"), session_pick(session, service->name_tr, service->name_en));
    line_say(l, "  %s", session_pick(session, service->description_tr, service->description_en));
    line_say(l, ngettext("  Takes %d working day.", "  Takes %d working days.", service->sla_working_days),
             service->sla_working_days);
    line_say(l, "%s", _("Documents:"));
    for (size_t d = 0; d < service->document_count; d++)
        line_say(l, "  %zu. %s%s", d + 1, session_pick(session, service->documents[d].name_tr, service->documents[d].name_en),
                 service->documents[d].mandatory ? _(" (required)") : "");
    char answer[512], numbers[512] = "", prompt[700];
    for (size_t d = 0; d < service->document_count; d++)
        if (drafts_list_has(ticked, service->documents[d].code))
            snprintf(numbers + strlen(numbers), sizeof numbers - strlen(numbers), "%s%zu", numbers[0] ? " " : "",
                     d + 1);
    if (numbers[0])
        snprintf(prompt, sizeof prompt, _("Documents the citizen brought (numbers separated by spaces; empty line keeps your draft's %s): "),
                 numbers);
    else
        snprintf(prompt, sizeof prompt, "%s",
                 _("Documents the citizen brought (numbers separated by spaces; empty line: none): "));
    bool ended = false;
    for (;;) {
        if (line_ask_form(l, prompt, answer, sizeof answer) != 0) {
            ended = true;
            break;
        }
        if (answer[strspn(answer, " ")] == '\0')
            snprintf(answer, sizeof answer, "%s", numbers);
        bool bad = false;
        for (char *word = strtok(answer, " ,"); word && !bad; word = strtok(NULL, " ,")) {
            char *end;
            long n = strtol(word, &end, 10);
            bad = *end != '\0' || n < 1 || (size_t)n > service->document_count;
            if (!bad)
                brought[n - 1] = true;
        }
        if (!bad)
            break;
        memset(brought, 0, service->document_count * sizeof *brought);
        line_refuse(l, _("Type document numbers from 1 to %zu, separated by spaces."), service->document_count);
    }
    if (ended) {
        cancelled(l);
        if (!l->in.eof)
            drafts_discard(session, DRAFT_KIND_OPEN, citizen_id);
    } else {
        note_new_application(l, citizen_id, service, brought);
        struct request req = {{0}};
        struct action_result result;
        int rc;
        do {
            rc = action_open(session, &req, citizen_id, service, brought, &result);
            line_steps_report(l, rc, &result);
        } while (rc != 0 && result.err.kind == DB_CONNECTION_LOST && send_again(l, &req, "", &rc, &result));
        if (rc == 0) {
            *opened = result.outcome.application_id;
            drafts_done(session, DRAFT_KIND_OPEN, citizen_id);
        }
    }
    free(brought);
    catalogue_free(&c);
}
