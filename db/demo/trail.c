#include "db/demo/trail.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "db/demo/calendar.h"
#include "db/demo/jsonb_text.h"

enum { HASH = 32, ROW_TEXT = 4096, FIELD = 768 };

static const char *const status_codes[] = {
    "received", "in_review", "awaiting_documents", "lapsed", "escalated",
    "awaiting_countersign", "approved", "rejected", "completed", "withdrawn",
};

static const char *const action_codes[] = {
    "open", "review", "document", "deficiency", "arrived", "approve", "reject",
    "escalate", "decide", "countersign", "complete", "withdraw", "lapse",
};

static const char *const withdraw_reasons[] = {
    "Vatandaş başvurusundan vazgeçti.",
    "Vatandaş başka bir ile taşındı; başvuruyu orada yapacak.",
    "Vatandaş belgeleri tamamlayamayacağını bildirdi.",
    "Aynı hizmet için e-Devlet üzerinden başvurdu.",
};

/* The login of the daily lapse run (db/systemd/gise-lapse.service). */
static const char scheduler_role[] = "gise_lapse";
/* What the clerk's screen names when it opens the citizen's record. */
static const char visit_screen[] = "citizen-detail";

const char *demo_low_risk_rule(void)
{
    return "low risk: every mandatory document checked";
}

void demo_escalation_rule(uint64_t escalation, char *out, size_t size)
{
    snprintf(out, size, "escalation %" PRIu64 " approved by a supervisor", escalation);
}

const char *demo_status_code(enum demo_status s)
{
    return status_codes[s];
}

const char *demo_withdraw_reason(int i)
{
    return withdraw_reasons[i];
}

int demo_withdraw_reasons(void)
{
    return (int)(sizeof withdraw_reasons / sizeof *withdraw_reasons);
}

static void *need(void *p)
{
    if (!p) {
        fprintf(stderr, "gen_demo: out of memory\n");
        exit(1);
    }
    return p;
}

void trail_init(struct trail *t, const struct world *w, size_t apps, const char *xact)
{
    memset(t, 0, sizeof *t);
    t->world = w;
    t->apps = apps;
    t->citizen = need(calloc(apps + 1, sizeof *t->citizen));
    t->service = need(calloc(apps + 1, 1));
    t->office = need(calloc(apps + 1, 1));
    snprintf(t->xact, sizeof t->xact, "%s", xact);
}

void trail_app(struct trail *t, uint32_t app, uint32_t citizen, int service, int office)
{
    t->citizen[app] = citizen;
    t->service[app] = (uint8_t)service;
    t->office[app] = (uint8_t)office;
}

struct trail_event *trail_add(struct trail *t)
{
    if (t->count == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 1 << 16;
        t->events = need(realloc(t->events, t->cap * sizeof *t->events));
    }
    struct trail_event *e = &t->events[t->count++];
    memset(e, 0, sizeof *e);
    return e;
}

static int by_time(const void *a, const void *b)
{
    const struct trail_event *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    if (x->app != y->app)
        return x->app < y->app ? -1 : 1;
    return (int)x->order - (int)y->order;
}

/* ---- the text of a row ---------------------------------------------------- */

/* Each value goes into a small buffer of its own, the members point at them. */
struct values {
    char buf[10][FIELD];
    int used;
};

static struct text value(struct values *v)
{
    if (v->used == 10) {
        fprintf(stderr, "gen_demo: too many values in one row\n");
        exit(1);
    }
    return (struct text){v->buf[v->used++], 0, FIELD};
}

static const char *number(struct values *v, uint64_t n)
{
    struct text t = value(v);
    text_u64(&t, n);
    return t.p;
}

static const char *string(struct values *v, const char *s)
{
    struct text t = value(v);
    text_json_string(&t, s);
    return t.p;
}

/* The time as to_jsonb writes a timestamptz in UTC, quoted. */
static const char *json_time(struct values *v, uint32_t at)
{
    struct text t = value(v);
    t.p[0] = '"';
    calendar_utc_text((int64_t)at + TRAIL_EPOCH, true, t.p + 1, FIELD - 2);
    strcat(t.p, "\"");
    return t.p;
}

static const char *json_day(struct values *v, uint32_t day)
{
    struct text t = value(v);
    t.p[0] = '"';
    calendar_date_text(day, t.p + 1, FIELD - 2);
    strcat(t.p, "\"");
    return t.p;
}

/* ["CODE", ...] of the documents in `mask`, in checklist order. */
static const char *codes_of(struct values *v, const struct world_service *s, uint16_t mask)
{
    struct text t = value(v);
    text_put(&t, "[", 1);
    for (int i = 0; i < s->doc_count; i++) {
        if (!(mask & (1u << i)))
            continue;
        if (t.len > 1)
            text_put(&t, ", ", 2);
        text_json_string(&t, s->docs[i].code);
    }
    text_put(&t, "]", 1);
    return t.p;
}

/* The details of an audit row as the step's SQL function writes them
 * (0005, 0011, 0016, 0020: jsonb_build_object of what it did, || from
 * and to), with the nulls it keeps (kept), and without them for the hash. */
static void details(const struct trail *t, const struct trail_event *e, struct text *kept, struct text *stripped)
{
    const struct world *w = t->world;
    const struct world_service *svc = &w->services[t->service[e->app]];
    struct jsonb_field f[12];
    struct values v;
    v.used = 0;
    int n = 0;
    switch ((enum demo_action)e->action) {
    case DEMO_OPEN:
        f[n++] = (struct jsonb_field){"service", string(&v, svc->code)};
        f[n++] = (struct jsonb_field){"received", codes_of(&v, svc, e->mask)};
        break;
    case DEMO_DOCUMENT:
        f[n++] = (struct jsonb_field){"document", string(&v, svc->docs[e->mask].code)};
        f[n++] = (struct jsonb_field){"received", "true"};
        f[n++] = (struct jsonb_field){"checked", "true"};
        break;
    case DEMO_DEFICIENCY:
        f[n++] = (struct jsonb_field){"notice", number(&v, e->ref)};
        f[n++] = (struct jsonb_field){"missing", codes_of(&v, svc, e->mask)};
        f[n++] = (struct jsonb_field){"deadline", json_day(&v, e->ref2)};
        break;
    case DEMO_APPROVE:
        f[n++] = (struct jsonb_field){"rule", string(&v, demo_low_risk_rule())};
        f[n++] = (struct jsonb_field){"waived", "[]"};
        break;
    case DEMO_REJECT:
        f[n++] = (struct jsonb_field){"reason", string(&v, w->reasons[e->code].code)};
        break;
    case DEMO_ESCALATE:
        f[n++] = (struct jsonb_field){"requested", e->code ? "\"reject\"" : "\"approve\""};
        f[n++] = (struct jsonb_field){"reason_code", e->code ? string(&v, w->reasons[e->code - 1].code) : NULL};
        f[n++] = (struct jsonb_field){"waives", "[]"};
        break;
    case DEMO_DECIDE:
        f[n++] = (struct jsonb_field){"escalation", number(&v, e->ref)};
        f[n++] = (struct jsonb_field){"decision", e->code & DECIDE_APPROVED ? "\"approved\"" : "\"denied\""};
        f[n++] = (struct jsonb_field){"requested", e->code & DECIDE_ASKED_REJECT ? "\"reject\"" : "\"approve\""};
        if (!(e->code & DECIDE_APPROVED)) {
            f[n++] = (struct jsonb_field){"waives", NULL};
        } else if (!(e->code & DECIDE_ASKED_REJECT)) {
            char rule[96];
            demo_escalation_rule(e->ref, rule, sizeof rule);
            f[n++] = (struct jsonb_field){"rule", string(&v, rule)};
            f[n++] = (struct jsonb_field){"waived", "[]"};
            if (e->ref2)
                f[n++] = (struct jsonb_field){"countersign", number(&v, e->ref2)};
        }
        break;
    case DEMO_COUNTERSIGN:
        f[n++] = (struct jsonb_field){"countersign", number(&v, e->ref)};
        f[n++] = (struct jsonb_field){"decision", "\"countersigned\""};
        f[n++] = (struct jsonb_field){"approved_by", number(&v, (uint64_t)w->staff[e->code].id)};
        break;
    case DEMO_WITHDRAW:
        f[n++] = (struct jsonb_field){"reason", string(&v, withdraw_reasons[e->code])};
        break;
    case DEMO_LAPSE:
        f[n++] = (struct jsonb_field){"notice", number(&v, e->ref)};
        f[n++] = (struct jsonb_field){"deadline", json_day(&v, e->ref2)};
        f[n++] = (struct jsonb_field){"by", "\"scheduler\""};
        break;
    case DEMO_REVIEW:
    case DEMO_ARRIVED:
    case DEMO_COMPLETE:
    case DEMO_VISIT:
        break;
    }
    if (e->action != DEMO_OPEN) {
        f[n++] = (struct jsonb_field){"from", string(&v, status_codes[e->from])};
        f[n++] = (struct jsonb_field){"to", string(&v, status_codes[e->to])};
    }
    jsonb_object(kept, f, n, false);
    jsonb_object(stripped, f, n, true);
}

static const char *actor_of(const struct trail *t, const struct trail_event *e)
{
    return e->actor == TRAIL_SCHEDULER ? scheduler_role : t->world->staff[e->actor].role;
}

/* The first fields of a log row's COPY line: id, at, actor. */
static void line_start(struct text *line, uint64_t id, uint32_t at, const char *actor)
{
    char when[40];
    calendar_utc_text((int64_t)at + TRAIL_EPOCH, false, when, sizeof when);
    text_u64(line, id);
    text_put(line, "\t", 1);
    text_str(line, when);
    text_put(line, "\t", 1);
    text_str(line, actor);
    text_put(line, "\t", 1);
}

/* The audit row: its COPY line to `line`, its hashed text ("audit {...}")
 * to `hashed`. */
static void audit_row(const struct trail *t, const struct trail_event *e, uint64_t id, struct text *line,
                      struct text *hashed)
{
    char kept_buf[ROW_TEXT], stripped_buf[ROW_TEXT];
    struct text kept = {kept_buf, 0, sizeof kept_buf}, stripped = {stripped_buf, 0, sizeof stripped_buf};
    details(t, e, &kept, &stripped);
    line_start(line, id, e->at, actor_of(t, e));
    text_str(line, action_codes[e->action]);
    text_str(line, "\tapplication\t");
    text_u64(line, e->app);
    text_put(line, "\t", 1);
    text_u64(line, e->app);
    text_put(line, "\t", 1);
    text_copy_field(line, kept.p);
    text_put(line, "\n", 1);

    struct values v;
    v.used = 0;
    const char *app = number(&v, e->app);
    struct jsonb_field row[] = {
        {"id", number(&v, id)},
        {"at", json_time(&v, e->at)},
        {"actor", string(&v, actor_of(t, e))},
        {"action", string(&v, action_codes[e->action])},
        {"entity", "\"application\""},
        {"entity_id", app},
        {"application_id", app},
        {"details", stripped.p},
    };
    text_str(hashed, "audit ");
    jsonb_object(hashed, row, (int)(sizeof row / sizeof *row), true);
}

/* The access row of a visit: its COPY line (when line is not NULL), its
 * hashed text ("access {...}"). */
static void access_row(const struct trail *t, const struct trail_event *e, uint64_t id, struct text *line,
                       struct text *hashed)
{
    const struct world *w = t->world;
    int office_id = w->offices[t->office[e->app]].id;
    if (line) {
        line_start(line, id, e->at, actor_of(t, e));
        text_u64(line, t->citizen[e->app]);
        text_put(line, "\t", 1);
        text_str(line, visit_screen);
        text_str(line, "\topen\t");
        text_str(line, w->purpose);
        text_put(line, "\t", 1);
        text_u64(line, (uint64_t)office_id);
        text_put(line, "\t", 1);
        text_str(line, t->xact);
        text_put(line, "\n", 1);
    }
    struct values v;
    v.used = 0;
    struct jsonb_field row[] = {
        {"id", number(&v, id)},
        {"at", json_time(&v, e->at)},
        {"actor", string(&v, actor_of(t, e))},
        {"citizen_id", number(&v, t->citizen[e->app])},
        {"screen", string(&v, visit_screen)},
        {"kind", "\"open\""},
        {"purpose", string(&v, w->purpose)},
        {"office_id", number(&v, (uint64_t)office_id)},
        {"xact", string(&v, t->xact)},
    };
    text_str(hashed, "access ");
    jsonb_object(hashed, row, (int)(sizeof row / sizeof *row), true);
}

/* ---- the chain -------------------------------------------------------------- */

struct chain {
    EVP_MD_CTX *ctx;
    EVP_MD *sha256;
    uint64_t seq;
    unsigned char head[HASH];
    FILE *f;
};

static void digest(struct chain *c, const void *data, size_t len, unsigned char out[HASH])
{
    unsigned int n = HASH;
    if (!EVP_DigestInit_ex(c->ctx, c->sha256, NULL) || !EVP_DigestUpdate(c->ctx, data, len) ||
        !EVP_DigestFinal_ex(c->ctx, out, &n)) {
        fprintf(stderr, "gen_demo: sha256 failed\n");
        exit(1);
    }
}

/* COPY's binary format (chain.bin): big-endian integers, each field its
 * length and bytes. Half the size of hex text, and read twice as fast. */
static void put_be(unsigned char *p, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        p[i] = (unsigned char)(v >> (8 * (bytes - 1 - i)));
}

static void binary_header(FILE *f)
{
    static const unsigned char header[19] = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', 0377, '\r', '\n', 0};
    fwrite(header, 1, sizeof header, f);    /* the signature, no flags, no extension */
}

static void binary_trailer(FILE *f)
{
    static const unsigned char end[2] = {0xff, 0xff};
    fwrite(end, 1, sizeof end, f);
}

/* Appends the row whose hashed text is `text` to the chain: seq, source,
 * source_id, row_hash, prev_hash, hash. */
static void chain_add(struct chain *c, const char *source, uint64_t id, const struct text *text)
{
    unsigned char row_hash[HASH], link[2 * HASH + 8], hash[HASH];
    digest(c, text->p, text->len, row_hash);
    c->seq++;
    memcpy(link, c->head, HASH);
    put_be(link + HASH, c->seq, 8);     /* int8send */
    memcpy(link + HASH + 8, row_hash, HASH);
    digest(c, link, sizeof link, hash);
    unsigned char row[2 + 3 * (4 + 8) + 3 * (4 + HASH)], *p = row;
    size_t source_len = strlen(source);
    put_be(p, 6, 2), p += 2;
    put_be(p, 8, 4), put_be(p + 4, c->seq, 8), p += 12;
    put_be(p, source_len, 4), p += 4;
    memcpy(p, source, source_len), p += source_len;
    put_be(p, 8, 4), put_be(p + 4, id, 8), p += 12;
    const unsigned char *hashes[] = {row_hash, c->head, hash};
    for (int i = 0; i < 3; i++) {
        put_be(p, HASH, 4);
        memcpy(p + 4, hashes[i], HASH);
        p += 4 + HASH;
    }
    fwrite(row, 1, (size_t)(p - row), c->f);
    memcpy(c->head, hash, HASH);
}

/* ---- writing ------------------------------------------------------------------ */

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "gen_demo: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    return f;
}

static void close_out(FILE *f, const char *name)
{
    if (ferror(f) || fclose(f) != 0) {
        fprintf(stderr, "gen_demo: writing %s failed\n", name);
        exit(1);
    }
}

void trail_write(struct trail *t, const char *dir, long long *audit, long long *access)
{
    qsort(t->events, t->count, sizeof *t->events, by_time);
    FILE *audit_f = open_out(dir, "audit.tsv"), *access_f = open_out(dir, "access.tsv");
    struct chain c = {.ctx = EVP_MD_CTX_new(), .sha256 = EVP_MD_fetch(NULL, "SHA256", NULL),
                      .f = open_out(dir, "chain.bin")};
    if (!c.ctx || !c.sha256) {
        fprintf(stderr, "gen_demo: no sha256 in libcrypto\n");
        exit(1);
    }
    binary_header(c.f);
    char line_buf[ROW_TEXT], hashed_buf[ROW_TEXT];
    uint64_t audit_id = 0, access_id = 0;
    for (size_t i = 0; i < t->count; i++) {
        const struct trail_event *e = &t->events[i];
        struct text line = {line_buf, 0, sizeof line_buf}, hashed = {hashed_buf, 0, sizeof hashed_buf};
        if (e->action == DEMO_VISIT) {
            access_row(t, e, ++access_id, &line, &hashed);
            fwrite(line.p, 1, line.len, access_f);
        } else {
            audit_row(t, e, ++audit_id, &line, &hashed);
            fwrite(line.p, 1, line.len, audit_f);
            chain_add(&c, "audit", audit_id, &hashed);
        }
    }
    /* The chainer takes the audit rows, then the access rows. */
    access_id = 0;
    for (size_t i = 0; i < t->count; i++) {
        const struct trail_event *e = &t->events[i];
        if (e->action == DEMO_VISIT) {
            struct text hashed = {hashed_buf, 0, sizeof hashed_buf};
            access_row(t, e, ++access_id, NULL, &hashed);
            chain_add(&c, "access", access_id, &hashed);
        }
    }
    close_out(audit_f, "audit.tsv");
    close_out(access_f, "access.tsv");
    binary_trailer(c.f);
    close_out(c.f, "chain.bin");
    EVP_MD_free(c.sha256);
    EVP_MD_CTX_free(c.ctx);
    *audit = (long long)audit_id;
    *access = (long long)access_id;
}
