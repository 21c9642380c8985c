/* Prints the C search key of every input line, one per line, so the corpus
 * test can compare it with gise.fold_name() line by line. A line that is not
 * valid UTF-8 prints "!EILSEQ". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/text/fold.h"

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, stdin)) >= 0) {
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        char *key = fold_name(line, (size_t)len);
        puts(key ? key : "!EILSEQ");
        free(key);
    }
    free(line);
    return 0;
}
