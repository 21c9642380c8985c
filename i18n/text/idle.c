#include "i18n/text/idle.h"

#include <ctype.h>
#include <string.h>
#include <time.h>

enum { LEAD_MS = 60 * 1000 };

/* After the first warning, announcements come only at these times left:
 * few enough that a screen reader is not talked over every second. */
static const int later_marks_ms[] = {30 * 1000, 10 * 1000};

int idle_parse(const char *text, int *ms)
{
    if (!text || !*text) {
        *ms = IDLE_DEFAULT_MS;
        return 0;
    }
    if (strcmp(text, "off") == 0) {
        *ms = 0;
        return 0;
    }
    long long total = 0;
    const char *p = text;
    while (*p) {
        if (!isdigit((unsigned char)*p))
            return -1;
        long long n = 0;
        while (isdigit((unsigned char)*p)) {
            n = n * 10 + (*p++ - '0');
            if (n > IDLE_MAX_MS)
                return -1;
        }
        long long unit = 1000;       /* a bare number counts seconds, as tmux's lock-after-time */
        if (*p == 'h')
            unit = 60 * 60 * 1000;
        else if (*p == 'm')
            unit = 60 * 1000;
        else if (*p == 's')
            unit = 1000;
        else if (*p)
            return -1;
        if (*p)
            p++;
        else if (total > 0)
            return -1;               /* "1m30": the last number needs its unit */
        total += n * unit;
        if (total > IDLE_MAX_MS)
            return -1;
    }
    *ms = (int)total;
    return 0;
}

int idle_lead_ms(int lock_ms)
{
    return lock_ms > LEAD_MS ? LEAD_MS : lock_ms / 2;
}

void idle_start(struct idle *idle, int lock_ms, double now)
{
    memset(idle, 0, sizeof *idle);
    idle->lock_ms = lock_ms;
    idle->active_ms = now;
    idle->state = IDLE_ACTIVE;
}

enum idle_key idle_key(struct idle *idle, double now)
{
    if (idle->state == IDLE_LOCKED)
        return IDLE_KEY_LOCKED;
    bool warned = idle->state == IDLE_WARNED;
    idle->active_ms = now;
    idle->state = IDLE_ACTIVE;
    return warned ? IDLE_KEY_EXTENDED : IDLE_KEY_ACTS;
}

void idle_unlock(struct idle *idle, double now)
{
    idle_start(idle, idle->lock_ms, now);
}

/* The time left at which the next announcement is due: the lead while
 * active, then the first later mark below the last announcement; 0 is
 * the lock itself. */
static int next_mark_ms(const struct idle *idle)
{
    if (idle->state == IDLE_ACTIVE)
        return idle_lead_ms(idle->lock_ms);
    for (size_t i = 0; i < sizeof later_marks_ms / sizeof *later_marks_ms; i++)
        if (later_marks_ms[i] < idle->announced_ms)
            return later_marks_ms[i];
    return 0;
}

int idle_timeout(const struct idle *idle, double now)
{
    if (idle->lock_ms <= 0 || idle->state == IDLE_LOCKED)
        return -1;
    double due = idle->active_ms + idle->lock_ms - next_mark_ms(idle);
    return due <= now ? 0 : (int)(due - now) + 1;
}

enum idle_event idle_tick(struct idle *idle, double now, int *seconds_left)
{
    if (idle_timeout(idle, now) != 0)
        return IDLE_NOTHING;
    double left = idle->active_ms + idle->lock_ms - now;
    if (left <= 0) {
        idle->state = IDLE_LOCKED;
        return IDLE_LOCK;
    }
    /* The time actually left, not the mark: after a suspended laptop or a
     * long query the warning still tells the truth. */
    idle->state = IDLE_WARNED;
    idle->announced_ms = (int)left;
    int seconds = (int)(left / 1000);
    *seconds_left = seconds * 1000.0 < left ? seconds + 1 : seconds;
    return IDLE_WARN;
}

double monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}
