/* TLS for a database reached over the network (internal to db/). A Unix
 * socket is local; anything else gets TLS as the site's policy (the `tls`
 * setting) asks: decided before a byte is sent, checked again once
 * connected. */
#ifndef GISE_DB_TLS_H
#define GISE_DB_TLS_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>

#include "db/link.h"

/* The sslmode to connect with, written into out (size >= 16):
 *  - "" when every host the conninfo and the environment (PGHOST,
 *    PGHOSTADDR, PGSERVICE) can name is a Unix socket (a path starting
 *    with '/' or '@', or no host at all): nothing to add;
 *  - otherwise the stronger of `policy` and the sslmode the conninfo or
 *    PGSSLMODE asks for, so that neither can weaken the site's policy (a
 *    service file's sslmode gives way to it too).
 * `policy` "" or NULL imposes nothing (out is ""). `conninfo` NULL or a
 * bare database name means the environment alone. Never fails: what cannot
 * be parsed counts as the network. */
void tls_sslmode(const char *conninfo, const char *policy, char *out, size_t size);

/* True when `sslmode` demands encryption (require, verify-ca,
 * verify-full). */
bool tls_demanded(const char *sslmode);

/* What the open connection `conn` really is: a Unix socket (asked of its
 * socket, whatever the settings said), TLS with its protocol and cipher,
 * GSSAPI encryption, or clear text; filled into *out. */
void tls_describe(PGconn *conn, struct db_link *out);

#endif
