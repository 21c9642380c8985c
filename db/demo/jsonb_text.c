#include "db/demo/jsonb_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void text_put(struct text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->size) {
        fprintf(stderr, "gen_demo: a row does not fit its buffer\n");
        exit(1);
    }
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

void text_str(struct text *t, const char *s)
{
    text_put(t, s, strlen(s));
}

void text_u64(struct text *t, uint64_t v)
{
    char digits[24];
    int i = (int)sizeof digits;
    do {
        digits[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    text_put(t, digits + i, sizeof digits - (size_t)i);
}

void text_json_string(struct text *t, const char *s)
{
    text_put(t, "\"", 1);
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s;; p++) {
        char esc[8];
        const char *e = NULL;
        switch (*p) {
        case '\0': break;
        case '"': e = "\\\""; break;
        case '\\': e = "\\\\"; break;
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        default:
            if (*p < 0x20) {
                snprintf(esc, sizeof esc, "\\u%04x", *p);     /* escape_json's form */
                e = esc;
            }
        }
        if (!*p || e) {
            text_put(t, run, (size_t)((const char *)p - run));
            if (!*p)
                break;
            text_str(t, e);
            run = (const char *)p + 1;
        }
    }
    text_put(t, "\"", 1);
}

void text_copy_field(struct text *t, const char *s)
{
    const char *run = s;
    for (const char *p = s;; p++) {
        const char *e = *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : *p == '\r' ? "\\r" : NULL;
        if (!*p || e) {
            text_put(t, run, (size_t)(p - run));
            if (!*p)
                return;
            text_str(t, e);
            run = p + 1;
        }
    }
}

/* jsonb's key order (lengthCompareJsonbString): length, then bytes. */
static int key_order(const char *a, size_t la, const char *b, size_t lb)
{
    if (la != lb)
        return la < lb ? -1 : 1;
    return memcmp(a, b, la);
}

void jsonb_object(struct text *t, struct jsonb_field *fields, int n, bool strip_nulls)
{
    size_t len[16];
    if (n > 16) {
        fprintf(stderr, "gen_demo: an object of more than 16 members\n");
        exit(1);
    }
    for (int i = 0; i < n; i++) {
        len[i] = strlen(fields[i].key);
        for (int j = i; j > 0 && key_order(fields[j - 1].key, len[j - 1], fields[j].key, len[j]) > 0; j--) {
            struct jsonb_field f = fields[j];
            fields[j] = fields[j - 1];
            fields[j - 1] = f;
            size_t l = len[j];
            len[j] = len[j - 1];
            len[j - 1] = l;
        }
    }
    text_put(t, "{", 1);
    bool first = true;
    for (int i = 0; i < n; i++) {
        if (strip_nulls && !fields[i].value)
            continue;
        if (!first)
            text_put(t, ", ", 2);
        first = false;
        text_put(t, "\"", 1);
        text_put(t, fields[i].key, len[i]);     /* keys are plain words */
        text_put(t, "\": ", 3);
        text_str(t, fields[i].value ? fields[i].value : "null");
    }
    text_put(t, "}", 1);
}
