/* A confirm dialog: a question, Enter (or y/e) confirms, Esc (or n/h)
 * cancels. The model is here; app_confirm shows it over any screen. */
#ifndef GISE_DIALOG_H
#define GISE_DIALOG_H

#include <stdbool.h>

#include "i18n/text/action.h"

enum dialog_answer {
    DIALOG_PENDING,   /* still open */
    DIALOG_YES,
    DIALOG_NO,
};

/* The answer a key gives: Enter, y, Y, e, E (evet) confirm; Esc, F3, n, N,
 * h, H (hayır) cancel; anything else leaves the dialog open. */
enum dialog_answer dialog_key(struct key key, enum action action);

#endif
