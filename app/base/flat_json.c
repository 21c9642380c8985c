#include "app/base/flat_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the value of "key" starts (after the colon and blanks); NULL when
 * the key is not there. Keys are searched as "key" followed by a colon, so
 * a string value equal to a key name does not match. */
static const char *value_of(const char *json, const char *key)
{
    if (!json)
        return NULL;
    char quoted[80];
    snprintf(quoted, sizeof quoted, "\"%s\"", key);
    for (const char *p = strstr(json, quoted); p; p = strstr(p + 1, quoted)) {
        const char *v = p + strlen(quoted);
        v += strspn(v, " \t\n");
        if (*v != ':')
            continue;
        v++;
        return v + strspn(v, " \t\n");
    }
    return NULL;
}

void flat_json_string(const char *json, const char *key, char *out, size_t size)
{
    size_t n = 0;
    const char *v = value_of(json, key);
    if (v && *v == '"') {
        for (v++; *v && *v != '"' && n + 1 < size; v++) {
            if (*v == '\\' && v[1])
                v++;
            out[n++] = *v;
        }
    }
    out[n] = '\0';
}

long long flat_json_int(const char *json, const char *key, long long absent)
{
    const char *v = value_of(json, key);
    if (!v || !(*v == '-' || (*v >= '0' && *v <= '9')))
        return absent;
    return strtoll(v, NULL, 10);
}
