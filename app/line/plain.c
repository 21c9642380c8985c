/* Line mode's prompts: search, citizen, application and inbox, one level
 * on top of the other like the screens, with the same commands at each
 * (help, back, search, inbox, where am I, refresh, history, quit). */
#include "app/line/plain.h"

#include "i18n/text/action.h"
#include "i18n/text/national_id.h"
#include "app/core/session.h"
#include "app/line/words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "app/core/drafts.h"
#include "app/line/line_drafts.h"
#include "app/line/line_inbox.h"
#include "app/line/line_io.h"
#include "app/line/line_record.h"
#include "app/line/line_steps.h"
#include "app/core/explain.h"
#include "app/core/live.h"
#include "app/core/purpose.h"
#include "app/core/record_text.h"
#include "db/citizen.h"

enum level { AT_SEARCH, AT_CITIZEN, AT_APPLICATION, AT_INBOX };
enum { MAX_LEVELS = 8, MAX_HITS = 20 };

struct plain {
    struct line line;
    struct session *session;
    enum level levels[MAX_LEVELS];
    int depth;
    struct citizen_hits hits;
    struct citizen_detail citizen;
    struct line_record record;
    struct line_inbox inbox;
};

static enum level top(const struct plain *p)
{
    return p->levels[p->depth - 1];
}

static const char *prompt_of(enum level level)
{
    switch (level) {
    case AT_CITIZEN: return _("citizen> ");
    case AT_APPLICATION: return _("application> ");
    case AT_INBOX: return _("inbox> ");
    default: return _("search> ");
    }
}

static const char *name_of(enum level level)
{
    switch (level) {
    case AT_CITIZEN: return _("Citizen");
    case AT_APPLICATION: return _("Application");
    case AT_INBOX: return _("Inbox");
    default: return _("Citizen search");
    }
}

static void say_error(struct plain *p, const struct db_error *err)
{
    session_db_error(p->session, err);
    line_flush_messages(&p->line);
}

static void show_hits(struct plain *p)
{
    struct line *l = &p->line;
    if (p->hits.count == 0) {
        line_say(l, "%s", _("No citizen found."));
        return;
    }
    line_say(l, ngettext("%zu citizen found (type the number to open):",
                         "%zu citizens found (type a number to open one):", p->hits.count),
             p->hits.count);
    for (size_t i = 0; i < p->hits.count; i++) {
        const struct citizen_hit *h = &p->hits.items[i];
        line_say(l, "  %zu. %s  %s %s  %d  %s", i + 1, h->national_id_masked, h->given_name, h->family_name,
                 h->birth_year, h->city ? h->city : "-");
    }
}

static void search(struct plain *p, const char *text)
{
    struct db_error err;
    citizen_hits_free(&p->hits);
    size_t len = strlen(text);
    p->depth = 1;
    enum search_kind kind = search_kind_of(text, len);
    if (kind == SEARCH_ID_PARTIAL) {
        line_refuse(&p->line, _("Identity number: %zu of 11 digits."), len);
        return;
    }
    int rc = kind == SEARCH_ID ? citizen_by_national_id(p->session->db, text, purpose_current(p->session),
                                                        "line-search", &p->hits, &err)
                               : citizen_search(p->session->db, text, MAX_HITS, &p->hits, &err);
    if (rc != 0)
        say_error(p, &err);
    else
        show_hits(p);
}

static void show_citizen(struct plain *p)
{
    struct line *l = &p->line;
    const struct citizen_detail *d = &p->citizen;
    char born[16];
    format_date(p->session->lang, d->birth_date, born, sizeof born);
    line_say(l, "%s: %s %s", _("Citizen"), d->given_name, d->family_name);
    line_say(l, "  %s: %s", _("Identity number"), d->national_id);
    line_say(l, "  %s: %s", _("Birth date"), born);
    line_say(l, "  %s: %s", _("Birth place"), d->birth_place ? d->birth_place : "-");
    line_say(l, "  %s: %s", _("City"), d->city ? d->city : "-");
    line_say(l, "  %s: %s", _("Phone"), d->phone ? d->phone : "-");
    line_say(l, "  %s: %s", _("E-mail"), d->email ? d->email : "-");
    line_say(l, "  %s: %s", _("Address"), d->address ? d->address : "-");
    line_say(l, "  %s: %s", _("Accessibility needs"), d->accessibility_needs ? d->accessibility_needs : "-");
    line_say(l, "%s: %zu", _("Applications"), d->application_count);
    for (size_t i = 0; i < d->application_count; i++) {
        const struct application_summary *a = &d->applications[i];
        char received[16], due[16];
        format_date(p->session->lang, a->received_at, received, sizeof received);
        format_date(p->session->lang, a->due_date, due, sizeof due);
        line_say(l, _("  %zu. %s  %s  %s  received %s, due %s"), i + 1, a->number,
                 session_pick(p->session, a->service_name_tr, a->service_name_en), status_label(a->status), received,
                 due);
    }
    line_say(l, "%s", p->session->me.changes_applications
                          ? _("Type an application's number to open it, or n for a new application.")
                          : _("Type an application's number to open it."));
}

/* Asks why the record is opened, the last choice the default (an empty
 * line takes it). Returns 0 with the choice remembered in the session, 1
 * when cancelled (b or q), -1 at the end of the input or when the list
 * cannot be read (said). */
static int ask_purpose(struct plain *p)
{
    struct db_error err;
    const struct access_purposes *list = purpose_list(p->session, &err);
    if (!list) {
        say_error(p, &err);
        return -1;
    }
    size_t chosen = purpose_default(p->session, list);
    line_say(&p->line, "%s", _("Why is this record opened?"));
    for (size_t i = 0; i < list->count; i++)
        line_say(&p->line, "  %zu. %s", i + 1, purpose_title(p->session, &list->items[i]));
    char prompt[160], answer[16];
    snprintf(prompt, sizeof prompt, _("purpose [%zu]> "), chosen + 1);
    for (;;) {
        int rc = line_ask_form(&p->line, prompt, answer, sizeof answer);
        if (rc != 0)
            return rc;
        char *end;
        unsigned long n = strtoul(answer, &end, 10);
        if (answer[0] == '\0') {
            break;
        } else if (*end == '\0' && n >= 1 && n <= list->count) {
            chosen = n - 1;
            break;
        }
        line_refuse(&p->line, _("Type 1 to %zu, or an empty line for %s."), list->count,
                    purpose_title(p->session, &list->items[chosen]));
    }
    purpose_choose(p->session, list->items[chosen].code);
    return 0;
}

static void offer_drafts(struct plain *p);

static int open_citizen(struct plain *p, int64_t id)
{
    struct citizen_detail fresh;
    struct db_error err;
    if (citizen_open(p->session->db, id, purpose_current(p->session), "line-mode", &fresh, &err) != 0) {
        say_error(p, &err);
        return -1;
    }
    citizen_detail_free(&p->citizen);
    p->citizen = fresh;
    show_citizen(p);
    drafts_offer_for(p->session, id, true);     /* an unfinished new application */
    offer_drafts(p);
    return 0;
}

static void push(struct plain *p, enum level level)
{
    if (p->depth < MAX_LEVELS)
        p->levels[p->depth++] = level;
}

static void open_application(struct plain *p, int64_t id)
{
    if (line_record_open(&p->line, &p->record, id) != 0)
        return;
    push(p, AT_APPLICATION);
    drafts_offer_for(p->session, id, false);    /* an unfinished step on it */
    offer_drafts(p);
}

/* A draft taken up: its form, on its application (opened first unless it
 * is the one open); a new application's for its citizen. */
static void resume(struct plain *p, const struct draft *d, int64_t origin)
{
    enum step step;
    drafts_hold_offers(p->session, true);
    if (strcmp(d->kind, DRAFT_KIND_OPEN) == 0) {
        int64_t opened;
        line_new_application(&p->line, d->target, &opened);
        if (opened)
            open_application(p, opened);
    } else if (drafts_step_of(d, &step)) {
        if (origin != d->target || top(p) != AT_APPLICATION || p->record.app.id != d->target)
            open_application(p, d->target);
        if (top(p) == AT_APPLICATION && p->record.app.id == d->target)
            line_steps_take(&p->line, &p->record, step);
    }
    drafts_hold_offers(p->session, false);
}

/* The drafts queued (at sign-in, or by what was just opened), one after
 * another; one taken up ends the offers (the rest come again when their
 * application is opened). */
static void offer_drafts(struct plain *p)
{
    struct draft d;
    int64_t origin;
    while (drafts_next_offer(p->session, &d, &origin)) {
        enum line_offer answer = line_draft_offer(&p->line, &d);
        if (answer == LINE_OFFER_RESUME) {
            drafts_offers_clear(p->session);
            resume(p, &d, origin);
        }
        draft_free(&d);
        if (answer == LINE_OFFER_RESUME || answer == LINE_OFFER_END)
            return;
    }
}

/* An approval from the inbox: its application, and its countersignature
 * asked for at once while the database still offers it (a colleague may
 * have answered meanwhile: the application then says what it waits for). */
static void open_to_countersign(struct plain *p, int64_t id)
{
    if (line_record_open(&p->line, &p->record, id) != 0)
        return;
    push(p, AT_APPLICATION);
    if (step_allowed(&p->record.app, STEP_COUNTERSIGN))
        line_steps_take(&p->line, &p->record, STEP_COUNTERSIGN);
}

/* What is open, again, as the database has it now. */
static void refresh(struct plain *p)
{
    if (!db_is_connected(p->session->db))
        live_reconnect(p->session);
    line_flush_messages(&p->line);
    switch (top(p)) {
    case AT_CITIZEN: open_citizen(p, p->citizen.id); break;
    case AT_APPLICATION: line_record_open(&p->line, &p->record, p->record.app.id); break;
    case AT_INBOX: line_inbox_refresh(&p->line, &p->inbox); break;
    default: show_hits(p); break;
    }
}

static void where_am_i(struct plain *p)
{
    char open[300] = "";
    switch (top(p)) {
    case AT_CITIZEN:
        snprintf(open, sizeof open, "%s %s", p->citizen.given_name, p->citizen.family_name);
        break;
    case AT_APPLICATION:
        snprintf(open, sizeof open, "%s (%s)", p->record.app.number, status_label(p->record.app.status));
        break;
    case AT_INBOX:
        line_inbox_where(&p->inbox, open, sizeof open);
        break;
    default:
        snprintf(open, sizeof open, "%s", _("(none)"));
    }
    const char *last = messages_last(&p->session->messages);
    char where[1200], connection[200];
    snprintf(where, sizeof where, _("Screen: %s. Open: %s. Last message: %s"), name_of(top(p)), open,
             last[0] ? last : _("(none)"));
    explain_connection(p->session->db, connection, sizeof connection);
    session_message(p->session, "%s %s", where, connection);
    line_flush_messages(&p->line);
}

static void history(struct plain *p)
{
    const struct messages *s = &p->session->messages;
    line_say(&p->line, ngettext("%zu message in this session:", "%zu messages in this session:", s->count),
             s->count);
    for (size_t i = 0; i < s->count; i++) {
        char at[16];
        strftime(at, sizeof at, "%H:%M:%S", localtime(&s->items[i].at));
        line_say(&p->line, "  %s  %s", at, s->items[i].text);
    }
}

static void help(struct plain *p)
{
    struct line *l = &p->line;
    switch (top(p)) {
    case AT_SEARCH:
        line_say(l, "%s", _("Type a name (any case, with or without Turkish letters) or an 11-digit identity number; a result's number opens it."));
        break;
    case AT_CITIZEN:
        line_say(l, "%s", _("A number opens that application; n opens a new one."));
        break;
    case AT_APPLICATION:
        line_say(l, "%s", _("A number takes that action; d and a number (d1) moves a document on."));
        line_say(l, "%s", _("p and a letter's number (p1) prints that letter again."));
        break;
    case AT_INBOX:
        line_inbox_help(l);
        break;
    }
    /* Every command from the one action table (i18n/text/action.h). */
    line_say(l, "%s", _("At every prompt:"));
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
        const char *word = action_line_word((enum action)a);
        if (word)
            line_say(l, "  %-2s %s", word, keymap_help((enum action)a));
    }
    line_say(l, "%s", _("  s TEXT searches for TEXT at once."));
}

static void back(struct plain *p)
{
    if (p->depth <= 1) {
        line_say(&p->line, "%s", _("This is the first prompt. q quits."));
        return;
    }
    p->depth--;
    refresh(p);
}

/* The level's own answers: numbers, and n for a new application. */
static bool level_answer(struct plain *p, const char *answer)
{
    char *end;
    long n = strtol(answer, &end, 10);
    bool number = answer[0] >= '0' && answer[0] <= '9' && *end == '\0' && strlen(answer) < 5;
    switch (top(p)) {
    case AT_SEARCH:
        if (!number || n < 1 || (size_t)n > p->hits.count)
            return false;
        if (ask_purpose(p) == 0 && open_citizen(p, p->hits.items[n - 1].id) == 0)
            push(p, AT_CITIZEN);
        return true;
    case AT_CITIZEN:
        if (strcmp(answer, "n") == 0) {
            int64_t opened;
            line_new_application(&p->line, p->citizen.id, &opened);
            if (opened)
                open_application(p, opened);
            return true;
        }
        if (!number)
            return false;
        if (n < 1 || (size_t)n > p->citizen.application_count)
            line_refuse(&p->line, _("Type an application's number from 1 to %zu."), p->citizen.application_count);
        else
            open_application(p, p->citizen.applications[n - 1].id);
        return true;
    case AT_APPLICATION:
        return line_steps_answer(&p->line, &p->record, answer);
    case AT_INBOX: {
        const struct inbox_entry *chosen;
        if (!line_inbox_answer(&p->line, &p->inbox, answer, &chosen))
            return false;
        if (chosen && chosen->kind == INBOX_COUNTERSIGN)
            open_to_countersign(p, inbox_entry_application(chosen));
        else if (chosen)
            open_application(p, inbox_entry_application(chosen));
        return true;
    }
    }
    return false;
}

/* Returns false to quit. */
static bool answer(struct plain *p, const char *text)
{
    if (action_from_line_word(text) == ACT_QUIT)
        return false;
    if (!db_is_connected(p->session->db)) {
        live_reconnect(p->session);     /* the connection went: try before the command */
        line_flush_messages(&p->line);
    }
    switch (action_from_line_word(text)) {
    case ACT_HELP:
        help(p);
        break;
    case ACT_BACK:
        back(p);
        break;
    case ACT_REFRESH:
        refresh(p);
        break;
    case ACT_WHERE:
        where_am_i(p);
        break;
    case ACT_HISTORY:
        history(p);
        break;
    case ACT_INBOX:
        if (top(p) != AT_INBOX)
            push(p, AT_INBOX);
        if (line_inbox_open(&p->line, &p->inbox) != 0)
            p->depth--;
        break;
    case ACT_SEARCH:
        p->depth = 1;
        line_say(&p->line, "%s", _("Type a name or an identity number."));
        break;
    default:
        if (strncmp(text, "s ", 2) == 0)
            search(p, text + 2);
        else if (!level_answer(p, text)) {
            if (top(p) == AT_SEARCH)
                search(p, text);
            else
                line_refuse(&p->line, "%s", _("Not understood. ? lists what you can type here."));
        }
        break;
    }
    return true;
}

int plain_run(struct session *session)
{
    struct plain *p = calloc(1, sizeof *p);
    if (!p) {
        fprintf(stderr, "gise: %s\n", _("Out of memory."));
        return 1;
    }
    p->session = session;
    p->levels[0] = AT_SEARCH;
    p->depth = 1;
    session->front = (struct front_end){.words = &line_words};
    line_init(&p->line, session);
    line_say(&p->line, _("gise line mode. Signed in as %s (%s), %s."), session->me.display_name,
             role_label(session->me.role_group), session_pick(session, session->me.office_name_tr, session->me.office_name_en));
    line_say(&p->line, "%s", _("Type a name or an identity number; ? lists the commands, q quits."));
    live_start(session);
    offer_drafts(p);
    char *text = malloc(LINE_MAX_INPUT + 1);
    while (text && line_ask(&p->line, prompt_of(top(p)), text, LINE_MAX_INPUT + 1) == 0) {
        char *start = text + strspn(text, " \t");
        size_t len = strlen(start);
        while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == '\t'))
            start[--len] = '\0';
        if (len == 0)
            continue;
        if (!answer(p, start))
            break;
    }
    line_flush_messages(&p->line);
    /* 1 when anything was refused on the way: an answer asked again, or an
     * error said (README, line mode). */
    int status = p->line.refused > 0 || p->session->messages.errors > 0;
    free(text);
    citizen_hits_free(&p->hits);
    citizen_detail_free(&p->citizen);
    line_record_close(&p->record);
    line_inbox_free(&p->inbox);
    free(p);
    return status;
}
