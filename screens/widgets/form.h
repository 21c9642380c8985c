/* A form: labelled fields top to bottom, required markers written as text,
 * an error for the field it concerns. Tab/Down and Shift-Tab/Up move
 * between fields; validation moves the focus to the first error. Screens
 * draw their forms with screens/widgets/sheet.h. */
#ifndef GISE_FORM_H
#define GISE_FORM_H

#include <stdbool.h>
#include <stddef.h>

#include "app/core/actions.h"
#include "screens/app.h"
#include "i18n/text/action.h"
#include "i18n/text/text_check.h"
#include "screens/widgets/field.h"

struct draft;

struct form_field {
    const char *label;       /* translated, static */
    bool required;
    enum text_kind kind;
    struct field field;
    char error[256];         /* "" when fine; shown under the field */
};

struct form {
    struct form_field *fields;
    size_t count;
    size_t focus;
};

/* Adds a field. Returns 0, or -1 when memory runs out. */
int form_add(struct form *f, const char *label, bool required, enum text_kind kind,
             size_t max_chars);

/* Frees every field. */
void form_free(struct form *f);

/* Moves a focus index among `count` items top to bottom: Tab and Down to
 * the next, Shift-Tab and Up to the previous, stopping at either end. True
 * when the action was one of those (handled, even at an end). Screens
 * with focus items of their own use it too. */
bool form_focus_move(size_t *focus, size_t count, enum action action);

/* Next/previous field (Tab, Down / Shift-Tab, Up); true when handled. */
bool form_action(struct form *f, enum action action);

/* Checks every field (required ones not blank, text acceptable); writes
 * each problem under its field, moves the focus to the first one and
 * returns the number of problems (0: the form may be submitted). */
size_t form_validate(struct form *f);

/* After a form's action (app/actions.h) answered rc: done, the form closes
 * and the status row says what happened (true; the form's state is gone);
 * refused, the sentence is said and the form stays with what was typed
 * (false; on DB_CONFLICT the caller re-reads what it shows). */
bool form_action_done(struct app *app, int rc, const struct action_result *result);

/* A form's draft (app/core/drafts.h), for its screen's draft callback:
 * the key of step `step` on application a, its number as the label, and
 * the request id kept for a retry (req). */
void form_draft_key(struct draft *d, enum step step, const struct application *a, const struct request *req);

/* Puts a draft back into a form: its field `name` into *f (the cursor at
 * its end; an absent one empties it) and its request id into *req. */
void form_draft_restore(struct field *f, const struct draft *d, const char *name, struct request *req);

/* Which of two choices the draft's "choice" names: 0 for `first`, 1 for
 * `second`, -1 for neither. */
int form_draft_choice(const struct draft *d, const char *first, const char *second);

#endif
