/* One application, read-only: what it is, where it stands, when it is due.
 * (Processing it comes with the lifecycle functions.) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/i18n.h"
#include "app/labels.h"
#include "db/citizen.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/rows.h"

static void *application_enter(struct app *app, const void *arg)
{
    const struct application_summary *a = arg;
    struct rows *r = rows_screen_new(app);
    if (!r)
        return NULL;
    char received[16], due[16], closed[16];
    format_date(app->lang, a->received_at, received, sizeof received);
    format_date(app->lang, a->due_date, due, sizeof due);
    format_date(app->lang, a->closed_at, closed, sizeof closed);
    int rc = 0;
    rc |= rows_add(r, _("Application number"), a->number, -1);
    rc |= rows_add(r, _("Service"), app_pick(app, a->service_name_tr, a->service_name_en), -1);
    rc |= rows_add(r, _("Status"), status_label(a->status), -1);
    rc |= rows_add(r, _("Office"), a->office_code, -1);
    rc |= rows_add(r, _("Received on"), received, -1);
    rc |= rows_add(r, _("Due date"), due, -1);
    rc |= rows_add(r, _("Closed"), a->closed_at ? closed : _("still open"), -1);
    if (rc == 0)
        app_message(app, _("Application %s: %s."), a->number, status_label(a->status));
    return rows_screen_ready(app, r, rc);
}

const struct screen application_screen = {
    .name = N_("Application"),
    .enter = application_enter,
    .draw = rows_screen_draw,
    .action = rows_screen_action,
    .leave = rows_screen_leave,
};
