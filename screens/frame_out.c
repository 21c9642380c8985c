#define _GNU_SOURCE
#include "screens/frame_out.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static int terminal_fd = -1;        /* the real standard output */
static int saved_stderr = -1;       /* standard error, when it was not the terminal */
static int pipe_read = -1;

int frame_out_start(void)
{
    if (!isatty(STDOUT_FILENO))
        return -1;
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0)
        return -1;
    /* A frame at 132x43 is some tens of kilobytes at most; room for many,
     * so curses never waits on the pipe the same thread empties. */
    (void)fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
    if (fcntl(p[0], F_SETFL, O_NONBLOCK) != 0 || (terminal_fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)) < 0) {
        close(p[0]);
        close(p[1]);
        return -1;
    }
    /* curses sets the terminal's modes on standard error when standard
     * output is not a terminal: make it the terminal while gise draws. */
    if (!isatty(STDERR_FILENO)) {
        saved_stderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
        dup2(terminal_fd, STDERR_FILENO);
    }
    dup2(p[1], STDOUT_FILENO);
    close(p[1]);
    pipe_read = p[0];
    return 0;
}

static void write_all(const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(terminal_fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;          /* the terminal went away: the loop notices on input */
        buf += n;
        len -= (size_t)n;
    }
}

void frame_out_flush(void)
{
    if (pipe_read < 0)
        return;
    static char buf[1 << 16];
    size_t used = 0;
    for (;;) {
        ssize_t n = read(pipe_read, buf + used, sizeof buf - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        used += (size_t)n;
        if (used == sizeof buf) {
            write_all(buf, used);
            used = 0;
        }
    }
    if (used)
        write_all(buf, used);
}

int frame_out_terminal(void)
{
    return terminal_fd;
}

void frame_out_stop(void)
{
    if (pipe_read < 0)
        return;
    frame_out_flush();
    dup2(terminal_fd, STDOUT_FILENO);
    if (saved_stderr >= 0) {
        dup2(saved_stderr, STDERR_FILENO);
        close(saved_stderr);
        saved_stderr = -1;
    }
    close(pipe_read);
    close(terminal_fd);
    pipe_read = terminal_fd = -1;
}
