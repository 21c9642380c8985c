#include "app/line/words.h"

#include <stdio.h>

#include "i18n/text/i18n.h"

/* The action's command word (i18n/text/action.h); the steps of a record
 * have numbers instead. */
static void type(enum action action, char *out, size_t size)
{
    const char *word = action_line_word(action);
    if (word)
        snprintf(out, size, _("Type %s"), word);
    else if (action == ACT_ACTIONS)
        snprintf(out, size, "%s", _("Choose from the numbered steps"));
    else
        snprintf(out, size, "%s", keymap_help(action));
}

const struct front_words line_words = {type};
