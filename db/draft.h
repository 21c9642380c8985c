/* Drafts: what a clerk has typed and chosen on a form whose step is not
 * taken yet, as named text fields (0022_drafts.sql). The same record lives
 * in the clerk's local journal (app/core/draft_journal.h) and in the
 * database, where only its owner reads it. */
#ifndef GISE_DB_DRAFT_H
#define GISE_DB_DRAFT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

/* The database's bounds (gise.draft_save), kept here too so that a draft
 * the client holds is one the database accepts. */
enum {
    DRAFT_MAX_FIELDS = 16,
    DRAFT_NAME_SIZE = 33,           /* 32 characters */
    DRAFT_KIND_SIZE = 17,           /* 16 */
    DRAFT_LABEL_SIZE = 41,          /* 40 */
    DRAFT_VALUE_MAX_CHARS = 4000,
    DRAFT_MAX_PER_PERSON = 50,
};

/* The step a draft is for, as gise.request_log names it ("reject"); "open"
 * for a new application, whose target is the citizen. */
#define DRAFT_KIND_OPEN "open"

struct draft_field {
    char name[DRAFT_NAME_SIZE];     /* "text", "reason", ... */
    char *value;                    /* owned, NUL-terminated UTF-8 */
};

struct draft {
    char kind[DRAFT_KIND_SIZE];
    int64_t target;                 /* the application id; the citizen id for "open" */
    char label[DRAFT_LABEL_SIZE];   /* the application number; the service code for "open" */
    long long typed_at_ms;          /* the last key, milliseconds since 1970 (the clerk's clock) */
    char request_id[37];            /* the step's request once sent, or "" */
    size_t count;
    struct draft_field fields[DRAFT_MAX_FIELDS];
};

/* Sets field `name` to a copy of `value` (replacing it, or adding it).
 * Returns 0, or -1 when memory runs out or the draft holds
 * DRAFT_MAX_FIELDS already (the draft is unchanged then). */
int draft_set(struct draft *d, const char *name, const char *value);

/* Field `name`'s value (the draft's storage), or NULL when it has none. */
const char *draft_get(const struct draft *d, const char *name);

/* True when a and b are the same step on the same target. */
bool draft_same_key(const struct draft *a, const struct draft *b);

/* True when a and b hold the same fields with the same values (in any
 * order). */
bool draft_same_fields(const struct draft *a, const struct draft *b);

/* Makes *to a deep copy of *from. Returns 0, or -1 when memory runs out
 * (*to is then empty). *to must not hold anything (it is overwritten). */
int draft_copy(struct draft *to, const struct draft *from);

/* Frees the fields' values and empties the draft (its key stays). */
void draft_free(struct draft *d);

/* Saves d as the signed-in staff member's draft (gise.draft_save).
 * *kept is false when d's request has committed: the step was taken and
 * the database dropped the draft. Returns 0, or -1 with *err. */
int draft_db_save(struct db *db, const struct draft *d, bool *kept, struct db_error *err);

/* The same, waiting at most `within_ms` for the answer (a terminal that
 * hung up must still end): -1 with DB_CANCELLED when the time ran out (the
 * connection is then in an unknown state: use it no more). */
int draft_db_save_within(struct db *db, const struct draft *d, int within_ms, bool *kept,
                         struct db_error *err);

/* Deletes the staff member's draft of `kind` on `target` if it was typed
 * no later than typed_before_ms (gise.draft_discard). 0, or -1 with *err. */
int draft_db_discard(struct db *db, const char *kind, int64_t target, long long typed_before_ms,
                     struct db_error *err);

/* The staff member's drafts, newest first (gise.draft_list): a new array
 * in *items (the caller frees each with draft_free, then the array) of
 * *count. 0, or -1 with *err and nothing to free. */
int draft_db_list(struct db *db, struct draft **items, size_t *count, struct db_error *err);

#endif
