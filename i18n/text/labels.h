/* Words for codes the database stores: roles, application states, dates. */
#ifndef GISE_LABELS_H
#define GISE_LABELS_H

#include <stddef.h>

/* Translated role name ("clerk" → "memur"); the code itself if unknown. */
const char *role_label(const char *role_group);

/* Translated application state ("in_review" → "In review"). */
const char *status_label(const char *status);

/* Formats the date at the start of an ISO text ("2026-11-23" or a
 * timestamp) for the language: 23.11.2026 (tr), 23/11/2026 (en). Writes
 * "-" for NULL or unparsable input. */
void format_date(const char *lang, const char *iso, char *out, size_t size);

/* Reads a date typed as 23.11.2026, 23/11/2026 or 2026-11-23 into ISO
 * form (YYYY-MM-DD, 11 bytes with the NUL). Returns 0, or -1 when it is not
 * a real calendar date. */
int parse_date(const char *text, char iso[11]);

/* A waiting time in two units at most, translated: "3 d 4 h", "2 h 5 min",
 * "7 min", "under a minute". Negative counts as zero. */
void format_waiting(long long seconds, char *out, size_t size);

/* What a step of the history decided, as words: the decision code of an
 * escalation's decision ("decide", "approved" → "approved the
 * escalation") or of a countersignature ("countersign", "refused"); NULL
 * for any other pair. */
const char *decision_label(const char *action, const char *decision);

/* A count with its digits grouped by thousands as the language writes
 * them: 1,400 (en), 1.400 (tr). */
void format_count(const char *lang, unsigned long long n, char *out, size_t size);

/* What an escalation asks for, as words ("approve" → "approval"). */
const char *outcome_label(const char *requested_outcome);

#endif
