/* Keys of the field editor, as curses reports them. */
#ifndef GISE_FIELD_KEYS_H
#define GISE_FIELD_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n/text/action.h"
#include "screens/widgets/field.h"

/* Applies a key to the field: a printable character is inserted, editing
 * keys (Left, Right, Home, End, Ctrl-Left/Right, Backspace, Delete, Ctrl-U,
 * Ctrl-K, Ctrl-W) edit, a paste (GK_PASTE, screens/keys.h) is inserted
 * whole or refused whole (field_insert). Returns false when the key is not
 * the field's (Enter, Tab, F-keys, ...), so the key map gets it; *result
 * says what happened otherwise, *why why input was refused. */
bool field_key(struct field *f, struct key key, enum field_result *result, enum field_refusal *why);

struct app;

/* The status row's words for input the field refused (field_key): a typed
 * character ("This field is full.") or a paste, naming what was wrong with
 * it and where ("Pasted text not used: it has a line break at character
 * 12, and this field takes one line..."). Written into buf; returns it. */
const char *field_refusal_words(const struct field *f, struct key key, enum field_refusal why, char *buf,
                                size_t size);

/* field_key for a form: a refused character is reported on the status row
 * ("This field is full."). Returns false when the key is not the field's. */
bool field_take_key(struct app *app, struct field *f, struct key key);

/* Looks up the terminal's codes for Ctrl-Left and Ctrl-Right once curses
 * is running (they are not standard keys). */

#endif
