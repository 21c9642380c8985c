/* Letters to citizens as the database keeps them (db/migrations/0017,
 * 0023_step_outcome_letters.sql): the deficiency notices and rejections it
 * wrote, whether each reached paper (who printed it last and when, when
 * the last attempt failed), printing one again (audited before its text
 * leaves the database), and what became of a step's request after its
 * answer was lost, with the letter that step wrote. */
#ifndef GISE_DB_LETTERS_H
#define GISE_DB_LETTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/application.h"
#include "db/db.h"

enum letter_kind { LETTER_DEFICIENCY, LETTER_REJECTION };

/* One letter by name. */
struct letter_ref {
    enum letter_kind kind;
    int64_t id;
};

struct letter_item {
    struct letter_ref ref;
    int64_t application_id;
    char number[32];                 /* the application's */
    char made_at[40];                /* timestamp text from the server */
    char *made_by_name;
    char printed_at[40];             /* the last successful print; "" never */
    char *printed_by_name;           /* NULL: never printed */
    char print_failed_at[40];        /* the last failed attempt since; "" none */
    bool not_printed;
};

struct letter_list {
    struct letter_item *items;
    size_t count;
};

/* The kind's name in the database and in spool file names: "deficiency",
 * "rejection". */
const char *letter_kind_code(enum letter_kind kind);

/* The letters of application `id`, oldest first (none when the reader may
 * not see it). 0 with *out (free with letter_list_free), or -1 with *err
 * (nothing to free). */
int letters_of_application(struct db *db, int64_t id, struct letter_list *out, struct db_error *err);

/* The letters the signed-in staff member has to print (not printed; they
 * issued it or their attempt failed last), oldest first, at most 100.
 * As letters_of_application. */
int letters_not_printed(struct db *db, struct letter_list *out, struct db_error *err);

/* Frees what *list owns and zeroes it. */
void letter_list_free(struct letter_list *list);

/* The text of letter `ref` for printing it again; the reprint is in the
 * audit trail once this returns. 0 with *text (the caller frees), or -1
 * with *err: DB_NOT_FOUND for no such letter or another office's,
 * DB_PERMISSION for a role that prints none. */
int letter_reprint_text(struct db *db, struct letter_ref ref, char **text, struct db_error *err);

/* Records what became of printing letter `ref`: printed (spool and
 * printer) or not. 0, or -1 with *err as letter_reprint_text. */
int letter_print_record(struct db *db, struct letter_ref ref, bool printed, struct db_error *err);

/* What became of a step's request: whether the database committed it,
 * and if so its outcome and the letter it wrote (if any). */
struct request_outcome {
    bool applied;                    /* false: nothing was committed under that id */
    struct action_outcome outcome;   /* as the step returned it */
    bool has_letter;
    struct letter_ref letter;
    bool letter_printed;             /* printed since (by this or another try) */
    char *letter_text;               /* owned; NULL without a letter */
};

/* Asks the database about request `request_id` (the caller's own; another
 * staff member's looks like one never committed). 0 with *out (free with
 * request_outcome_free), or -1 with *err (DB_CONNECTION_LOST when the
 * database cannot be asked: the outcome stays unknown). */
int request_outcome_read(struct db *db, const char *request_id, struct request_outcome *out,
                         struct db_error *err);

/* Frees what *o owns and zeroes it. */
void request_outcome_free(struct request_outcome *o);

#endif
