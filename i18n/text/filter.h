/* Type-to-filter for choice lists (services, rejection reasons): letters
 * typed outside any field narrow the list; matching uses the search
 * folding, so "ikamet" finds "İkametgâh". */
#ifndef GISE_FILTER_H
#define GISE_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n/text/action.h"

/* Applies a key to the filter text: a printable character is appended,
 * Backspace removes the last character. True when the filter changed. */
bool filter_key(char *filter, size_t size, struct key key);

/* True when every word of the filter occurs in the text (folded). */
bool filter_match(const char *filter, const char *text);

#endif
