/* `gise audit seal` and `gise audit verify`: the sealer that chains and
 * signs the audit trail, and the check anyone can run with the public key
 * and the seal file (README, Security model). */
#ifndef GISE_AUDIT_H
#define GISE_AUDIT_H

/* Runs `gise audit ...`; argv[0] is "audit". Returns the exit status:
 * 0 done (verify: no break), 1 refused or a break found, 2 bad usage.
 * Everything it opens it closes. */
int audit_main(int argc, char **argv);

#endif
