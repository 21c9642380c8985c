/* The inbox (F6, line mode's i): one list of what waits for the signed-in
 * staff member, read a page at a time (db/migrations/0013_inbox_pages.sql,
 * 0021_countersign_inbox.sql). A supervisor's holds the open escalations
 * of their office and the approvals waiting for their countersignature,
 * oldest first; an auditor's every office's open escalations; a clerk's
 * their own escalations, those closed in the last 14 days first (latest
 * first), then the open ones. Also the announced changes of both kinds,
 * read back from the database (0017, 0021). */
#ifndef GISE_DB_INBOX_H
#define GISE_DB_INBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/countersign.h"
#include "db/db.h"
#include "db/escalation.h"

enum inbox_kind {
    INBOX_ESCALATION,       /* a clerk asks a supervisor (struct escalation) */
    INBOX_COUNTERSIGN,      /* an approval waits for a second signature */
};

/* One entry: the member its kind names is filled, the other is zeroed. */
struct inbox_entry {
    enum inbox_kind kind;
    struct escalation escalation;
    struct countersign_item countersign;
};

/* An entry by name: where a page is read from, what was announced. An id
 * of 0 names none. */
struct inbox_anchor {
    enum inbox_kind kind;
    int64_t id;
};

struct inbox_page {
    struct inbox_entry *items;
    size_t count;
    long long total;                 /* the length of the whole inbox */
    long long first_position;        /* items[0]'s place in it (1 is the first); 0
                                        when the page is empty */
    long long countersigns;          /* how many of total are countersignatures */
};

/* Entries on a page: what a screen shows at once and line mode says
 * before asking "more". */
enum { INBOX_PAGE_ROWS = 20 };

/* Where a page starts. The anchor is an entry of the inbox; it may have
 * left it since, and still marks its place. */
enum inbox_from {
    PAGE_FIRST,         /* the oldest entries (no anchor) */
    PAGE_LAST,          /* the newest entries (no anchor) */
    PAGE_AFTER,         /* the entries after the anchor */
    PAGE_BEFORE,        /* the entries before it, ending just before it */
    PAGE_FROM,          /* from the anchor on: the same page again */
    PAGE_THROUGH,       /* the entries up to and with the anchor, which ends the page */
};

/* One page (at most INBOX_PAGE_ROWS entries) of the signed-in staff
 * member's inbox. A page in one direction reads on from an anchor, so it
 * never shifts when entries arrive or leave elsewhere; an empty page
 * (nothing after the anchor, or it is not the reader's to see) has count
 * 0. The caller frees *out with inbox_page_free; -1 with *err otherwise
 * (nothing to free). */
int inbox_page_read(struct db *db, enum inbox_from from, struct inbox_anchor anchor, struct inbox_page *out,
                    struct db_error *err);

/* The anchor naming entry e. */
struct inbox_anchor inbox_anchor_of(const struct inbox_entry *e);

/* Whether e is the entry anchor names. */
bool inbox_entry_is(const struct inbox_entry *e, struct inbox_anchor anchor);

/* The application e is about: its id, and its number (e owns it; NULL
 * when unread). */
int64_t inbox_entry_application(const struct inbox_entry *e);
const char *inbox_entry_number(const struct inbox_entry *e);

/* An announced change read back: which change, what happened then
 * (raised, decided, cancelled; waiting, countersigned, refused), and the
 * entry as it is now. */
struct inbox_change {
    int64_t change_id;
    char event[16];
    struct inbox_entry entry;
};

struct inbox_change_list {
    struct inbox_change *items;
    size_t count;
};

/* The most ids inbox_changes reads at once (the server refuses more). */
enum { INBOX_CHANGES_MAX = 1000 };

/* The changes among ids[0..count) that exist and are the reader's to hear
 * of (an escalation of an office they read; an approval they may
 * countersign), oldest first, in one query; ids nobody made give nothing.
 * count is at most INBOX_CHANGES_MAX. The caller frees *out with
 * inbox_change_list_free; -1 with *err otherwise (nothing to free). */
int inbox_changes(struct db *db, const int64_t *ids, size_t count, struct inbox_change_list *out,
                  struct db_error *err);

/* The id of the latest change of either kind so far (0 when none):
 * changes up to it are not news to a client that starts listening now. */
int inbox_change_mark(struct db *db, int64_t *mark, struct db_error *err);

/* Free what they own and zero them. */
void inbox_entry_free(struct inbox_entry *e);
void inbox_page_free(struct inbox_page *page);
void inbox_change_list_free(struct inbox_change_list *list);

#endif
