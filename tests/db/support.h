/* Shared by the cmocka database tests: connecting as a given role to the
 * PostgreSQL the harness started (tests/run.sh exports its settings). */
#ifndef GISE_TEST_DB_SUPPORT_H
#define GISE_TEST_DB_SUPPORT_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/core/explain.h"
#include "db/application.h"
#include "db/db.h"
#include "db/query.h"

/* Connects as `role` or fails the current test. The caller frees with
 * db_free. */
static inline struct db *connect_as(const char *role)
{
    char conninfo[256];
    snprintf(conninfo, sizeof conninfo, "user=%s", role);
    struct db_error err;
    struct db *db = db_connect(conninfo, NULL, &err);
    if (!db)
        fail_msg("cannot connect as %s: %s", role, explain_plain(&err));
    return db;
}

/* The one number `sql` selects, read as the harness's superuser (a test's
 * fixture: a citizen to work on). Fails the current test otherwise. */
static inline int64_t superuser_number(const char *sql)
{
    struct db *super = connect_as(getenv("GISE_TEST_SUPERUSER"));
    PGresult *res;
    struct db_error err;
    if (db_query(super, sql, 0, NULL, &res, &err) != 0 || PQntuples(res) != 1)
        fail_msg("fixture query failed: %s", explain_plain(&err));
    int64_t n = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    PQclear(res);
    db_free(super);
    return n;
}

/* A building permit (a service that is not low risk) for `citizen`,
 * opened and taken into review by `db`'s staff member. */
static inline struct action_outcome building_permit_in_review(struct db *db, int64_t citizen)
{
    struct db_error err;
    struct action_outcome o;
    char rid[37];
    request_id_new(rid);
    if (application_open_new(db, rid, citizen, "YAPI_RUHSATI", NULL, 0, &o, &err) != 0)
        fail_msg("open: %s", explain_plain(&err));
    request_id_new(rid);
    if (application_start_review(db, rid, o.application_id, o.version, &o, &err) != 0)
        fail_msg("review: %s", explain_plain(&err));
    return o;
}

#endif
