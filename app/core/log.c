#include "app/core/log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "app/core/settings.h"

static struct {
    bool on;
    int fd;
    int facility;
    struct sockaddr_un to;
    char login[64];
} log_state = {.fd = -1};

static const struct {
    const char *name;
    int severity;
} events[] = {
    [LOG_SIGN_IN] = {"sign-in", LOG_INFO},
    [LOG_SIGN_IN_REFUSED] = {"sign-in-refused", LOG_WARNING},
    [LOG_LOCKED] = {"lock", LOG_INFO},
    [LOG_UNLOCKED] = {"unlock", LOG_INFO},
    [LOG_UNLOCK_FAILED] = {"unlock-failed", LOG_WARNING},
    [LOG_CONNECTION_LOST] = {"connection-lost", LOG_WARNING},
    [LOG_RECONNECTED] = {"reconnect", LOG_NOTICE},
    [LOG_STEP_REFUSED] = {"step-refused", LOG_NOTICE},
    [LOG_PRINT_FAILED] = {"print-failed", LOG_ERR},
    [LOG_LAPSE_RUN] = {"lapse-run", LOG_INFO},
    [LOG_AUDIT_SEAL] = {"audit-seal", LOG_NOTICE},
    [LOG_AUDIT_SEAL_REFUSED] = {"audit-seal-refused", LOG_ALERT},
    [LOG_AUDIT_SEAL_WAITING] = {"audit-seal-waiting", LOG_NOTICE},
    [LOG_AUDIT_VERIFY] = {"audit-verify", LOG_NOTICE},
    [LOG_SIGN_OUT] = {"sign-out", LOG_INFO},
};

void log_set_login(const char *login)
{
    /* Only characters that cannot break the line or forge a field. */
    size_t n = 0;
    for (const char *p = login ? login : ""; *p && n + 1 < sizeof log_state.login; p++)
        log_state.login[n++] = (*p > 0x20 && *p < 0x7f && *p != '=') ? *p : '?';
    log_state.login[n] = '\0';
}

void log_open(const struct settings *settings, const char *login)
{
    log_close();
    log_set_login(login);
    log_state.on = settings->syslog;
    if (!log_state.on)
        return;
    log_state.facility = settings->syslog_facility;
    memset(&log_state.to, 0, sizeof log_state.to);
    log_state.to.sun_family = AF_UNIX;
    snprintf(log_state.to.sun_path, sizeof log_state.to.sun_path, "%s", settings->syslog_socket);
    log_state.fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (log_state.fd >= 0)
        fcntl(log_state.fd, F_SETFL, O_NONBLOCK);   /* a stuck syslogd never stalls a counter */
}

void log_event(enum log_event event, const char *fmt, ...)
{
    if (!log_state.on || log_state.fd < 0)
        return;
    char detail[512], line[800], stamp[32];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    for (char *p = detail; *p; p++)     /* one event, one line */
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%b %e %H:%M:%S", &tm);
    int n = snprintf(line, sizeof line, "<%d>%s gise[%ld]: event=%s login=%s%s%s",
                     log_state.facility | events[event].severity, stamp, (long)getpid(),
                     events[event].name, log_state.login[0] ? log_state.login : "-",
                     detail[0] ? " " : "", detail);
    if (n < 0)
        return;
    size_t len = (size_t)n < sizeof line ? (size_t)n : sizeof line - 1;
    sendto(log_state.fd, line, len, MSG_NOSIGNAL, (struct sockaddr *)&log_state.to,
           sizeof log_state.to);
}

void log_close(void)
{
    if (log_state.fd >= 0)
        close(log_state.fd);
    log_state.fd = -1;
}
