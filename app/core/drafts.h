/* The signed-in staff member's drafts (DESIGN.md, principle 4: nothing
 * typed is lost), as both front ends keep them: each change to a form is
 * appended to the journal on this machine at once (one write per key,
 * app/core/draft_journal.h) and saved to the database DRAFTS_SAVE_DELAY_MS
 * after the last change, on leaving a field or a form, and when gise is
 * told to end (db/draft.h), so the draft follows the clerk to another
 * terminal. A draft ends when its step commits, when the clerk discards
 * it, or 14 days after it was last typed in (0022_drafts.sql).
 *
 * At sign-in the journal and the database are read and, key by key, the
 * newer copy is kept; every draft is then offered ("Unfinished rejection of
 * 2026-000123, typed 14:05 (1,400 characters). Resume, show, or
 * discard?"), and again when its application (for a new application, its
 * citizen) is opened. */
#ifndef GISE_DRAFTS_H
#define GISE_DRAFTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/application.h"
#include "db/draft.h"

struct session;

enum {
    DRAFTS_SAVE_DELAY_MS = 2000,    /* after the last key */
    DRAFTS_RETRY_MS = 5000,         /* after the database could not be reached */
    DRAFTS_KEEP_DAYS = 14,          /* 0022_drafts.sql keeps the same time */
};

/* Opens the journal in the settings' drafts directory, reads it and the
 * database's copies, keeps the newer of each, and queues them to be
 * offered. Staff who change no application (auditors) keep no drafts:
 * nothing is done for them. A journal that cannot be opened is said on the status row, and
 * drafts are then kept in the database only. Returns 0, or -1 when memory
 * runs out (said). */
int drafts_start(struct session *s);

/* Saves what the database does not have yet, waiting for it at most
 * within_ms in all (a hung-up terminal must still end), closes the journal
 * and frees everything. Safe when drafts_start was not called. */
void drafts_stop(struct session *s, int within_ms);

/* A form as it is after a key: *d says what it holds (its kind, target
 * and label always; its fields when `keep`). The drafts take d's fields
 * (d is left empty). A change is journaled at once and saved to the
 * database later; `keep` false (nothing typed, or all of it deleted) drops
 * the draft of that key. */
void drafts_note(struct session *s, struct draft *d, bool keep);

/* Milliseconds until a save to the database is due; -1 when none. */
int drafts_next_timeout(const struct session *s);

/* Saves to the database what is due (the front ends' loops call it). */
void drafts_tick(struct session *s);

/* Saves everything that changed now (leaving a field or a form). */
void drafts_save_now(struct session *s);

/* The step of `kind` on `target` committed: its draft is gone (the
 * database dropped its copy in the same transaction) and its text leaves
 * the journal. */
void drafts_done(struct session *s, const char *kind, int64_t target);

/* The clerk discarded the draft of `kind` on `target`: gone here and from
 * the database (at once when it answers, otherwise as soon as it does). */
void drafts_discard(struct session *s, const char *kind, int64_t target);

/* The live draft of `kind` on `target`, or NULL. The drafts' storage:
 * valid until the next call that changes them. */
const struct draft *drafts_find(const struct session *s, const char *kind, int64_t target);

/* Queues every live draft to be offered, newest first. */
void drafts_offer_all(struct session *s);

/* Queues the live drafts of application `application_id` (or, with
 * `citizen`, the new applications of citizen `application_id`), unless
 * offers are held. */
void drafts_offer_for(struct session *s, int64_t id, bool citizen);

/* Empties the queue of offers (one was taken up: the rest wait until
 * their application is opened again, or the next sign-in). */
void drafts_offers_clear(struct session *s);

/* While held, opening an application offers nothing (a resume opens it). */
void drafts_hold_offers(struct session *s, bool hold);

/* True when an offer is queued. */
bool drafts_offer_waiting(const struct session *s);

/* Takes the next queued offer still live into *out (a copy the caller
 * frees with draft_free) and what was opened to queue it into *origin
 * (the application, or for a new application the citizen; 0 at
 * sign-in). False when none is left. */
bool drafts_next_offer(struct session *s, struct draft *out, int64_t *origin);

/* Sets d's key (and label): the step `kind` on `target`, no fields. */
void drafts_key(struct draft *d, const char *kind, int64_t target, const char *label);

/* Lists of codes in a draft field: comma-separated. Adds `code` to the
 * list in out (of size bytes); has says whether `list` holds `code`. */
void drafts_list_add(char *out, size_t size, const char *code);
bool drafts_list_has(const char *list, const char *code);

/* When d was last typed in, as the clerk reads it: "14:05" today,
 * "12.03.2026 14:05" before. */
void drafts_typed_when(const struct session *s, const struct draft *d, char *out, size_t size);

/* The offer's first sentence, translated: "Unfinished rejection of
 * 2026-000123, typed 14:05 (1,400 characters)." */
void drafts_describe(const struct session *s, const struct draft *d, char *out, size_t size);

/* The translated name of draft field `name` as its form calls it
 * ("Explanation"), for showing a draft whole. */
const char *drafts_field_label(const struct draft *d, const char *name);

/* Whether d's step can still be taken; when not, *why says so in a
 * translated sentence naming the application's state now. Asks the
 * database. */
bool drafts_step_open(struct session *s, const struct draft *d, char *why, size_t size);

/* The enum step of a draft of an application (false for a new
 * application's). */
bool drafts_step_of(const struct draft *d, enum step *step);

#endif
