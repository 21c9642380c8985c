#include "i18n/text/filter.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n/text/fold.h"
#include "i18n/text/grapheme.h"

bool filter_key(char *filter, size_t size, struct key key)
{
    size_t len = strlen(filter);
    if ((key.function && key.code == GK_BACKSPACE) || (!key.function && (key.code == 0x7f || key.code == 0x08))) {
        if (len == 0)
            return false;
        filter[grapheme_prev(filter, len, len)] = '\0';
        return true;
    }
    if (key.function || key.code < 0x20)
        return false;
    char buf[MB_LEN_MAX];
    mbstate_t st = {0};
    size_t n = wcrtomb(buf, (wchar_t)key.code, &st);
    if (n == (size_t)-1 || len + n + 1 > size)
        return false;
    memcpy(filter + len, buf, n);
    filter[len + n] = '\0';
    return true;
}

bool filter_match(const char *filter, const char *text)
{
    char *f = fold_name(filter, strlen(filter));
    char *t = fold_name(text, strlen(text));
    bool all = f && t;
    for (char *word = f ? strtok(f, " ") : NULL; all && word; word = strtok(NULL, " "))
        all = strstr(t, word) != NULL;
    free(f);
    free(t);
    return all;
}
