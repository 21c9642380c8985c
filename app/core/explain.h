/* A database error in the user's words. The database layer reports facts
 * (kind, SQLSTATE, constraint, the lifecycle functions' details); this
 * turns them into one or two translated sentences, and where a sentence
 * names a key, the front end says how it is done there ("press F5" on the
 * screen, "type r" in line mode) through its struct front_words. */
#ifndef GISE_EXPLAIN_H
#define GISE_EXPLAIN_H

#include <stddef.h>

#include "i18n/text/action.h"
#include "db/db.h"

struct front_words {
    /* How to take `action` here, as a sentence-initial imperative
     * ("Press F5", "Type r"), translated. */
    void (*how_to)(enum action action, char *out, size_t size);
};

/* How `words`' front end takes `action`; without a front end (NULL), the
 * action's help text. */
void front_how_to(const struct front_words *words, enum action action, char *out, size_t size);

/* Writes the sentence for *err into out (always terminated). `words` may
 * be NULL before a front end runs: then no key is named. */
void explain_db_error(const struct db_error *err, const struct front_words *words, char *out,
                      size_t size);

/* How `db` reaches the database, asked of the connection, as the "where am
 * I" answers end: "Connection: local socket." or "Connection: encrypted
 * (TLSv1.3, ...)." Written into out (always terminated). */
void explain_connection(const struct db *db, char *out, size_t size);

/* The sentence for *err with no front end's keys, in a static buffer that
 * the next call overwrites: for tools and tests, which print it at once. */
const char *explain_plain(const struct db_error *err);

#endif
