/* The frame trace (gise.conf(5): trace): a file only its owner may read,
 * that no command gise runs inherits. */
#ifndef GISE_TRACE_H
#define GISE_TRACE_H

#include <stddef.h>
#include <stdio.h>

/* Opens `path` for appending: created 0600, an existing file of the same
 * owner set to 0600 whatever the umask made it, never through a symbolic
 * link, close-on-exec. Returns the stream (the caller fcloses it), or NULL
 * with a translated "PATH: problem" in `why`: a symbolic link, not a
 * regular file, another user's, or the system's reason. */
FILE *trace_open(const char *path, char *why, size_t size);

#endif
