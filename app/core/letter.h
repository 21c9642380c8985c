/* Letters to citizens: a deficiency notice and a rejection, rendered in
 * the citizen's language (tr or en, through the catalogues, whatever the
 * clerk's own language), written as UTF-8 text to the spool directory and,
 * when a print command is configured, piped to it. */
#ifndef GISE_LETTER_H
#define GISE_LETTER_H

struct settings;

#include <stddef.h>

struct letter_head {
    const char *lang;          /* the citizen's: "tr" or "en" */
    const char *office;        /* office name in that language */
    const char *number;        /* application number */
    const char *citizen;       /* full name */
    const char *service;       /* service name in that language */
};

/* The deficiency notice: each missing document, the deadline (YYYY-MM-DD),
 * the clerk's note, and what happens after the deadline. The caller frees
 * the result; NULL when memory runs out. */
char *letter_deficiency(const struct letter_head *h, const char *const *documents, size_t count,
                        const char *deadline, const char *note);

/* The rejection: the reason in plain words, its legal basis, the clerk's
 * explanation, and how to appeal. Caller frees; NULL when out of memory. */
char *letter_rejection(const struct letter_head *h, const char *reason_title, const char *law,
                       const char *article, const char *reason_text, const char *explanation);

/* Writes the letter to the settings' spool directory as
 * NUMBER-KIND-YYYYMMDD-HHMMSS.txt and, with a print_command, pipes it
 * there. `report` receives one translated sentence: printed or not, and
 * the file's name. A failure is also logged (app/core/log.h). Returns 0,
 * or -1 when the file could not be written (report says why). */
int letter_deliver(const struct settings *settings, const char *number, const char *kind,
                   const char *text, char *report, size_t report_size);

#endif
