/* Deficiency notice: the missing documents (the unticked mandatory ones are
 * pre-selected), a deadline pre-filled from the service's rule and editable
 * within it, and a note. On confirmation the notice is stored with its
 * letter, in the citizen's language, written to the spool and printed. If a
 * colleague changed the application meanwhile, the state is re-read and
 * everything typed here stays for another try. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/actions.h"
#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "db/application.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/field_keys.h"
#include "screens/widgets/form.h"

struct deficiency {
    struct application app;
    char earliest[11], latest[11];
    bool *missing;              /* per checklist document */
    struct field deadline, note;
    size_t focus;               /* documents, then deadline, note, submit */
    struct list view;           /* the lines drawn, scrolled to keep the focus in view */
    struct request request;
};

static size_t deadline_item(const struct deficiency *d) { return d->app.document_count; }
static size_t note_item(const struct deficiency *d) { return d->app.document_count + 1; }
static size_t submit_item(const struct deficiency *d) { return d->app.document_count + 2; }

static void *deficiency_enter(struct app *app, const void *arg)
{
    struct deficiency *d = calloc(1, sizeof *d);
    struct db_error err;
    if (!d || field_init(&d->deadline, 10) != 0 || field_init(&d->note, 1000) != 0) {
        session_error(app->session, "%s", _("Out of memory."));
        free(d);
        return NULL;
    }
    int64_t id = *(const int64_t *)arg;
    if (application_get(app->session->db, id, &d->app, &err) != 0 ||
        application_deficiency_window(app->session->db, id, d->earliest, d->latest, &err) != 0) {
        session_db_error(app->session, &err);
        application_free(&d->app);
        field_free(&d->deadline);
        field_free(&d->note);
        free(d);
        return NULL;
    }
    d->missing = calloc(d->app.document_count + 1, sizeof *d->missing);
    for (size_t i = 0; d->missing && i < d->app.document_count; i++)
        d->missing[i] = d->app.documents[i].mandatory && !d->app.documents[i].checked;
    char shown[16];
    enum field_refusal why;
    format_date(app->session->lang, d->earliest, shown, sizeof shown);
    field_set(&d->deadline, shown, &why);
    session_message(app->session, "%s", _("Deficiency notice: tick what is missing, check the deadline, write a note."));
    return d;
}

static void deficiency_leave(struct app *app, void *state)
{
    (void)app;
    struct deficiency *d = state;
    application_free(&d->app);
    field_free(&d->deadline);
    field_free(&d->note);
    free(d->missing);
    free(d);
}

/* The heading, one line per document, the deadline, the note and the
 * button. When they are more than the content rows (many documents at
 * 40x12), they scroll like a list whose selection is the focus, so the
 * focused document is always on screen. */
static void deficiency_draw(struct app *app, void *state)
{
    struct deficiency *d = state;
    struct layout l = draw_layout();
    int height = l.bottom - l.top;
    d->view.count = submit_item(d) + 2;
    d->view.selected = d->focus + 1;
    list_scroll(&d->view, (size_t)height);
    char line[400], from[16], to[16];
    int y = list_row(&d->view, 0, l.top, height);
    snprintf(line, sizeof line, _("Deficiency notice for %s, %s"), d->app.number, d->app.citizen_name);
    if (y >= 0)
        draw_text(y, 0, l.cols, line, A_BOLD);
    for (size_t i = 0; i < d->app.document_count; i++) {
        const struct checklist_item *c = &d->app.documents[i];
        if ((y = list_row(&d->view, i + 1, l.top, height)) < 0)
            continue;
        snprintf(line, sizeof line, "%s %s %s%s", d->focus == i ? ">" : " ", d->missing[i] ? "[x]" : "[ ]",
                 session_pick(app->session, c->name_tr, c->name_en), c->received ? _(" (received)") : _(" (not received)"));
        draw_text(y, 0, l.cols, line, d->focus == i ? A_REVERSE : A_NORMAL);
        if (d->focus == i)
            focus_set(app, session_pick(app->session, c->name_tr, c->name_en), d->missing[i] ? _("missing") : _("not missing"),
                      y, 0, false);
    }
    if ((y = list_row(&d->view, deadline_item(d) + 1, l.top, height)) >= 0) {
        format_date(app->session->lang, d->earliest, from, sizeof from);
        format_date(app->session->lang, d->latest, to, sizeof to);
        char range[200];
        snprintf(range, sizeof range, _("from %s to %s, working days"), from, to);
        draw_text(y, 0, 2, d->focus == deadline_item(d) ? "> " : "  ", A_NORMAL);
        int x = draw_label(y, 2, _("Deadline"), true);
        int cx = draw_field(y, x, 11, &d->deadline);
        draw_text(y, x + 12, l.cols - x - 12, range, A_NORMAL);
        if (d->focus == deadline_item(d))
            focus_set(app, _("Deadline"), d->deadline.text, y, cx, true);
    }
    if ((y = list_row(&d->view, note_item(d) + 1, l.top, height)) >= 0)
        form_draw_field_row(app, y, _("Note"), &d->note, d->focus == note_item(d));
    if ((y = list_row(&d->view, submit_item(d) + 1, l.top, height)) >= 0)
        form_draw_submit_row(app, y, _("Issue the notice and print the letter"), d->focus == submit_item(d));
}

/* What the clerk chose, checked here before the database checks it again:
 * the number of documents ticked, and the deadline as ISO. */
static int gather(struct app *app, struct deficiency *d, char iso[11], size_t *count)
{
    *count = 0;
    for (size_t i = 0; i < d->app.document_count; i++)
        *count += d->missing[i];
    if (*count == 0) {
        d->focus = 0;
        session_error(app->session, "%s", _("Tick at least one missing document."));
        return -1;
    }
    if (parse_date(d->deadline.text, iso) != 0) {
        d->focus = deadline_item(d);
        session_error(app->session, "%s", _("Deadline: type a date such as 07.12.2026."));
        return -1;
    }
    if (action_text_blank(d->note.text)) {
        d->focus = note_item(d);
        session_error(app->session, "%s", _("Note: a deficiency notice needs a note. Write one."));
        return -1;
    }
    return 0;
}

static void issue(struct app *app, void *ctx, bool confirmed)
{
    struct deficiency *d = ctx;
    if (!confirmed) {
        session_message(app->session, "%s", _("Cancelled. Nothing was changed."));
        return;
    }
    size_t count;
    char iso[11];
    if (gather(app, d, iso, &count) != 0)
        return;
    struct action_result result;
    int rc = action_deficiency(app->session, &d->request, &d->app, d->missing, iso, d->note.text, &result);
    /* re-read the state; keep the form */
    if (!form_action_done(app, rc, &result) && result.err.kind == DB_CONFLICT)
        application_refresh(app->session->db, &d->app, &result.err);
}

static bool deficiency_action(struct app *app, void *state, enum action action)
{
    struct deficiency *d = state;
    if (form_focus_move(&d->focus, submit_item(d) + 1, action))
        return true;
    switch (action) {
    case ACT_ACTIVATE:
        if (d->focus < d->app.document_count) {
            d->missing[d->focus] = !d->missing[d->focus];
        } else if (d->focus < submit_item(d)) {
            d->focus++;
        } else {
            char question[300], iso[11];
            size_t count;
            if (gather(app, d, iso, &count) != 0)
                return true;
            snprintf(question, sizeof question,
                     ngettext("Issue the notice for %zu missing document and print the letter?",
                              "Issue the notice for %zu missing documents and print the letter?", count),
                     count);
            app_confirm(app, question, issue, d);
        }
        return true;
    default:
        return false;
    }
}

static bool deficiency_in_field(void *state)
{
    struct deficiency *d = state;
    return d->focus == deadline_item(d) || d->focus == note_item(d);
}

static bool deficiency_text_key(struct app *app, void *state, struct key key)
{
    struct deficiency *d = state;
    if (!deficiency_in_field(d)) {
        if (!key.function && key.code == ' ' && d->focus < d->app.document_count)
            return deficiency_action(app, state, ACT_ACTIVATE);
        return false;
    }
    return field_take_key(app, d->focus == deadline_item(d) ? &d->deadline : &d->note, key);
}

/* Typed or chosen here: a note, a deadline other than the one filled in
 * (the earliest), a tick other than the pre-selection. */
static bool deficiency_unsaved(void *state)
{
    struct deficiency *d = state;
    char iso[11];
    if (d->note.len > 0 || parse_date(d->deadline.text, iso) != 0 || strcmp(iso, d->earliest) != 0)
        return true;
    for (size_t i = 0; d->missing && i < d->app.document_count; i++)
        if (d->missing[i] != (d->app.documents[i].mandatory && !d->app.documents[i].checked))
            return true;
    return false;
}

const struct screen deficiency_screen = {
    .name = N_("Deficiency notice"),
    .enter = deficiency_enter,
    .draw = deficiency_draw,
    .action = deficiency_action,
    .in_field = deficiency_in_field,
    .text_key = deficiency_text_key,
    .unsaved = deficiency_unsaved,
    .leave = deficiency_leave,
};
