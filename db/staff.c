#include "db/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/query.h"

int staff_whoami(struct db *db, struct staff_identity *me, struct db_error *err)
{
    memset(me, 0, sizeof *me);
    PGresult *res;
    if (db_query(db,
            "SELECT staff_id, role_name, display_name, role_group, office_code, office_name_tr, "
            "office_name_en, language, screen_reader, no_color FROM gise.whoami()",
            0, NULL, &res, err) != 0) {
        /* A role outside every staff group may not even ask: not staff. */
        if (err->kind == DB_PERMISSION)
            err->kind = DB_NOT_STAFF;
        return -1;
    }
    int oom = 0;
    me->id = atoi(PQgetvalue(res, 0, 0));
    me->role_name = db_strdup_value(res, 0, 1, &oom);
    me->display_name = db_strdup_value(res, 0, 2, &oom);
    me->role_group = db_strdup_value(res, 0, 3, &oom);
    me->office_code = db_strdup_value(res, 0, 4, &oom);
    me->office_name_tr = db_strdup_value(res, 0, 5, &oom);
    me->office_name_en = db_strdup_value(res, 0, 6, &oom);
    snprintf(me->language, sizeof me->language, "%s", PQgetvalue(res, 0, 7));
    me->screen_reader = PQgetvalue(res, 0, 8)[0] == 't';
    me->no_color = PQgetvalue(res, 0, 9)[0] == 't';
    PQclear(res);
    if (!oom && db_query(db,
                         "SELECT changes_applications, decides_escalations, reads_every_office "
                         "FROM gise.staff_powers()",
                         0, NULL, &res, err) != 0) {
        staff_identity_free(me);
        return -1;
    }
    if (!oom) {
        me->changes_applications = PQgetvalue(res, 0, 0)[0] == 't';
        me->decides_escalations = PQgetvalue(res, 0, 1)[0] == 't';
        me->reads_every_office = PQgetvalue(res, 0, 2)[0] == 't';
        PQclear(res);
    }
    if (oom) {
        staff_identity_free(me);
        db_error_reason(err, DB_OTHER, DB_R_OUT_OF_MEMORY);
        return -1;
    }
    return 0;
}

void staff_identity_free(struct staff_identity *me)
{
    free(me->role_name);
    free(me->display_name);
    free(me->role_group);
    free(me->office_code);
    free(me->office_name_tr);
    free(me->office_name_en);
    memset(me, 0, sizeof *me);
}

struct drift_walk {
    void (*fn)(const struct staff_drift *d, void *ctx);
    void *ctx;
};

static void drift_row(const PGresult *res, int i, void *ctx)
{
    const struct drift_walk *w = ctx;
    struct staff_drift d = {PQgetvalue(res, i, 0), PQgetvalue(res, i, 1), PQgetvalue(res, i, 2),
                            PQgetvalue(res, i, 3)};
    w->fn(&d, w->ctx);
}

int staff_drift_walk(struct db *db, void (*fn)(const struct staff_drift *d, void *ctx), void *ctx,
                     struct db_error *err)
{
    struct drift_walk w = {fn, ctx};
    return db_query_rows(db, "SELECT role_name, drift, coalesce(staff_group, ''), coalesce(member_of, '') "
                             "FROM gise.staff_drift()", 0, NULL, drift_row, &w, err);
}
