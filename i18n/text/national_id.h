/* Turkish identity number (T.C. Kimlik No; foreign residents' numbers follow
 * the same rule). The database enforces the same rule in
 * gise.national_id_valid(); checking here first lets the clerk hear about a
 * mistyped number at once, without a round trip. */
#ifndef GISE_NATIONAL_ID_H
#define GISE_NATIONAL_ID_H

/* Digits in a Turkish identity number (and a foreign resident's). */
enum { NATIONAL_ID_DIGITS = 11 };

#include <stddef.h>

enum national_id_status {
    NATIONAL_ID_OK,
    NATIONAL_ID_WRONG_LENGTH,   /* not exactly 11 characters */
    NATIONAL_ID_NOT_DIGITS,     /* something other than 0-9 */
    NATIONAL_ID_LEADING_ZERO,   /* the first digit is 0 */
    NATIONAL_ID_BAD_CHECKSUM,   /* digit 10 or 11 does not match */
};

/* Checks s[0..len) (no terminator needed). Pure; never fails. */
enum national_id_status national_id_check(const char *s, size_t len);

/* A translated sentence naming the problem and the fix, for the status row.
 * The string is static (gettext's); the caller must not free it. */
const char *national_id_message(enum national_id_status status);

/* Completes nine digits (first not 0) with the two check digits into out,
 * NUL-terminated. Returns 0, or -1 when `first9` is not nine such digits. */
int national_id_complete(const char *first9, char out[12]);

/* Writes a masked copy for lists ("123******90") into out. `id` must be a
 * valid number (11 digits). */
void national_id_mask(const char *id, char out[12]);

/* Masks, in place, every run of exactly 11 digits in `text` the way
 * national_id_mask does (a longer or shorter run is no identity number). */
void national_id_mask_all(char *text);

/* How a search text is taken (DESIGN.md, Search), the same by both front
 * ends: only digits are an identity number, complete at
 * NATIONAL_ID_DIGITS or more (then checked), still being typed before;
 * anything else is a name. */
enum search_kind { SEARCH_NAME, SEARCH_ID_PARTIAL, SEARCH_ID };
enum search_kind search_kind_of(const char *text, size_t len);

#endif
