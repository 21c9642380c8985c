#include "app/core/drafts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "app/core/draft_journal.h"
#include "app/core/session.h"
#include "app/core/steps.h"
#include "i18n/text/i18n.h"
#include "i18n/text/idle.h"
#include "i18n/text/labels.h"

enum { MAX_OFFERS = 64 };

/* A snapshot per key: a 4000-character text typed key by key writes some
 * 8 MB. Past this size the journal is rewritten with the latest snapshot
 * of each draft (a few kilobytes). */
enum { JOURNAL_REWRITE_BYTES = 1 << 20 };

/* One key's draft as this session knows it. */
struct kept {
    struct draft d;         /* the key always; the fields while live */
    bool live;
    bool unsaved;           /* the database does not have this version yet */
    bool discard_pending;   /* gone, but the database may still hold a copy */
    bool refused;           /* the database refused this version: not tried again */
    double due_ms;          /* when to try the database (monotonic) */
};

struct drafts {
    struct draft_journal journal;
    bool journal_open;
    bool journal_failed;    /* a write failed: said once */
    struct kept *items;
    size_t count, cap;
    struct draft offers[MAX_OFFERS];   /* keys only */
    int64_t origins[MAX_OFFERS];       /* what was opened to queue each: 0 at sign-in */
    size_t offer_count;
    bool hold;
};

static long long wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long expiry_ms(void)
{
    return wall_ms() - (long long)DRAFTS_KEEP_DAYS * 24 * 3600 * 1000;
}

static struct kept *find(const struct drafts *ds, const char *kind, int64_t target)
{
    for (size_t i = 0; ds && i < ds->count; i++)
        if (ds->items[i].d.target == target && strcmp(ds->items[i].d.kind, kind) == 0)
            return &ds->items[i];
    return NULL;
}

/* A new item for d's key (its fields not taken). NULL when memory runs out. */
static struct kept *add(struct drafts *ds, const struct draft *key)
{
    if (ds->count == ds->cap) {
        size_t cap = ds->cap ? ds->cap * 2 : 8;
        struct kept *grown = realloc(ds->items, cap * sizeof *grown);
        if (!grown)
            return NULL;
        ds->items = grown;
        ds->cap = cap;
    }
    struct kept *k = &ds->items[ds->count++];
    memset(k, 0, sizeof *k);
    snprintf(k->d.kind, sizeof k->d.kind, "%s", key->kind);
    k->d.target = key->target;
    return k;
}

/* Forgets item k altogether (nothing of it is left anywhere). */
static void forget(struct drafts *ds, struct kept *k)
{
    draft_free(&k->d);
    *k = ds->items[--ds->count];
}

/* The journal said once that it cannot be written. */
static void journal_trouble(struct session *s, struct drafts *ds)
{
    if (ds->journal_failed)
        return;
    ds->journal_failed = true;
    session_error(s, _("What you type cannot be written to %s (%s); it is kept in the database only."),
                  ds->journal.path, strerror(errno));
}

static void journal_compact(struct session *s, struct drafts *ds);

static void journal_save(struct session *s, struct drafts *ds, const struct draft *d)
{
    if (ds->journal_open && draft_journal_save(&ds->journal, d) != 0)
        journal_trouble(s, ds);
    else if (ds->journal_open && draft_journal_size(&ds->journal) > JOURNAL_REWRITE_BYTES)
        journal_compact(s, ds);
}

static void journal_gone(struct session *s, struct drafts *ds, const struct draft *d, bool pending)
{
    if (ds->journal_open && draft_journal_gone(&ds->journal, d->kind, d->target, d->typed_at_ms, pending) != 0)
        journal_trouble(s, ds);
}

/* Rewrites the journal so that what is gone leaves the disk. */
static void journal_compact(struct session *s, struct drafts *ds)
{
    if (ds->journal_open && draft_journal_recover(&ds->journal, expiry_ms(), NULL, NULL) != 0)
        journal_trouble(s, ds);
}

/* Takes the fields of `from` (emptied) as k's live version. */
static void take(struct kept *k, struct draft *from)
{
    draft_free(&k->d);
    k->d = *from;
    from->count = 0;
    k->live = true;
    k->discard_pending = false;
    k->refused = false;
}

/* Saves k to the database now. The step it was for committed: gone. */
static void save(struct session *s, struct drafts *ds, struct kept *k)
{
    bool kept;
    struct db_error err;
    if (draft_db_save(s->db, &k->d, &kept, &err) != 0) {
        if (err.kind == DB_CONNECTION_LOST || err.kind == DB_CANCELLED) {
            k->due_ms = monotonic_ms() + DRAFTS_RETRY_MS;
            return;
        }
        k->refused = true;
        k->unsaved = false;
        session_error(s, _("A draft is kept on this machine only: %s"), session_explain(s, &err));
        return;
    }
    k->unsaved = false;
    if (!kept) {
        journal_gone(s, ds, &k->d, false);
        forget(ds, k);
        journal_compact(s, ds);
    } else if (ds->journal_open) {
        draft_journal_saved(&ds->journal, k->d.kind, k->d.target, k->d.typed_at_ms);
    }
}

/* Discards k's copy in the database now; forgotten once it is gone there. */
static void discard_in_db(struct session *s, struct drafts *ds, struct kept *k)
{
    struct db_error err;
    if (draft_db_discard(s->db, k->d.kind, k->d.target, k->d.typed_at_ms, &err) != 0) {
        k->due_ms = monotonic_ms() + DRAFTS_RETRY_MS;
        return;
    }
    journal_gone(s, ds, &k->d, false);
    forget(ds, k);
    journal_compact(s, ds);
}

/* Start ------------------------------------------------------------------ */

/* Key by key, the journal's latest state against the database's copy. */
static void merge_entry(struct session *s, struct drafts *ds, struct journal_entry *e, struct draft *in_db)
{
    struct kept *k = add(ds, &e->draft);
    if (!k)
        return;
    if (e->gone && e->pending && (!in_db || in_db->typed_at_ms <= e->draft.typed_at_ms)) {
        k->d.typed_at_ms = e->draft.typed_at_ms;     /* discarded here, not there yet */
        k->discard_pending = true;
        discard_in_db(s, ds, k);
    } else if (in_db && (e->gone || in_db->typed_at_ms >= e->draft.typed_at_ms)) {
        take(k, in_db);                              /* the newer is the database's */
    } else if (!e->gone && !in_db && e->saved) {
        /* Saved once and gone from the database since: its step was taken
         * or it was discarded at another terminal. */
        journal_gone(s, ds, &e->draft, false);
        forget(ds, k);
    } else if (!e->gone) {
        take(k, &e->draft);                          /* the newer is the journal's */
        k->unsaved = true;
        save(s, ds, k);
    } else {
        forget(ds, k);
    }
}

static void load(struct session *s, struct drafts *ds)
{
    struct journal_entry *entries = NULL;
    struct draft *in_db = NULL;
    size_t entry_count = 0, db_count = 0;
    struct db_error err;
    if (ds->journal_open && draft_journal_recover(&ds->journal, expiry_ms(), &entries, &entry_count) != 0)
        journal_trouble(s, ds);
    if (draft_db_list(s->db, &in_db, &db_count, &err) != 0)
        session_error(s, _("Your drafts could not be read from the database: %s"), session_explain(s, &err));
    for (size_t i = 0; i < entry_count; i++) {
        struct draft *match = NULL;
        for (size_t j = 0; j < db_count && !match; j++)
            if (draft_same_key(&in_db[j], &entries[i].draft))
                match = &in_db[j];
        merge_entry(s, ds, &entries[i], match);
        if (match)
            match->kind[0] = '\0';       /* taken care of */
    }
    for (size_t j = 0; j < db_count; j++) {
        struct kept *k = in_db[j].kind[0] ? add(ds, &in_db[j]) : NULL;
        if (k)
            take(k, &in_db[j]);
    }
    for (size_t j = 0; j < db_count; j++)
        draft_free(&in_db[j]);
    free(in_db);
    draft_journal_entries_free(entries, entry_count);
    journal_compact(s, ds);
}

int drafts_start(struct session *s)
{
    /* Only those who fill in forms keep drafts (0022 grants them so). */
    if (!s->me.changes_applications)
        return 0;
    struct drafts *ds = calloc(1, sizeof *ds);
    if (!ds) {
        session_error(s, "%s", _("Out of memory."));
        return -1;
    }
    ds->journal.fd = ds->journal.dir_fd = -1;
    s->drafts = ds;
    const char *dir = s->settings ? s->settings->drafts : NULL;
    char why[600];
    if (!dir)
        session_error(s, "%s", _("Drafts are kept in the database only: no drafts directory is set and there is no home directory."));
    else if (draft_journal_open(&ds->journal, dir, s->me.role_name ? s->me.role_name : "", why, sizeof why) != 0)
        session_error(s, _("Drafts are kept in the database only: %s."), why);
    else
        ds->journal_open = true;
    load(s, ds);
    drafts_offer_all(s);
    return 0;
}

void drafts_stop(struct session *s, int within_ms)
{
    struct drafts *ds = s->drafts;
    if (!ds)
        return;
    double deadline = monotonic_ms() + within_ms;
    for (size_t i = 0; i < ds->count; i++) {
        struct kept *k = &ds->items[i];
        int left = (int)(deadline - monotonic_ms());
        if (!k->live || !k->unsaved || k->refused || left <= 0 || !db_is_connected(s->db))
            continue;
        bool kept;
        struct db_error err;
        if (draft_db_save_within(s->db, &k->d, left, &kept, &err) != 0 && err.kind == DB_CANCELLED)
            break;      /* no answer in time: the connection is not used again */
        if (!kept)
            journal_gone(s, ds, &k->d, false);
        else if (err.kind == DB_OK && ds->journal_open)
            draft_journal_saved(&ds->journal, k->d.kind, k->d.target, k->d.typed_at_ms);
    }
    for (size_t i = 0; i < ds->count; i++)
        draft_free(&ds->items[i].d);
    free(ds->items);
    draft_journal_close(&ds->journal);
    free(ds);
    s->drafts = NULL;
}

/* Typing ----------------------------------------------------------------- */

void drafts_note(struct session *s, struct draft *d, bool keep)
{
    struct drafts *ds = s->drafts;
    struct kept *k = find(ds, d->kind, d->target);
    if (!ds || (!keep && (!k || !k->live)) || (keep && k && k->live && draft_same_fields(&k->d, d) &&
                                               strcmp(k->d.request_id, d->request_id) == 0)) {
        draft_free(d);
        return;
    }
    if (!k && !(k = add(ds, d))) {
        draft_free(d);
        return;
    }
    if (!keep) {            /* emptied: nothing is worth keeping any more */
        draft_free(d);
        draft_free(&k->d);
        k->live = false;
        k->unsaved = false;
        k->discard_pending = true;
        k->d.typed_at_ms = wall_ms();
        k->due_ms = monotonic_ms() + DRAFTS_SAVE_DELAY_MS;
        journal_gone(s, ds, &k->d, true);
        return;
    }
    d->typed_at_ms = wall_ms();
    take(k, d);
    k->unsaved = true;
    k->due_ms = monotonic_ms() + DRAFTS_SAVE_DELAY_MS;
    journal_save(s, ds, &k->d);
}

int drafts_next_timeout(const struct session *s)
{
    const struct drafts *ds = s->drafts;
    double now = monotonic_ms(), first = -1;
    for (size_t i = 0; ds && i < ds->count; i++) {
        const struct kept *k = &ds->items[i];
        if ((k->unsaved && !k->refused) || k->discard_pending)
            if (first < 0 || k->due_ms < first)
                first = k->due_ms;
    }
    if (first < 0)
        return -1;
    return first <= now ? 0 : (int)(first - now) + 1;
}

void drafts_tick(struct session *s)
{
    struct drafts *ds = s->drafts;
    double now = monotonic_ms();
    if (ds && (!db_is_connected(s->db) || db_busy(s->db))) {
        /* Not now: after the answer on its way, or the reconnection. */
        int wait = db_busy(s->db) ? 100 : DRAFTS_RETRY_MS;
        for (size_t i = 0; i < ds->count; i++)
            if (ds->items[i].due_ms <= now)
                ds->items[i].due_ms = now + wait;
        return;
    }
    for (size_t i = ds ? ds->count : 0; i-- > 0;) {
        struct kept *k = &ds->items[i];
        if (k->due_ms > now)
            continue;
        if (k->discard_pending)
            discard_in_db(s, ds, k);
        else if (k->live && k->unsaved && !k->refused)
            save(s, ds, k);
    }
}

void drafts_save_now(struct session *s)
{
    struct drafts *ds = s->drafts;
    double now = monotonic_ms();
    for (size_t i = 0; ds && i < ds->count; i++)
        if (ds->items[i].due_ms > now)
            ds->items[i].due_ms = now;
    drafts_tick(s);
}

void drafts_done(struct session *s, const char *kind, int64_t target)
{
    struct drafts *ds = s->drafts;
    struct kept *k = find(ds, kind, target);
    if (!k)
        return;
    journal_gone(s, ds, &k->d, false);
    forget(ds, k);
    journal_compact(s, ds);
}

void drafts_discard(struct session *s, const char *kind, int64_t target)
{
    struct drafts *ds = s->drafts;
    struct kept *k = find(ds, kind, target);
    if (!k)
        return;
    draft_free(&k->d);
    k->live = false;
    k->unsaved = false;
    k->discard_pending = true;
    journal_gone(s, ds, &k->d, true);
    discard_in_db(s, ds, k);
}

const struct draft *drafts_find(const struct session *s, const char *kind, int64_t target)
{
    const struct kept *k = find(s->drafts, kind, target);
    return k && k->live ? &k->d : NULL;
}

/* Offers ------------------------------------------------------------------ */

static void queue(struct drafts *ds, const struct draft *d, int64_t origin)
{
    for (size_t i = 0; i < ds->offer_count; i++)
        if (draft_same_key(&ds->offers[i], d))
            return;
    if (ds->offer_count == MAX_OFFERS)
        return;
    ds->origins[ds->offer_count] = origin;
    struct draft *o = &ds->offers[ds->offer_count++];
    memset(o, 0, sizeof *o);
    snprintf(o->kind, sizeof o->kind, "%s", d->kind);
    o->target = d->target;
    o->typed_at_ms = d->typed_at_ms;
}

static int newest_first(const void *a, const void *b)
{
    long long x = ((const struct kept *)a)->d.typed_at_ms, y = ((const struct kept *)b)->d.typed_at_ms;
    return x < y ? 1 : x > y ? -1 : 0;
}

void drafts_offer_all(struct session *s)
{
    struct drafts *ds = s->drafts;
    if (!ds)
        return;
    if (ds->count > 1)           /* none yet: items is NULL, which qsort may not take */
        qsort(ds->items, ds->count, sizeof *ds->items, newest_first);
    for (size_t i = 0; i < ds->count; i++)
        if (ds->items[i].live)
            queue(ds, &ds->items[i].d, 0);
}

void drafts_offer_for(struct session *s, int64_t id, bool citizen)
{
    struct drafts *ds = s->drafts;
    for (size_t i = 0; ds && !ds->hold && i < ds->count; i++) {
        const struct draft *d = &ds->items[i].d;
        bool new_application = strcmp(d->kind, DRAFT_KIND_OPEN) == 0;
        if (ds->items[i].live && d->target == id && new_application == citizen)
            queue(ds, d, id);
    }
}

void drafts_offers_clear(struct session *s)
{
    if (s->drafts)
        s->drafts->offer_count = 0;
}

void drafts_hold_offers(struct session *s, bool hold)
{
    if (s->drafts)
        s->drafts->hold = hold;
}

bool drafts_offer_waiting(const struct session *s)
{
    const struct drafts *ds = s->drafts;
    for (size_t i = 0; ds && i < ds->offer_count; i++)
        if (drafts_find(s, ds->offers[i].kind, ds->offers[i].target))
            return true;
    return false;
}

bool drafts_next_offer(struct session *s, struct draft *out, int64_t *origin)
{
    struct drafts *ds = s->drafts;
    while (ds && ds->offer_count > 0) {
        struct draft key = ds->offers[0];
        *origin = ds->origins[0];
        ds->offer_count--;
        memmove(ds->offers, ds->offers + 1, ds->offer_count * sizeof *ds->offers);
        memmove(ds->origins, ds->origins + 1, ds->offer_count * sizeof *ds->origins);
        const struct draft *d = drafts_find(s, key.kind, key.target);
        if (d && draft_copy(out, d) == 0)
            return true;
    }
    return false;
}

/* Words ------------------------------------------------------------------- */

/* The steps a draft is kept for, and what each form calls its text. */
static const struct {
    const char *kind;
    const char *text_label;     /* msgid; NULL: the form has no text */
} kinds[] = {
    {"reject", N_("Explanation")}, {"deficiency", N_("Note")}, {"escalate", N_("Why")},
    {"decide", N_("Comment")}, {"countersign", N_("Comment")}, {"withdraw", N_("Reason")},
    {DRAFT_KIND_OPEN, NULL},
};

/* The offer's sentence for the kind at kinds[i]: number, time, count. */
static const char *offer_format(size_t i, unsigned long n)
{
    switch (i) {
    case 0: return ngettext("Unfinished rejection of %s, typed %s (%s character).",
                            "Unfinished rejection of %s, typed %s (%s characters).", n);
    case 1: return ngettext("Unfinished deficiency notice for %s, typed %s (%s character).",
                            "Unfinished deficiency notice for %s, typed %s (%s characters).", n);
    case 2: return ngettext("Unfinished escalation of %s, typed %s (%s character).",
                            "Unfinished escalation of %s, typed %s (%s characters).", n);
    case 3: return ngettext("Unfinished decision on the escalation of %s, typed %s (%s character).",
                            "Unfinished decision on the escalation of %s, typed %s (%s characters).", n);
    case 4: return ngettext("Unfinished countersignature of %s, typed %s (%s character).",
                            "Unfinished countersignature of %s, typed %s (%s characters).", n);
    case 5: return ngettext("Unfinished withdrawal of %s, typed %s (%s character).",
                            "Unfinished withdrawal of %s, typed %s (%s characters).", n);
    default: return ngettext("Unfinished new application (%s), typed %s (%s document ticked).",
                             "Unfinished new application (%s), typed %s (%s documents ticked).", n);
    }
}

static size_t kind_index(const char *kind)
{
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(kinds[i].kind, kind) == 0)
            return i;
    return 0;
}

/* How many documents a space-separated list of codes names. */
static size_t words_in(const char *text)
{
    size_t n = 0;
    for (const char *p = text; p && *p; p++)
        n += *p != ' ' && (p == text || p[-1] == ' ');
    return n;
}

void drafts_key(struct draft *d, const char *kind, int64_t target, const char *label)
{
    memset(d, 0, sizeof *d);
    snprintf(d->kind, sizeof d->kind, "%s", kind);
    d->target = target;
    snprintf(d->label, sizeof d->label, "%s", label ? label : "");
}

void drafts_list_add(char *out, size_t size, const char *code)
{
    size_t len = strlen(out);
    snprintf(out + len, size - len, "%s%s", len ? "," : "", code);
}

bool drafts_list_has(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, ",");
        if (len == n && strncmp(p, code, n) == 0)
            return true;
        p += len + (p[len] == ',');
    }
    return false;
}

void drafts_typed_when(const struct session *s, const struct draft *d, char *out, size_t size)
{
    char day[16], today[16];
    time_t at = (time_t)(d->typed_at_ms / 1000), now = time(NULL);
    struct tm t, t_now;
    localtime_r(&at, &t);
    localtime_r(&now, &t_now);
    strftime(day, sizeof day, "%Y-%m-%d", &t);
    strftime(today, sizeof today, "%Y-%m-%d", &t_now);
    if (strcmp(day, today) == 0) {
        strftime(out, size, "%H:%M", &t);
        return;
    }
    format_date(s->lang, day, out, size);
    size_t len = strlen(out);
    strftime(out + len, size - len, " %H:%M", &t);
}

void drafts_describe(const struct session *s, const struct draft *d, char *out, size_t size)
{
    size_t i = kind_index(d->kind);
    const char *text = draft_get(d, i == sizeof kinds / sizeof *kinds - 1 ? "brought" : "text");
    unsigned long long n = kinds[i].text_label ? u8_mbsnlen((const uint8_t *)(text ? text : ""), text ? strlen(text) : 0)
                                               : words_in(text);
    char count[32], when[48];
    format_count(s->lang, n, count, sizeof count);
    drafts_typed_when(s, d, when, sizeof when);
    snprintf(out, size, offer_format(i, (unsigned long)n), d->label, when, count);
}

const char *drafts_field_label(const struct draft *d, const char *name)
{
    static const struct {
        const char *name, *label;
    } names[] = {
        {"reason", N_("Reason")}, {"missing", N_("Missing documents")}, {"deadline", N_("Deadline")},
        {"outcome", N_("Asks for")}, {"waives", N_("Waives")}, {"choice", N_("Decision")},
        {"service", N_("Service")}, {"brought", N_("Documents brought")},
    };
    if (strcmp(name, "text") == 0) {
        const char *label = kinds[kind_index(d->kind)].text_label;
        return label ? _(label) : name;
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(names[i].name, name) == 0)
            return _(names[i].label);
    return name;
}

bool drafts_step_of(const struct draft *d, enum step *step)
{
    for (int i = 0; i < STEP_COUNT; i++) {
        if (strcmp(application_step_code((enum step)i), d->kind) == 0) {
            *step = (enum step)i;
            return true;
        }
    }
    return false;
}

bool drafts_step_open(struct session *s, const struct draft *d, char *why, size_t size)
{
    enum step step;
    if (!drafts_step_of(d, &step))
        return true;
    struct application a;
    struct db_error err;
    if (application_get(s->db, d->target, &a, &err) != 0) {
        snprintf(why, size, _("Application %s cannot be opened now (%s), so this step cannot be taken."), d->label,
                 session_explain(s, &err));
        return false;
    }
    bool open = step_allowed(&a, step);
    if (!open)
        snprintf(why, size, _("Application %s is now %s: this step can no longer be taken. Show the text to copy it, then discard it."),
                 a.number, status_label(a.status));
    application_free(&a);
    return open;
}
