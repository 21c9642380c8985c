/* Values from the flat JSON objects the database sends: the DETAIL of a
 * lifecycle refusal, the payload of a notification, the details of a
 * history entry. Only what those hold: one level, string, integer and
 * boolean values (arrays of plain values are passed over). */
#ifndef GISE_FLAT_JSON_H
#define GISE_FLAT_JSON_H

#include <stdbool.h>
#include <stddef.h>

/* The string value of "key" in `json` into out, every JSON escape decoded
 * (\u00e7 and surrogate pairs become UTF-8), cut to fit at a character
 * boundary; "" when absent, null, not a string or malformed. Only
 * top-level keys count: a key's name inside a string value never matches.
 * NULL json is allowed. */
void flat_json_string(const char *json, const char *key, char *out, size_t size);

/* The boolean value of "key"; `absent` when missing, null or not true or
 * false. */
bool flat_json_bool(const char *json, const char *key, bool absent);

/* The integer value of "key"; `absent` when missing, null or not a number. */
long long flat_json_int(const char *json, const char *key, long long absent);

#endif
