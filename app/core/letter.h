/* Letters to citizens: the database writes them from the stored facts, in
 * the citizen's language (0017); here they are only delivered, as stored:
 * written as UTF-8 text to the spool (app/core/spool.h) and, when a print
 * command is configured, piped to it. Whether a letter reached paper is
 * recorded in the database (0023): one that did not stays listed as not
 * printed, on its application and in the inbox, until a print succeeds. */
#ifndef GISE_LETTER_H
#define GISE_LETTER_H

#include <stddef.h>

#include "db/letters.h"

struct session;
struct settings;

/* Writes the letter to the settings' spool as NUMBER-KIND-YYYYMMDD-HHMMSS.txt
 * and, with a print_command, pipes it there. `report` receives one
 * translated sentence: printed or saved, and the file's name, or why not.
 * Returns 0 when the letter reached the spool (and the printer, when one
 * is configured); -1 when either failed, which is also logged
 * (app/core/log.h). */
int letter_deliver(const struct settings *settings, const char *number, const char *kind, const char *text,
                   char *report, size_t report_size);

/* The letter a step wrote, as the database answered with the step's
 * outcome (*found): delivered unless there is none or it was printed
 * already, and whether it reached paper recorded in the database.
 * `report` says what became of it ("" when the step wrote no letter). */
void letter_print_step(struct session *session, const struct request_outcome *found, char *report,
                       size_t report_size);

/* Prints letter `ref` of application `number` again: the database audits
 * the reprint before it gives the text; the result is recorded as for a
 * step's letter. Returns 0 when it reached paper, -1 otherwise; `message`
 * says what happened either way. */
int letter_reprint(struct session *session, struct letter_ref ref, const char *number, char *message,
                   size_t message_size);

/* "Deficiency notice", "Rejection letter" (translated). */
const char *letter_kind_label(enum letter_kind kind);

#endif
