/* What a clerk may ask a supervisor for, the same in both front ends: the
 * outcome's code, the words of its choice, whether a rejection reason comes
 * next, and whether it names approval rules it waives. The database holds
 * the same rules (0016: a rejection waives nothing; 0020: an exception
 * waives at least one rule): the front ends ask only what it accepts. */
#ifndef GISE_ESCALATION_ASKS_H
#define GISE_ESCALATION_ASKS_H

#include <stdbool.h>
#include <stddef.h>

#include "db/approval_rule.h"

enum ask_waives {
    ASK_WAIVES_NONE,   /* no waiver is offered */
    ASK_WAIVES_MAY,    /* the clerk may tick rules it waives */
    ASK_WAIVES_MUST,   /* at least one must be ticked */
};

struct escalation_ask {
    const char *outcome;         /* approve, reject, exception */
    const char *label;           /* the choice, untranslated (N_) */
    bool needs_reason;           /* a rejection reason from the catalogue comes next */
    enum ask_waives waives;
};

enum { ESCALATION_ASK_COUNT = 3 };

/* In the order the choices are offered. */
extern const struct escalation_ask escalation_asks[ESCALATION_ASK_COUNT];

/* The rules `ask` offers to waive, as indexes into rules->items, into
 * offer; returns how many. None for a rejection; every waivable rule for an
 * exception; for an approval, the waivable rules the application does not
 * meet now (`unmet`, the database's answer): unwaived, those would make
 * the supervisor's approval be refused, and the others need no waiver. */
size_t escalation_ask_offers(const struct escalation_ask *ask, const struct approval_rules *rules,
                             const struct rule_codes *unmet, size_t offer[RULE_CODES_MAX]);

#endif
