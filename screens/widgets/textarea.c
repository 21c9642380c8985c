#include "screens/widgets/textarea.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/text/wrap.h"

struct collect {
    struct textarea *t;
    size_t cap;
    bool failed;
};

static void add_row(void *ctx, const char *start, size_t len)
{
    struct collect *c = ctx;
    struct textarea *t = c->t;
    if (c->failed)
        return;
    if (t->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        struct textarea_row *grown = realloc(t->rows, cap * sizeof *grown);
        if (!grown) {
            c->failed = true;
            return;
        }
        t->rows = grown;
        c->cap = cap;
    }
    size_t at = (size_t)(start - t->text);
    t->rows[t->count++] = (struct textarea_row){at, len, 0};
}

int textarea_layout(struct textarea *t, const char *prefix, const struct field *f, const char *suffix,
                    int width)
{
    memset(t, 0, sizeof *t);
    size_t plen = strlen(prefix), slen = suffix ? strlen(suffix) + 2 : 0;
    t->text = malloc(plen + f->len + slen + 1);
    if (!t->text)
        return -1;
    memcpy(t->text, prefix, plen);
    memcpy(t->text + plen, f->text, f->len + 1);
    if (suffix) {
        memcpy(t->text + plen + f->len, "  ", 2);
        memcpy(t->text + plen + f->len + 2, suffix, slen - 1);
    }
    t->prefix_len = plen;
    size_t total = plen + f->len + slen;
    struct collect c = {t, 0, false};
    text_wrap(t->text, width > 1 ? width - 1 : 1, add_row, &c);
    if (c.failed || t->count == 0) {
        if (!c.failed && t->count == 0)
            add_row(&c, t->text, 0);
        if (c.failed) {
            textarea_free(t);
            return -1;
        }
    }
    for (size_t i = 0; i < t->count; i++)
        t->rows[i].end = i + 1 < t->count ? t->rows[i + 1].start : total;
    return 0;
}

void textarea_free(struct textarea *t)
{
    free(t->text);
    free(t->rows);
    memset(t, 0, sizeof *t);
}
