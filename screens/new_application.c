/* New application for the citizen on screen: first the service, from a
 * list narrowed by typing; then its guide (working days, fee, documents)
 * with a checklist to tick what the citizen brought; Enter on the last row
 * opens the application and shows it, its number read out on the status
 * row. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/actions.h"
#include "app/core/drafts.h"
#include "screens/app.h"
#include "i18n/text/i18n.h"
#include "db/application.h"
#include "db/catalogue.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "i18n/text/filter.h"
#include "screens/widgets/rows.h"

enum { TAG_INFO = -1, TAG_OPEN = -2 };

struct new_application {
    int64_t citizen_id;
    struct catalogue catalogue;
    const struct service_info *service;   /* NULL while choosing */
    bool *brought;                        /* per document of the service */
    char filter[64];
    struct rows rows;
    struct request request;               /* kept across a retry */
};

static void fee_text(int kurus, char *out, size_t size)
{
    if (kurus == 0)
        snprintf(out, size, "%s", _("free of charge"));
    else
        /* TRANSLATORS: a fee in lira and kuruş; the separator is your language's. */
        snprintf(out, size, _("%d.%02d TL"), kurus / 100, kurus % 100);
}

static int build_choice(struct app *app, struct new_application *n)
{
    rows_free(&n->rows);
    int rc = 0;
    for (size_t i = 0; i < n->catalogue.service_count; i++) {
        const struct service_info *s = &n->catalogue.services[i];
        const char *name = session_pick(app->session, s->name_tr, s->name_en);
        if (n->filter[0] && !filter_match(n->filter, name) && !filter_match(n->filter, s->code))
            continue;
        char fee[32], value[200];
        fee_text(s->fee_kurus, fee, sizeof fee);
        snprintf(value, sizeof value, _("%d working days, %s"), s->sla_working_days, fee);
        rc |= rows_add(&n->rows, name, value, (long)i);
    }
    rc |= rows_add_filter_heading(&n->rows, n->filter, _("Choose the service (type to narrow the list):"),
                                  _("Services matching \"%s\": %zu (Backspace widens)."));
    return rc;
}

static int build_checklist(struct app *app, struct new_application *n)
{
    const struct service_info *s = n->service;
    size_t selected = n->rows.list.selected;
    rows_free(&n->rows);
    char fee[32], sla[64];
    fee_text(s->fee_kurus, fee, sizeof fee);
    snprintf(sla, sizeof sla, _("%d working days"), s->sla_working_days);
    int rc = rows_add(&n->rows, _("Service"), session_pick(app->session, s->name_tr, s->name_en), TAG_INFO);
    rc |= rows_add(&n->rows, _("Takes"), sla, TAG_INFO);
    rc |= rows_add(&n->rows, _("Fee"), fee, TAG_INFO);
    const char *about = session_pick(app->session, s->description_tr, s->description_en);
    if (about && *about)
        rc |= rows_add(&n->rows, _("About"), about, TAG_INFO);
    rc |= rows_add(&n->rows, "", _("Tick what the citizen brought (Enter or Space):"), TAG_INFO);
    /* "Turkish identity card: brought: no (required)": the state in words,
     * since a screen reader says nothing for "[ ]" and "x" for "[x]". */
    for (size_t i = 0; i < s->document_count; i++) {
        char value[200];
        snprintf(value, sizeof value, "%s%s", n->brought[i] ? _("brought: yes") : _("brought: no"),
                 s->documents[i].mandatory ? _(" (required)") : "");
        rc |= rows_add(&n->rows, session_pick(app->session, s->documents[i].name_tr, s->documents[i].name_en),
                       value, (long)i);
    }
    rc |= rows_add(&n->rows, "", _("Open the application"), TAG_OPEN);
    n->rows.list.selected = selected < n->rows.count ? selected : 0;
    return rc;
}

static void *new_application_enter(struct app *app, const void *arg)
{
    struct new_application *n = calloc(1, sizeof *n);
    if (!n) {
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    n->citizen_id = *(const int64_t *)arg;
    struct db_error err;
    if (catalogue_load(app->session->db, &n->catalogue, &err) != 0) {
        session_db_error(app->session, &err);
        free(n);
        return NULL;
    }
    if (build_choice(app, n) != 0) {
        catalogue_free(&n->catalogue);
        rows_free(&n->rows);
        free(n);
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    session_message(app->session, "%s", _("New application: choose the service."));
    return n;
}

static void new_application_leave(struct app *app, void *state)
{
    (void)app;
    struct new_application *n = state;
    catalogue_free(&n->catalogue);
    rows_free(&n->rows);
    free(n->brought);
    free(n);
}

static void new_application_draw(struct app *app, void *state)
{
    rows_screen_draw(app, &((struct new_application *)state)->rows);
}

static void open_it(struct app *app, struct new_application *n)
{
    struct action_result result;
    if (action_open(app->session, &n->request, n->citizen_id, n->service, n->brought, &result) != 0) {
        session_error(app->session, "%s", result.message);
        return;
    }
    app_draft_done(app);
    int64_t id = result.outcome.application_id;
    app_pop(app);                    /* this screen: its work is done */
    app_push(app, &application_screen, &id);
    session_message(app->session, "%s", result.message);
}

static bool new_application_action(struct app *app, void *state, enum action action)
{
    struct new_application *n = state;
    if (action == ACT_BACK && n->service) {
        n->service = NULL;            /* back to the choice of service */
        free(n->brought);
        n->brought = NULL;
        build_choice(app, n);
        return true;
    }
    if (action != ACT_ACTIVATE)
        return rows_screen_action(app, &n->rows, action);
    const struct row *row = rows_selected(&n->rows);
    if (!row)
        return true;
    if (!n->service) {
        if (row->tag < 0)
            return true;
        n->service = &n->catalogue.services[row->tag];
        n->brought = calloc(n->service->document_count ? n->service->document_count : 1, sizeof *n->brought);
        n->rows.list.selected = 0;
        build_checklist(app, n);
        session_message(app->session, "%s", _("Tick the documents the citizen brought, then Enter on \"Open the application\"."));
        return true;
    }
    if (row->tag == TAG_OPEN) {
        open_it(app, n);
        return true;
    }
    if (row->tag >= 0) {
        n->brought[row->tag] = !n->brought[row->tag];
        build_checklist(app, n);
    }
    return true;
}

/* Letters typed narrow the list of services; Space ticks a document. */
static bool new_application_text_key(struct app *app, void *state, struct key key)
{
    struct new_application *n = state;
    if (n->service) {
        if (!key.function && key.code == ' ')
            return new_application_action(app, state, ACT_ACTIVATE);
        return false;
    }
    if (!filter_key(n->filter, sizeof n->filter, key))
        return false;
    build_choice(app, n);
    return true;
}

/* The documents ticked as brought are the clerk's work: quitting asks. */
static bool new_application_unsaved(void *state)
{
    const struct new_application *n = state;
    for (size_t i = 0; n->service && n->brought && i < n->service->document_count; i++)
        if (n->brought[i])
            return true;
    return false;
}

/* The service chosen and the documents ticked as brought. */
static bool new_application_draft(struct app *app, void *state, struct draft *d)
{
    (void)app;
    struct new_application *n = state;
    drafts_key(d, DRAFT_KIND_OPEN, n->citizen_id, n->service ? n->service->code : "");
    snprintf(d->request_id, sizeof d->request_id, "%s", n->request.id);
    if (!new_application_unsaved(n))
        return false;
    char brought[DRAFT_VALUE_MAX_CHARS] = "";
    for (size_t i = 0; i < n->service->document_count; i++)
        if (n->brought[i])
            drafts_list_add(brought, sizeof brought, n->service->documents[i].code);
    return draft_set(d, "service", n->service->code) == 0 && draft_set(d, "brought", brought) == 0;
}

/* The checklist again, ticked as it was, the selection on "Open the
 * application". */
static void new_application_restore(struct app *app, void *state, const struct draft *d)
{
    struct new_application *n = state;
    const char *code = draft_get(d, "service"), *brought = draft_get(d, "brought");
    const struct service_info *service = code ? catalogue_service(&n->catalogue, code) : NULL;
    bool *ticks = service ? calloc(service->document_count + 1, sizeof *ticks) : NULL;
    if (!ticks)
        return;
    free(n->brought);
    n->service = service;
    n->brought = ticks;
    for (size_t i = 0; i < service->document_count; i++)
        ticks[i] = drafts_list_has(brought, service->documents[i].code);
    snprintf(n->request.id, sizeof n->request.id, "%s", d->request_id);
    build_checklist(app, n);
    n->rows.list.selected = n->rows.count - 1;
}

const struct screen new_application_screen = {
    .name = N_("New application"),
    .enter = new_application_enter,
    .draw = new_application_draw,
    .action = new_application_action,
    .text_key = new_application_text_key,
    .unsaved = new_application_unsaved,
    .draft = new_application_draft,
    .restore = new_application_restore,
    .leave = new_application_leave,
};
