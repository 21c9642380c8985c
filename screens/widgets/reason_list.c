#include "screens/widgets/reason_list.h"

#include <stdio.h>

#include "i18n/text/i18n.h"
#include "i18n/text/filter.h"

int reason_list_build(struct app *app, struct rows *rows, const struct catalogue *c,
                      const char *filter)
{
    rows_free(rows);
    int rc = 0;
    for (size_t i = 0; i < c->reason_count; i++) {
        const struct rejection_reason_info *x = &c->reasons[i];
        const char *title = session_pick(app->session, x->title_tr, x->title_en);
        if (filter[0] && !filter_match(filter, title) && !filter_match(filter, x->code))
            continue;
        char value[300];
        snprintf(value, sizeof value, "%s%s", title, x->needs_supervisor ? _(" (needs a supervisor)") : "");
        rc |= rows_add(rows, x->code, value, (long)i);
    }
    rc |= rows_add_filter_heading(rows, filter, _("Choose the reason (type its code or part of its text):"),
                                  _("Reasons matching \"%s\": %zu (Backspace widens)."));
    return rc;
}
