/* Letters to citizens: the database writes them from the stored facts, in
 * the citizen's language (0017, gise.application_letter); here they are
 * only delivered, as stored: written as UTF-8 text to the spool directory
 * and, when a print command is configured, piped to it. */
#ifndef GISE_LETTER_H
#define GISE_LETTER_H

struct settings;

#include <stddef.h>

/* Writes the letter to the settings' spool directory as
 * NUMBER-KIND-YYYYMMDD-HHMMSS.txt and, with a print_command, pipes it
 * there. `report` receives one translated sentence: printed or not, and
 * the file's name. A failure is also logged (app/core/log.h). Returns 0,
 * or -1 when the file could not be written (report says why). */
int letter_deliver(const struct settings *settings, const char *number, const char *kind,
                   const char *text, char *report, size_t report_size);

#endif
