#include "app/core/spool.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n/text/i18n.h"

enum { MAX_COPIES = 99 };

/* Makes `dir` and its missing parents, private to the user (a spool the
 * administrator did not set up is nobody else's business). */
static int make_dirs(const char *dir)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(path, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(path, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

/* The spool opened as a directory, never through a symbolic link at its
 * last component; -1 with `why` otherwise. */
static int open_dir(const char *dir, char *why, size_t why_size)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && make_dirs(dir) == 0)
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0)
        return fd;
    int saved = errno;
    struct stat st;
    if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode))
        snprintf(why, why_size,
                 _("The spool %s is a symbolic link; gise writes letters only into a real directory. Ask the administrator to set spool in gise.conf."),
                 dir);
    else
        snprintf(why, why_size, _("The spool %s cannot be opened (%s)."), dir, strerror(saved));
    errno = saved;
    return -1;
}

static int write_all(int fd, const char *text)
{
    size_t left = strlen(text);
    while (left > 0) {
        ssize_t n = write(fd, text, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        text += n;
        left -= (size_t)n;
    }
    return 0;
}

int spool_write(const char *dir, const char *stem, const char *text, char *name, size_t name_size,
                char *why, size_t why_size)
{
    char safe[128];
    size_t n = 0;
    for (const char *s = stem; *s && n + 1 < sizeof safe; s++)
        safe[n++] = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
                            *s == '-' || *s == '_' ? *s : '_';
    safe[n] = '\0';
    int dfd = open_dir(dir, why, why_size);
    if (dfd < 0)
        return -1;
    struct stat st;
    /* A directory that hands its group to new files is shared with that
     * group: the clerks of the counter read each other's letters. */
    mode_t mode = fstat(dfd, &st) == 0 && (st.st_mode & S_ISGID) ? 0640 : 0600;
    int fd = -1;
    for (int copy = 1; fd < 0 && copy <= MAX_COPIES; copy++) {
        if (copy == 1)
            snprintf(name, name_size, "%s.txt", safe);
        else
            snprintf(name, name_size, "%s-%d.txt", safe, copy);
        /* O_EXCL refuses any name that exists, a dangling link included. */
        fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    int saved = errno;
    if (fd < 0) {
        snprintf(why, why_size, _("The letter could not be written to the spool %s (%s)."), dir,
                 strerror(saved));
        close(dfd);
        errno = saved;
        return -1;
    }
    /* Exactly `mode`: the umask may have taken the group's read away. */
    int rc = fchmod(fd, mode) != 0 || write_all(fd, text) != 0 || fsync(fd) != 0 ? -1 : 0;
    saved = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        saved = errno;
    }
    if (rc != 0) {
        /* A letter cut short is no letter: nobody is to print it. */
        unlinkat(dfd, name, 0);
        snprintf(why, why_size, _("The letter could not be written to the spool %s (%s)."), dir,
                 strerror(saved));
    }
    close(dfd);
    errno = saved;
    return rc;
}
