/* Demo citizens as COPY text on standard output, and the story of an
 * application for every Eth of them as COPY files.
 *
 *   gen_demo N [SEED]
 *   gen_demo N SEED --every E --today YYYY-MM-DD --world FILE --out DIR
 *
 * Reads the weighted name and city lists in db/demo/ (GISE_DEMO_DIR
 * overrides) and writes N citizens (ids 1..N) with valid, unique identity
 * numbers, in the column order of the citizen COPY in db/demo/load.sh.
 * With --out it then tells the story of the application of every citizen
 * whose id E divides (db/demo/story.c), in the world FILE describes
 * (db/demo/world.h), ending before the local day `today`, and writes into
 * DIR: application.tsv, application_counter.tsv, document.tsv, notice.tsv,
 * notice_item.tsv, decision.tsv, escalation.tsv, countersign.tsv,
 * audit.tsv, access.tsv and chain.bin (db/demo/trail.h), for load.sh to
 * COPY in that transaction, and summary.txt (how many of each). GISE_DEMO_XACT names the transaction (the
 * access rows' xact, which their hash covers). Deterministic for a given
 * N, SEED, E, today and world, so tests can rely on what is there. */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/demo/calendar.h"
#include "db/demo/rng.h"
#include "db/demo/story.h"
#include "db/demo/trail.h"
#include "db/demo/world.h"
#include "i18n/text/fold.h"
#include "i18n/text/national_id.h"

struct weighted {
    char **names;
    char *sex;           /* 'F' or 'M' per name; NULL for lists without it */
    uint64_t *cumulative;
    size_t count;
};

/* The citizens' stream: one after the other, as it always was. */
static uint64_t rng_state;

static uint64_t below(uint64_t n)
{
    return rng_below(&rng_state, n);
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "gen_demo: %s: %s\n", what, detail);
    exit(1);
}

/* Lines "name<TAB>[sex<TAB>]weight". */
static void load_weighted(const char *dir, const char *file, int has_sex, struct weighted *w)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "r");
    if (!f)
        die(path, strerror(errno));
    size_t cap = 0;
    uint64_t total = 0;
    char line[512];
    memset(w, 0, sizeof *w);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *name = strtok(line, "\t");
        char *sex = has_sex ? strtok(NULL, "\t") : NULL;
        char *weight = strtok(NULL, "\t");
        if (!name || !weight || (has_sex && !sex))
            continue;
        if (w->count == cap) {
            cap = cap ? cap * 2 : 256;
            w->names = realloc(w->names, cap * sizeof *w->names);
            w->cumulative = realloc(w->cumulative, cap * sizeof *w->cumulative);
            w->sex = has_sex ? realloc(w->sex, cap) : NULL;
            if (!w->names || !w->cumulative || (has_sex && !w->sex))
                die(path, "out of memory");
        }
        total += strtoull(weight, NULL, 10);
        w->names[w->count] = strdup(name);
        w->cumulative[w->count] = total;
        if (has_sex)
            w->sex[w->count] = sex[0];
        w->count++;
    }
    fclose(f);
    if (w->count == 0 || total == 0)
        die(path, "no weighted entries");
}

static const char *pick(const struct weighted *w)
{
    uint64_t r = below(w->cumulative[w->count - 1]);
    size_t lo = 0, hi = w->count - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (w->cumulative[mid] > r)
            hi = mid;
        else
            lo = mid + 1;
    }
    return w->names[lo];
}

/* The given-name list mixes both sexes; split it so that a citizen is
 * first F or M with equal chance, then a name of that sex by weight. */
static void split_by_sex(const struct weighted *all, struct weighted *f, struct weighted *m)
{
    memset(f, 0, sizeof *f);
    memset(m, 0, sizeof *m);
    f->names = calloc(all->count, sizeof *f->names);
    m->names = calloc(all->count, sizeof *m->names);
    f->cumulative = calloc(all->count, sizeof *f->cumulative);
    m->cumulative = calloc(all->count, sizeof *m->cumulative);
    if (!f->names || !m->names || !f->cumulative || !m->cumulative)
        die("given names", "out of memory");
    uint64_t previous = 0, tf = 0, tm = 0;
    for (size_t i = 0; i < all->count; i++) {
        uint64_t weight = all->cumulative[i] - previous;
        previous = all->cumulative[i];
        struct weighted *to = all->sex[i] == 'F' ? f : m;
        uint64_t *total = all->sex[i] == 'F' ? &tf : &tm;
        *total += weight;
        to->names[to->count] = all->names[i];
        to->cumulative[to->count++] = *total;
    }
    if (!f->count || !m->count)
        die("given names", "need names of both sexes");
}

static const char *const streets[] = {
    "Atatürk", "Cumhuriyet", "İnönü", "Gazi", "Fatih", "Yıldız", "Çamlık", "Gül",
    "Menekşe", "Barış", "Şehitler", "Kırlangıç", "Üniversite", "Ilgaz", "Çınar", "Bağlar",
};

static const char *const needs[] = {
    "Tekerlekli sandalye kullanıyor",
    "İşaret dili tercümanı gerekir",
    "Az görüyor; büyük puntolu belge ister",
    "Görme engelli; belgeleri sesli okunmalı",
    "İşitme cihazı kullanıyor; yavaş ve net konuşun",
};

/* Folded ASCII-ish local part for a plausible e-mail address. */
static void email_local(const char *given, const char *family, char *out, size_t size)
{
    char *g = fold_name(given, strlen(given));
    char *f = fold_name(family, strlen(family));
    size_t n = 0;
    for (const char *src = g; src && *src && n + 1 < size; src++)
        if ((*src >= 'a' && *src <= 'z'))
            out[n++] = *src;
    if (n + 1 < size)
        out[n++] = '.';
    for (const char *src = f; src && *src && n + 1 < size; src++)
        if ((*src >= 'a' && *src <= 'z'))
            out[n++] = *src;
    out[n] = '\0';
    free(g);
    free(f);
}

struct options {
    uint64_t n, seed, every;
    int64_t today;
    const char *world, *out;
};

static void usage(void)
{
    fprintf(stderr, "usage: gen_demo N [SEED]\n"
                    "       gen_demo N SEED --every E --today YYYY-MM-DD --world FILE --out DIR\n");
    exit(2);
}

static void parse(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof *o);
    if (argc < 2)
        usage();
    o->n = strtoull(argv[1], NULL, 10);
    o->seed = argc > 2 ? strtoull(argv[2], NULL, 10) : 20261123;
    for (int i = 3; i < argc; i += 2) {
        if (i + 1 >= argc)
            usage();
        if (strcmp(argv[i], "--every") == 0) {
            o->every = strtoull(argv[i + 1], NULL, 10);
        } else if (strcmp(argv[i], "--today") == 0) {
            int y, m, d;
            if (sscanf(argv[i + 1], "%d-%d-%d", &y, &m, &d) != 3)
                usage();
            o->today = calendar_day(y, m, d);
        } else if (strcmp(argv[i], "--world") == 0) {
            o->world = argv[i + 1];
        } else if (strcmp(argv[i], "--out") == 0) {
            o->out = argv[i + 1];
        } else {
            usage();
        }
    }
    if (o->out && (!o->world || !o->today || o->every == 0))
        usage();
}

/* The citizens, to out; with stories, whether each citizen with an
 * application prefers English goes to english[id / every - 1]. */
static void write_citizens(const struct options *o, FILE *out, unsigned char *english)
{
    rng_state = o->seed;
    const char *dir = getenv("GISE_DEMO_DIR") ? getenv("GISE_DEMO_DIR") : "db/demo";
    struct weighted given, female, male, family, cities;
    load_weighted(dir, "given_names.txt", 1, &given);
    load_weighted(dir, "family_names.txt", 0, &family);
    load_weighted(dir, "cities.txt", 0, &cities);
    split_by_sex(&given, &female, &male);

    setvbuf(out, NULL, _IOFBF, 1 << 20);

    /* Identity numbers: the first nine digits walk 100000000..999999999 by a
     * step coprime with 900000000, so every citizen gets a distinct one. */
    const uint64_t span = 900000000ULL, step = 982451653ULL;
    uint64_t offset = below(span);
    for (uint64_t i = 0; i < o->n; i++) {
        char first9[10], id[12];
        snprintf(first9, sizeof first9, "%09" PRIu64, (uint64_t)(100000000ULL + (offset + i * step) % span));
        national_id_complete(first9, id);

        const char *given_name = pick(below(2) ? &female : &male);
        const char *family_name = pick(&family);
        int year = 1935 + (int)below(72), month = 1 + (int)below(12);
        int day = 1 + (int)below(28);
        const char *birth_place = pick(&cities);
        const char *city = below(3) ? birth_place : pick(&cities);
        char phone[32] = "\\N", email[160] = "\\N";
        if (below(10) < 9)
            snprintf(phone, sizeof phone, "+90 5%02d %03d %02d %02d", (int)below(60),
                     (int)below(1000), (int)below(100), (int)below(100));
        if (below(10) < 4) {
            char local[96];
            email_local(given_name, family_name, local, sizeof local);
            snprintf(email, sizeof email, "%s%d@example.org", local, (int)below(100));
        }
        bool prefers_english = below(100) < 3;
        const char *need = below(100) < 2 ? needs[below(sizeof needs / sizeof *needs)] : "\\N";
        fprintf(out, "%" PRIu64 "\t%s\t%s\t%s\t%04d-%02d-%02d\t%s\t%s\t%s\t%s Mah. %d. Sok. No: %d/%d\t%s\t%s\t%s\n",
               i + 1, id, given_name, family_name, year, month, day, birth_place, phone, email,
               streets[below(sizeof streets / sizeof *streets)], 1 + (int)below(3000),
               1 + (int)below(150), 1 + (int)below(40), city, prefers_english ? "en" : "tr", need);
        if (english && (i + 1) % o->every == 0)
            english[(i + 1) / o->every - 1] = prefers_english;
    }
    if (fflush(out) != 0)
        die("citizens", strerror(errno));
}

struct placed {
    int64_t opened;
    uint32_t citizen;
    int start;
    bool english;
};

static int by_opening(const void *a, const void *b)
{
    const struct placed *x = a, *y = b;
    if (x->opened != y->opened)
        return x->opened < y->opened ? -1 : 1;
    return x->citizen < y->citizen ? -1 : x->citizen > y->citizen;
}

static FILE *open_table(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        die(path, strerror(errno));
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    return f;
}

static void close_table(FILE *f, const char *name)
{
    if (ferror(f) || fclose(f) != 0)
        die(name, "write failed");
}

/* Every application's story, numbered in the order they were opened. */
static void write_stories(const struct options *o, const unsigned char *english, size_t apps)
{
    struct world w;
    world_read(&w, o->world, o->today);
    struct placed *placed = calloc(apps + 1, sizeof *placed);
    if (!placed)
        die("stories", "out of memory");
    for (size_t k = 0; k < apps; k++) {
        placed[k].citizen = (uint32_t)((k + 1) * o->every);
        placed[k].english = english[k];
        placed[k].start = story_place(&w, o->seed, placed[k].citizen, o->today, &placed[k].opened);
    }
    qsort(placed, apps, sizeof *placed, by_opening);

    const char *xact = getenv("GISE_DEMO_XACT");
    struct trail trail;
    trail_init(&trail, &w, apps, xact && *xact ? xact : "0");
    struct story_out out = {
        .application = open_table(o->out, "application.tsv"),
        .document = open_table(o->out, "document.tsv"),
        .notice = open_table(o->out, "notice.tsv"),
        .notice_item = open_table(o->out, "notice_item.tsv"),
        .decision = open_table(o->out, "decision.tsv"),
        .escalation = open_table(o->out, "escalation.tsv"),
        .countersign = open_table(o->out, "countersign.tsv"),
    };
    for (size_t k = 0; k < apps; k++)
        story_write(&w, o->seed, placed[k].citizen, placed[k].english, placed[k].start, o->today, (uint32_t)(k + 1),
                    &out, &trail);
    free(placed);
    close_table(out.application, "application.tsv");
    close_table(out.document, "document.tsv");
    close_table(out.notice, "notice.tsv");
    close_table(out.notice_item, "notice_item.tsv");
    close_table(out.decision, "decision.tsv");
    close_table(out.escalation, "escalation.tsv");
    close_table(out.countersign, "countersign.tsv");

    FILE *counter = open_table(o->out, "application_counter.tsv");
    for (int y = 0; y < STORY_YEARS; y++)
        if (out.last_number[y])
            fprintf(counter, "%d\t%" PRIu32 "\n", STORY_FIRST_YEAR + y, out.last_number[y]);
    close_table(counter, "application_counter.tsv");

    long long audit, access;
    trail_write(&trail, o->out, &audit, &access);
    FILE *summary = open_table(o->out, "summary.txt");
    fprintf(summary, "%zu applications, %lld audit rows, %lld access rows\n", apps, audit, access);
    close_table(summary, "summary.txt");
}

int main(int argc, char **argv)
{
    struct options o;
    parse(argc, argv, &o);
    if (!o.out) {
        write_citizens(&o, stdout, NULL);
        return 0;
    }
    /* The stories are told beside the citizens' COPY: a child tells them
     * (it draws the citizens again, unseen, for their languages) while
     * this process writes the citizens; it exits with the child's status
     * once both are done. */
    fflush(NULL);
    pid_t child = fork();
    if (child < 0)
        die("fork", strerror(errno));
    if (child == 0) {
        size_t apps = (size_t)(o.n / o.every);
        unsigned char *english = calloc(apps + 1, 1);
        FILE *unseen = fopen("/dev/null", "w");
        if (!english || !unseen)
            die("stories", "out of memory or no /dev/null");
        write_citizens(&o, unseen, english);
        fclose(unseen);
        write_stories(&o, english, apps);
        free(english);
        exit(0);
    }
    write_citizens(&o, stdout, NULL);
    if (fclose(stdout) != 0)
        die("stdout", strerror(errno));
    int status;
    if (waitpid(child, &status, 0) != child)
        die("stories", strerror(errno));
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
