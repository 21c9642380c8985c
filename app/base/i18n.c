#include "app/base/i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

/* GNU gettext: bumping it invalidates the translation cache. */
extern int _nl_msg_cat_cntr;

static const char *locale_dir(char *buf, size_t size)
{
    const char *env = getenv("GISE_LOCALEDIR");
    if (env && *env)
        return env;
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n > 0) {
        buf[n] = '\0';
        char *slash = strrchr(buf, '/');
        if (slash) {
            /* Tests run binaries from build/tests/...; the app runs from the top. */
            static const char *const candidates[] = {
                "/build/locale", "/../../../build/locale", "/../../locale",
            };
            for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
                *slash = '\0';
                if ((size_t)(slash - buf) + strlen(candidates[i]) + 1 > size)
                    break;
                strcat(buf, candidates[i]);
                if (access(buf, R_OK | X_OK) == 0)
                    return buf;
            }
        }
    }
    return GISE_LOCALEDIR;
}

void i18n_init(const char *lang)
{
    static char buf[4096];
    setlocale(LC_ALL, "");
    /* Wide curses and libunistring need a UTF-8 character type even when
     * the environment names none (CI, cron, a bare SSH session). */
    const char *ctype = setlocale(LC_CTYPE, NULL);
    if (!ctype || (!strstr(ctype, "UTF-8") && !strstr(ctype, "utf8")))
        setlocale(LC_CTYPE, "C.UTF-8");
    bindtextdomain("gise", locale_dir(buf, sizeof buf));
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
