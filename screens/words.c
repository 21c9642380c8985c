#include "screens/words.h"

#include <stdio.h>
#include <string.h>

#include "i18n/text/i18n.h"

/* The first key bound to the action: the F-key of DESIGN.md's table. */
static void press(enum action action, char *out, size_t size)
{
    char keys[120];
    keymap_keys_for(NULL, action, keys, sizeof keys);
    keys[strcspn(keys, ",")] = '\0';
    snprintf(out, size, _("Press %s"), keys);
}

const struct front_words screen_words = {press};
