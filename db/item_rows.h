/* Internal to db/: how the items that more than one query returns are
 * read from a result, wherever their columns start in it. An escalation
 * (gise.escalation_item, 0010) is read by db/escalation.c, a
 * countersignature (gise.countersign_item, 0016/0021) by db/countersign.c;
 * the inbox's pages and announcements (db/inbox.c) hold both. */
#ifndef GISE_DB_ITEM_ROWS_H
#define GISE_DB_ITEM_ROWS_H

#include <libpq-fe.h>

struct escalation;
struct countersign_item;

/* The columns of gise.escalation_item taken from X (a string literal: "e."
 * for a row alias, "(p.item)." for a composite), in the order
 * escalation_from_row reads them; the last two are whether it was approved
 * and the rules it waives (codes joined by commas). */
#define ESCALATION_COLUMNS(X)                                                                  \
    X "escalation_id, " X "application_id, " X "application_number, " X "application_version, " \
    X "application_status, " X "service_name_tr, " X "service_name_en, " X "raised_by_id, "      \
    X "raised_by_name, " X "raised_at, " X "waiting_seconds, " X "requested_outcome, "           \
    X "requested_reason_code, " X "reason, " X "decided_by_name, " X "decided_at, "              \
    X "decision, " X "comment, " X "cancelled_at, coalesce(" X "decision = 'approved', false), " \
    "array_to_string(" X "waives, ',')"
enum { ESCALATION_NCOLUMNS = 21 };

/* Reads the escalation whose columns (ESCALATION_COLUMNS) start at column
 * `col` of row `row` into *e, which then owns copies; *oom is set when
 * memory ran out (free *e all the same). */
void escalation_from_row(const PGresult *res, int row, int col, struct escalation *e, int *oom);

/* The columns of gise.countersign_item taken from X, as above. */
#define COUNTERSIGN_COLUMNS(X)                                                                     \
    X "countersign_id, " X "application_id, " X "application_number, " X "application_version, "    \
    X "office_code, " X "service_name_tr, " X "service_name_en, " X "approved_by_name, "            \
    X "approved_at, " X "explanation, " X "waiting_seconds, " X "decision, " X "decided_by_name, "  \
    X "decided_at, " X "cancelled_at"
enum { COUNTERSIGN_NCOLUMNS = 15 };

/* Reads the countersignature whose columns (COUNTERSIGN_COLUMNS) start at
 * column `col` into *c, as escalation_from_row does. */
void countersign_from_row(const PGresult *res, int row, int col, struct countersign_item *c, int *oom);

#endif
