#include "app/core/draft_journal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n/text/i18n.h"

enum { HEADER_SIZE = 4 + 2 + 9 + 9 };   /* "GD1 S 0000abcd 01234567\n" */
static const char magic[] = "GD1 ";

/* CRC-32 (IEEE 802.3, as zlib computes it). */
static uint32_t crc32_of(const char *data, size_t len)
{
    static uint32_t table[256];
    if (!table[1]) {
        for (uint32_t n = 0; n < 256; n++) {
            uint32_t c = n;
            for (int k = 0; k < 8; k++)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
    }
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++)
        c = table[(c ^ (unsigned char)data[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

void draft_journal_file_name(const char *login, char *out, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)login; *p && n + 4 < size; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                     *p == '_' || *p == '-';
        if (plain) {
            out[n++] = (char)*p;
        } else {
            out[n++] = '%';
            out[n++] = hex[*p >> 4];
            out[n++] = hex[*p & 15];
        }
    }
    snprintf(out + n, size - n, ".journal");
}

/* Makes the missing directories of `path`, each 0700 (XDG's rule for
 * state). Existing ones are left as they are. */
static void make_parents(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(buf, 0700);
        *p = '/';
    }
    mkdir(buf, 0700);
}

/* Checks that fd is ours, `kind` (S_IFDIR or S_IFREG), not shared: owned by
 * this user, one link, and made private when it was not. */
static int private_to_me(int fd, mode_t kind, mode_t mode, const char *path, char *why, size_t size)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(why, size, "%s: %s", path, strerror(errno));
        return -1;
    }
    if ((st.st_mode & S_IFMT) != kind || (kind == S_IFREG && st.st_nlink != 1)) {
        snprintf(why, size, _("%s is not a file gise made for drafts"), path);
        return -1;
    }
    if (st.st_uid != geteuid()) {
        snprintf(why, size, _("%s belongs to another user"), path);
        return -1;
    }
    if ((st.st_mode & 07777) != mode && fchmod(fd, mode) != 0) {
        snprintf(why, size, "%s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static void say_open_error(const char *path, int error, char *why, size_t size)
{
    struct stat st;
    /* O_NOFOLLOW: ELOOP for a file, ENOTDIR for a directory's link. */
    if (error == ELOOP || (error == ENOTDIR && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)))
        snprintf(why, size, _("%s is a symbolic link; drafts are never written through one"), path);
    else
        snprintf(why, size, "%s: %s", path, strerror(error));
}

/* The journal file in the open directory: a new one made 0600 by this
 * call alone (O_EXCL), or the existing one, never through a link. */
static int open_file(struct draft_journal *j, char *why, size_t size)
{
    int fd = openat(j->dir_fd, j->name, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST)
        fd = openat(j->dir_fd, j->name, O_RDWR | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        say_open_error(j->path, errno, why, size);
        return -1;
    }
    if (private_to_me(fd, S_IFREG, 0600, j->path, why, size) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int draft_journal_open(struct draft_journal *j, const char *dir, const char *login, char *why,
                       size_t size)
{
    j->dir_fd = j->fd = -1;
    draft_journal_file_name(login, j->name, sizeof j->name);
    snprintf(j->path, sizeof j->path, "%s/%s", dir, j->name);
    if (dir[0] != '/') {
        snprintf(why, size, _("%s must be an absolute path (starting with /)"), dir);
        return -1;
    }
    make_parents(dir);
    j->dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (j->dir_fd < 0) {
        say_open_error(dir, errno, why, size);
        return -1;
    }
    if (private_to_me(j->dir_fd, S_IFDIR, 0700, dir, why, size) != 0 || (j->fd = open_file(j, why, size)) < 0) {
        draft_journal_close(j);
        return -1;
    }
    return 0;
}

void draft_journal_close(struct draft_journal *j)
{
    if (j->fd >= 0)
        close(j->fd);
    if (j->dir_fd >= 0)
        close(j->dir_fd);
    j->fd = j->dir_fd = -1;
}

/* Locks the journal file (LOCK_SH to append, LOCK_EX to rewrite). A file
 * renamed over it meanwhile (another gise rewrote it) is opened instead. */
static int lock_current(struct draft_journal *j, int how)
{
    for (int tries = 0; tries < 8; tries++) {
        if (flock(j->fd, how) != 0)
            return -1;
        struct stat held, named;
        if (fstat(j->fd, &held) == 0 && fstatat(j->dir_fd, j->name, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
            held.st_ino == named.st_ino && held.st_dev == named.st_dev)
            return 0;
        flock(j->fd, LOCK_UN);
        char why[200];
        int fd = open_file(j, why, sizeof why);
        if (fd < 0)
            return -1;
        close(j->fd);
        j->fd = fd;
    }
    errno = EAGAIN;
    return -1;
}

/* A growing buffer for one record. */
struct buf {
    char *data;
    size_t len, cap;
    bool failed;
};

static void put(struct buf *b, const char *bytes, size_t len)
{
    if (b->failed)
        return;
    if (b->len + len + 1 > b->cap) {
        size_t cap = (b->len + len + 1) * 2;
        char *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, bytes, len);
    b->len += len;
}

static void put_item(struct buf *b, const char *text)
{
    char prefix[24];
    size_t len = strlen(text);
    put(b, prefix, (size_t)snprintf(prefix, sizeof prefix, "%zu:", len));
    put(b, text, len);
    put(b, ",", 1);
}

static void put_number(struct buf *b, long long n)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", n);
    put_item(b, text);
}

static void snapshot_payload(struct buf *b, const struct draft *d)
{
    put_item(b, d->kind);
    put_number(b, (long long)d->target);
    put_item(b, d->label);
    put_number(b, d->typed_at_ms);
    put_item(b, d->request_id);
    for (size_t i = 0; i < d->count; i++) {
        put_item(b, d->fields[i].name);
        put_item(b, d->fields[i].value);
    }
}

static void gone_payload(struct buf *b, const char *kind, int64_t target, long long at_ms, bool pending)
{
    put_item(b, kind);
    put_number(b, (long long)target);
    put_number(b, at_ms);
    put_item(b, pending ? "1" : "0");
}

/* Wraps payload `p` into a whole record in `out`. */
static void record(struct buf *out, char type, const struct buf *p)
{
    char header[HEADER_SIZE + 8];
    int n = snprintf(header, sizeof header, "%s%c %08zx %08" PRIx32 "\n", magic, type, p->len,
                     crc32_of(p->data ? p->data : "", p->len));
    put(out, header, (size_t)n);
    put(out, p->data ? p->data : "", p->len);
    put(out, "\n", 1);
    out->failed |= p->failed;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Appends one record with one write (another only if the kernel took
 * part of it, when the disk is full: the checksum then tells). */
static int append(struct draft_journal *j, char type, const struct buf *payload)
{
    struct buf out = {0};
    record(&out, type, payload);
    int rc = -1;
    if (out.failed)
        errno = ENOMEM;
    else if (j->fd >= 0 && lock_current(j, LOCK_SH) == 0) {
        rc = write_all(j->fd, out.data, out.len);
        int saved = errno;
        flock(j->fd, LOCK_UN);
        errno = saved;
    } else if (j->fd < 0) {
        errno = EBADF;
    }
    free(out.data);
    return rc;
}

int draft_journal_save(struct draft_journal *j, const struct draft *d)
{
    struct buf p = {0};
    snapshot_payload(&p, d);
    int rc = append(j, 'S', &p);
    free(p.data);
    return rc;
}

static void saved_payload(struct buf *b, const char *kind, int64_t target, long long at_ms)
{
    put_item(b, kind);
    put_number(b, (long long)target);
    put_number(b, at_ms);
}

int draft_journal_saved(struct draft_journal *j, const char *kind, int64_t target, long long at_ms)
{
    struct buf p = {0};
    saved_payload(&p, kind, target, at_ms);
    int rc = append(j, 'A', &p);
    free(p.data);
    return rc;
}

int draft_journal_gone(struct draft_journal *j, const char *kind, int64_t target, long long at_ms,
                       bool pending)
{
    struct buf p = {0};
    gone_payload(&p, kind, target, at_ms, pending);
    int rc = append(j, 'G', &p);
    free(p.data);
    return rc;
}

/* Reading ---------------------------------------------------------------- */

/* The next netstring of p[*at..len) into out (NUL-terminated, at most
 * size - 1 bytes; longer is malformed). 0, or -1 when malformed. */
static int get_item(const char *p, size_t len, size_t *at, char *out, size_t size)
{
    size_t n = 0, i = *at;
    if (i >= len || p[i] < '0' || p[i] > '9')
        return -1;
    while (i < len && p[i] >= '0' && p[i] <= '9' && n < 100000000)
        n = n * 10 + (size_t)(p[i++] - '0');
    if (i >= len || p[i] != ':' || n >= size || len - i - 1 < n + 1 || p[i + 1 + n] != ',')
        return -1;
    memcpy(out, p + i + 1, n);
    out[n] = '\0';
    if (memchr(out, '\0', n))
        return -1;
    *at = i + 1 + n + 1;
    return 0;
}

static int get_number(const char *p, size_t len, size_t *at, long long *n)
{
    char text[24], *end;
    if (get_item(p, len, at, text, sizeof text) != 0)
        return -1;
    *n = strtoll(text, &end, 10);
    return *end == '\0' && text[0] ? 0 : -1;
}

/* Decodes one payload into *e. 0, or -1 when it is malformed (*e empty). */
static int decode(char type, const char *p, size_t len, struct journal_entry *e, char *value, size_t value_size)
{
    memset(e, 0, sizeof *e);
    struct draft *d = &e->draft;
    size_t at = 0;
    long long target, time;
    char flag[4];
    if (get_item(p, len, &at, d->kind, sizeof d->kind) != 0 || get_number(p, len, &at, &target) != 0)
        return -1;
    d->target = (int64_t)target;
    if (type == 'A') {
        if (get_number(p, len, &at, &time) != 0 || at != len)
            return -1;
        d->typed_at_ms = time;
        e->saved = true;
        return 0;
    }
    if (type == 'G') {
        if (get_number(p, len, &at, &time) != 0 || get_item(p, len, &at, flag, sizeof flag) != 0 || at != len)
            return -1;
        d->typed_at_ms = time;
        e->gone = true;
        e->pending = strcmp(flag, "1") == 0;
        return 0;
    }
    if (type != 'S' || get_item(p, len, &at, d->label, sizeof d->label) != 0 ||
        get_number(p, len, &at, &time) != 0 || get_item(p, len, &at, d->request_id, sizeof d->request_id) != 0)
        return -1;
    d->typed_at_ms = time;
    while (at < len) {
        char name[DRAFT_NAME_SIZE];
        if (get_item(p, len, &at, name, sizeof name) != 0 || get_item(p, len, &at, value, value_size) != 0 ||
            draft_set(d, name, value) != 0) {
            draft_free(d);
            return -1;
        }
    }
    return 0;
}

/* Parses the record at data[at..len): 1 with *e and *next after it, 0 when
 * there is no valid record there, -1 when memory runs out. */
static int parse_record(const char *data, size_t len, size_t at, struct journal_entry *e, size_t *next,
                        char *value, size_t value_size)
{
    if (len - at < HEADER_SIZE || memcmp(data + at, magic, 4) != 0 || data[at + 5] != ' ' ||
        data[at + 14] != ' ' || data[at + HEADER_SIZE - 1] != '\n')
        return 0;
    char type = data[at + 4], field[9], *end;
    memcpy(field, data + at + 6, 8);
    field[8] = '\0';
    size_t plen = strtoul(field, &end, 16);
    if (*end)
        return 0;
    memcpy(field, data + at + 15, 8);
    uint32_t crc = (uint32_t)strtoul(field, &end, 16);
    size_t start = at + HEADER_SIZE;
    if (*end || len - start < plen + 1 || data[start + plen] != '\n' || crc32_of(data + start, plen) != crc)
        return 0;
    if (decode(type, data + start, plen, e, value, value_size) != 0)
        return 0;
    *next = start + plen + 1;
    return 1;
}

long long draft_journal_size(const struct draft_journal *j)
{
    struct stat st;
    return j->fd >= 0 && fstat(j->fd, &st) == 0 ? (long long)st.st_size : -1;
}

void draft_journal_entries_free(struct journal_entry *entries, size_t count)
{
    for (size_t i = 0; entries && i < count; i++)
        draft_free(&entries[i].draft);
    free(entries);
}

/* Keeps e as its key's latest state in list (taking its fields). An
 * acknowledgement (saved, no fields) only marks the snapshot it names. */
static int keep_latest(struct journal_entry **list, size_t *count, size_t *cap, struct journal_entry *e)
{
    bool ack = e->saved;
    for (size_t i = 0; i < *count; i++) {
        struct journal_entry *held = &(*list)[i];
        if (ack && draft_same_key(&held->draft, &e->draft)) {
            held->saved |= !held->gone && held->draft.typed_at_ms == e->draft.typed_at_ms;
            return 0;
        }
        if (draft_same_key(&held->draft, &e->draft)) {
            draft_free(&(*list)[i].draft);
            (*list)[i] = *e;
            return 0;
        }
    }
    if (ack)
        return 0;       /* of nothing known: nothing to mark */
    if (*count == *cap) {
        size_t grown_cap = *cap ? *cap * 2 : 8;
        struct journal_entry *grown = realloc(*list, grown_cap * sizeof *grown);
        if (!grown) {
            draft_free(&e->draft);
            return -1;
        }
        *list = grown;
        *cap = grown_cap;
    }
    (*list)[(*count)++] = *e;
    return 0;
}

/* Where the next record header starts from `from` on (len: none). */
static size_t next_magic(const char *data, size_t len, size_t from)
{
    for (size_t i = from; i + 4 <= len; i++)
        if (data[i] == magic[0] && memcmp(data + i, magic, 4) == 0)
            return i;
    return len;
}

/* Every key's latest state in data[0..len), skipping what cannot be read. */
static int parse_all(const char *data, size_t len, struct journal_entry **list, size_t *count)
{
    size_t cap = 0, at = 0, value_size = 4 * DRAFT_VALUE_MAX_CHARS + 1;
    char *value = malloc(value_size);
    *list = NULL;
    *count = 0;
    if (!value)
        return -1;
    while (at < len) {
        struct journal_entry e;
        size_t next;
        if (parse_record(data, len, at, &e, &next, value, value_size) == 1) {
            if (keep_latest(list, count, &cap, &e) != 0) {
                free(value);
                return -1;
            }
            at = next;
            continue;
        }
        /* Torn or damaged: on at the next header. */
        at = next_magic(data, len, at + 1);
    }
    free(value);
    return 0;
}

static char *read_whole(int fd, size_t *len)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return NULL;
    char *data = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (data && got < (size_t)st.st_size) {
        ssize_t n = pread(fd, data + got, (size_t)st.st_size - got, (off_t)got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    *len = got;
    return data;
}

/* Writes the entries worth keeping to a new file and renames it over the
 * journal. 0, or -1 (the journal is as it was). */
static int rewrite(struct draft_journal *j, const struct journal_entry *list, size_t count)
{
    char tmp[320];
    snprintf(tmp, sizeof tmp, "%s.new", j->name);
    int fd = openat(j->dir_fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST) {    /* left by a rewrite that died: the lock is ours */
        unlinkat(j->dir_fd, tmp, 0);
        fd = openat(j->dir_fd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    }
    if (fd < 0)
        return -1;
    struct buf out = {0};
    for (size_t i = 0; i < count; i++) {
        struct buf p = {0};
        const struct journal_entry *e = &list[i];
        if (!e->gone)
            snapshot_payload(&p, &e->draft);
        else if (e->pending)
            gone_payload(&p, e->draft.kind, e->draft.target, e->draft.typed_at_ms, true);
        if (!e->gone || e->pending)
            record(&out, e->gone ? 'G' : 'S', &p);
        free(p.data);
        if (!e->gone && e->saved) {
            struct buf a = {0};
            saved_payload(&a, e->draft.kind, e->draft.target, e->draft.typed_at_ms);
            record(&out, 'A', &a);
            free(a.data);
        }
    }
    int rc = out.failed ? -1 : write_all(fd, out.data ? out.data : "", out.len);
    free(out.data);
    if (rc == 0)
        rc = fsync(fd);
    close(fd);
    if (rc == 0)
        rc = renameat(j->dir_fd, tmp, j->dir_fd, j->name);
    if (rc != 0) {
        unlinkat(j->dir_fd, tmp, 0);
        return -1;
    }
    fsync(j->dir_fd);
    return 0;
}

int draft_journal_recover(struct draft_journal *j, long long drop_before_ms, struct journal_entry **entries,
                          size_t *count)
{
    if (entries) {
        *entries = NULL;
        *count = 0;
    }
    if (j->fd < 0 || lock_current(j, LOCK_EX) != 0)
        return -1;
    size_t len = 0, n = 0;
    struct journal_entry *list = NULL;
    char *data = read_whole(j->fd, &len);
    int rc = data && parse_all(data, len, &list, &n) == 0 ? 0 : -1;
    /* Expired: forgotten, as the database forgets them. */
    for (size_t i = 0; rc == 0 && i < n; i++) {
        if (list[i].draft.typed_at_ms < drop_before_ms) {
            draft_free(&list[i].draft);
            list[i].gone = true;
            list[i].pending = false;
        }
    }
    if (rc == 0)
        rc = rewrite(j, list, n);
    free(data);
    int saved = errno;
    flock(j->fd, LOCK_UN);      /* the next append finds the new file */
    if (rc == 0 && entries) {
        *entries = list;
        *count = n;
    } else {
        draft_journal_entries_free(list, n);
    }
    errno = saved;
    return rc;
}
