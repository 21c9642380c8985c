/* Why a citizen's personal data is opened: the database's coded list, the
 * default each front end offers (this session's latest choice, else the
 * staff member's latest in the access log, else the first) and the code
 * sent with every opening and identity-number look-up. */
#ifndef GISE_PURPOSE_H
#define GISE_PURPOSE_H

#include <stddef.h>

#include "app/core/session.h"

/* The purposes, read from the database the first time and kept in the
 * session (purpose_release frees them). NULL with *err when they cannot be
 * read or the list is empty (DB_OTHER then). */
const struct access_purposes *purpose_list(struct session *s, struct db_error *err);

/* Index of the default purpose in `list`. */
size_t purpose_default(const struct session *s, const struct access_purposes *list);

/* The purpose's title in the session's language. */
const char *purpose_title(const struct session *s, const struct access_purpose *p);

/* Remembers `code` as this session's choice (the next default). */
void purpose_choose(struct session *s, const char *code);

/* The code to send with a look-up: the session's choice, else the default
 * of the list, else "counter" (the list could not be read; the database
 * checks the code anyway). Owned by the session. */
const char *purpose_current(struct session *s);

/* Frees what purpose_list kept. */
void purpose_release(struct session *s);

#endif
