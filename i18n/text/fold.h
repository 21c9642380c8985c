/* The one folding rule for name search (DESIGN.md, Search). */
#ifndef GISE_FOLD_H
#define GISE_FOLD_H

#include <stddef.h>

/* Returns the search key of the UTF-8 text s[0..len): NFKD, language-neutral
 * lower case, NFD; nonspacing marks, apostrophes, soft hyphens, zero-width
 * and bidi formatting characters deleted; ı becomes i; controls, white space
 * and punctuation become single spaces; trimmed; NFC. It is the C half of
 * gise.fold_name() in db/migrations/0001_base.sql, and the two must agree on
 * every input (tests/db/fold_corpus.sh).
 * The caller owns and frees the returned NUL-terminated string. Returns NULL
 * with errno EILSEQ when s is not valid UTF-8, ENOMEM when memory runs out. */
char *fold_name(const char *s, size_t len);

#endif
