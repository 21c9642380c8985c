/* An application's parts in words, the same on the application screen and
 * in line mode: what an escalation asks and how it was decided, where a
 * document stands, and what each history entry did. */
#ifndef GISE_RECORD_TEXT_H
#define GISE_RECORD_TEXT_H

#include <stddef.h>

struct escalation;
struct countersign_item;
struct checklist_item;
struct timeline_item;
struct session;
struct application;
struct approval_rules;
struct rule_codes;
struct db_error;
struct letter_item;

/* "Ayşe Kaya asks for rejection (ADR-01), waited 2 h 5 min: <reason>". */
void escalation_request_text(const struct escalation *e, char *out, size_t size);

/* "approved by Zeynep Çelik: <comment>", "waiting for a supervisor", or
 * the cancellation. */
void escalation_decision_text(const struct escalation *e, char *out, size_t size);

/* An approval waiting for a countersignature, as the inbox lists it:
 * "Building permit, approved by Zeynep Çelik, waiting 5 min" (`service` in
 * the reader's language). */
void countersign_waiting_text(const struct countersign_item *c, const char *service, char *out, size_t size);

/* What approving escalation `e` does, as the choice's words ("Approve:
 * reject the application and print the letter"). */
const char *escalation_approve_label(const struct escalation *e);

/* The titles of the approval rules `codes`, in the session's language,
 * "; " between them ("Every mandatory document received and checked"); a
 * code `rules` does not hold is written as itself. */
void rule_titles_text(const struct session *session, const struct approval_rules *rules,
                      const struct rule_codes *codes, char *out, size_t size);

/* The waivers a record names, in words: what escalation `e` (NULL or id 0:
 * none) asks to waive into asks (NULL: not wanted), what a's approval
 * waived (or the one awaiting a countersignature) into waived; each of
 * `size` bytes, "" where there is none. The rules' titles are read into
 * *rules (zeroed at first; the caller frees it with approval_rules_free)
 * the first time a waiver needs them. 0, or -1 with *err when they cannot
 * be read (asks and waived then hold the codes). */
int record_waivers_text(struct session *session, const struct application *a, const struct escalation *e,
                        struct approval_rules *rules, char *asks, char *waived, size_t size,
                        struct db_error *err);

/* "received: yes, checked: no, (required)". */
void document_state_text(const struct checklist_item *d, char *out, size_t size);

/* "23.11.2026 10:41" in the language's date form. */
void timeline_when(const char *lang, const struct timeline_item *t, char *out, size_t size);

/* The same of a timestamp's text from the server ("-" for ""). */
void timestamp_text(const char *lang, const char *at, char *out, size_t size);

/* Where a letter stands, as its application and the inbox list it:
 * "printed 04.12.2026 10:15 by Ayşe Kaya; issued ...", "not printed
 * (printing failed 04.12.2026 10:16); issued ...", "not printed; issued ...". */
void letter_state_text(const char *lang, const struct letter_item *l, char *out, size_t size);

/* What a history entry's action did ("escalated to a supervisor"),
 * translated; the code itself when unknown. */
const char *timeline_action_label(const char *action);

/* A history entry whole, translated: who did what, with what its details
 * name ("Ayşe Kaya checked a document: Nüfus cüzdanı", "Zeynep Çelik
 * approved the escalation", "Ayşe Kaya issued a deficiency notice, deadline
 * 18.12.2026"); documents by their names on a's checklist; the daily
 * lapse run without a person ("The deficiency deadline of 18.12.2026
 * passed: the scheduler lapsed it"). */
void timeline_text(const struct session *session, const struct application *a, const struct timeline_item *t,
                   char *out, size_t size);

#endif
