#include "i18n/text/i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

/* GNU gettext: bumping it invalidates the translation cache. */
extern int _nl_msg_cat_cntr;

/* The catalogues: GISE_LOCALEDIR from the environment (tests), else a
 * development build's own build/locale, else the installed ones. Never the
 * running binary's path: an installed gise must not look beside itself. */
static const char *locale_dir(void)
{
    const char *env = getenv("GISE_LOCALEDIR");
    if (env && *env)
        return env;
#ifdef GISE_TREE
    if (access(GISE_TREE "/build/locale", R_OK | X_OK) == 0)
        return GISE_TREE "/build/locale";
#endif
    return GISE_LOCALEDIR;
}

void i18n_init(const char *lang)
{
    setlocale(LC_ALL, "");
    /* Wide curses and libunistring need a UTF-8 character type even when
     * the environment names none (CI, cron, a bare SSH session). */
    const char *ctype = setlocale(LC_CTYPE, NULL);
    if (!ctype || (!strstr(ctype, "UTF-8") && !strstr(ctype, "utf8")))
        setlocale(LC_CTYPE, "C.UTF-8");
    bindtextdomain("gise", locale_dir());
    bind_textdomain_codeset("gise", "UTF-8");
    textdomain("gise");
    if (lang)
        i18n_set_language(lang);
}

void i18n_set_language(const char *lang)
{
    if (!lang || (strcmp(lang, "tr") != 0 && strcmp(lang, "en") != 0))
        return;
    /* LANGUAGE outranks LC_MESSAGES in GNU gettext, whatever the locale. */
    setenv("LANGUAGE", lang, 1);
    /* gettext ignores LANGUAGE under the C locale; any other will do. */
    const char *messages = setlocale(LC_MESSAGES, NULL);
    if (!messages || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
    ++_nl_msg_cat_cntr;
}
