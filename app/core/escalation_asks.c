#include "app/core/escalation_asks.h"

#include "i18n/text/i18n.h"

const struct escalation_ask escalation_asks[ESCALATION_ASK_COUNT] = {
    {"approve", N_("Ask for approval"), false, ASK_WAIVES_MAY},
    {"reject", N_("Ask for a rejection (the reason comes next)"), true, ASK_WAIVES_NONE},
    {"exception", N_("Ask for an exception to the rules"), false, ASK_WAIVES_MUST},
};

size_t escalation_ask_offers(const struct escalation_ask *ask, const struct approval_rules *rules,
                             const struct rule_codes *unmet, size_t offer[RULE_CODES_MAX])
{
    size_t n = 0;
    if (ask->waives == ASK_WAIVES_NONE)
        return 0;
    for (size_t i = 0; i < approval_rules_waivable(rules); i++)
        if (ask->waives == ASK_WAIVES_MUST || rule_codes_has(unmet, rules->items[i].code))
            offer[n++] = i;
    return n;
}
