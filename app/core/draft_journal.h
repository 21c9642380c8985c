/* The drafts journal on the clerk's machine: one file per staff member,
 * DIR/LOGIN.journal, that every key typed into a form appends to with a
 * single write(2), so that a killed gise, a closed terminal or a lost
 * connection loses nothing the kernel was handed. The directory is made
 * 0700 and the file 0600 whatever the umask, never through a symbolic
 * link, and neither is passed to a command gise runs (close-on-exec).
 *
 * A record is a header line "GD1 TYPE LENGTH CRC32\n" (hex), then LENGTH
 * bytes of payload, then "\n". The payload is a run of netstrings
 * ("LEN:bytes,"): kind, target, label, time and request id, then each
 * field's name and value (TYPE S, a snapshot of the whole draft); or kind,
 * target, time and whether the database still holds it (TYPE G, the draft
 * is gone); or kind, target and time (TYPE A, the database took the
 * snapshot of that time). A record whose header, length or checksum does not hold (a
 * write torn by a crash, a damaged file) is skipped, and reading goes on
 * at the next record header. The last record of a key wins.
 *
 * Several gise of the same clerk on one machine share the file: appends
 * hold a shared lock, and the rewrite that drops what is no longer needed
 * (draft_journal_recover) an exclusive one, then renames a new file over
 * the old, which the appenders notice and reopen. */
#ifndef GISE_DRAFT_JOURNAL_H
#define GISE_DRAFT_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/draft.h"

struct draft_journal {
    int dir_fd;             /* the directory, -1 when closed */
    int fd;                 /* the journal, opened O_APPEND */
    char name[300];         /* its name in the directory */
    char path[4400];        /* its whole path, for messages */
};

/* One key's state as the journal last recorded it. */
struct journal_entry {
    struct draft draft;     /* gone: the key and the time only */
    bool gone;              /* discarded or done */
    bool pending;           /* gone, but the database may still hold it */
    bool saved;             /* live, and the database took this very version */
};

/* Opens (making them when missing) the directory `dir` (an absolute path;
 * missing parents are made 0700 too) and the journal of `login` in it.
 * Returns 0, or -1 with a translated reason in `why` (*j is closed then). */
int draft_journal_open(struct draft_journal *j, const char *dir, const char *login, char *why,
                       size_t size);

/* Closes the journal; *j may be opened again. A closed journal is allowed. */
void draft_journal_close(struct draft_journal *j);

/* Appends a snapshot of d: one write. Returns 0, or -1 (errno set). */
int draft_journal_save(struct draft_journal *j, const struct draft *d);

/* Appends that the draft of `kind` on `target` is gone (pending: the
 * database may still hold a copy typed no later than at_ms). One write;
 * 0, or -1. */
int draft_journal_gone(struct draft_journal *j, const char *kind, int64_t target, long long at_ms,
                       bool pending);

/* Appends that the database took the snapshot of `kind` on `target` typed
 * at at_ms. One write; 0, or -1. */
int draft_journal_saved(struct draft_journal *j, const char *kind, int64_t target, long long at_ms);

/* Reads the journal and rewrites it holding only each key's latest state:
 * snapshots of live drafts and the pending tombstones (no text), so what
 * was discarded or done leaves the disk; so does whatever was last
 * recorded before drop_before_ms (expired). With `entries` not NULL, returns
 * them there (a new array the caller frees with draft_journal_entries_free)
 * and their number in *count. Returns 0, or -1 (errno set; the journal is
 * as it was). */
int draft_journal_recover(struct draft_journal *j, long long drop_before_ms, struct journal_entry **entries,
                          size_t *count);

/* The journal's size in bytes as this process holds it open (-1 when it
 * cannot be told): a snapshot per key grows it, a rewrite shrinks it. */
long long draft_journal_size(const struct draft_journal *j);

/* Frees what draft_journal_recover returned. */
void draft_journal_entries_free(struct journal_entry *entries, size_t count);

/* The file name for `login`: letters, digits, '_' and '-' as they are,
 * every other byte (and a leading '.') as %XX, then ".journal". */
void draft_journal_file_name(const char *login, char *out, size_t size);

#endif
