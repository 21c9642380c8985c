/* JSON exactly as PostgreSQL prints a jsonb value (jsonb::text): object
 * keys shorter first, then bytewise; ", " and ": " between; strings escaped
 * as its escape_json does. The demo hashes its audit and access rows in C
 * (db/demo/trail.c), so the text must be the one gise.chain_row_text()
 * and gise audit verify compute from the stored row. And the lines of
 * COPY's text format those rows are loaded with. */
#ifndef GISE_DEMO_JSONB_TEXT_H
#define GISE_DEMO_JSONB_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Text being built in a caller's buffer: appends die (exit 1) rather than
 * overflow; p is NUL terminated after each. */
struct text {
    char *p;
    size_t len, size;
};

void text_put(struct text *t, const char *s, size_t n);
void text_str(struct text *t, const char *s);
void text_u64(struct text *t, uint64_t v);
/* s as a JSON string ("...", escaped). */
void text_json_string(struct text *t, const char *s);
/* s as a field of COPY's text format (backslash, tab, newline and
 * carriage return escaped). */
void text_copy_field(struct text *t, const char *s);

/* One member of an object: `value` is JSON text already (a number, "a
 * string", [..], {..}, true), or NULL for null. */
struct jsonb_field {
    const char *key;
    const char *value;
};

/* Appends the object of `n` fields (which it sorts in place) to t; null
 * members are left out when strip_nulls (as jsonb_strip_nulls does). */
void jsonb_object(struct text *t, struct jsonb_field *fields, int n, bool strip_nulls);

#endif
