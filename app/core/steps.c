#include "app/core/steps.h"

#include <stdio.h>
#include <string.h>

#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"

static const struct {
    const char *label;             /* msgid */
    const char *question;          /* msgid, or NULL when a form asks */
} steps[STEP_COUNT] = {
    [STEP_REVIEW] = {N_("Start the review"), N_("Start reviewing application %s?")},
    [STEP_DEFICIENCY] = {N_("Issue a deficiency notice"), NULL},
    [STEP_ARRIVED] = {N_("The missing documents arrived"),
                      N_("Record that the missing documents of %s arrived?")},
    [STEP_APPROVE] = {N_("Approve"), N_("Approve application %s? This cannot be undone.")},
    [STEP_REJECT] = {N_("Reject, with a reason"), NULL},
    [STEP_ESCALATE] = {N_("Escalate to a supervisor"), NULL},
    [STEP_DECIDE] = {N_("Decide the escalation"), NULL},
    [STEP_COUNTERSIGN] = {N_("Countersign the approval"), NULL},
    [STEP_COMPLETE] = {N_("Complete (service delivered)"), N_("Complete application %s? This closes it.")},
    [STEP_WITHDRAW] = {N_("Withdraw at the citizen's request"), NULL},
};

const char *step_label(enum step s)
{
    return _(steps[s].label);
}

const char *step_question(enum step s)
{
    return steps[s].question ? _(steps[s].question) : NULL;
}

bool step_allowed(const struct application *a, enum step s)
{
    return a->step_allowed[s];
}

/* The database's reason codes (0012_steps.sql), in words. */
const char *steps_none_reason(const struct application *a)
{
    static char sentence[300];
    const char *why = a->no_step_reason;
    if (strcmp(why, "read_only") == 0)
        return _("You can read this application; only counter staff change it.");
    if (strcmp(why, "own_escalation") == 0)
        return _("You raised this escalation, so another supervisor must decide it.");
    if (strcmp(why, "supervisor_decides") == 0)
        return _("A supervisor of the office decides this escalation.");
    if (strcmp(why, "own_approval") == 0)
        return _("You approved this application or asked for its approval, so another supervisor must countersign it.");
    if (strcmp(why, "supervisor_countersigns") == 0)
        return _("A second supervisor countersigns this approval.");
    if (strcmp(why, "other_office") == 0)
        return _("Your office countersigns the high-risk approvals of this office; nothing here waits for your countersignature.");
    snprintf(sentence, sizeof sentence, _("No action is possible while the application is %s."),
             status_label(a->status));
    return sentence;
}
