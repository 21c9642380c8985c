#include "db/tls.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* libpq's sslmodes, weakest first. */
static const char *const modes[] = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};

/* A mode's place in `modes`; -1 for none or an unknown one. */
static int strength(const char *mode)
{
    for (int i = 0; mode && i < (int)(sizeof modes / sizeof *modes); i++)
        if (strcmp(mode, modes[i]) == 0)
            return i;
    return -1;
}

bool tls_demanded(const char *sslmode)
{
    return strength(sslmode) >= strength("require");
}

/* Every entry of a host list is a socket: a directory ("/run/postgresql"),
 * an abstract socket ("@name"), or empty (libpq's default socket). */
static bool all_sockets(const char *hosts)
{
    for (const char *p = hosts;; p++) {
        size_t len = strcspn(p, ",");
        if (len > 0 && p[0] != '/' && p[0] != '@')
            return false;
        p += len;
        if (*p == '\0')
            return true;
    }
}

/* A keyword's value in the conninfo, else its variable's; NULL when
 * neither says anything. */
static const char *setting(const PQconninfoOption *opts, const char *key, const char *env)
{
    for (const PQconninfoOption *o = opts; o && o->keyword; o++)
        if (strcmp(o->keyword, key) == 0 && o->val && *o->val)
            return o->val;
    const char *value = getenv(env);
    return value && *value ? value : NULL;
}

void tls_sslmode(const char *conninfo, const char *policy, char *out, size_t size)
{
    snprintf(out, size, "%s", "");
    if (!policy || !*policy)
        return;
    /* libpq reads the dbname as a conninfo only when it looks like one. */
    PQconninfoOption *opts = NULL;
    bool parsed = true;
    if (conninfo && (strchr(conninfo, '=') || strncmp(conninfo, "postgresql://", 13) == 0 ||
                     strncmp(conninfo, "postgres://", 11) == 0)) {
        char *why = NULL;
        opts = PQconninfoParse(conninfo, &why);
        PQfreemem(why);
        parsed = opts != NULL;
    }
    /* With no host, a service file may name one: it counts as the network. */
    const char *host = setting(opts, "host", "PGHOST");
    bool local = parsed && !setting(opts, "hostaddr", "PGHOSTADDR") &&
                 (host ? all_sockets(host) : !setting(opts, "service", "PGSERVICE"));
    if (!local) {
        const char *asked = setting(opts, "sslmode", "PGSSLMODE");
        snprintf(out, size, "%s", strength(asked) > strength(policy) ? asked : policy);
    }
    PQconninfoFree(opts);
}

void tls_describe(PGconn *conn, struct db_link *out)
{
    memset(out, 0, sizeof *out);
    if (!conn || PQstatus(conn) != CONNECTION_OK)
        return;
    /* The socket itself says whether it is local, whatever was asked for. */
    struct sockaddr_storage addr;
    socklen_t len = sizeof addr;
    int fd = PQsocket(conn);
    if (fd >= 0 && getsockname(fd, (struct sockaddr *)&addr, &len) == 0 && addr.ss_family == AF_UNIX) {
        out->transport = DB_LINK_SOCKET;
    } else if (PQsslInUse(conn)) {
        out->transport = DB_LINK_TLS;
        const char *protocol = PQsslAttribute(conn, "protocol"), *cipher = PQsslAttribute(conn, "cipher");
        snprintf(out->protocol, sizeof out->protocol, "%s", protocol ? protocol : "");
        snprintf(out->cipher, sizeof out->cipher, "%s", cipher ? cipher : "");
    } else {
        out->transport = PQgssEncInUse(conn) ? DB_LINK_GSS : DB_LINK_PLAIN;
    }
}
