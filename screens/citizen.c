/* Citizen detail: personal and contact data, one focusable row per field,
 * then their applications; Enter on an application opens it. Opening this
 * screen is recorded in access_log by the database, with the purpose
 * chosen on the screen before (screens/purpose.c). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/drafts.h"
#include "screens/app.h"
#include "app/core/purpose.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "db/citizen.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/rows.h"

struct citizen_view {
    struct citizen_detail detail;
    struct rows rows;        /* tag: application index, or -1 for data rows */
};

static void application_row(struct app *app, const struct application_summary *a, char *buf,
                            size_t size)
{
    char received[16], due[16];
    format_date(app->session->lang, a->received_at, received, sizeof received);
    format_date(app->session->lang, a->due_date, due, sizeof due);
    snprintf(buf, size, _("%s, %s, received %s, due %s"),
             session_pick(app->session, a->service_name_tr, a->service_name_en), status_label(a->status),
             received, due);
}

static int build_rows(struct app *app, struct citizen_view *v)
{
    const struct citizen_detail *d = &v->detail;
    char name[256], born[16], count[32];
    snprintf(name, sizeof name, "%s %s", d->given_name, d->family_name);
    format_date(app->session->lang, d->birth_date, born, sizeof born);
    struct rows *r = &v->rows;
    int rc = 0;
    rc |= rows_add(r, _("Name"), name, -1);
    rc |= rows_add(r, _("Identity number"), d->national_id, -1);
    rc |= rows_add(r, _("Birth date"), born, -1);
    rc |= rows_add(r, _("Birth place"), d->birth_place, -1);
    rc |= rows_add(r, _("Phone"), d->phone, -1);
    rc |= rows_add(r, _("E-mail"), d->email, -1);
    rc |= rows_add(r, _("Address"), d->address, -1);
    rc |= rows_add(r, _("City"), d->city, -1);
    rc |= rows_add(r, _("Preferred language"),
                   strcmp(d->preferred_language, "en") == 0 ? _("English") : _("Turkish"), -1);
    rc |= rows_add(r, _("Accessibility needs"),
                   d->accessibility_needs ? d->accessibility_needs : _("none recorded"), -1);
    snprintf(count, sizeof count, "%zu", d->application_count);
    rc |= rows_add(r, _("Applications"), count, -1);
    for (size_t i = 0; i < d->application_count; i++) {
        char text[512];
        application_row(app, &d->applications[i], text, sizeof text);
        rc |= rows_add(r, d->applications[i].number, text, (long)i);
    }
    return rc;
}

static void view_release(struct citizen_view *v)
{
    rows_free(&v->rows);
    citizen_detail_free(&v->detail);
}

static void *citizen_enter(struct app *app, const void *arg)
{
    int64_t id = *(const int64_t *)arg;
    struct citizen_view *v = calloc(1, sizeof *v);
    if (!v) {
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    struct db_error err;
    if (citizen_open(app->session->db, id, purpose_current(app->session), "citizen-detail", &v->detail, &err) != 0) {
        session_db_error(app->session, &err);
        free(v);
        return NULL;
    }
    if (build_rows(app, v) != 0) {
        view_release(v);
        free(v);
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    /* Start on the first application when there is one: the common path. */
    if (v->detail.application_count)
        v->rows.list.selected = v->rows.count - v->detail.application_count;
    session_message(app->session, ngettext("%s %s: %zu application.", "%s %s: %zu applications.",
                              v->detail.application_count),
                v->detail.given_name, v->detail.family_name, v->detail.application_count);
    drafts_offer_for(app->session, id, true);     /* an unfinished new application */
    return v;
}

static void citizen_leave(struct app *app, void *state)
{
    (void)app;
    view_release(state);
    free(state);
}

static void citizen_draw(struct app *app, void *state)
{
    /* The record is a list of rows: the shared rows drawing serves. */
    rows_screen_draw(app, &((struct citizen_view *)state)->rows);
}

static void citizen_resume(struct app *app, void *state)
{
    /* An application may have been opened or changed meanwhile. */
    struct citizen_view *v = state;
    size_t selected = v->rows.list.selected;
    struct citizen_view fresh = {0};
    struct db_error err;
    if (citizen_open(app->session->db, v->detail.id, purpose_current(app->session), "citizen-detail",
                     &fresh.detail, &err) != 0)
        return;
    view_release(v);
    *v = fresh;
    build_rows(app, v);
    v->rows.list.selected = selected < v->rows.count ? selected : 0;
}

static bool citizen_action(struct app *app, void *state, enum action action)
{
    struct citizen_view *v = state;
    if (action == ACT_ACTIVATE) {
        const struct row *row = rows_selected(&v->rows);
        if (row && row->tag >= 0)
            app_push(app, &application_screen, &v->detail.applications[row->tag].id);
        else
            session_message(app->session, "%s", _("Select an application to open it."));
        return true;
    }
    if (action == ACT_ACTIONS) {
        app_push(app, &new_application_screen, &v->detail.id);
        return true;
    }
    if (action == ACT_REFRESH) {
        citizen_resume(app, v);
        session_message(app->session, "%s", _("Refreshed."));
        return true;
    }
    return rows_screen_action(app, &v->rows, action);
}

const struct screen citizen_screen = {
    .resume = citizen_resume,
    .name = N_("Citizen"),
    .enter = citizen_enter,
    .draw = citizen_draw,
    .action = citizen_action,
    .leave = citizen_leave,
};
