/* Translation: every user-visible string goes through _() (gettext). */
#ifndef GISE_I18N_H
#define GISE_I18N_H

#include <libintl.h>

#define _(msgid) gettext(msgid)
#define N_(msgid) (msgid)

/* Binds the "gise" text domain and selects the language. `lang` is "tr",
 * "en" or NULL (NULL: the locale decides). The catalogue directory is
 * GISE_LOCALEDIR from the environment, else a development build's
 * build/locale, else the installed catalogues. Never
 * fails: with no catalogue the English msgids are shown. */
void i18n_init(const char *lang);

/* Switches language after start-up (e.g. to the staff member's stored
 * preference). `lang` is "tr" or "en"; anything else is ignored. */
void i18n_set_language(const char *lang);

#endif
