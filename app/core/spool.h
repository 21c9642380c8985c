/* The letter spool: a directory of one UTF-8 text file per printed letter
 * (gise.conf(5), spool). A file is made new, never overwritten and never
 * reached through a symbolic link: a second print of the same letter in
 * the same second gets "-2", "-3" after its name. Files are 0600, or 0640
 * in a directory shared with a group (the set-group-ID bit, as the package
 * makes /var/spool/gise: root:gise-staff 2770), whatever the umask. */
#ifndef GISE_SPOOL_H
#define GISE_SPOOL_H

#include <stddef.h>

/* Writes `text` to directory `dir` (made, mode 0700 with any missing
 * parents, when it does not exist) as STEM.txt, or STEM-2.txt, ... when
 * that name is taken (by a file or a link). `stem` may hold only letters,
 * digits, "-" and "_"; anything else is written as "_". Returns 0 with the
 * file's name (without the directory) in `name`; -1 with a translated
 * sentence in `why` (the directory or its file a symbolic link, no
 * permission, a full disk), and errno set. */
int spool_write(const char *dir, const char *stem, const char *text, char *name, size_t name_size,
                char *why, size_t why_size);

#endif
