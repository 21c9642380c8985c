#include "db/inbox.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/item_rows.h"
#include "db/query.h"

/* Both kinds' columns, as every query here lists them after its own
 * leading ones: the kind ('escalation' or 'countersign'), the escalation's
 * columns (NULL for a countersignature), the countersignature's (NULL for
 * an escalation). */
#define ENTRY_COLUMNS(KIND, ESC, CS) KIND ", " ESCALATION_COLUMNS(ESC) ", " COUNTERSIGN_COLUMNS(CS)
enum { ENTRY_NCOLUMNS = 1 + ESCALATION_NCOLUMNS + COUNTERSIGN_NCOLUMNS };

void inbox_entry_free(struct inbox_entry *e)
{
    escalation_free(&e->escalation);
    countersign_item_free(&e->countersign);
    memset(e, 0, sizeof *e);
}

void inbox_page_free(struct inbox_page *page)
{
    for (size_t i = 0; i < page->count; i++)
        inbox_entry_free(&page->items[i]);
    free(page->items);
    memset(page, 0, sizeof *page);
}

void inbox_change_list_free(struct inbox_change_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        inbox_entry_free(&list->items[i].entry);
    free(list->items);
    memset(list, 0, sizeof *list);
}

struct inbox_anchor inbox_anchor_of(const struct inbox_entry *e)
{
    return (struct inbox_anchor){e->kind, e->kind == INBOX_COUNTERSIGN ? e->countersign.id : e->escalation.id};
}

bool inbox_entry_is(const struct inbox_entry *e, struct inbox_anchor anchor)
{
    struct inbox_anchor mine = inbox_anchor_of(e);
    return anchor.id && mine.kind == anchor.kind && mine.id == anchor.id;
}

int64_t inbox_entry_application(const struct inbox_entry *e)
{
    return e->kind == INBOX_COUNTERSIGN ? e->countersign.application_id : e->escalation.application_id;
}

const char *inbox_entry_number(const struct inbox_entry *e)
{
    return e->kind == INBOX_COUNTERSIGN ? e->countersign.application_number : e->escalation.application_number;
}

/* The entry whose ENTRY_COLUMNS start at column `col`. */
static void entry_from_row(const PGresult *res, int row, int col, struct inbox_entry *e, int *oom)
{
    e->kind = strcmp(PQgetvalue(res, row, col), "countersign") == 0 ? INBOX_COUNTERSIGN : INBOX_ESCALATION;
    if (e->kind == INBOX_COUNTERSIGN)
        countersign_from_row(res, row, col + 1 + ESCALATION_NCOLUMNS, &e->countersign, oom);
    else
        escalation_from_row(res, row, col + 1, &e->escalation, oom);
}

static void release_entry(void *element)
{
    inbox_entry_free(element);
}

/* A row of a page: its entry, and on the first row where the page stands. */
static void page_row(const PGresult *res, int i, void *element, void *ctx, int *oom)
{
    struct inbox_page *page = ctx;
    entry_from_row(res, i, 0, element, oom);
    if (i == 0) {
        page->first_position = strtoll(PQgetvalue(res, 0, ENTRY_NCOLUMNS), NULL, 10);
        page->total = strtoll(PQgetvalue(res, 0, ENTRY_NCOLUMNS + 1), NULL, 10);
        page->countersigns = strtoll(PQgetvalue(res, 0, ENTRY_NCOLUMNS + 2), NULL, 10);
    }
}

int inbox_page_read(struct db *db, enum inbox_from from, struct inbox_anchor anchor, struct inbox_page *out,
                    struct db_error *err)
{
    memset(out, 0, sizeof *out);
    bool anchored = from != PAGE_FIRST && from != PAGE_LAST;
    bool forward = from == PAGE_FIRST || from == PAGE_AFTER || from == PAGE_FROM;
    bool inclusive = from == PAGE_FROM || from == PAGE_THROUGH;
    char anchor_text[24], rows[8];
    snprintf(anchor_text, sizeof anchor_text, "%" PRId64, anchor.id);
    snprintf(rows, sizeof rows, "%d", INBOX_PAGE_ROWS);
    const char *params[] = {anchored ? (anchor.kind == INBOX_COUNTERSIGN ? "countersign" : "escalation") : NULL,
                            anchored ? anchor_text : NULL, forward ? "t" : "f", inclusive ? "t" : "f", rows};
    void *items;
    /* The function first: pg_stat_activity keeps a query's first 1 kB. */
    int rc = db_query_array(db,
                            "WITH p AS (SELECT * FROM gise.inbox_page($1, $2::bigint, $3::boolean, $4::boolean, "
                            "$5::integer)) "
                            "SELECT " ENTRY_COLUMNS("p.kind", "(p.escalation).", "(p.countersign).")
                            ", p.position, p.total, p.countersigns FROM p",
                            5, params, sizeof *out->items, page_row, release_entry, out, &items, &out->count, err);
    if (rc != 0) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    out->items = items;
    return 0;
}

/* "{1,2,3}": a bigint[] literal of the ids. The caller frees. */
static char *id_array(const int64_t *ids, size_t count)
{
    size_t size = 3 + count * 21;
    char *text = malloc(size);
    if (!text)
        return NULL;
    size_t len = (size_t)snprintf(text, size, "{");
    for (size_t i = 0; i < count; i++)
        len += (size_t)snprintf(text + len, size - len, "%s%" PRId64, i ? "," : "", ids[i]);
    snprintf(text + len, size - len, "}");
    return text;
}

static void change_row(const PGresult *res, int i, void *element, void *ctx, int *oom)
{
    (void)ctx;
    struct inbox_change *c = element;
    c->change_id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
    snprintf(c->event, sizeof c->event, "%s", PQgetvalue(res, i, 1));
    entry_from_row(res, i, 2, &c->entry, oom);
}

static void release_change(void *element)
{
    inbox_entry_free(&((struct inbox_change *)element)->entry);
}

int inbox_changes(struct db *db, const int64_t *ids, size_t count, struct inbox_change_list *out,
                  struct db_error *err)
{
    memset(out, 0, sizeof *out);
    char *array = id_array(ids, count);
    if (!array) {
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    const char *params[] = {array};
    void *items;
    int rc = db_query_array(db,
                            "WITH c AS (SELECT * FROM gise.inbox_changes($1::bigint[])) "
                            "SELECT c.change_id, c.event, "
                            ENTRY_COLUMNS("CASE WHEN (c.countersign).countersign_id IS NULL "
                                          "THEN 'escalation' ELSE 'countersign' END",
                                          "(c.escalation).", "(c.countersign).")
                            " FROM c ORDER BY c.change_id",
                            1, params, sizeof *out->items, change_row, release_change, NULL, &items, &out->count,
                            err);
    free(array);
    out->items = items;
    return rc;
}

int inbox_change_mark(struct db *db, int64_t *mark, struct db_error *err)
{
    PGresult *res;
    if (db_query(db, "SELECT gise.escalation_change_mark()", 0, NULL, &res, err) != 0)
        return -1;
    *mark = PQntuples(res) ? strtoll(PQgetvalue(res, 0, 0), NULL, 10) : 0;
    PQclear(res);
    return 0;
}
