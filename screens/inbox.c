/* The inbox (F6). A supervisor: the open escalations of their office and
 * the approvals waiting for their countersignature ("Countersign:
 * 2026-000123, ..."), in one list, oldest first, with how long each has
 * waited; Enter decides an escalation, or opens an approval's application
 * at its countersignature. A clerk:
 * their own escalations, the recently decided first (with the decision and
 * its comment), then the open ones. An auditor: every office's open
 * escalations. It is read from the database a page at a time
 * (db/inbox.h) however long it grows: the heading says which part of
 * how many is shown, PgDn/PgUp (and Down/Up past the page's edge) turn the
 * pages, Home and End go to the oldest and the newest, and F6 goes to the
 * escalation or approval just announced, or opens the inbox on it from
 * anywhere. It is live: an escalation raised, decided or withdrawn, an
 * approval that starts or stops waiting, reloads the page without a key
 * (app/core/live.h), and the selection stays on the row it was on. Above
 * it all, counter staff find the letters they have to print (a print
 * that failed, or an answer lost before its letter came): Enter on one
 * prints it again, and once printed it leaves the inbox. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "app/core/letter.h"
#include "app/core/live.h"
#include "app/core/record_text.h"
#include "db/inbox.h"
#include "db/letters.h"
#include "screens/screens.h"
#include "screens/widgets/rows.h"

struct inbox {
    struct rows rows;
    struct inbox_page page;          /* the page on screen (db/inbox.h) */
    struct letter_list letters;      /* not printed, above the page */
    struct letter_item *reprint;     /* the letter waiting for confirmation */
};

/* Row tags: an entry of the page is its index (0..), a text row -1, and
 * letter i of the letters not printed TAG_LETTER - i. */
enum { TAG_LETTER = -2 };

static bool letter_row(const struct row *row)
{
    return row && row->tag <= TAG_LETTER;
}

/* Where the selection goes on a page just read. */
enum place { KEEP_PLACE, FIRST_ROW, LAST_ROW };

/* A clerk's inbox: their own escalations and the decisions on them (a
 * supervisor sees the office's, an auditor every office's). */
static bool sees_own_only(const struct app *app)
{
    return !app->session->me.decides_escalations && !app->session->me.reads_every_office;
}

static void describe_countersign(struct app *app, const struct countersign_item *c, char *out, size_t size)
{
    char text[900];
    countersign_waiting_text(c, session_pick(app->session, c->service_name_tr, c->service_name_en), text,
                             sizeof text);
    snprintf(out, size, "%s, %s", c->application_number, text);
}

static void describe(struct app *app, const struct escalation *e, char *out, size_t size)
{
    char waited[32];
    format_waiting(e->waiting_seconds, waited, sizeof waited);
    const char *service = session_pick(app->session, e->service_name_tr, e->service_name_en);
    char asks[160];
    if (e->requested_reason_code)
        snprintf(asks, sizeof asks, "%s (%s)", outcome_label(e->requested_outcome), e->requested_reason_code);
    else
        snprintf(asks, sizeof asks, "%s", outcome_label(e->requested_outcome));
    if (e->cancelled_at)
        snprintf(out, size, _("cancelled: the application was withdrawn; asked for %s, %s"), asks, service);
    else if (e->approved)
        snprintf(out, size, _("approved by %s: %s; asked for %s, %s"), e->decided_by_name, e->comment, asks, service);
    else if (e->decision)
        snprintf(out, size, _("denied by %s: %s; asked for %s, %s"), e->decided_by_name, e->comment, asks, service);
    else if (sees_own_only(app))
        snprintf(out, size, _("waiting %s; asks for %s, %s"), waited, asks, service);
    else
        snprintf(out, size, _("waiting %s; asks for %s, %s; from %s"), waited, asks, service,
                 e->raised_by_name);
}

static long long last_position(const struct inbox_page *page)
{
    return page->first_position + (long long)page->count - 1;
}

/* Which part of how many: the heading, and what a page turn says. The
 * count is spoken, so its plural comes from the catalogue. */
static void where_in_list(struct app *app, const struct inbox_page *page, char *out, size_t size)
{
    long long first = page->first_position, last = last_position(page), total = page->total;
    unsigned long plural = (unsigned long)total;
    if (page->count && page->countersigns) {
        /* A supervisor with approvals to countersign: one list of both. */
        if (first == 1 && last == total)
            snprintf(out, size, ngettext("%lld waiting (%lld to countersign), oldest first. Enter opens one.",
                                         "%lld waiting (%lld to countersign), oldest first. Enter opens one.", plural),
                     total, page->countersigns);
        else
            snprintf(out, size, ngettext("Waiting %lld to %lld of %lld (%lld to countersign), oldest first. Enter opens one.",
                                         "Waiting %lld to %lld of %lld (%lld to countersign), oldest first. Enter opens one.",
                                         plural), first, last, total, page->countersigns);
    } else if (page->count == 0)
        snprintf(out, size, "%s", sees_own_only(app) ? _("You have no escalations open or decided lately.")
                                                     : _("Nothing is waiting."));
    else if (first == 1 && last == total) {
        if (sees_own_only(app))
            snprintf(out, size, ngettext("Your escalation (%lld): decided in the last 14 days, or open.",
                                         "Your escalations (%lld): those decided in the last 14 days first, then the open ones.",
                                         plural), total);
        else if (app->session->me.reads_every_office)
            snprintf(out, size, ngettext("%lld open escalation of every office.",
                                         "%lld open escalations of every office, oldest first.", plural), total);
        else
            snprintf(out, size, ngettext("%lld open escalation of your office. Enter decides.",
                                         "%lld open escalations of your office, oldest first. Enter decides.", plural),
                     total);
    } else if (sees_own_only(app)) {
        snprintf(out, size, ngettext("Your escalations %lld to %lld of %lld: those decided in the last 14 days first, then the open ones.",
                                     "Your escalations %lld to %lld of %lld: those decided in the last 14 days first, then the open ones.",
                                     plural), first, last, total);
    } else if (app->session->me.reads_every_office) {
        snprintf(out, size, ngettext("Open escalations %lld to %lld of %lld, every office, oldest first.",
                                     "Open escalations %lld to %lld of %lld, every office, oldest first.", plural),
                 first, last, total);
    } else {
        snprintf(out, size, ngettext("Open escalations %lld to %lld of %lld in your office, oldest first. Enter decides.",
                                     "Open escalations %lld to %lld of %lld in your office, oldest first. Enter decides.",
                                     plural), first, last, total);
    }
}

/* The keys that turn the pages, named from the key table (F1 says more). */
static void page_keys(char *out, size_t size)
{
    char down[64], up[64], first[64], last[64];
    keymap_keys_for(NULL, ACT_PAGE_DOWN, down, sizeof down);
    keymap_keys_for(NULL, ACT_PAGE_UP, up, sizeof up);
    keymap_keys_for(NULL, ACT_FIRST, first, sizeof first);
    keymap_keys_for(NULL, ACT_LAST, last, sizeof last);
    snprintf(out, size, _("%s, %s: the next or previous page; %s: the oldest; %s: the newest."), down, up,
             first, last);
}

/* The letters not printed, above the page: a heading, then one row each. */
static int add_letter_rows(struct app *app, struct inbox *in)
{
    if (in->letters.count == 0)
        return 0;
    char text[1200], state[600];
    snprintf(text, sizeof text,
             ngettext("%zu letter not printed: Enter prints it again.",
                      "%zu letters not printed: Enter on one prints it again.", in->letters.count),
             in->letters.count);
    int rc = rows_add(&in->rows, "", text, -1);
    for (size_t i = 0; i < in->letters.count; i++) {
        const struct letter_item *l = &in->letters.items[i];
        letter_state_text(app->session->lang, l, state, sizeof state);
        snprintf(text, sizeof text, "%s: %s", letter_kind_label(l->ref.kind), state);
        rc |= rows_add(&in->rows, l->number, text, TAG_LETTER - (long)i);
    }
    return rc;
}

static int build_rows(struct app *app, struct inbox *in)
{
    rows_free(&in->rows);
    char text[1200];
    int rc = add_letter_rows(app, in);
    where_in_list(app, &in->page, text, sizeof text);
    rc |= rows_add(&in->rows, "", text, -1);
    if (in->page.total > (long long)in->page.count) {
        page_keys(text, sizeof text);
        rc |= rows_add(&in->rows, "", text, -1);
    }
    for (size_t i = 0; i < in->page.count; i++) {
        const struct inbox_entry *e = &in->page.items[i];
        if (e->kind == INBOX_COUNTERSIGN) {
            describe_countersign(app, &e->countersign, text, sizeof text);
            rc |= rows_add(&in->rows, _("Countersign"), text, (long)i);
        } else {
            describe(app, &e->escalation, text, sizeof text);
            rc |= rows_add(&in->rows, e->escalation.application_number, text, (long)i);
        }
    }
    return rc;
}

static const struct inbox_entry *selected(const struct inbox *in)
{
    const struct row *row = rows_selected(&in->rows);
    return row && row->tag >= 0 ? &in->page.items[row->tag] : NULL;
}

/* The selected row's entry by name; id 0 when none is selected. */
static struct inbox_anchor selected_entry(const struct inbox *in)
{
    const struct inbox_entry *e = selected(in);
    return e ? inbox_anchor_of(e) : (struct inbox_anchor){0};
}

/* The rows of the escalations: [first, first + count). */
static size_t first_item_row(const struct inbox *in)
{
    for (size_t i = 0; i < in->rows.count; i++)
        if (in->rows.items[i].tag >= 0)
            return i;
    return in->rows.count ? in->rows.count - 1 : 0;
}

static void select_row(struct inbox *in, size_t row)
{
    in->rows.list.selected = row < in->rows.count ? row : in->rows.count - 1;
}

/* Selects the entry `which` names when it is on the page; true then. */
static bool select_entry(struct inbox *in, struct inbox_anchor which)
{
    for (size_t i = 0; which.id && i < in->rows.count; i++)
        if (in->rows.items[i].tag >= 0 && inbox_entry_is(&in->page.items[in->rows.items[i].tag], which)) {
            in->rows.list.selected = i;
            return true;
        }
    return false;
}

/* Reads a page. An empty page read on from the one shown (nothing after
 * or before it) leaves the screen as it is and returns 1; an empty page
 * from an anchor that has left the inbox falls back to the newest (FROM)
 * or the oldest (THROUGH). The selection goes to `keep` when that
 * escalation is on the new page, else to `place`. */
static int turn_to(struct app *app, struct inbox *in, enum inbox_from from, struct inbox_anchor anchor,
                   enum place place, struct inbox_anchor keep)
{
    size_t old_place = in->rows.list.selected;
    struct inbox_page fresh;
    struct db_error err;
    if (inbox_page_read(app->session->db, from, anchor, &fresh, &err) != 0) {
        session_db_error(app->session, &err);
        return -1;
    }
    if (fresh.count == 0 && (from == PAGE_AFTER || from == PAGE_BEFORE)) {
        inbox_page_free(&fresh);
        return 1;
    }
    if (fresh.count == 0 && (from == PAGE_FROM || from == PAGE_THROUGH)) {
        inbox_page_free(&fresh);
        return turn_to(app, in, from == PAGE_FROM ? PAGE_LAST : PAGE_FIRST, (struct inbox_anchor){0},
                       from == PAGE_FROM ? LAST_ROW : FIRST_ROW, keep);
    }
    inbox_page_free(&in->page);
    in->page = fresh;
    bool on_letter = letter_row(rows_selected(&in->rows));
    struct letter_list letters = {0};
    if (app->session->me.changes_applications && letters_not_printed(app->session->db, &letters, &err) != 0)
        session_db_error(app->session, &err);    /* the escalations are shown all the same */
    letter_list_free(&in->letters);
    in->letters = letters;
    in->reprint = NULL;
    if (build_rows(app, in) != 0) {
        session_error(app->session, "%s", _("Out of memory."));
        return -1;
    }
    size_t first = first_item_row(in);
    if (place == KEEP_PLACE && on_letter && old_place < in->rows.count && letter_row(&in->rows.items[old_place]))
        select_row(in, old_place);
    else if (place == FIRST_ROW || (place == KEEP_PLACE && old_place < first))
        select_row(in, first);
    else if (place == LAST_ROW)
        select_row(in, in->rows.count - 1);
    else
        select_row(in, old_place);
    select_entry(in, keep);
    return 0;
}

/* The page on screen read again: from its first row on. */
static int reload(struct app *app, struct inbox *in)
{
    struct inbox_anchor keep = selected_entry(in);
    if (in->page.count == 0)
        return turn_to(app, in, PAGE_FIRST, (struct inbox_anchor){0}, FIRST_ROW, keep);
    return turn_to(app, in, PAGE_FROM, inbox_anchor_of(&in->page.items[0]), KEEP_PLACE, keep);
}

/* Says which part of the list is on screen now. */
static void say_where(struct app *app, struct inbox *in)
{
    char text[600];
    where_in_list(app, &in->page, text, sizeof text);
    session_message(app->session, "%s", text);
}

/* What the status row says of the entry just announced, now on the page
 * (e, at `place`) or gone from the inbox (e NULL). */
static void say_announced(struct app *app, const struct inbox *in, struct inbox_anchor announced,
                          const struct inbox_entry *e, long long place)
{
    bool countersign = announced.kind == INBOX_COUNTERSIGN;
    if (e)
        session_message(app->session,
                        countersign ? _("The approval just announced, application %s, is %lld of %lld.")
                                    : _("The escalation just announced, application %s, is %lld of %lld."),
                        inbox_entry_number(e), place, in->page.total);
    else if (countersign)
        session_message(app->session, "%s", _("The approval just announced no longer waits: answered by a colleague or withdrawn."));
    else
        session_message(app->session, "%s", _("The escalation just announced is no longer waiting: decided by a colleague or withdrawn."));
}

/* The escalation or approval just announced (app/core/live.h), or the
 * newest when none was: the page that ends with it, and it selected. */
static int go_to_announced(struct app *app, struct inbox *in)
{
    struct inbox_anchor announced = app->session->live.announced;
    int rc = announced.id ? turn_to(app, in, PAGE_THROUGH, announced, LAST_ROW, announced)
                          : turn_to(app, in, PAGE_LAST, (struct inbox_anchor){0}, LAST_ROW, (struct inbox_anchor){0});
    if (rc != 0)
        return rc;
    app->session->live.announced_unseen = false;
    const struct inbox_entry *e = selected(in);
    if (!announced.id || !e) {
        say_where(app, in);
        return 0;
    }
    bool found = inbox_entry_is(e, announced);
    say_announced(app, in, announced, found ? e : NULL,
                  in->page.first_position + (long long)(in->rows.list.selected - first_item_row(in)));
    return 0;
}

static void *inbox_enter(struct app *app, const void *arg)
{
    (void)arg;
    if (!app->session->me.changes_applications && !app->session->me.reads_every_office) {
        session_message(app->session, "%s", _("The inbox is for counter staff and auditors."));
        return NULL;
    }
    struct inbox *in = calloc(1, sizeof *in);
    if (!in) {
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    /* After an announcement the inbox opens on what was announced: the
     * supervisor who heard it is one key (F6) from it. */
    bool on_announced = app->session->live.announced_unseen && !sees_own_only(app);
    int rc = on_announced ? go_to_announced(app, in)
                          : turn_to(app, in, PAGE_FIRST, (struct inbox_anchor){0}, FIRST_ROW, (struct inbox_anchor){0});
    if (rc != 0) {
        rows_free(&in->rows);
        inbox_page_free(&in->page);
        letter_list_free(&in->letters);
        free(in);
        return NULL;
    }
    if (!on_announced && in->letters.count) {
        /* What only this clerk can do comes first: the letters to print. */
        select_row(in, 1);
        session_message(app->session,
                        ngettext("%zu letter not printed: Enter prints it again.",
                                 "%zu letters not printed: Enter on one prints it again.", in->letters.count),
                        in->letters.count);
    } else if (!on_announced) {
        say_where(app, in);
    }
    return in;
}

static void inbox_leave(struct app *app, void *state)
{
    (void)app;
    struct inbox *in = state;
    rows_free(&in->rows);
    inbox_page_free(&in->page);
    letter_list_free(&in->letters);
    free(in);
}

static void inbox_draw(struct app *app, void *state)
{
    rows_screen_draw(app, &((struct inbox *)state)->rows);
}

/* An approval to countersign: its application, with the countersignature
 * form on top (the form refuses to open when the database no longer offers
 * the step, and the application then says what it waits for). */
static void open_to_countersign(struct app *app, const struct countersign_item *c)
{
    int64_t application = c->application_id;
    int depth = app->depth;
    app_push(app, &application_screen, &application);
    if (app->depth > depth)
        app_push(app, &countersign_screen, &application);
}

static void reprint_now(struct app *app, void *ctx, bool confirmed)
{
    struct inbox *in = ctx;
    if (!confirmed || !in->reprint) {
        session_message(app->session, "%s", _("Cancelled. Nothing was printed."));
        return;
    }
    char message[1200];
    if (letter_reprint(app->session, in->reprint->ref, in->reprint->number, message, sizeof message) == 0)
        session_message(app->session, "%s", message);
    else
        session_error(app->session, "%s", message);
    struct inbox_anchor keep = selected_entry(in);
    turn_to(app, in, in->page.count ? PAGE_FROM : PAGE_FIRST,
            in->page.count ? inbox_anchor_of(&in->page.items[0]) : (struct inbox_anchor){0}, KEEP_PLACE, keep);
    app->dirty = true;
}

static void open_selected(struct app *app, struct inbox *in)
{
    const struct row *row = rows_selected(&in->rows);
    if (letter_row(row)) {
        in->reprint = &in->letters.items[TAG_LETTER - row->tag];
        char question[300];
        snprintf(question, sizeof question, _("%s of %s: print it again?"), letter_kind_label(in->reprint->ref.kind),
                 in->reprint->number);
        app_confirm(app, question, reprint_now, in);
        return;
    }
    const struct inbox_entry *entry = selected(in);
    if (!entry)
        return;
    if (entry->kind == INBOX_COUNTERSIGN) {
        open_to_countersign(app, &entry->countersign);
        return;
    }
    const struct escalation *e = &entry->escalation;
    bool open = !e->decision && !e->cancelled_at;
    if (app->session->me.decides_escalations && open && e->raised_by_id != app->session->me.id) {
        app_push(app, &decide_screen, &e->id);
        return;
    }
    int64_t application = e->application_id;
    app_push(app, &application_screen, &application);
    if (app->session->me.decides_escalations && open)
        session_message(app->session, "%s", _("You raised this escalation, so another supervisor must decide it."));
}

/* PgDn, PgUp, Down past the page's last row and Up past its first read
 * the next or previous page from the database. */
static void next_page(struct app *app, struct inbox *in, enum place place)
{
    int rc = in->page.count ? turn_to(app, in, PAGE_AFTER, inbox_anchor_of(&in->page.items[in->page.count - 1]),
                                      place, (struct inbox_anchor){0})
                            : 1;
    if (rc == 1) {
        select_row(in, in->rows.count - 1);
        session_message(app->session, "%s", _("This is the last page: the newest escalations."));
    } else if (rc == 0) {
        say_where(app, in);
    }
}

static void previous_page(struct app *app, struct inbox *in, enum place place)
{
    int rc = in->page.count ? turn_to(app, in, PAGE_BEFORE, inbox_anchor_of(&in->page.items[0]), place,
                                      (struct inbox_anchor){0})
                            : 1;
    if (rc == 1) {
        select_row(in, first_item_row(in));
        session_message(app->session, "%s", _("This is the first page: the oldest escalations."));
    } else if (rc == 0) {
        say_where(app, in);
    }
}

static bool on_last_item(const struct inbox *in)
{
    return in->page.count && in->rows.list.selected + 1 == in->rows.count;
}

static bool on_first_item(const struct inbox *in)
{
    return in->page.count && in->rows.list.selected == first_item_row(in);
}

static bool inbox_action(struct app *app, void *state, enum action action)
{
    struct inbox *in = state;
    switch (action) {
    case ACT_ACTIVATE:
        open_selected(app, in);
        return true;
    case ACT_REFRESH:
        if (reload(app, in) == 0)
            session_message(app->session, "%s", _("Refreshed."));
        return true;
    case ACT_INBOX:     /* announcements are a supervisor's: a clerk goes to the newest */
        go_to_announced(app, in);
        return true;
    case ACT_PAGE_DOWN:
        next_page(app, in, FIRST_ROW);
        return true;
    case ACT_PAGE_UP:
        previous_page(app, in, FIRST_ROW);
        return true;
    case ACT_FIRST:
        if (turn_to(app, in, PAGE_FIRST, (struct inbox_anchor){0}, FIRST_ROW, (struct inbox_anchor){0}) == 0)
            say_where(app, in);
        return true;
    case ACT_LAST:
        if (turn_to(app, in, PAGE_LAST, (struct inbox_anchor){0}, LAST_ROW, (struct inbox_anchor){0}) == 0)
            say_where(app, in);
        return true;
    case ACT_DOWN:
    case ACT_NEXT:
        if (on_last_item(in) && last_position(&in->page) < in->page.total) {
            next_page(app, in, FIRST_ROW);
            return true;
        }
        return rows_screen_action(app, &in->rows, action);
    case ACT_UP:
    case ACT_PREV:
        if (on_first_item(in) && in->page.first_position > 1) {
            previous_page(app, in, LAST_ROW);
            return true;
        }
        return rows_screen_action(app, &in->rows, action);
    default:
        return rows_screen_action(app, &in->rows, action);
    }
}

static void inbox_resume(struct app *app, void *state)
{
    reload(app, state);
}

static void inbox_live(struct app *app, void *state, const struct live_event *event)
{
    struct inbox *in = state;
    struct inbox_anchor was = selected_entry(in);
    if (reload(app, in) != 0)
        return;
    /* Focus that moved by itself deserves a word. */
    struct inbox_anchor now = selected_entry(in);
    bool moved = was.id && (now.kind != was.kind || now.id != was.id);
    if (!moved || event->entry.kind != was.kind || event->entry.id != was.id || !app->depth ||
        app->stack[app->depth - 1].state != state)
        return;
    if (was.kind == INBOX_COUNTERSIGN)
        session_message(app->session, _("Application %s no longer waits for your countersignature: answered by a colleague or withdrawn."),
                        event->application_number);
    else
        session_message(app->session, _("Application %s is no longer waiting: decided by a colleague or withdrawn."),
                        event->application_number);
}

/* What a key does here that the key table does not say (F1): PgDn, PgUp,
 * Home and End do what it says, over the whole inbox; the heading names
 * them too. */
static const char *inbox_help(enum action action)
{
    if (action == ACT_ACTIVATE)
        return _("On a letter not printed: print it again");
    return action == ACT_INBOX ? _("On this screen: what was just announced, else the newest") : NULL;
}

const struct screen inbox_screen = {
    .name = N_("Inbox"),
    .enter = inbox_enter,
    .draw = inbox_draw,
    .action = inbox_action,
    .resume = inbox_resume,
    .live = inbox_live,
    .leave = inbox_leave,
    .help_for = inbox_help,
};
