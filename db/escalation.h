/* Escalations as the inbox and the decision screen read them
 * (db/migrations/0010_inbox.sql). Raising and deciding one are lifecycle
 * actions (db/application.h). */
#ifndef GISE_DB_ESCALATION_H
#define GISE_DB_ESCALATION_H

#include <stddef.h>
#include <stdint.h>

#include "db/approval_rule.h"
#include "db/db.h"

struct escalation {
    int64_t id;
    int64_t application_id;
    char *application_number;
    int application_version;
    char *application_status;
    char *service_name_tr, *service_name_en;
    int raised_by_id;
    char *raised_by_name;
    char *raised_at;                 /* timestamp text from the server */
    long long waiting_seconds;       /* until the decision, or until it was read */
    char *requested_outcome;         /* approve, reject, exception */
    char *requested_reason_code;     /* NULL unless a rejection is asked for */
    char *reason;                    /* why the clerk asks */
    char *decided_by_name;           /* NULL while open */
    char *decided_at;
    char *decision;                  /* approved, denied, or NULL */
    bool approved;                   /* decided, and the decision was to approve */
    char *comment;
    char *cancelled_at;              /* set when the application was withdrawn */
    struct rule_codes waives;        /* the approval rules it asks to waive (0020) */
};

struct escalation_list {
    struct escalation *items;
    size_t count;
    long long total;                 /* an inbox page: the length of the whole inbox */
    long long first_position;        /* an inbox page: items[0]'s place in it (1 is the
                                        first); 0 when the page is empty */
};

/* Rows of an inbox page: what a screen shows at once and line mode says
 * before asking "more". */
enum { ESCALATION_PAGE_ROWS = 20 };

/* Where an inbox page starts (db/migrations/0013_inbox_pages.sql). The
 * anchor is an escalation of the inbox; it may have left it since. */
enum escalation_page {
    PAGE_FIRST,         /* the oldest rows (no anchor) */
    PAGE_LAST,          /* the newest rows (no anchor) */
    PAGE_AFTER,         /* the rows after the anchor */
    PAGE_BEFORE,        /* the rows before it, ending just before it */
    PAGE_FROM,          /* from the anchor on: the same page again */
    PAGE_THROUGH,       /* the rows up to and with the anchor, which ends the page */
};

/* One page (at most ESCALATION_PAGE_ROWS rows) of the signed-in staff
 * member's inbox: a supervisor's office's open escalations and every
 * office's for an auditor, oldest first; a clerk's own, those closed in
 * the last 14 days first (latest first), then the open ones, oldest
 * first. A page in one direction reads on from an anchor, so it never
 * shifts when escalations arrive or leave elsewhere; an empty page (there
 * is nothing after the anchor, or it is not the reader's to see) has
 * count 0. The caller frees *out with escalation_list_free; -1 with *err
 * otherwise. */
int escalation_inbox_page(struct db *db, enum escalation_page from, int64_t anchor,
                          struct escalation_list *out, struct db_error *err);

/* The first page of the inbox (escalation_inbox_page from PAGE_FIRST). */
int escalation_inbox(struct db *db, struct escalation_list *out, struct db_error *err);

/* One escalation within the reader's office. 0 with *out (caller frees
 * with escalation_free); -1 with *err (DB_NOT_FOUND when not visible). */
int escalation_get(struct db *db, int64_t id, struct escalation *out, struct db_error *err);

/* The latest escalation of an application: 1 with *out (caller frees), 0
 * when it never had one (*out zeroed), -1 with *err. */
int escalation_latest(struct db *db, int64_t application_id, struct escalation *out,
                      struct db_error *err);

/* The signed-in clerk's escalations decided or cancelled after `since`
 * (server timestamp text), oldest first; caller frees *out. */
int escalation_news(struct db *db, const char *since, struct escalation_list *out,
                    struct db_error *err);

/* The server's clock as timestamp text (for escalation_news). */
int escalation_clock(struct db *db, char out[64], struct db_error *err);

/* The office the signed-in staff member works in (its id). */
int escalation_my_office(struct db *db, int *office_id, struct db_error *err);

/* An announced change read back from the database (0017): which change,
 * what happened then, and the escalation as it is now. */
struct escalation_change {
    int64_t change_id;
    char event[16];                  /* raised, decided, cancelled */
    struct escalation item;
};

struct escalation_change_list {
    struct escalation_change *items;
    size_t count;
};

/* The most ids escalation_changes reads at once (the server refuses more). */
enum { ESCALATION_CHANGES_MAX = 1000 };

/* The changes among ids[0..count) that exist and whose escalation the
 * reader may see, oldest first, in one query; ids nobody made give nothing.
 * count is at most ESCALATION_CHANGES_MAX. The caller frees *out with
 * escalation_change_list_free; -1 with *err otherwise. */
int escalation_changes(struct db *db, const int64_t *ids, size_t count,
                       struct escalation_change_list *out, struct db_error *err);

/* The id of the latest change so far (0 when none): changes up to it are
 * not news to a client that starts listening now. */
int escalation_change_mark(struct db *db, int64_t *mark, struct db_error *err);

/* Free what they own and zero them. */
void escalation_change_list_free(struct escalation_change_list *list);
void escalation_free(struct escalation *e);
void escalation_list_free(struct escalation_list *list);

#endif
