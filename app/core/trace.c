#include "app/core/trace.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n/text/i18n.h"

FILE *trace_open(const char *path, char *why, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
    if (fd < 0) {
        if (errno == ELOOP)
            snprintf(why, size, _("%s: is a symbolic link; a trace is written only to a file of its own"), path);
        else
            snprintf(why, size, "%s: %s", path, strerror(errno));
        return NULL;
    }
    /* An existing file keeps the mode it was made with (0644 under umask
     * 022): the trace's owner alone may read what the screen showed. */
    struct stat st;
    const char *problem = NULL;
    if (fstat(fd, &st) != 0)
        problem = strerror(errno);
    else if (!S_ISREG(st.st_mode))
        problem = _("is not a regular file");
    else if (st.st_uid != geteuid())
        problem = _("belongs to another user; a trace is written only to a file of its own");
    else if ((st.st_mode & 07777) != 0600 && fchmod(fd, 0600) != 0)
        problem = strerror(errno);
    FILE *f = problem ? NULL : fdopen(fd, "a");
    if (!f) {
        snprintf(why, size, "%s: %s", path, problem ? problem : strerror(errno));
        close(fd);
    }
    return f;
}
