#include "db/demo/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { DAY_WORKS = 1, DAY_HALF = 2 };

/* Howard Hinnant's days_from_civil and civil_from_days. */
int64_t calendar_day(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void calendar_civil(int64_t day, int *y, int *m, int *d)
{
    day += 719468;
    int64_t era = (day >= 0 ? day : day - 146096) / 146097;
    int64_t doe = day - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static void *need(void *p)
{
    if (!p) {
        fprintf(stderr, "gen_demo: out of memory\n");
        exit(1);
    }
    return p;
}

void calendar_init(struct calendar *c, int64_t first, int days)
{
    c->first = first;
    c->days = days;
    c->kind = need(calloc((size_t)days, 1));
    c->working = need(calloc((size_t)days, sizeof *c->working));
    c->next_working = need(calloc((size_t)days + 1, sizeof *c->next_working));
    c->working_count = 0;
    for (int i = 0; i < days; i++) {
        int isodow = (int)(((first + i) % 7 + 7 + 3) % 7) + 1;     /* 1970-01-01 was a Thursday */
        c->kind[i] = isodow < 6 ? DAY_WORKS : 0;
    }
}

void calendar_holiday(struct calendar *c, int64_t day, bool full)
{
    int64_t i = day - c->first;
    if (i < 0 || i >= c->days || !(c->kind[i] & DAY_WORKS))
        return;
    c->kind[i] = full ? 0 : DAY_WORKS | DAY_HALF;
}

void calendar_build(struct calendar *c)
{
    c->working_count = 0;
    c->next_working[c->days] = -1;
    for (int i = 0; i < c->days; i++)
        if (c->kind[i] & DAY_WORKS)
            c->working[c->working_count++] = i;
    int next = -1;
    for (int i = c->days - 1, w = c->working_count - 1; i >= 0; i--) {
        if (w >= 0 && c->working[w] == i)
            next = w--;
        c->next_working[i] = next;
    }
}

int64_t calendar_working_day(const struct calendar *c, int w)
{
    if (w < 0 || w >= c->working_count) {
        fprintf(stderr, "gen_demo: working day %d is outside the demo's calendar\n", w);
        exit(1);
    }
    return c->first + c->working[w];
}

static int offset_of(const struct calendar *c, int64_t day)
{
    int64_t i = day - c->first;
    if (i < 0 || i >= c->days) {
        fprintf(stderr, "gen_demo: day %lld is outside the demo's calendar\n", (long long)day);
        exit(1);
    }
    return (int)i;
}

bool calendar_works(const struct calendar *c, int64_t day)
{
    int64_t i = day - c->first;
    return i >= 0 && i < c->days && (c->kind[i] & DAY_WORKS);
}

bool calendar_half(const struct calendar *c, int64_t day)
{
    int64_t i = day - c->first;
    return i >= 0 && i < c->days && (c->kind[i] & DAY_HALF);
}

int64_t calendar_add_working(const struct calendar *c, int64_t day, int n)
{
    while (n > 0) {
        day++;
        if (calendar_works(c, day))
            n--;
        else
            offset_of(c, day);      /* dies past the end rather than loop on */
    }
    return day;
}

int64_t calendar_deadline(const struct calendar *c, int64_t day, int n)
{
    day = calendar_add_working(c, day, n);
    while (!calendar_works(c, day) || calendar_half(c, day))
        offset_of(c, ++day);
    return day;
}

int calendar_index(const struct calendar *c, int64_t day)
{
    int w = c->next_working[offset_of(c, day)];
    if (w < 0) {
        fprintf(stderr, "gen_demo: no working day after day %lld in the demo's calendar\n", (long long)day);
        exit(1);
    }
    return w;
}

int calendar_closes(const struct calendar *c, int64_t day)
{
    return calendar_half(c, day) ? DEMO_LUNCH : DEMO_CLOSES;
}

int64_t calendar_time(int64_t day, int minute, int second)
{
    return day * 86400 + minute * 60 + second - DEMO_UTC_OFFSET;
}

int64_t calendar_local_day(int64_t t)
{
    int64_t local = t + DEMO_UTC_OFFSET;
    return (local >= 0 ? local : local - 86399) / 86400;
}

static char *digits(char *p, int v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + n;
}

void calendar_utc_text(int64_t t, bool json, char *out, size_t size)
{
    if (size < 26) {
        fprintf(stderr, "gen_demo: no room for a time\n");
        exit(1);
    }
    int64_t day = (t >= 0 ? t : t - 86399) / 86400;
    int s = (int)(t - day * 86400);
    int y, m, d;
    calendar_civil(day, &y, &m, &d);
    char *p = digits(out, y, 4);
    *p++ = '-';
    p = digits(p, m, 2);
    *p++ = '-';
    p = digits(p, d, 2);
    *p++ = json ? 'T' : ' ';
    p = digits(p, s / 3600, 2);
    *p++ = ':';
    p = digits(p, s / 60 % 60, 2);
    *p++ = ':';
    p = digits(p, s % 60, 2);
    strcpy(p, json ? "+00:00" : "+00");
}

void calendar_date_text(int64_t day, char *out, size_t size)
{
    int y, m, d;
    calendar_civil(day, &y, &m, &d);
    snprintf(out, size, "%04d-%02d-%02d", y, m, d);
}
