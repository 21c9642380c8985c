/* Demo citizens as COPY text on standard output.
 *
 *   gen_demo N [SEED]
 *
 * Reads the weighted name and city lists in db/demo/ (GISE_DEMO_DIR
 * overrides) and writes N citizens with valid, unique identity numbers, in
 * the column order of COPY_COLUMNS in db/demo/load.sh. Deterministic for a
 * given N and SEED, so tests can rely on what is there. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/text/fold.h"
#include "i18n/text/national_id.h"

struct weighted {
    char **names;
    char *sex;           /* 'F' or 'M' per name; NULL for lists without it */
    uint64_t *cumulative;
    size_t count;
};

static uint64_t rng_state;

/* splitmix64: small, fast, and good enough for demo data. */
static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t rng_below(uint64_t n)
{
    return rng_next() % n;
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
    uint64_t r = rng_below(w->cumulative[w->count - 1]);
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

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: gen_demo N [SEED]\n");
        return 2;
    }
    uint64_t n = strtoull(argv[1], NULL, 10);
    rng_state = argc > 2 ? strtoull(argv[2], NULL, 10) : 20261123;
    const char *dir = getenv("GISE_DEMO_DIR") ? getenv("GISE_DEMO_DIR") : "db/demo";

    struct weighted given, female, male, family, cities;
    load_weighted(dir, "given_names.txt", 1, &given);
    load_weighted(dir, "family_names.txt", 0, &family);
    load_weighted(dir, "cities.txt", 0, &cities);
    split_by_sex(&given, &female, &male);

    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    /* Identity numbers: the first nine digits walk 100000000..999999999 by a
     * step coprime with 900000000, so every citizen gets a distinct one. */
    const uint64_t span = 900000000ULL, step = 982451653ULL;
    uint64_t offset = rng_below(span);
    for (uint64_t i = 0; i < n; i++) {
        char first9[10], id[12];
        snprintf(first9, sizeof first9, "%09" PRIu64, (uint64_t)(100000000ULL + (offset + i * step) % span));
        national_id_complete(first9, id);

        const char *given_name = pick(rng_below(2) ? &female : &male);
        const char *family_name = pick(&family);
        int year = 1935 + (int)rng_below(72), month = 1 + (int)rng_below(12);
        int day = 1 + (int)rng_below(28);
        const char *birth_place = pick(&cities);
        const char *city = rng_below(3) ? birth_place : pick(&cities);
        char phone[32] = "\\N", email[160] = "\\N";
        if (rng_below(10) < 9)
            snprintf(phone, sizeof phone, "+90 5%02d %03d %02d %02d", (int)rng_below(60),
                     (int)rng_below(1000), (int)rng_below(100), (int)rng_below(100));
        if (rng_below(10) < 4) {
            char local[96];
            email_local(given_name, family_name, local, sizeof local);
            snprintf(email, sizeof email, "%s%d@example.org", local, (int)rng_below(100));
        }
        const char *language = rng_below(100) < 3 ? "en" : "tr";
        const char *need = rng_below(100) < 2 ? needs[rng_below(sizeof needs / sizeof *needs)] : "\\N";
        printf("%s\t%s\t%s\t%04d-%02d-%02d\t%s\t%s\t%s\t%s Mah. %d. Sok. No: %d/%d\t%s\t%s\t%s\n",
               id, given_name, family_name, year, month, day, birth_place, phone, email,
               streets[rng_below(sizeof streets / sizeof *streets)], 1 + (int)rng_below(3000),
               1 + (int)rng_below(150), 1 + (int)rng_below(40), city, language, need);
    }
    if (fflush(stdout) != 0)
        die("stdout", strerror(errno));
    return 0;
}
