#include "db/demo/world.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_FIELDS = 8, DAYS_BACK = 3 * 366, DAYS_AHEAD = 2 * 366 };

static void die(const char *path, int line, const char *what)
{
    fprintf(stderr, "gen_demo: %s:%d: %s\n", path, line, what);
    exit(1);
}

static void *grow(void *p, int count, size_t size)
{
    /* Doubling at powers of two: count is the number held so far. */
    if (count & (count - 1))
        return p;
    p = realloc(p, (size_t)(count ? 2 * count : 1) * size);
    if (!p) {
        fprintf(stderr, "gen_demo: out of memory\n");
        exit(1);
    }
    return p;
}

static bool flag(const char *s)
{
    return s[0] == 't';
}

static void copy_code(char *to, const char *from, const char *path, int line)
{
    if (strlen(from) >= WORLD_CODE)
        die(path, line, "code too long");
    strcpy(to, from);
}

static int office_index(const struct world *w, int id, const char *path, int line)
{
    for (int i = 0; i < w->office_count; i++)
        if (w->offices[i].id == id)
            return i;
    die(path, line, "staff of an office not listed before it");
    return -1;
}

static struct world_service *service_of(struct world *w, int id, const char *path, int line)
{
    for (int i = 0; i < w->service_count; i++)
        if (w->services[i].id == id)
            return &w->services[i];
    die(path, line, "document of a service not listed before it");
    return NULL;
}

static void add_staff(struct world *w, char **f, int n, const char *path, int line)
{
    if (n != 5 || strlen(f[2]) >= sizeof w->staff->role)
        die(path, line, "staff: id, role, office, handles|decides");
    w->staff = grow(w->staff, w->staff_count, sizeof *w->staff);
    struct world_staff *s = &w->staff[w->staff_count];
    s->id = atoi(f[1]);
    strcpy(s->role, f[2]);
    s->office = office_index(w, atoi(f[3]), path, line);
    s->decides = strcmp(f[4], "decides") == 0;
    struct world_office *o = &w->offices[s->office];
    int *list = s->decides ? o->deciders : o->handlers;
    int *count = s->decides ? &o->decider_count : &o->handler_count;
    if (*count < WORLD_MAX_STAFF)
        list[(*count)++] = w->staff_count;
    w->staff_count++;
}

static void add_line(struct world *w, char **f, int n, const char *path, int line)
{
    if (strcmp(f[0], "office") == 0 && n == 2) {
        w->offices = grow(w->offices, w->office_count, sizeof *w->offices);
        memset(&w->offices[w->office_count], 0, sizeof *w->offices);
        w->offices[w->office_count++].id = atoi(f[1]);
    } else if (strcmp(f[0], "staff") == 0) {
        add_staff(w, f, n, path, line);
    } else if (strcmp(f[0], "service") == 0 && n == 8) {
        w->services = grow(w->services, w->service_count, sizeof *w->services);
        struct world_service *s = &w->services[w->service_count++];
        memset(s, 0, sizeof *s);
        s->id = atoi(f[1]);
        copy_code(s->code, f[2], path, line);
        s->sla_days = atoi(f[3]);
        s->deficiency_days = atoi(f[4]);
        s->clerk_approves = flag(f[5]);
        s->countersigned = flag(f[6]);
        s->clerk_rejects = flag(f[7]);
    } else if (strcmp(f[0], "document") == 0 && n == 5) {
        struct world_service *s = service_of(w, atoi(f[1]), path, line);
        if (s->doc_count == WORLD_MAX_DOCS)
            die(path, line, "too many documents for one service");
        struct world_document *d = &s->docs[s->doc_count++];
        d->type_id = atoi(f[2]);
        copy_code(d->code, f[3], path, line);
        d->mandatory = flag(f[4]);
    } else if (strcmp(f[0], "reason") == 0 && n == 3) {
        w->reasons = grow(w->reasons, w->reason_count, sizeof *w->reasons);
        struct world_reason *r = &w->reasons[w->reason_count++];
        copy_code(r->code, f[1], path, line);
        r->needs_supervisor = flag(f[2]);
    } else if (strcmp(f[0], "holiday") == 0 && n == 3) {
        int y, m, d;
        if (sscanf(f[1], "%d-%d-%d", &y, &m, &d) != 3)
            die(path, line, "holiday: YYYY-MM-DD, full (t or f)");
        calendar_holiday(&w->calendar, calendar_day(y, m, d), flag(f[2]));
    } else if (strcmp(f[0], "purpose") == 0 && n == 2) {
        copy_code(w->purpose, f[1], path, line);
    } else {
        die(path, line, "unknown line");
    }
}

/* The stories need a clerk to handle and two supervisors (four eyes) in
 * the office, and something to apply for. */
static void check(struct world *w, const char *path)
{
    w->story_offices = calloc((size_t)w->office_count + 1, sizeof *w->story_offices);
    if (!w->story_offices)
        die(path, 0, "out of memory");
    for (int i = 0; i < w->office_count; i++)
        if (w->offices[i].handler_count >= 1 && w->offices[i].decider_count >= 2)
            w->story_offices[w->story_office_count++] = i;
    if (w->story_office_count == 0)
        die(path, 0, "no office has a clerk and two supervisors to tell the demo's stories");
    if (w->service_count == 0 || w->reason_count == 0 || !w->purpose[0])
        die(path, 0, "no service, no rejection reason or no access purpose");
    for (int i = 0; i < w->service_count; i++)
        if (w->services[i].doc_count == 0)
            die(path, 0, "a service asks for no document");
}

void world_read(struct world *w, const char *path, int64_t today)
{
    memset(w, 0, sizeof *w);
    calendar_init(&w->calendar, today - DAYS_BACK, DAYS_BACK + DAYS_AHEAD);
    FILE *f = fopen(path, "r");
    if (!f)
        die(path, 0, strerror(errno));
    char buf[1024];
    int line = 0;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        buf[strcspn(buf, "\r\n")] = '\0';
        if (!buf[0])
            continue;
        char *fields[MAX_FIELDS];
        int n = 0;
        for (char *p = buf; n < MAX_FIELDS; n++) {
            fields[n] = p;
            p = strchr(p, '\t');
            if (!p) {
                n++;
                break;
            }
            *p++ = '\0';
        }
        add_line(w, fields, n, path, line);
    }
    fclose(f);
    calendar_build(&w->calendar);
    check(w, path);
}
