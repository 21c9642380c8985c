/* Shared by the cmocka database tests: connecting as a given role to the
 * PostgreSQL the harness started (tests/run.sh exports its settings). */
#ifndef GISE_TEST_DB_SUPPORT_H
#define GISE_TEST_DB_SUPPORT_H

#include <stdio.h>

#include "db/db.h"

/* Connects as `role` or fails the current test. The caller frees with
 * db_free. */
static inline struct db *connect_as(const char *role)
{
    char conninfo[256];
    snprintf(conninfo, sizeof conninfo, "user=%s", role);
    struct db_error err;
    struct db *db = db_connect(conninfo, &err);
    if (!db)
        fail_msg("cannot connect as %s: %s", role, err.message);
    return db;
}

#endif
