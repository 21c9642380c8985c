/* A high-risk approval's first signature waiting for the second
 * (db/migrations/0016_four_eyes_gaps.sql, 0021_countersign_inbox.sql), as
 * the inbox lists it and an announcement reads it back (db/inbox.h).
 * Giving or refusing the second signature is a lifecycle action
 * (db/application.h: application_countersign). */
#ifndef GISE_DB_COUNTERSIGN_H
#define GISE_DB_COUNTERSIGN_H

#include <stdint.h>

struct countersign_item {
    int64_t id;
    int64_t application_id;
    char *application_number;
    int application_version;
    char *office_code;               /* the application's office */
    char *service_name_tr, *service_name_en;
    char *approved_by_name;          /* the first signature */
    char *approved_at;               /* timestamp text from the server */
    char *explanation;               /* the first supervisor's */
    long long waiting_seconds;       /* until the answer, or until it was read */
    char *decision;                  /* countersigned, refused, or NULL while it waits */
    char *decided_by_name;           /* NULL while it waits */
    char *decided_at;
    char *cancelled_at;              /* set when the application was withdrawn */
};

/* Frees what *c owns and zeroes it. */
void countersign_item_free(struct countersign_item *c);

#endif
