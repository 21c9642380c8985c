#include "app/core/audit.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n/text/i18n.h"
#include "app/core/explain.h"
#include "app/core/log.h"
#include "app/core/seal.h"
#include "app/core/settings.h"
#include "db/chain.h"
#include "db/staff.h"
#include "db/db.h"

enum { EXIT_USAGE = 2 };

struct audit_options {
    const char *command;        /* "seal" or "verify" */
    const char *key;            /* seal: the private key */
    const char *public_key;     /* verify */
    const char *seals;          /* both: the seal file */
    const char *conninfo;
};

static void audit_usage(FILE *to)
{
    fprintf(to, "%s", _("Usage: gise audit seal --key FILE --seals FILE [CONNINFO]\n"
                        "       gise audit verify --public-key FILE --seals FILE [CONNINFO]\n"
                        "\n"
                        "seal    chain the audit rows committed since the last run, check that the\n"
                        "        chain still ends in the last seal, sign its head with the sealer's\n"
                        "        Ed25519 key and append the seal to FILE and to syslog\n"
                        "verify  recompute the whole chain, check every seal in FILE with the public\n"
                        "        key, and list every break; exit 0 when there is none, 1 otherwise\n"));
}

static int parse(int argc, char **argv, struct audit_options *o)
{
    static const struct option options[] = {
        {"key", required_argument, NULL, 'k'},
        {"public-key", required_argument, NULL, 'p'},
        {"seals", required_argument, NULL, 's'},
        {"lang", required_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    if (argc < 2 || (strcmp(argv[1], "seal") != 0 && strcmp(argv[1], "verify") != 0)) {
        if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
            audit_usage(stdout);
            return 1;
        }
        audit_usage(stderr);
        return -1;
    }
    o->command = argv[1];
    argc--, argv++;
    opterr = 0;
    optind = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        switch (c) {
        case 'k': o->key = optarg; break;
        case 'p': o->public_key = optarg; break;
        case 's': o->seals = optarg; break;
        case 'l':
            if (strcmp(optarg, "tr") == 0 || strcmp(optarg, "en") == 0)
                i18n_set_language(optarg);
            break;
        case 'h': audit_usage(stdout); return 1;
        default:
            fprintf(stderr, _("gise: unknown option %s\n"), argv[optind - 1]);
            audit_usage(stderr);
            return -1;
        }
    }
    if (optind < argc)
        o->conninfo = argv[optind++];
    bool seal = strcmp(o->command, "seal") == 0;
    if (optind < argc || !o->seals || (seal ? !o->key : !o->public_key)) {
        fprintf(stderr, "%s", seal ? _("gise: audit seal needs --key and --seals\n")
                                   : _("gise: audit verify needs --public-key and --seals\n"));
        return -1;
    }
    return 0;
}

/* Reads every line of the seal file into a growing array: *count lines,
 * each parsed or marked unparsable (seq = -1). Returns 0, or -1 with why. */
static int read_seals(const char *path, struct seal **out, size_t *count, char *why, size_t size)
{
    *out = NULL;
    *count = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(why, size, _("cannot read %s"), path);
        return -1;
    }
    size_t cap = 0;
    char line[SEAL_LINE_MAX + 2];
    while (fgets(line, sizeof line, f)) {
        if (*count == cap) {
            cap = cap ? cap * 2 : 64;
            struct seal *grown = realloc(*out, cap * sizeof **out);
            if (!grown) {
                fclose(f);
                snprintf(why, size, "%s", _("out of memory"));
                return -1;
            }
            *out = grown;
        }
        struct seal *s = &(*out)[(*count)++];
        if (!seal_parse(line, s))
            s->seq = -1;
        if (!strchr(line, '\n'))    /* an overlong line: skip its rest */
            for (int ch; (ch = fgetc(f)) != EOF && ch != '\n';)
                ;
    }
    fclose(f);
    return 0;
}

/* The sealer needs only the last line: read from the end, so a file of
 * years of seals costs no more than one of a day. *found is false for a
 * missing or empty file; an unparsable last line gives seq = -1. */
static int read_last_seal(const char *path, struct seal *last, bool *found, char *why, size_t size)
{
    *found = false;
    FILE *f = fopen(path, "r");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        snprintf(why, size, _("cannot read %s"), path);
        return -1;
    }
    char tail[3 * SEAL_LINE_MAX];
    long end = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    long from = end > (long)sizeof tail - 1 ? end - (long)sizeof tail + 1 : 0;
    size_t n = end >= 0 && fseek(f, from, SEEK_SET) == 0 ? fread(tail, 1, sizeof tail - 1, f) : 0;
    fclose(f);
    tail[n] = '\0';
    while (n > 0 && tail[n - 1] == '\n')
        tail[--n] = '\0';
    if (n == 0)
        return 0;
    char *line = strrchr(tail, '\n');
    line = line ? line + 1 : tail;
    *found = true;
    if (!seal_parse(line, last))
        last->seq = -1;
    return 0;
}

/* The database of the command line, else of the settings. On failure
 * *err says why and nothing is printed: the sealer words it its own way. */
static struct db *connect_to(const struct audit_options *o, const struct settings *settings,
                             struct db_error *err)
{
    return db_connect(o->conninfo ? o->conninfo : settings->database, settings_tls_mode(settings), err);
}

/* ---- seal ---------------------------------------------------------------- */

struct continuity {
    const struct seal *last;        /* NULL: the first seal */
    bool anchored;                  /* the row at last->seq was seen and matched */
    long long head_seq;
    unsigned char head[CHAIN_HASH_SIZE];
    char why[200];
};

/* From the last seal to the head: the sealed row is still there with the
 * sealed hash, and every row after it links and hashes. */
static int check_continuity(const struct chain_row *row, void *ctx)
{
    struct continuity *c = ctx;
    unsigned char want[CHAIN_HASH_SIZE];
    if (c->last && row->seq == c->last->seq) {
        if (memcmp(row->hash, c->last->head, CHAIN_HASH_SIZE) != 0) {
            snprintf(c->why, sizeof c->why, _("the chain's hash at seq %lld is not the one sealed at %s"),
                     row->seq, c->last->time);
            return 1;
        }
        c->anchored = true;
    } else {
        if (row->seq != c->head_seq + 1 || memcmp(row->prev_hash, c->head, CHAIN_HASH_SIZE) != 0) {
            snprintf(c->why, sizeof c->why, _("the chain does not continue at seq %lld"), row->seq);
            return 1;
        }
        seal_chain_hash(row->prev_hash, row->seq, row->row_hash, want);
        if (memcmp(want, row->hash, CHAIN_HASH_SIZE) != 0) {
            snprintf(c->why, sizeof c->why, _("the hash at seq %lld does not follow from its parts"), row->seq);
            return 1;
        }
    }
    c->head_seq = row->seq;
    memcpy(c->head, row->hash, CHAIN_HASH_SIZE);
    return 0;
}

static int seal_refused(const char *why)
{
    fprintf(stderr, _("gise: not sealed: %s\n"), why);
    log_event(LOG_AUDIT_SEAL_REFUSED, "reason=\"%s\"", why);
    return 1;
}

/* The package enables gise-seal.timer at installation, before anyone has
 * made the database role: until the first seal is written, a database
 * that cannot be reached means a sealer not set up yet, said once a run at
 * notice level with exit 0, so that the timer does not fail every minute.
 * Once a seal exists the same failure is an error: nobody may silence the
 * sealer by stopping the server or dropping its role. The seal file is
 * beyond the database owner's reach, so the owner cannot make a sealed
 * chain look unsealed. */
static int seal_waiting(const char *why)
{
    fprintf(stderr, _("gise: not sealing yet (no seal so far; see gise(1), AUDIT TRAIL): %s\n"), why);
    log_event(LOG_AUDIT_SEAL_WAITING, "reason=\"%s\"", why);
    return 0;
}

static int audit_seal(const struct audit_options *o, const struct settings *settings)
{
    char why[600];
    struct seal_key *key = seal_key_private(o->key, why, sizeof why);
    if (!key) {
        fprintf(stderr, "gise: %s\n", why);
        return 1;
    }
    struct seal last_seal;
    bool found;
    int rc = 1;
    struct db *db = NULL;
    if (read_last_seal(o->seals, &last_seal, &found, why, sizeof why) != 0) {
        fprintf(stderr, "gise: %s\n", why);
        goto out;
    }
    const struct seal *last = found ? &last_seal : NULL;
    if (last && (last->seq < 0 || !seal_verify(last, key))) {
        rc = seal_refused(_("the last line of the seal file is not a seal made with this key"));
        goto out;
    }
    struct db_error err;
    db = connect_to(o, settings, &err);
    if (!db) {
        if (last)
            fprintf(stderr, "gise: %s\n", explain_plain(&err));
        else
            rc = seal_waiting(explain_plain(&err));
        goto out;
    }
    log_set_login(db_login(db));
    long long chained;
    if (chain_extend(db, &chained, &err) != 0) {
        fprintf(stderr, "gise: %s\n", explain_plain(&err));
        goto out;
    }
    struct continuity c = {.last = last, .anchored = last == NULL || last->seq == 0};
    if (last && last->seq == 0 && memcmp(last->head, (unsigned char[CHAIN_HASH_SIZE]){0}, CHAIN_HASH_SIZE) != 0) {
        rc = seal_refused(_("the last seal is malformed"));
        goto out;
    }
    int walked = chain_walk(db, last ? last->seq : 1, 0, check_continuity, &c, &err);
    if (walked < 0) {
        fprintf(stderr, "gise: %s\n", explain_plain(&err));
        goto out;
    }
    if (walked > 0) {
        rc = seal_refused(c.why);
        goto out;
    }
    if (!c.anchored) {
        snprintf(why, sizeof why, _("the chain ends at seq %lld, before the last seal's seq %lld"), c.head_seq,
                 last->seq);
        rc = seal_refused(why);
        goto out;
    }
    struct seal made;
    if (!seal_make(&made, c.head_seq, c.head, last, key)) {
        fprintf(stderr, "%s", _("gise: signing the seal failed\n"));
        goto out;
    }
    int fd = open(o->seals, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    char text[SEAL_LINE_MAX + 1];
    int len = snprintf(text, sizeof text, "%s\n", made.line);
    if (fd < 0 || write(fd, text, (size_t)len) != len || fsync(fd) != 0) {
        fprintf(stderr, _("gise: cannot append the seal to %s\n"), o->seals);
        if (fd >= 0)
            close(fd);
        goto out;
    }
    close(fd);
    log_event(LOG_AUDIT_SEAL, "chained=%lld %s", chained, made.line);
    printf(_("Sealed the audit chain at seq %lld (rows chained now: %lld).\n"), c.head_seq, chained);
    rc = 0;
out:
    db_free(db);
    seal_key_free(key);
    return rc;
}

/* ---- verify -------------------------------------------------------------- */

struct verify {
    const struct seal *seals;       /* the valid seals, in file order */
    size_t nseals, next_seal;
    long long rows, breaks, last_seq;
    unsigned char last_hash[CHAIN_HASH_SIZE];
};

static void report(struct verify *v, long long seq, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void report(struct verify *v, long long seq, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (seq > 0)
        printf(_("break at seq %lld: "), seq);
    else
        printf("%s", _("break: "));
    vprintf(fmt, ap);
    putchar('\n');
    va_end(ap);
    v->breaks++;
}

static int verify_row(const struct chain_row *row, void *ctx)
{
    struct verify *v = ctx;
    unsigned char want[CHAIN_HASH_SIZE];
    v->rows++;
    if (row->seq != v->last_seq + 1)
        report(v, row->seq, _("chain rows %lld to %lld are missing"), v->last_seq + 1, row->seq - 1);
    if (memcmp(row->prev_hash, v->last_hash, CHAIN_HASH_SIZE) != 0)
        report(v, row->seq, "%s", _("it does not link to the row before"));
    seal_chain_hash(row->prev_hash, row->seq, row->row_hash, want);
    if (memcmp(want, row->hash, CHAIN_HASH_SIZE) != 0)
        report(v, row->seq, "%s", _("its hash does not follow from its parts"));
    if (!row->text) {
        report(v, row->seq, _("%s row %lld is gone"), row->source, row->source_id);
    } else {
        seal_sha256(row->text, row->text_len, want);
        if (memcmp(want, row->row_hash, CHAIN_HASH_SIZE) != 0)
            report(v, row->seq, _("%s row %lld was changed after it was chained"), row->source, row->source_id);
    }
    /* Each seal at this seq: the stored hash there must be the sealed
     * one. The links above tie every earlier row to it, so a rehash of
     * the whole chain shows here. */
    while (v->next_seal < v->nseals && v->seals[v->next_seal].seq <= row->seq) {
        const struct seal *s = &v->seals[v->next_seal++];
        if (s->seq == row->seq && memcmp(s->head, row->hash, CHAIN_HASH_SIZE) != 0)
            report(v, row->seq, _("the chain differs from the seal of %s (rewritten or rehashed)"), s->time);
        else if (s->seq < row->seq && s->seq > 0)
            report(v, s->seq, _("the row sealed at %s is missing"), s->time);
    }
    v->last_seq = row->seq;
    memcpy(v->last_hash, row->hash, CHAIN_HASH_SIZE);
    return 0;
}

/* The seal file itself: every line a seal, signed by the key, each naming
 * the one before, seqs never going back. Keeps the good ones in order. */
static void check_seals(struct verify *v, struct seal *seals, size_t n, const struct seal_key *key)
{
    size_t kept = 0;
    const struct seal *before = NULL;
    for (size_t i = 0; i < n; i++) {
        struct seal *s = &seals[i];
        unsigned char want[CHAIN_HASH_SIZE] = {0};
        if (s->seq < 0) {
            report(v, 0, _("line %zu of the seal file is not a seal"), i + 1);
            continue;
        }
        if (!seal_verify(s, key)) {
            report(v, 0, _("the seal of %s (line %zu) is not signed by this key"), s->time, i + 1);
            continue;
        }
        if (before)
            seal_line_hash(before, want);
        if (memcmp(want, s->prev, CHAIN_HASH_SIZE) != 0)
            report(v, 0, _("the seal of %s (line %zu) does not follow the one before it: a seal was removed"),
                   s->time, i + 1);
        if (before && s->seq < before->seq)
            report(v, 0, _("the seal of %s (line %zu) covers less than the one before it"), s->time, i + 1);
        before = s;
        seals[kept++] = *s;
    }
    v->seals = seals;
    v->nseals = kept;
}

/* A staff member's powers have one source, gise.staff; PostgreSQL's group
 * membership is derived from it, and a direct GRANT leaves no other trace
 * than this difference. */
static void report_drift(const struct staff_drift *d, void *ctx)
{
    struct verify *v = ctx;
    if (strcmp(d->drift, "missing_membership") == 0)
        report(v, 0, _("staff %s: the staff table gives %s, but the role is not a member of it"), d->role_name,
               d->staff_group);
    else if (strcmp(d->drift, "no_login_role") == 0)
        report(v, 0, _("staff %s: the staff table names a role that does not exist"), d->role_name);
    else
        report(v, 0, _("staff %s: the role is a member of %s, which the staff table does not give it (%s)"),
               d->role_name, d->member_of, d->staff_group[0] ? d->staff_group : _("no staff row"));
}

static int audit_verify(const struct audit_options *o, const struct settings *settings)
{
    char why[600];
    struct seal_key *key = seal_key_public(o->public_key, why, sizeof why);
    if (!key) {
        fprintf(stderr, "gise: %s\n", why);
        return 1;
    }
    struct seal *seals = NULL;
    size_t n = 0;
    int rc = 1;
    struct db *db = NULL;
    if (read_seals(o->seals, &seals, &n, why, sizeof why) != 0) {
        fprintf(stderr, "gise: %s\n", why);
        goto out;
    }
    struct db_error err;
    db = connect_to(o, settings, &err);
    if (!db) {
        fprintf(stderr, "gise: %s\n", explain_plain(&err));
        goto out;
    }
    log_set_login(db_login(db));
    struct verify v = {0};
    check_seals(&v, seals, n, key);
    if (v.nseals == 0)
        report(&v, 0, "%s", _("there is no valid seal: nothing outside the database vouches for the chain"));
    long long unchained;
    if (chain_walk(db, 1, 1, verify_row, &v, &err) != 0 || chain_unchained(db, &unchained, &err) != 0
        || staff_drift_walk(db, report_drift, &v, &err) != 0) {
        fprintf(stderr, "gise: %s\n", explain_plain(&err));
        goto out;
    }
    if (v.nseals > 0 && v.seals[v.nseals - 1].seq > v.last_seq) {
        const struct seal *latest = &v.seals[v.nseals - 1];
        report(&v, 0, _("the chain ends at seq %lld, but the seal of %s covers up to seq %lld: rows were removed "
                        "from its end"), v.last_seq, latest->time, latest->seq);
    }
    printf(_("Checked: chain rows %lld, seals %zu, breaks %lld.\n"), v.rows, v.nseals, v.breaks);
    if (v.nseals > 0) {
        const struct seal *latest = &v.seals[v.nseals - 1];
        long long after = v.last_seq > latest->seq ? v.last_seq - latest->seq : 0;
        printf(_("The last seal (%s) covers the chain up to seq %lld. The next seal will cover the rest: "
                 "chained rows after it %lld, rows not chained yet %lld.\n"),
               latest->time, latest->seq, after, unchained);
    }
    log_event(LOG_AUDIT_VERIFY, "rows=%lld seals=%zu breaks=%lld", v.rows, v.nseals, v.breaks);
    rc = v.breaks ? 1 : 0;
out:
    db_free(db);
    free(seals);
    seal_key_free(key);
    return rc;
}

int audit_main(int argc, char **argv)
{
    i18n_init(NULL);
    struct audit_options o;
    int rc = parse(argc, argv, &o);
    if (rc != 0)
        return rc > 0 ? 0 : EXIT_USAGE;
    /* The database and syslog come from the settings, as for every gise. */
    struct settings settings;
    settings_init(&settings);
    char why[600], user[4096];
    settings_user_file(user, sizeof user);
    if (settings_read_file(&settings, settings_system_file(), false, why, sizeof why) != 0 ||
        (user[0] && settings_read_file(&settings, user, false, why, sizeof why) != 0) ||
        settings_read_environment(&settings, why, sizeof why) != 0) {
        fprintf(stderr, "gise: %s\n", why);
        settings_free(&settings);
        return EXIT_USAGE;
    }
    log_open(&settings, NULL);
    rc = strcmp(o.command, "seal") == 0 ? audit_seal(&o, &settings) : audit_verify(&o, &settings);
    log_close();
    settings_free(&settings);
    return rc;
}
