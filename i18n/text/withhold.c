#include "i18n/text/withhold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/text/national_id.h"

char *withhold_format(const char *fmt)
{
    if (strcmp(fmt, "%s") == 0)
        return strdup(fmt);
    /* Each "%s" grows to "%.0s…": 2 bytes to 7. */
    size_t cap = 4 * strlen(fmt) + 8;
    char *out = malloc(cap), *o = out;
    if (!out)
        return NULL;
    for (const char *p = fmt; *p;) {
        if (*p != '%') {
            *o++ = *p++;
            continue;
        }
        const char *spec = p++;
        if (*p == '%') {
            *o++ = '%';
            *o++ = *p++;
            continue;
        }
        size_t n = strspn(p, "-+ #0'123456789.*$hlLqjzt");
        const char *conv = p + n;
        if (*conv == 's' && memchr(p, '*', n) == NULL && memchr(p, '$', n) == NULL) {
            memcpy(o, "%.0s" WITHHELD, 7);
            o += 7;
        } else if (*conv == 's' || *conv == '\0') {
            free(out);
            return strdup(WITHHELD);
        } else {
            memcpy(o, spec, (size_t)(conv + 1 - spec));
            o += conv + 1 - spec;
        }
        p = conv + 1;
    }
    *o = '\0';
    return out;
}

void withhold_value(const char *value, char *out, size_t size)
{
    size_t len = strlen(value);
    if (len == 0)
        snprintf(out, size, "%s", "");
    else if (len == NATIONAL_ID_DIGITS && strspn(value, "0123456789") == len) {
        char masked[12];
        national_id_mask(value, masked);
        snprintf(out, size, "%s", masked);
    } else {
        snprintf(out, size, "%s", WITHHELD);
    }
}
