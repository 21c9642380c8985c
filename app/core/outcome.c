#include "app/core/outcome.h"

#include <stdio.h>
#include <string.h>

#include "app/core/letter.h"
#include "app/core/live.h"
#include "app/core/log.h"
#include "app/core/session.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"

void outcome_forget(struct session *session, const char *request_id)
{
    unsigned kept = 0;
    for (unsigned i = 0; i < session->unsettled.count; i++) {
        if (strcmp(session->unsettled.id[i], request_id) == 0)
            continue;
        if (kept != i) {
            memcpy(session->unsettled.id[kept], session->unsettled.id[i], sizeof session->unsettled.id[i]);
            memcpy(session->unsettled.number[kept], session->unsettled.number[i],
                   sizeof session->unsettled.number[i]);
        }
        kept++;
    }
    session->unsettled.count = kept;
}

/* Keeps asking after a request. A session that lost more answers than it
 * can keep (the database away through eight steps) lets the oldest go, and
 * the log says which: its letter, if any, waits in the inbox as not printed. */
static void remember(struct session *session, const char *request_id, const char *number)
{
    outcome_forget(session, request_id);
    if (session->unsettled.count == SESSION_UNSETTLED) {
        log_event(LOG_PRINT_FAILED, "application=%s request=%s stage=outcome-unknown", session->unsettled.number[0],
                  session->unsettled.id[0]);
        outcome_forget(session, session->unsettled.id[0]);
    }
    unsigned i = session->unsettled.count++;
    snprintf(session->unsettled.id[i], sizeof session->unsettled.id[i], "%s", request_id);
    snprintf(session->unsettled.number[i], sizeof session->unsettled.number[i], "%s", number ? number : "");
    session->reconnected = outcome_recheck;
}

enum step_outcome outcome_after_lost_reply(struct session *session, const char *request_id, const char *number,
                                           struct request_outcome *found)
{
    struct db_error err;
    memset(found, 0, sizeof *found);
    if (live_reconnect(session) != 0 || request_outcome_read(session->db, request_id, found, &err) != 0) {
        remember(session, request_id, number);
        return STEP_UNKNOWN;
    }
    if (found->applied)
        return STEP_APPLIED;
    request_outcome_free(found);
    return STEP_NOT_APPLIED;
}

void outcome_recheck(struct session *session)
{
    while (session->unsettled.count > 0) {
        char id[37], number[32], report[900];
        snprintf(id, sizeof id, "%s", session->unsettled.id[0]);
        snprintf(number, sizeof number, "%s", session->unsettled.number[0]);
        struct request_outcome found;
        struct db_error err;
        if (request_outcome_read(session->db, id, &found, &err) != 0)
            return;    /* still away: the next reconnection asks again */
        outcome_forget(session, id);
        if (found.applied) {
            letter_print_step(session, &found, report, sizeof report);
            session_message(session, _("The step whose answer was lost was applied: application %s is now %s. %s"),
                            found.outcome.number, status_label(found.outcome.status), report);
        } else if (number[0]) {
            session_error(session, _("The step on application %s whose answer was lost was not applied: nothing was changed. Take it again if it is still wanted."),
                          number);
        } else {
            session_error(session, "%s", _("The new application whose answer was lost was not opened: nothing was changed. Open it again if it is still wanted."));
        }
        request_outcome_free(&found);
    }
}
