/* The demo's calendar: the office's working days and hours, as
 * gise.is_working_day, gise.add_working_days and gise.deadline_after count
 * them (0011_working_days.sql), for placing demo events on plausible
 * times. Days are local (Europe/Istanbul, UTC+3 all year since 2016)
 * dates counted from 1970-01-01; times are seconds since 1970 (UTC). */
#ifndef GISE_DEMO_CALENDAR_H
#define GISE_DEMO_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    DEMO_UTC_OFFSET = 3 * 3600,     /* Europe/Istanbul */
    DEMO_OPENS = 8 * 60 + 30,       /* counter hours, local minutes: 08:30-12:00, */
    DEMO_LUNCH = 12 * 60,           /* 13:00-17:30; a half-day eve closes at lunch */
    DEMO_AFTER_LUNCH = 13 * 60,
    DEMO_CLOSES = 17 * 60 + 30,
};

struct calendar {
    int64_t first;          /* the first day it knows */
    int days;               /* how many */
    unsigned char *kind;    /* per day: DAY_WORKS, DAY_HALF (calendar.c) */
    int *working;           /* the working days (offsets from first), in order */
    int working_count;
    int *next_working;      /* per day: the index of the first working day on or after it */
};

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), and back. */
int64_t calendar_day(int y, int m, int d);
void calendar_civil(int64_t day, int *y, int *m, int *d);

/* A calendar of `days` days from `first` in which every weekday works.
 * Dies (exit 1) when out of memory. */
void calendar_init(struct calendar *c, int64_t first, int days);

/* `day` is a public holiday: a full one (closed) or a half-day eve
 * (open in the morning). Ignored outside the calendar. A year without
 * holidays keeps weekends only (the database refuses a year whose calendar
 * is not loaded; the demo does not). */
void calendar_holiday(struct calendar *c, int64_t day, bool full);

/* Builds the working-day index; call once after the holidays. */
void calendar_build(struct calendar *c);

/* Whether `day` is a working day, and a half-day eve. Outside the calendar:
 * false. */
bool calendar_works(const struct calendar *c, int64_t day);
bool calendar_half(const struct calendar *c, int64_t day);

/* gise.add_working_days and gise.deadline_after: the day n working days
 * after `day` (half-day eves count), then for a deadline the next day that
 * works a full day. */
int64_t calendar_add_working(const struct calendar *c, int64_t day, int n);
int64_t calendar_deadline(const struct calendar *c, int64_t day, int n);

/* The working-day index of the first working day on or after `day`, and
 * the day of working-day index w. Both die outside the calendar. */
int calendar_index(const struct calendar *c, int64_t day);
int64_t calendar_working_day(const struct calendar *c, int w);

/* The last local minute (exclusive) of the counter's hours on `day`. */
int calendar_closes(const struct calendar *c, int64_t day);

/* Seconds since 1970 (UTC) of local `day` at `minute` and `second`; and
 * the local day and minute of such a time. */
int64_t calendar_time(int64_t day, int minute, int second);
int64_t calendar_local_day(int64_t t);

/* Time t in UTC as COPY reads it ("2026-11-20 06:30:05+00"), or as to_jsonb
 * writes a timestamptz in UTC ("2026-11-20T06:30:05+00:00", no quotes). */
void calendar_utc_text(int64_t t, bool json, char *out, size_t size);
/* A day as "2026-11-20". */
void calendar_date_text(int64_t day, char *out, size_t size);

#endif
