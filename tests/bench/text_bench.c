/* Text layout costs on long text, the floor-1 work behind every key in a
 * field: laying out a 2,000-character explanation (field_layout, cursor at
 * the end and then at the start), stepping through it by grapheme, and
 * fitting and wrapping it. Before the segmentation was kept per text
 * (issue 11), a layout re-segmented the whole string on each step: 44 ms
 * for 2,000 characters. Prints one line per measure: median and p95 of
 * `rounds` runs, in microseconds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/text/grapheme.h"
#include "i18n/text/idle.h"
#include "i18n/text/wrap.h"
#include "screens/widgets/field.h"

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, double *us, int n)
{
    qsort(us, (size_t)n, sizeof *us, by_value);
    printf("%-44s %10.1f %10.1f\n", what, us[n / 2], us[(n * 95) / 100]);
}

static void count_line(void *ctx, const char *start, size_t len)
{
    (void)start;
    (void)len;
    (*(int *)ctx)++;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 200;
    if (rounds < 1)
        rounds = 1;
    /* 2,000 characters of Turkish with combining marks and an emoji: the
     * clusters a clerk's explanation holds. */
    static const char piece[] = "Başvuru sahibi İstanbul'da ikamet ediyor; e\xcc\x81 belge 👍🏽 ";
    char *text = malloc(16000);
    text[0] = '\0';
    struct field f;
    field_init(&f, 2000);
    enum field_refusal why;
    while (field_chars(&f) + 60 < 2000)
        field_insert(&f, piece, strlen(piece), &why);
    strcpy(text, f.text);
    double *us = calloc((size_t)rounds, sizeof *us);

    printf("%-44s %10s %10s\n", "text layout, 2,000 characters", "p50 us", "p95 us");
    for (int i = 0; i < rounds; i++) {
        f.scroll = 0;
        f.cursor = f.len;
        graphemes_forget(&f.graphemes);    /* as after the key that changed it */
        double t = monotonic_ms();
        field_layout(&f, 60);
        us[i] = (monotonic_ms() - t) * 1000;
    }
    report("field_layout, cursor to the end (typed)", us, rounds);
    for (int i = 0; i < rounds; i++) {
        f.cursor = 0;
        graphemes_forget(&f.graphemes);
        double t = monotonic_ms();
        field_layout(&f, 60);
        us[i] = (monotonic_ms() - t) * 1000;
    }
    report("field_layout, cursor back to the start", us, rounds);
    for (int i = 0; i < rounds; i++) {
        struct graphemes g = {0};
        double t = monotonic_ms();
        for (size_t at = 0; at < f.len; at = graphemes_next(&g, f.text, f.len, at))
            ;
        us[i] = (monotonic_ms() - t) * 1000;
        graphemes_free(&g);
    }
    report("every grapheme, start to end", us, rounds);
    for (int i = 0; i < rounds; i++) {
        int used;
        double t = monotonic_ms();
        grapheme_fit(text, strlen(text), 78, &used);
        us[i] = (monotonic_ms() - t) * 1000;
    }
    report("fit one 78-column row", us, rounds);
    for (int i = 0; i < rounds; i++) {
        int lines = 0;
        double t = monotonic_ms();
        text_wrap(text, 78, count_line, &lines);
        us[i] = (monotonic_ms() - t) * 1000;
    }
    report("wrap at 78 columns", us, rounds);
    field_free(&f);
    free(text);
    free(us);
    return 0;
}
