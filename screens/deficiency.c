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
#include "app/core/drafts.h"
#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "db/application.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/field_keys.h"
#include "screens/widgets/form.h"
#include "screens/widgets/sheet.h"

struct deficiency {
    struct application app;
    char earliest[11], latest[11];
    bool *missing;              /* per checklist document */
    struct field deadline, note;
    size_t focus;               /* documents, then deadline, note, submit */
    struct sheet sheet;         /* the lines drawn, scrolled to keep the focus in view */
    struct request request;
};

static size_t deadline_item(const struct deficiency *d) { return d->app.document_count; }
static size_t note_item(const struct deficiency *d) { return d->app.document_count + 1; }
static size_t submit_item(const struct deficiency *d) { return d->app.document_count + 2; }

static void *deficiency_enter(struct app *app, const void *arg)
{
    struct deficiency *d = calloc(1, sizeof *d);
    struct db_error err;
    if (!d || field_init(&d->deadline, 10) != 0 || field_init_note(&d->note, 1000) != 0) {
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
    sheet_free(&d->sheet);
    free(d);
}

/* The heading, one line per document, the deadline, the note and the
 * button. When they are more than the content rows (many documents at
 * 40x12), they scroll to keep the focus in view; Up from the first
 * document walks up to the heading. */
static void deficiency_draw(struct app *app, void *state)
{
    struct deficiency *d = state;
    struct layout l = draw_layout();
    struct sheet *sh = &d->sheet;
    char line[400], from[16], to[16];
    sheet_begin(sh, l.cols, l.bottom - l.top);
    snprintf(line, sizeof line, _("Deficiency notice for %s, %s"), d->app.number, d->app.citizen_name);
    sheet_text(sh, 2, line, line, A_BOLD);
    for (size_t i = 0; i < d->app.document_count; i++) {
        const struct checklist_item *c = &d->app.documents[i];
        const char *name = session_pick(app->session, c->name_tr, c->name_en);
        /* The state in words: a screen reader says nothing for "[ ]". */
        char value[200];
        snprintf(value, sizeof value, "%s, %s", d->missing[i] ? _("missing") : _("not missing"),
                 c->received ? _("received: yes") : _("received: no"));
        /* The state first, where the listener hears it first and it
         * stays within a braille line however long the name. */
        snprintf(line, sizeof line, "%s: %s, %s", d->missing[i] ? _("missing") : _("not missing"), name,
                 c->received ? _("received: yes") : _("received: no"));
        sheet_stop_row(sh, line, d->focus == i && !sheet_reading(sh), name, value);
    }
    format_date(app->session->lang, d->earliest, from, sizeof from);
    format_date(app->session->lang, d->latest, to, sizeof to);
    char range[200];
    snprintf(range, sizeof range, _("from %s to %s, working days"), from, to);
    sheet_field(sh, _("Deadline"), true, &d->deadline, d->focus == deadline_item(d), range);
    sheet_field(sh, _("Note"), true, &d->note, d->focus == note_item(d), NULL);
    sheet_stop(sh, _("Issue the notice and print the letter"), d->focus == submit_item(d),
               _("Issue the notice and print the letter"), "");
    sheet_draw(app, sh, l.top);
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
    if (sheet_action(&d->sheet, action, d->focus == 0))
        return true;
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
    return !sheet_reading(&d->sheet) && (d->focus == deadline_item(d) || d->focus == note_item(d));
}

static bool deficiency_text_key(struct app *app, void *state, struct key key)
{
    struct deficiency *d = state;
    if (sheet_reading(&d->sheet))
        return false;
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

/* The documents ticked as missing, the deadline and the note. */
static bool deficiency_draft(struct app *app, void *state, struct draft *dr)
{
    (void)app;
    struct deficiency *d = state;
    form_draft_key(dr, STEP_DEFICIENCY, &d->app, &d->request);
    if (!deficiency_unsaved(d))
        return false;
    char missing[DRAFT_VALUE_MAX_CHARS] = "";
    for (size_t i = 0; d->missing && i < d->app.document_count; i++)
        if (d->missing[i])
            drafts_list_add(missing, sizeof missing, d->app.documents[i].code);
    return draft_set(dr, "missing", missing) == 0 && draft_set(dr, "deadline", d->deadline.text) == 0 &&
           draft_set(dr, "text", d->note.text) == 0;
}

static void deficiency_restore(struct app *app, void *state, const struct draft *dr)
{
    (void)app;
    struct deficiency *d = state;
    const char *missing = draft_get(dr, "missing");
    for (size_t i = 0; missing && d->missing && i < d->app.document_count; i++)
        d->missing[i] = drafts_list_has(missing, d->app.documents[i].code);
    if (draft_get(dr, "deadline"))
        form_draft_restore(&d->deadline, dr, "deadline", &d->request);
    form_draft_restore(&d->note, dr, "text", &d->request);
    d->focus = note_item(d);
}

const struct screen deficiency_screen = {
    .name = N_("Deficiency notice"),
    .enter = deficiency_enter,
    .draw = deficiency_draw,
    .action = deficiency_action,
    .in_field = deficiency_in_field,
    .text_key = deficiency_text_key,
    .unsaved = deficiency_unsaved,
    .draft = deficiency_draft,
    .restore = deficiency_restore,
    .leave = deficiency_leave,
};
