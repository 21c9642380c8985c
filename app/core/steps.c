#include "app/core/steps.h"

#include <stdio.h>
#include <string.h>

#include "app/core/session.h"
#include "app/base/i18n.h"
#include "app/base/labels.h"
#include "db/application.h"
#include "db/escalation.h"

static const struct {
    const char *status;            /* the state the step starts from */
    const char *label;             /* msgid */
    const char *question;          /* msgid, or NULL when a form asks */
} steps[STEP_COUNT] = {
    [STEP_REVIEW] = {"received", N_("Start the review"), N_("Start reviewing application %s?")},
    [STEP_DEFICIENCY] = {"in_review", N_("Issue a deficiency notice"), NULL},
    [STEP_ARRIVED] = {"awaiting_documents", N_("The missing documents arrived"),
                      N_("Record that the missing documents of %s arrived?")},
    [STEP_APPROVE] = {"in_review", N_("Approve"), N_("Approve application %s? This cannot be undone.")},
    [STEP_REJECT] = {"in_review", N_("Reject, with a reason"), NULL},
    [STEP_ESCALATE] = {"in_review", N_("Escalate to a supervisor"), NULL},
    [STEP_DECIDE] = {"escalated", N_("Decide the escalation"), NULL},
    [STEP_COMPLETE] = {"approved", N_("Complete (service delivered)"),
                       N_("Complete application %s? This closes it.")},
    [STEP_WITHDRAW] = {"*open*", N_("Withdraw at the citizen's request"), NULL},
};

const char *step_label(enum step s)
{
    return _(steps[s].label);
}

const char *step_question(enum step s)
{
    return steps[s].question ? _(steps[s].question) : NULL;
}

/* Whether a step starts from this state ("*open*": any state not final). */
static bool state_allows(enum step s, const char *status)
{
    if (strcmp(steps[s].status, "*open*") == 0)
        return strcmp(status, "completed") != 0 && strcmp(status, "rejected") != 0 &&
               strcmp(status, "lapsed") != 0 && strcmp(status, "withdrawn") != 0;
    return strcmp(status, steps[s].status) == 0;
}

/* The role's share of the rules: auditors change nothing; a clerk approves
 * alone only a low-risk service and rejects alone only where the service
 * does not need a supervisor (a reason that does is marked in the list and
 * refused in words); only another supervisor of the office decides an
 * escalation. */
bool step_allowed(const struct session *session, const struct application *a, const struct escalation *e,
                  enum step s)
{
    if (!session->me.changes_applications || !state_allows(s, a->status))
        return false;
    bool supervisor = session->me.decides_escalations;
    switch (s) {
    case STEP_APPROVE:
        return supervisor || strcmp(a->risk_level, "low") == 0;
    case STEP_REJECT:
        return supervisor || !a->rejection_needs_supervisor;
    case STEP_DECIDE:
        return supervisor && e->id && !e->decision && !e->cancelled_at && e->raised_by_id != session->me.id;
    default:
        return true;
    }
}

const char *steps_none_reason(const struct session *session, const struct application *a,
                              const struct escalation *e)
{
    static char sentence[300];
    if (!session->me.changes_applications)
        return _("You can read this application; only counter staff change it.");
    if (strcmp(a->status, "escalated") == 0)
        return e->raised_by_id == session->me.id
                   ? _("You raised this escalation, so another supervisor must decide it.")
                   : _("A supervisor of the office decides this escalation.");
    snprintf(sentence, sizeof sentence, _("No action is possible while the application is %s."),
             status_label(a->status));
    return sentence;
}
