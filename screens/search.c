/* Citizen search: one field. Eleven digits are an identity number (checked
 * here before the database is asked); anything else is a name search, sent
 * as the clerk types. Only one search is in flight; if the text changes
 * meanwhile, the answer that arrives is dropped and the newest text sent,
 * so a stale answer never overwrites a newer one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/app.h"
#include "app/core/purpose.h"
#include "i18n/text/i18n.h"
#include "i18n/text/national_id.h"
#include "db/citizen.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/field_keys.h"

enum { SEARCH_MAX_CHARS = 100, SEARCH_MAX_ROWS = 50 };

/* Debounce: a key within this many ms of the previous one (a paste, a
 * burst of type-ahead) waits that long before a search is sent; a person
 * typing normally gets the search at once. */
enum { DEBOUNCE_MS = 15, TIMER_SEARCH = 1 };

enum search_focus { FOCUS_FIELD, FOCUS_LIST };

struct search {
    struct field field;
    struct citizen_hits hits;
    struct list list;
    enum search_focus focus;
    bool waiting;          /* a name search is in flight */
    bool stale;            /* the text changed since it was sent */
    double last_change;    /* when the text last changed (app_now_ms) */
    char heading[200];     /* the line under the field: hint or result count */
};

static void set_hits(struct search *s, struct citizen_hits *hits)
{
    citizen_hits_free(&s->hits);
    s->hits = *hits;
    hits->items = NULL;
    hits->count = 0;
    s->list.selected = 0;
    s->list.top = 0;
    list_set_count(&s->list, s->hits.count);
    if (s->hits.count == 0)
        s->focus = FOCUS_FIELD;
}

static void clear_hits(struct search *s)
{
    struct citizen_hits none = {NULL, 0};
    set_hits(s, &none);
}

/* Listening, the count names the text it answers: it then changes with
 * every key, so the reader reads the field's row and the count together
 * (a typed key alone is silent with most readers' defaults), and an answer
 * to an older text cannot pass for the newest. */
static void count_heading(struct search *s, bool listening)
{
    const char *t = s->field.text;
    if (s->hits.count == 0)
        snprintf(s->heading, sizeof s->heading, listening ? _("No citizen found for “%s”.") : "%s",
                 listening ? t : _("No citizen found."));
    else if (s->hits.count >= SEARCH_MAX_ROWS && listening)
        snprintf(s->heading, sizeof s->heading, _("First %zu citizens found for “%s”; type more to narrow."),
                 s->hits.count, t);
    else if (s->hits.count >= SEARCH_MAX_ROWS)
        snprintf(s->heading, sizeof s->heading, _("First %zu citizens found; type more to narrow."),
                 s->hits.count);
    else if (listening)
        snprintf(s->heading, sizeof s->heading,
                 ngettext("%zu citizen found for “%s”.", "%zu citizens found for “%s”.", s->hits.count),
                 s->hits.count, t);
    else
        snprintf(s->heading, sizeof s->heading,
                 ngettext("%zu citizen found.", "%zu citizens found.", s->hits.count),
                 s->hits.count);
}

static void send_name_search(struct app *app, struct search *s)
{
    struct db_error err;
    int rc = citizen_search_send(app->session->db, s->field.text, SEARCH_MAX_ROWS, &err);
    s->stale = false;
    if (rc == 0) {
        s->waiting = true;
        snprintf(s->heading, sizeof s->heading, "%s", _("Searching…"));
    } else {
        s->waiting = false;
        clear_hits(s);
        if (rc < 0)
            session_db_error(app->session, &err);
        snprintf(s->heading, sizeof s->heading, "%s", _("Type a name or an 11-digit identity number."));
    }
}

static void identity_lookup(struct app *app, struct search *s)
{
    enum national_id_status st = national_id_check(s->field.text, s->field.len);
    if (st != NATIONAL_ID_OK) {
        clear_hits(s);
        snprintf(s->heading, sizeof s->heading, "%s", national_id_message(st));
        session_error(app->session, "%s", national_id_message(st));
        return;
    }
    struct citizen_hits hits;
    struct db_error err;
    s->waiting = false;
    if (citizen_by_national_id(app->session->db, s->field.text, purpose_current(app->session), "citizen-search",
                               &hits, &err) != 0) {
        clear_hits(s);
        session_db_error(app->session, &err);
        return;
    }
    set_hits(s, &hits);
    if (s->hits.count)
        snprintf(s->heading, sizeof s->heading, "%s", _("1 citizen found. Enter opens the record."));
    else
        snprintf(s->heading, sizeof s->heading, "%s", _("No citizen has this identity number."));
}

/* The text changed: decide what it is and ask for it. */
static void text_changed(struct app *app, struct search *s)
{
    const char *t = s->field.text;
    if (t[strspn(t, " ")] == '\0') {
        clear_hits(s);
        s->stale = s->waiting;
        snprintf(s->heading, sizeof s->heading, "%s", _("Type a name or an 11-digit identity number."));
        return;
    }
    enum search_kind kind = search_kind_of(t, s->field.len);
    if (kind != SEARCH_NAME) {
        if (kind == SEARCH_ID_PARTIAL) {
            clear_hits(s);
            s->stale = s->waiting;
            snprintf(s->heading, sizeof s->heading, _("Identity number: %zu of 11 digits."),
                     s->field.len);
            return;
        }
        s->stale = s->waiting;
        identity_lookup(app, s);
        return;
    }
    double now = monotonic_ms(), since = now - s->last_change;
    s->last_change = now;
    if (s->waiting)
        s->stale = true;    /* sent when the answer in flight arrives */
    else if (since < DEBOUNCE_MS) {
        app_timer(app, TIMER_SEARCH, DEBOUNCE_MS);
        app->awaiting = true;
    } else {
        send_name_search(app, s);
    }
}

static void search_timer(struct app *app, void *state, int id)
{
    struct search *s = state;
    if (id != TIMER_SEARCH)
        return;
    app->awaiting = false;
    if (s->field.text[strspn(s->field.text, " ")] == '\0' || search_kind_of(s->field.text, s->field.len) != SEARCH_NAME)
        return;
    if (s->waiting)
        s->stale = true;
    else
        send_name_search(app, s);
    app->dirty = true;
}

static void *search_enter(struct app *app, const void *arg)
{
    (void)arg;
    struct search *s = calloc(1, sizeof *s);
    if (!s || field_init(&s->field, SEARCH_MAX_CHARS) != 0) {
        free(s);
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    snprintf(s->heading, sizeof s->heading, "%s", _("Type a name or an 11-digit identity number."));
    return s;
}

static void search_leave(struct app *app, void *state)
{
    struct search *s = state;
    if (s->waiting)
        db_drain(app->session->db);
    app->awaiting = false;
    field_free(&s->field);
    citizen_hits_free(&s->hits);
    free(s);
}

/* One row of the results, heading or hit, at `cols` columns: identity
 * number, name, birth year and, where there is room, city. The one layout
 * of both, so the titles stay over their cells. */
enum { GAP_COLS = 2, YEAR_COLS = 4 };

static void result_row(char *buf, size_t size, int cols, const char *id, const char *name,
                       const char *year, const char *city)
{
    int city_w = cols >= 70 ? 16 : cols >= 56 ? 10 : 0;
    int name_w = cols - NATIONAL_ID_DIGITS - YEAR_COLS - 2 * GAP_COLS - (city_w ? city_w + GAP_COLS : 0);
    append_cell(buf, size, id, NATIONAL_ID_DIGITS);
    append_cell(buf, size, "", GAP_COLS);
    append_cell(buf, size, name, name_w);
    append_cell(buf, size, "", GAP_COLS);
    append_cell(buf, size, year, YEAR_COLS);
    if (city_w) {
        append_cell(buf, size, "", GAP_COLS);
        append_cell(buf, size, city, city_w);
    }
}

static void hit_text(void *ctx, size_t i, char *buf, size_t size)
{
    const struct citizen_hit *h = &((const struct search *)ctx)->hits.items[i];
    char name[256], year[8];
    snprintf(name, sizeof name, "%s %s", h->given_name, h->family_name);
    snprintf(year, sizeof year, "%d", h->birth_year);
    buf[0] = '\0';
    /* Listening, the cells without the padding that lines them up. */
    if (draw_layout().single)
        snprintf(buf, size, "%s  %s  %s  %s", h->national_id_masked, name, year, h->city ? h->city : "-");
    else
        result_row(buf, size, draw_layout().cols - 2, h->national_id_masked, name, year,
                   h->city ? h->city : "-");
}

/* Screen-reader mode hears the count under the field, not the list: the
 * list is there on Down, one row at a time, under its column names. While
 * an answer is on its way the count row is blank rather than "Searching…",
 * so a typed key is heard as the field's row and then the count. */
static void search_draw(struct app *app, void *state)
{
    struct search *s = state;
    struct layout l = draw_layout();
    int y = l.top;
    const char *label = _("Search");
    bool in_list = s->focus == FOCUS_LIST && s->hits.count;
    /* Listening, the row says it has the focus, so moving back up from the
     * results changes it and the reader reads it. */
    if (l.single)
        draw_text(y, 0, 2, in_list ? "  " : "> ", A_NORMAL);
    int x = draw_label(y, l.single ? 2 : 0, label, false);
    int cursor_x = draw_field(y, x, field_width(x), &s->field);
    if (!(l.single && s->waiting))
        draw_text(y + 1, 0, l.cols, s->heading, A_NORMAL);

    int list_top = y + 2;
    if (s->hits.count && l.bottom - list_top > 2 && (!l.single || in_list)) {
        char header[256] = "  ";
        result_row(header, sizeof header, l.cols - 2, _("ID number"), _("Name"), _("Born"), _("City"));
        draw_text(list_top, 0, l.cols, header, A_BOLD);
        list_top++;
    }
    int row = draw_list(list_top, l.bottom - list_top, 0, l.cols, &s->list, in_list, hit_text, s);
    if (in_list) {
        /* The row's label is its first cell, always shown in full. */
        const struct citizen_hit *h = &s->hits.items[s->list.selected];
        char text[512];
        hit_text(s, s->list.selected, text, sizeof text);
        focus_set(app, h->national_id_masked, text, row, 0, false);
    } else {
        focus_set(app, label, s->field.text, y, cursor_x, true);
    }
}

static void open_selected(struct app *app, struct search *s)
{
    if (!s->hits.count)
        return;
    int64_t id = s->hits.items[s->list.selected].id;
    if (s->waiting) {
        db_drain(app->session->db);
        s->waiting = false;
    }
    app_push(app, &purpose_screen, &id);
}

static bool search_action(struct app *app, void *state, enum action action)
{
    struct search *s = state;
    switch (action) {
    case ACT_SEARCH:
        s->focus = FOCUS_FIELD;
        return true;
    case ACT_REFRESH:
        text_changed(app, s);
        return true;
    case ACT_BACK:
        if (s->focus == FOCUS_LIST) {
            s->focus = FOCUS_FIELD;
            return true;
        }
        if (s->field.len) {
            enum field_refusal why;
            field_set(&s->field, "", &why);
            text_changed(app, s);
            return true;
        }
        return false;
    case ACT_DOWN:
    case ACT_NEXT:
        if (s->focus == FOCUS_FIELD) {
            if (s->hits.count)
                s->focus = FOCUS_LIST;
        } else if (action == ACT_DOWN) {
            list_move(&s->list, 1);
        } else {
            s->focus = FOCUS_FIELD;
        }
        return true;
    case ACT_UP:
    case ACT_PREV:
        if (s->focus == FOCUS_LIST && (s->list.selected == 0 || action == ACT_PREV))
            s->focus = FOCUS_FIELD;
        else if (s->focus == FOCUS_LIST)
            list_move(&s->list, -1);
        else if (action == ACT_PREV && s->hits.count)
            s->focus = FOCUS_LIST;
        return true;
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN:
    case ACT_FIRST:
    case ACT_LAST:
        if (s->focus != FOCUS_LIST)
            return false;
        if (action == ACT_PAGE_UP)
            list_move(&s->list, -list_page(&s->list));
        else if (action == ACT_PAGE_DOWN)
            list_move(&s->list, list_page(&s->list));
        else if (action == ACT_FIRST)
            list_first(&s->list);
        else
            list_last(&s->list);
        return true;
    case ACT_ACTIVATE:
        if (s->focus == FOCUS_LIST || s->hits.count == 1) {
            open_selected(app, s);
        } else if (s->hits.count) {
            s->focus = FOCUS_LIST;
        } else if (s->waiting) {
            session_message(app->session, "%s", _("Still searching; the results appear in a moment."));
        } else if (search_kind_of(s->field.text, s->field.len) == SEARCH_NAME) {
            session_message(app->session, "%s", _("Type a name or an 11-digit identity number."));
        } else {
            identity_lookup(app, s);
        }
        return true;
    default:
        return false;
    }
}

static bool search_in_field(void *state)
{
    return ((struct search *)state)->focus == FOCUS_FIELD;
}

static bool search_text_key(struct app *app, void *state, struct key key)
{
    struct search *s = state;
    enum field_result result;
    enum field_refusal why;
    if (s->focus == FOCUS_LIST) {
        /* Typing in the results means searching again. */
        if ((key.function && key.code != GK_PASTE) || (!key.function && (key.code < 0x20 || key.code == 0x7f)))
            return false;
        s->focus = FOCUS_FIELD;
        field_edit(&s->field, FIELD_END);
    }
    if (!field_key(&s->field, key, &result, &why))
        return false;
    if (result == FIELD_CHANGED)
        text_changed(app, s);
    char words[600];
    if (result == FIELD_REFUSED && key.function && key.code == GK_PASTE)
        session_error(app->session, "%s %s", _("Search:"), field_refusal_words(&s->field, key, why, words, sizeof words));
    else if (result == FIELD_REFUSED)
        session_error(app->session, "%s %s", _("Search:"),
                  why == FIELD_TOO_LONG ? _("is too long. Shorten it.")
                                        : _("contains a control character. Remove it."));
    return true;
}

static void search_db_ready(struct app *app, void *state)
{
    struct search *s = state;
    if (!s->waiting) {
        db_drain(app->session->db);
        return;
    }
    struct citizen_hits hits;
    struct db_error err;
    int rc = citizen_search_receive(app->session->db, &hits, &err);
    if (rc == 0)
        return;
    s->waiting = false;
    app->dirty = true;
    if (s->stale) {
        citizen_hits_free(&hits);
        s->last_change = 0;     /* the newest text goes out at once */
        text_changed(app, s);
        return;
    }
    if (rc < 0) {
        session_db_error(app->session, &err);
        return;
    }
    set_hits(s, &hits);
    count_heading(s, app->session->screen_reader);
    snprintf(app->answered, sizeof app->answered, "%s", s->field.text);
}

const struct screen search_screen = {
    .name = N_("Citizen search"),
    .keys = NULL,
    .enter = search_enter,
    .draw = search_draw,
    .action = search_action,
    .in_field = search_in_field,
    .text_key = search_text_key,
    .db_ready = search_db_ready,
    .timer = search_timer,
    .leave = search_leave,
};
