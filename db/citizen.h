/* Citizens: finding them and opening their record. Everything returned is
 * copied out of libpq into these structs. */
#ifndef GISE_DB_CITIZEN_H
#define GISE_DB_CITIZEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

enum citizen_match {
    CITIZEN_MATCH_EXACT = 0,    /* the whole name, in either order */
    CITIZEN_MATCH_PREFIX = 1,   /* the start of the name, in either order */
    CITIZEN_MATCH_TOKENS = 2,   /* every word present, in any order */
    CITIZEN_MATCH_TYPO = 3,     /* after correcting a mistyped word */
};

struct citizen_hit {
    int64_t id;
    char national_id_masked[12];   /* "123******90" */
    char *given_name;
    char *family_name;
    int birth_year;
    char *city;                    /* NULL when unknown */
    enum citizen_match match;
};

struct citizen_hits {
    struct citizen_hit *items;
    size_t count;
};

struct application_summary {
    int64_t id;
    char *number;           /* "2026-000123" */
    char *service_code;
    char *service_name_tr;
    char *service_name_en;
    char *status;           /* lifecycle state, e.g. "in_review" */
    char *office_code;
    char *received_at;      /* ISO 8601 timestamp text from the server */
    char *due_date;         /* YYYY-MM-DD */
    char *closed_at;        /* NULL while open */
};

struct citizen_detail {
    int64_t id;
    char national_id[12];
    char *given_name;
    char *family_name;
    char *birth_date;       /* YYYY-MM-DD */
    char *birth_place, *phone, *email, *address, *city;   /* NULL when unknown */
    char preferred_language[3];
    char *accessibility_needs;
    int version;
    struct application_summary *applications;
    size_t application_count;
};

/* Name search: folds `query` with the same rule as the stored keys and
 * returns at most max_rows hits, exact and prefix matches before
 * typo-tolerant ones. An empty query gives no hits. Invalid UTF-8 or control
 * characters in the query are refused before anything is sent.
 * On success returns 0 and *out holds hits the caller frees with
 * citizen_hits_free. On failure returns -1, *err explains, *out is empty. */
int citizen_search(struct db *db, const char *query, int max_rows,
                   struct citizen_hits *out, struct db_error *err);

/* The same search without waiting, for searching as the clerk types.
 * Returns 0 when sent, 1 when there is nothing to search for (a blank
 * query: show no hits), -1 with *err when refused. A search still in
 * flight is dropped: only the newest answer ever arrives. */
int citizen_search_send(struct db *db, const char *query, int max_rows, struct db_error *err);

/* Collects the answer of citizen_search_send without blocking: 0 while it
 * is not in yet, 1 with *out filled (free with citizen_hits_free), -1 with
 * *err. */
int citizen_search_receive(struct db *db, struct citizen_hits *out, struct db_error *err);

/* Identity-number lookup: the number is checked here first (a mistyped
 * number is refused without a round trip) and by the database again.
 * The database logs it (who, `purpose`, `screen`) and answers only once
 * that log row is committed: two statements in one round trip. It limits
 * look-ups per staff member (SQLSTATE GS023 over the limit).
 * Zero or one hit; ownership and failure as citizen_search. */
int citizen_by_national_id(struct db *db, const char *national_id, const char *purpose,
                           const char *screen, struct citizen_hits *out, struct db_error *err);

/* A refused look-up by identity number (access_log, kind lookup_refused),
 * as gise.lookup_refusals() gives it to a supervisor of the office or an
 * auditor. The strings belong to the walk and live only during the call. */
struct lookup_refusal {
    int64_t access_id;
    const char *who;            /* display name, else the login role */
    const char *at;             /* HH:MM, the server's local time */
    const char *national_id_masked;
};

/* Calls fn for each of the refusals `ids` (at most 64) that the database
 * confirms, from the last ten minutes; ids it does not know are skipped.
 * One query. 0, or -1 with *err. */
int lookup_refusals_confirm(struct db *db, const int64_t *ids, size_t count,
                            void (*fn)(const struct lookup_refusal *r, void *ctx), void *ctx,
                            struct db_error *err);

/* Frees the hits' strings and array and leaves *hits empty. */
void citizen_hits_free(struct citizen_hits *hits);

/* Opens one citizen's full record with their applications. The database
 * first records the opening in access_log (who, when, `purpose` — a code
 * of access_purposes_load — and `screen`) and commits it, then releases the
 * record: three statements in one round trip (pipeline mode).
 * On success returns 0 and the caller frees *out with citizen_detail_free;
 * on failure returns -1 with *err (DB_NOT_FOUND for an unknown id). */
int citizen_open(struct db *db, int64_t id, const char *purpose, const char *screen,
                 struct citizen_detail *out, struct db_error *err);

/* Why personal data is opened: the database's coded list. */
struct access_purpose {
    char code[24];
    char *title_tr, *title_en;
    bool last_used;          /* the staff member's latest choice (or the first) */
};

struct access_purposes {
    struct access_purpose *items;    /* in the order to offer them */
    size_t count;
};

/* Reads the purposes. On success returns 0 and the caller frees *out with
 * access_purposes_free; on failure returns -1 with *err and *out empty. */
int access_purposes_load(struct db *db, struct access_purposes *out, struct db_error *err);

/* Frees the titles and the array and leaves *purposes empty. */
void access_purposes_free(struct access_purposes *purposes);

/* Frees everything *detail owns and zeroes it. */
void citizen_detail_free(struct citizen_detail *detail);

#endif
