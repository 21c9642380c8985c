#include "app/core/letter.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n/text/i18n.h"
#include "app/core/log.h"
#include "app/core/settings.h"

int letter_deliver(const struct settings *settings, const char *number, const char *kind,
                   const char *text, char *report, size_t report_size)
{
    char path[4200], stamp[32];
    const char *dir = settings->spool;
    mkdir(dir, 0750);
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/%s-%s-%s.txt", dir, number, kind, stamp);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        snprintf(report, report_size, _("The letter could not be written to %s (%s). Print it from the application later."),
                 path, strerror(errno));
        log_event(LOG_PRINT_FAILED, "application=%s letter=%s stage=spool errno=%d", number, kind, errno);
        return -1;
    }
    /* The status row is one line: what matters first, the file's own name
     * (the full path is in the spool directory the administrator set). */
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    const char *command = settings->print_command;
    if (!command) {
        snprintf(report, report_size, _("No printer is configured; the letter is saved as %s."), name);
        return 0;
    }
    FILE *p = popen(command, "w");
    int ok = p && fputs(text, p) >= 0;
    int status = p ? pclose(p) : -1;
    if (ok && status == 0)
        snprintf(report, report_size, _("Letter printed and saved as %s."), name);
    else {
        snprintf(report, report_size, _("Printing failed: print the letter by hand. It is saved as %s."), name);
        log_event(LOG_PRINT_FAILED, "application=%s letter=%s stage=print status=%d", number, kind, status);
    }
    return 0;
}
