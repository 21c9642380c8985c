#include "app/core/letter.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n/text/i18n.h"
#include "app/core/log.h"
#include "app/core/session.h"
#include "app/core/settings.h"
#include "app/core/spool.h"

const char *letter_kind_label(enum letter_kind kind)
{
    return kind == LETTER_REJECTION ? _("Rejection letter") : _("Deficiency notice");
}

int letter_deliver(const struct settings *settings, const char *number, const char *kind, const char *text,
                   char *report, size_t report_size)
{
    char stem[128], stamp[32], name[160], why[600];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(stem, sizeof stem, "%s-%s-%s", number, kind, stamp);
    if (spool_write(settings->spool, stem, text, name, sizeof name, why, sizeof why) != 0) {
        int saved = errno;
        snprintf(report, report_size, _("%s It is listed as not printed on the application and in your inbox until it is printed."),
                 why);
        log_event(LOG_PRINT_FAILED, "application=%s letter=%s stage=spool errno=%d", number, kind, saved);
        return -1;
    }
    /* The status row is one line: what matters first, the file's own name
     * (the full path is in the spool directory the administrator set). */
    const char *command = settings->print_command;
    if (!command) {
        snprintf(report, report_size, _("No printer is configured; the letter is saved as %s."), name);
        return 0;
    }
    /* A command that exits without reading must not take gise with it:
     * its failure is reported like any other. */
    struct sigaction ignore = {.sa_handler = SIG_IGN}, before;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &before);
    FILE *p = popen(command, "w");
    int ok = p && fputs(text, p) >= 0;
    int status = p ? pclose(p) : -1;
    sigaction(SIGPIPE, &before, NULL);
    if (ok && status == 0) {
        snprintf(report, report_size, _("Letter printed and saved as %s."), name);
        return 0;
    }
    snprintf(report, report_size,
             _("Printing failed: the letter is saved as %s and listed as not printed on the application and in your inbox until it is printed."),
             name);
    log_event(LOG_PRINT_FAILED, "application=%s letter=%s stage=print status=%d", number, kind, status);
    return -1;
}

/* Delivers `text` and tells the database whether it reached paper. */
static int deliver_and_record(struct session *session, struct letter_ref ref, const char *number, const char *text,
                              char *report, size_t report_size)
{
    int rc = letter_deliver(session->settings, number, letter_kind_code(ref.kind), text, report, report_size);
    struct db_error err;
    if (letter_print_record(session->db, ref, rc == 0, &err) != 0) {
        size_t used = strlen(report);
        snprintf(report + used, report_size - used, " %s",
                 _("The database could not record whether it was printed, so the application may list it as not printed."));
    }
    return rc;
}

void letter_print_step(struct session *session, const struct request_outcome *found, char *report,
                       size_t report_size)
{
    report[0] = '\0';
    if (!found->applied || !found->has_letter)
        return;
    if (found->letter_printed) {
        snprintf(report, report_size, "%s", _("Its letter was printed already."));
        return;
    }
    deliver_and_record(session, found->letter, found->outcome.number, found->letter_text, report, report_size);
}

int letter_reprint(struct session *session, struct letter_ref ref, const char *number, char *message,
                   size_t message_size)
{
    char *text = NULL, report[900];
    struct db_error err;
    if (letter_reprint_text(session->db, ref, &text, &err) != 0) {
        snprintf(message, message_size, "%s", session_explain(session, &err));
        return -1;
    }
    int rc = deliver_and_record(session, ref, number, text, report, sizeof report);
    free(text);
    snprintf(message, message_size, _("%s of %s, again: %s"), letter_kind_label(ref.kind), number, report);
    return rc;
}
