#include "i18n/text/labels.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n/text/i18n.h"

/* Codes the database stores, and their words: the one place C knows them
 * (tests/layout/floors.t refuses them anywhere else). */
struct code_label {
    const char *code, *label;
};

static const char *label_of(const struct code_label *table, size_t n, const char *code)
{
    for (size_t i = 0; code && i < n; i++)
        if (strcmp(code, table[i].code) == 0)
            return _(table[i].label);
    return code ? code : "";
}

const char *role_label(const char *role_group)
{
    static const struct code_label labels[] = {
        {"clerk", N_("clerk")},
        {"supervisor", N_("supervisor")},
        {"auditor", N_("auditor")},
        {"admin", N_("administrator")},
    };
    return label_of(labels, sizeof labels / sizeof *labels, role_group);
}

const char *decision_label(const char *action, const char *decision)
{
    static const struct {
        const char *action, *decision, *label;
    } labels[] = {
        {"decide", "approved", N_("approved the escalation")},
        {"decide", "denied", N_("denied the escalation")},
        {"countersign", "countersigned", N_("countersigned the approval")},
        {"countersign", "refused", N_("refused to countersign the approval")},
    };
    for (size_t i = 0; action && decision && i < sizeof labels / sizeof *labels; i++)
        if (strcmp(action, labels[i].action) == 0 && strcmp(decision, labels[i].decision) == 0)
            return _(labels[i].label);
    return NULL;
}

const char *status_label(const char *status)
{
    static const struct code_label labels[] = {
        {"received", N_("Received")},
        {"in_review", N_("In review")},
        {"awaiting_documents", N_("Awaiting documents")},
        {"lapsed", N_("Lapsed")},
        {"escalated", N_("Escalated")},
        {"awaiting_countersign", N_("Awaiting countersignature")},
        {"approved", N_("Approved")},
        {"rejected", N_("Rejected")},
        {"completed", N_("Completed")},
        {"withdrawn", N_("Withdrawn")},
    };
    return label_of(labels, sizeof labels / sizeof *labels, status);
}

void format_date(const char *lang, const char *iso, char *out, size_t size)
{
    int y, m, d;
    if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1 || m < 1 || m > 12 ||
        d < 1 || d > 31) {
        snprintf(out, size, "-");
        return;
    }
    if (lang && strcmp(lang, "en") == 0)
        snprintf(out, size, "%02d/%02d/%04d", d, m, y);
    else
        snprintf(out, size, "%02d.%02d.%04d", d, m, y);
}

int parse_date(const char *text, char iso[11])
{
    int y, m, d;
    char rest;
    if (sscanf(text, " %4d-%2d-%2d %c", &y, &m, &d, &rest) != 3 &&
        sscanf(text, " %2d.%2d.%4d %c", &d, &m, &y, &rest) != 3 &&
        sscanf(text, " %2d/%2d/%4d %c", &d, &m, &y, &rest) != 3)
        return -1;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > days[m - 1] ||
        (m == 2 && d == 29 && !leap))
        return -1;
    snprintf(iso, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    return 0;
}

void format_waiting(long long seconds, char *out, size_t size)
{
    long long minutes = seconds < 0 ? 0 : seconds / 60;
    long long days = minutes / (24 * 60), hours = minutes / 60 % 24, mins = minutes % 60;
    /* Two units at most: "3 d 4 h", "2 h 5 min", "7 min". */
    if (days > 0)
        snprintf(out, size, _("%lld d %lld h"), days, hours);
    else if (hours > 0)
        snprintf(out, size, _("%lld h %lld min"), hours, mins);
    else if (mins > 0)
        snprintf(out, size, _("%lld min"), mins);
    else
        snprintf(out, size, "%s", _("under a minute"));
}

const char *outcome_label(const char *requested_outcome)
{
    static const struct code_label labels[] = {
        {"approve", N_("approval")},
        {"reject", N_("rejection")},
        {"exception", N_("an exception to the rules")},
    };
    return label_of(labels, sizeof labels / sizeof *labels, requested_outcome);
}

void format_count(const char *lang, unsigned long long n, char *out, size_t size)
{
    char digits[32], grouped[48];
    int len = snprintf(digits, sizeof digits, "%llu", n), k = 0;
    char separator = lang && strcmp(lang, "en") == 0 ? ',' : '.';
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            grouped[k++] = separator;
        grouped[k++] = digits[i];
    }
    grouped[k] = '\0';
    snprintf(out, size, "%s", grouped);
}
