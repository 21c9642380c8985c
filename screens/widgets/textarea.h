/* A text field laid out over several rows: its label first, then its text,
 * wrapped between words by the one wrapper (i18n/text/wrap.c), widths from
 * libunistring. Only the layout: which bytes each row shows; drawing is the
 * sheet's (sheet.h). */
#ifndef GISE_TEXTAREA_H
#define GISE_TEXTAREA_H

#include <stddef.h>

#include "screens/widgets/field.h"

struct textarea_row {
    size_t start, len;     /* the bytes of `text` the row shows */
    size_t end;            /* where the next row starts: blanks dropped at a
                              break belong to the row before */
};

struct textarea {
    char *text;            /* prefix and value, owned */
    size_t prefix_len;     /* the label's bytes; the value follows */
    struct textarea_row *rows;
    size_t count;
};

/* Lays out `prefix` (the label, e.g. "Note (required): ") followed by the
 * field's text and, when `suffix` is not NULL, two blanks and the suffix, in
 * rows of at most width - 1 columns (the last column is
 * left for a mark). Returns 0, or -1
 * when memory runs out (*t is then empty). Free with textarea_free. */
int textarea_layout(struct textarea *t, const char *prefix, const struct field *f, const char *suffix,
                    int width);

/* Frees what textarea_layout made. */
void textarea_free(struct textarea *t);

#endif
