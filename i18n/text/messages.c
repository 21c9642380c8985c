#include "i18n/text/messages.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n/text/withhold.h"

enum { HISTORY_MAX = 500 };

static void add(struct messages *s, bool error, bool show, const char *buf, const char *withheld)
{
    if (s->count == HISTORY_MAX) {
        free(s->items[0].text);
        free(s->items[0].withheld);
        memmove(s->items, s->items + 1, (s->count - 1) * sizeof *s->items);
        s->count--;
    }
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 32;
        struct message *grown = realloc(s->items, cap * sizeof *grown);
        if (!grown)
            return;
        s->items = grown;
        s->cap = cap;
    }
    char *text = strdup(buf), *kept = withheld ? strdup(withheld) : NULL;
    if (!text || (withheld && !kept)) {
        free(text);
        free(kept);
        return;
    }
    s->items[s->count++] = (struct message){time(NULL), error, text, kept};
    s->pushed++;
    s->errors += error;
    s->showing = show || s->showing;
}

void messages_push(struct messages *s, bool error, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    add(s, error, true, buf, NULL);
}

void messages_push_withheld(struct messages *s, bool error, const char *text, const char *withheld)
{
    add(s, error, true, text, withheld);
}

void messages_keep(struct messages *s, const char *text)
{
    add(s, false, false, text, NULL);
}

const char *messages_current(const struct messages *s)
{
    return s->showing && s->count ? s->items[s->count - 1].text : "";
}

const char *messages_current_withheld(const struct messages *s)
{
    if (!s->showing || !s->count)
        return "";
    const struct message *m = &s->items[s->count - 1];
    return m->withheld ? m->withheld : m->text[0] ? WITHHELD : "";
}

const char *messages_last(const struct messages *s)
{
    return s->count ? s->items[s->count - 1].text : "";
}

void messages_key_pressed(struct messages *s)
{
    s->showing = false;
}

void messages_time(const struct message *e, char *buf, size_t size)
{
    struct tm tm;
    if (size == 0)
        return;
    if (!localtime_r(&e->at, &tm) || strftime(buf, size, "%H:%M:%S", &tm) == 0)
        buf[0] = '\0';
}

void messages_free(struct messages *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->items[i].text);
        free(s->items[i].withheld);
    }
    free(s->items);
    memset(s, 0, sizeof *s);
}
