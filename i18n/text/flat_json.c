#include "i18n/text/flat_json.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* A reader over one flat object: {"key": "string" | number | true | false
 * | null | [those], ...}. Anything else (deeper nesting, bad escapes) ends
 * the reading, and what was not reached counts as absent. */
struct reader {
    const char *p;
};

static void blanks(struct reader *r)
{
    r->p += strspn(r->p, " \t\r\n");
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Appends len bytes (one character) when they fit whole; once one does
 * not, nothing after it is kept either (*full). */
static void put_bytes(char *out, size_t size, size_t *n, bool *full, const void *bytes, size_t len)
{
    if (!out || *full)
        return;
    if (*n + len >= size) {
        *full = true;
        return;
    }
    memcpy(out + *n, bytes, len);
    *n += len;
}

/* Reads a string at r->p (on its opening quote) into out (cut to fit at a
 * character boundary; out may be NULL to skip). False when it is not a
 * well-formed JSON string. */
static bool string(struct reader *r, char *out, size_t size, size_t *n)
{
    if (*r->p != '"')
        return false;
    bool full = false;
    for (r->p++; *r->p != '"'; r->p++) {
        unsigned char c = (unsigned char)*r->p;
        if (c == '\0' || c < 0x20)
            return false;
        if (c != '\\') {
            /* One UTF-8 sequence, copied whole or not at all. */
            int len = u8_mblen((const uint8_t *)r->p, strnlen(r->p, 4));
            if (len <= 0)
                return false;
            put_bytes(out, size, n, &full, r->p, (size_t)len);
            r->p += len - 1;
            continue;
        }
        char e = *++r->p;
        ucs4_t u;
        switch (e) {
        case '"': case '\\': case '/': u = (ucs4_t)e; break;
        case 'b': u = '\b'; break;
        case 'f': u = '\f'; break;
        case 'n': u = '\n'; break;
        case 'r': u = '\r'; break;
        case 't': u = '\t'; break;
        case 'u': {
            int hi = hex4(r->p + 1);
            if (hi < 0)
                return false;
            r->p += 4;
            u = (ucs4_t)hi;
            if (hi >= 0xD800 && hi <= 0xDBFF) {      /* a surrogate pair */
                int lo = r->p[1] == '\\' && r->p[2] == 'u' ? hex4(r->p + 3) : -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return false;
                r->p += 6;
                u = 0x10000 + (((ucs4_t)hi - 0xD800) << 10) + ((ucs4_t)lo - 0xDC00);
            } else if (hi >= 0xDC00 && hi <= 0xDFFF) {
                return false;
            }
            break;
        }
        default:
            return false;
        }
        uint8_t buf[6];
        int len = u8_uctomb(buf, u, sizeof buf);
        if (len <= 0)
            return false;
        put_bytes(out, size, n, &full, buf, (size_t)len);
    }
    r->p++;
    return true;
}

/* Skips a non-string value; false when it is not a flat one. */
static bool scalar(struct reader *r)
{
    size_t len = strcspn(r->p, ",} \t\r\n");
    if (len == 0 || *r->p == '{' || *r->p == '[')
        return false;
    r->p += len;
    return true;
}

/* Skips any value but an object, or an array of those; false when it is
 * not one. */
static bool value(struct reader *r, bool in_array)
{
    size_t n = 0;
    if (*r->p == '"')
        return string(r, NULL, 0, &n);
    if (*r->p != '[' || in_array)
        return scalar(r);
    r->p++;
    blanks(r);
    if (*r->p == ']') {
        r->p++;
        return true;
    }
    for (;;) {
        blanks(r);
        if (!value(r, true))
            return false;
        blanks(r);
        if (*r->p == ']') {
            r->p++;
            return true;
        }
        if (*r->p++ != ',')
            return false;
    }
}

/* Finds "key" at the top level of the object; r->p is then on its value. */
static bool find(struct reader *r, const char *json, const char *key)
{
    if (!json)
        return false;
    r->p = json;
    blanks(r);
    if (*r->p++ != '{')
        return false;
    for (;;) {
        blanks(r);
        char name[80];
        size_t n = 0;
        if (!string(r, name, sizeof name, &n))
            return false;
        name[n] = '\0';
        blanks(r);
        if (*r->p++ != ':')
            return false;
        blanks(r);
        if (strcmp(name, key) == 0)
            return true;
        if (!value(r, false))
            return false;
        blanks(r);
        if (*r->p++ != ',')
            return false;
    }
}

void flat_json_string(const char *json, const char *key, char *out, size_t size)
{
    struct reader r;
    size_t n = 0;
    if (size == 0)
        return;
    if (find(&r, json, key) && *r.p == '"' && !string(&r, out, size, &n))
        n = 0;               /* a broken string is no value */
    out[n] = '\0';
}

bool flat_json_bool(const char *json, const char *key, bool absent)
{
    struct reader r;
    if (!find(&r, json, key))
        return absent;
    if (strncmp(r.p, "true", 4) == 0 && strchr(",} \t\r\n", r.p[4]))
        return true;
    if (strncmp(r.p, "false", 5) == 0 && strchr(",} \t\r\n", r.p[5]))
        return false;
    return absent;
}

long long flat_json_int(const char *json, const char *key, long long absent)
{
    struct reader r;
    if (!find(&r, json, key) || !(*r.p == '-' || (*r.p >= '0' && *r.p <= '9')))
        return absent;
    return strtoll(r.p, NULL, 10);
}
