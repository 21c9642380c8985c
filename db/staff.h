/* Who is signed in: the staff member behind the database role. */
#ifndef GISE_DB_STAFF_H
#define GISE_DB_STAFF_H

#include <stdbool.h>

#include "db/db.h"

struct staff_identity {
    int id;
    char *role_name;        /* the PostgreSQL login role */
    char *display_name;
    char *role_group;       /* "clerk", "supervisor", "auditor" or "admin" */
    char *office_code;
    char *office_name_tr;
    char *office_name_en;
    char language[3];       /* "tr" or "en" */
    bool screen_reader;     /* stored accessibility profile */
    bool no_color;
    /* What the role may do, as the database says (gise.staff_powers()):
     * the client never compares role names. */
    bool changes_applications;      /* counter staff: clerks and supervisors */
    bool decides_escalations;       /* supervisors */
    bool reads_every_office;        /* auditors */
};

/* Reads the signed-in staff member. A role that is not active staff gives
 * -1 with err->kind DB_NOT_STAFF (the app refuses to start). On success the
 * caller frees *me with staff_identity_free. */
int staff_whoami(struct db *db, struct staff_identity *me, struct db_error *err);

/* One difference between gise.staff and PostgreSQL's group membership
 * (gise.staff_drift(), 0016): drift is "missing_membership",
 * "unexpected_membership" or "no_login_role"; staff_group and member_of
 * may be "". The strings belong to the walk and live only during the call. */
struct staff_drift {
    const char *role_name, *drift, *staff_group, *member_of;
};

/* Calls fn for every difference, in role order. 0, or -1 with *err (an
 * auditor or administrator may ask; others get DB_PERMISSION). */
int staff_drift_walk(struct db *db, void (*fn)(const struct staff_drift *d, void *ctx), void *ctx,
                     struct db_error *err);

/* Frees what *me owns and zeroes it. */
void staff_identity_free(struct staff_identity *me);

#endif
