#include "app/core/purpose.h"

#include <stdio.h>
#include <string.h>

const struct access_purposes *purpose_list(struct session *s, struct db_error *err)
{
    db_error_clear(err);
    if (!s->purpose.loaded) {
        if (access_purposes_load(s->db, &s->purpose.list, err) != 0)
            return NULL;
        s->purpose.loaded = true;
    }
    if (s->purpose.list.count == 0) {
        db_error_reason(err, DB_OTHER, DB_R_SERVER);
        return NULL;
    }
    return &s->purpose.list;
}

size_t purpose_default(const struct session *s, const struct access_purposes *list)
{
    size_t last_used = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (s->purpose.chosen[0] && strcmp(list->items[i].code, s->purpose.chosen) == 0)
            return i;
        if (list->items[i].last_used)
            last_used = i;
    }
    return last_used;
}

const char *purpose_title(const struct session *s, const struct access_purpose *p)
{
    return session_pick(s, p->title_tr, p->title_en);
}

void purpose_choose(struct session *s, const char *code)
{
    snprintf(s->purpose.chosen, sizeof s->purpose.chosen, "%s", code);
}

const char *purpose_current(struct session *s)
{
    if (s->purpose.chosen[0])
        return s->purpose.chosen;
    struct db_error err;
    const struct access_purposes *list = purpose_list(s, &err);
    return list ? list->items[purpose_default(s, list)].code : "counter";
}

void purpose_release(struct session *s)
{
    access_purposes_free(&s->purpose.list);
    s->purpose.loaded = false;
}
