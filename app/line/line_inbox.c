#include "app/line/line_inbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/letter.h"
#include "app/core/record_text.h"
#include "app/core/session.h"
#include "i18n/text/i18n.h"

void line_inbox_free(struct line_inbox *in)
{
    inbox_page_free(&in->listed);
    letter_list_free(&in->letters);
}

/* The letters the clerk has to print, numbered p1, p2, ... (none: nothing
 * is said). */
static void show_letters(struct line *l, struct line_inbox *in)
{
    struct db_error err;
    letter_list_free(&in->letters);
    if (!l->session->me.changes_applications)
        return;
    if (letters_not_printed(l->session->db, &in->letters, &err) != 0) {
        session_db_error(l->session, &err);
        line_flush_messages(l);
        return;
    }
    if (in->letters.count == 0)
        return;
    line_say(l, ngettext("%zu letter not printed; p1 prints it again:",
                         "%zu letters not printed; p and a number (p1) prints one again:", in->letters.count),
             in->letters.count);
    char state[600];
    for (size_t i = 0; i < in->letters.count; i++) {
        const struct letter_item *x = &in->letters.items[i];
        letter_state_text(l->session->lang, x, state, sizeof state);
        line_say(l, "  p%zu. %s  %s: %s", i + 1, x->number, letter_kind_label(x->ref.kind), state);
    }
}

/* Adds a page read on to what is listed; the page's rows move. */
static int append_page(struct line_inbox *in, struct inbox_page *page)
{
    struct inbox_page *list = &in->listed;
    if (page->count == 0)       /* an empty page has no items to copy (NULL) */
        return 0;
    struct inbox_entry *grown = realloc(list->items, (list->count + page->count) * sizeof *grown);
    if (!grown)
        return -1;
    list->items = grown;
    memcpy(list->items + list->count, page->items, page->count * sizeof *page->items);
    list->count += page->count;
    list->total = page->total;
    list->countersigns = page->countersigns;
    free(page->items);
    memset(page, 0, sizeof *page);
    return 0;
}

static void say_row(struct line *l, const struct inbox_entry *e, long long number)
{
    struct session *session = l->session;
    char text[1300], decided[600] = "";
    if (e->kind == INBOX_COUNTERSIGN) {
        const struct countersign_item *c = &e->countersign;
        countersign_waiting_text(c, session_pick(session, c->service_name_tr, c->service_name_en), text,
                                 sizeof text);
        line_say(l, "  %lld. %s  %s: %s", number, c->application_number, _("Countersign"), text);
        return;
    }
    const struct escalation *x = &e->escalation;
    escalation_request_text(x, text, sizeof text);
    if (x->decision || x->cancelled_at) {   /* a clerk's: what became of it */
        decided[0] = ';';
        decided[1] = ' ';
        escalation_decision_text(x, decided + 2, sizeof decided - 2);
    }
    line_say(l, "  %lld. %s  %s  %s%s", number, x->application_number,
             session_pick(session, x->service_name_tr, x->service_name_en), text, decided);
}

/* Reads a page; -1 when the database refused (said), 1 when the page was
 * empty, 0 otherwise. */
static int read_page(struct line *l, enum inbox_from from, struct inbox_anchor anchor, struct inbox_page *page)
{
    struct db_error err;
    if (inbox_page_read(l->session->db, from, anchor, page, &err) != 0) {
        session_db_error(l->session, &err);
        line_flush_messages(l);
        return -1;
    }
    return page->count ? 0 : 1;
}

/* What the rows are, which of how many, and the answers: said above a page. */
static void say_heading(struct line *l, const struct inbox_page *page)
{
    const struct staff_identity *me = &l->session->me;
    long long first = page->first_position, last = first + (long long)page->count - 1, total = page->total;
    unsigned long plural = (unsigned long)total;
    if (page->countersigns > 0)
        line_say(l, ngettext("Waiting %lld to %lld of %lld (%lld to countersign), oldest first; a number opens that "
                             "application, m shows the next 20, e the newest:",
                             "Waiting %lld to %lld of %lld (%lld to countersign), oldest first; a number opens that "
                             "application, m shows the next 20, e the newest:", plural),
                 first, last, total, page->countersigns);
    else if (me->decides_escalations || me->reads_every_office)
        line_say(l, ngettext("Escalations %lld to %lld of %lld, oldest first; a number opens that application, "
                             "m shows the next 20, e the newest:",
                             "Escalations %lld to %lld of %lld, oldest first; a number opens that application, "
                             "m shows the next 20, e the newest:", plural),
                 first, last, total);
    else
        line_say(l, ngettext("Your escalations %lld to %lld of %lld, those decided lately first, then the open ones; "
                             "a number opens that application, m shows the next 20, e the last:",
                             "Your escalations %lld to %lld of %lld, those decided lately first, then the open ones; "
                             "a number opens that application, m shows the next 20, e the last:", plural),
                 first, last, total);
}

/* Lists the inbox from a page on, a page at a time: the rows, then the
 * "more" question while there are more. Returns -1 when it could not. */
static int show(struct line *l, struct line_inbox *in, enum inbox_from from, struct inbox_anchor anchor)
{
    struct inbox_page page;
    int rc = read_page(l, from, anchor, &page);
    if (rc < 0)
        return -1;
    if (rc == 1 && (from == PAGE_FROM || from == PAGE_THROUGH)) {   /* the anchor has gone */
        inbox_page_free(&page);
        return show(l, in, from == PAGE_FROM ? PAGE_LAST : PAGE_FIRST, (struct inbox_anchor){0});
    }
    inbox_page_free(&in->listed);
    in->listed = page;      /* taken whole: its rows now belong to the listing */
    if (page.count == 0) {
        line_say(l, "%s", _("No escalations."));
        return 0;
    }
    say_heading(l, &in->listed);
    long long first = in->listed.first_position;
    for (size_t shown = 0;;) {
        for (size_t i = shown; i < in->listed.count; i++)
            say_row(l, &in->listed.items[i], first + (long long)i);
        shown = in->listed.count;
        long long last = first + (long long)shown - 1;
        if (last >= in->listed.total || !line_more_shown(l, (size_t)first, (size_t)last, (size_t)in->listed.total))
            return 0;
        if (read_page(l, PAGE_AFTER, inbox_anchor_of(&in->listed.items[shown - 1]), &page) != 0)
            return 0;       /* nothing after it any more */
        if (append_page(in, &page) != 0) {
            inbox_page_free(&page);
            line_say(l, "%s", _("Out of memory."));
            return -1;
        }
    }
}

int line_inbox_open(struct line *l, struct line_inbox *in)
{
    struct session *session = l->session;
    show_letters(l, in);
    if (!session->live.announced_unseen || !session->me.decides_escalations)
        return show(l, in, PAGE_FIRST, (struct inbox_anchor){0});
    session->live.announced_unseen = false;
    if (show(l, in, PAGE_THROUGH, session->live.announced) != 0)
        return -1;
    for (size_t i = 0; i < in->listed.count; i++) {
        const struct inbox_entry *e = &in->listed.items[i];
        if (!inbox_entry_is(e, session->live.announced))
            continue;
        session_message(session,
                        e->kind == INBOX_COUNTERSIGN
                            ? _("The approval just announced, application %s, is %lld of %lld.")
                            : _("The escalation just announced, application %s, is %lld of %lld."),
                        inbox_entry_number(e), in->listed.first_position + (long long)i, in->listed.total);
    }
    line_flush_messages(l);
    return 0;
}

void line_inbox_refresh(struct line *l, struct line_inbox *in)
{
    show_letters(l, in);
    if (in->listed.count)
        show(l, in, PAGE_FROM, inbox_anchor_of(&in->listed.items[0]));
    else
        show(l, in, PAGE_FIRST, (struct inbox_anchor){0});
}

/* p1: the first letter listed printed again, and the inbox listed again
 * (a printed letter leaves it). */
static void reprint(struct line *l, struct line_inbox *in, const char *number_text)
{
    char *end;
    long n = strtol(number_text, &end, 10);
    if (*end != '\0' || n < 1 || (size_t)n > in->letters.count) {
        line_say(l, _("There is no letter p%s; %zu are listed."), number_text, in->letters.count);
        return;
    }
    char message[1200];
    const struct letter_item *x = &in->letters.items[n - 1];
    if (letter_reprint(l->session, x->ref, x->number, message, sizeof message) == 0)
        session_message(l->session, "%s", message);
    else
        session_error(l->session, "%s", message);
    line_flush_messages(l);
    line_inbox_refresh(l, in);
}

bool line_inbox_answer(struct line *l, struct line_inbox *in, const char *answer, const struct inbox_entry **chosen)
{
    *chosen = NULL;
    const struct inbox_page *list = &in->listed;
    if ((answer[0] == 'p' || answer[0] == 'P') && answer[1] >= '1' && answer[1] <= '9') {
        reprint(l, in, answer + 1);
        return true;
    }
    if (strcmp(answer, "m") == 0) {
        if (list->count == 0 || list->first_position + (long long)list->count > list->total)
            line_say(l, "%s", _("That was the last of them: the newest. i lists them from the oldest."));
        else
            show(l, in, PAGE_AFTER, inbox_anchor_of(&list->items[list->count - 1]));
        return true;
    }
    if (strcmp(answer, "e") == 0) {
        show(l, in, PAGE_LAST, (struct inbox_anchor){0});
        return true;
    }
    char *end;
    long n = strtol(answer, &end, 10);
    if (answer[0] < '0' || answer[0] > '9' || *end != '\0' || strlen(answer) >= 5)
        return false;
    long long first = list->first_position, last = first + (long long)list->count - 1;
    if (list->count == 0)
        line_say(l, "%s", _("No escalations."));
    else if (n < first || n > last)
        line_refuse(l, list->countersigns ? _("Type the number of a row listed, from %lld to %lld.")
                                          : _("Type the number of an escalation listed, from %lld to %lld."),
                    first, last);
    else
        *chosen = &list->items[n - first];
    return true;
}

void line_inbox_where(const struct line_inbox *in, char *out, size_t size)
{
    const struct inbox_page *list = &in->listed;
    long long first = list->first_position, last = first + (long long)list->count - 1;
    if (list->count == 0)
        snprintf(out, size, "%s", _("No escalations."));
    else if (list->countersigns)
        snprintf(out, size, _("rows %lld to %lld of %lld, %lld of them to countersign"), first, last, list->total,
                 list->countersigns);
    else
        snprintf(out, size, _("escalations %lld to %lld of %lld"), first, last, list->total);
}

void line_inbox_help(struct line *l)
{
    if (l->session->me.changes_applications)
        line_say(l, "%s", _("p and a letter's number (p1) prints that letter again."));
    line_say(l, "%s", _("A number opens that escalation's application, where a supervisor decides it."));
    if (l->session->me.decides_escalations)
        line_say(l, "%s", _("A countersignature's number opens its application at the countersign step."));
    line_say(l, "%s", _("The list comes 20 at a time, oldest first: m (or Enter at \"more\") shows the next 20, "
                         "e the last ones (the newest), i starts again from the oldest."));
}
