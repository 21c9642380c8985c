/* How the connection reaches the database, as facts: each front end words
 * them ("where am I"). No libpq type here. */
#ifndef GISE_DB_LINK_H
#define GISE_DB_LINK_H

enum db_transport {
    DB_LINK_NONE,       /* no connection */
    DB_LINK_SOCKET,     /* a Unix socket: local, nothing to encrypt */
    DB_LINK_TLS,        /* over the network, encrypted with TLS */
    DB_LINK_GSS,        /* over the network, encrypted with GSSAPI */
    DB_LINK_PLAIN,      /* over the network in clear text (the tls setting allowed it) */
};

struct db_link {
    enum db_transport transport;
    char protocol[32];  /* DB_LINK_TLS: "TLSv1.3"; otherwise "" */
    char cipher[64];    /* DB_LINK_TLS: "TLS_AES_256_GCM_SHA384"; otherwise "" */
};

#endif
