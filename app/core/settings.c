#include "app/core/settings.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <syslog.h>
#include <unistd.h>

#include "i18n/text/i18n.h"
#include "i18n/text/idle.h"
#include "i18n/text/text_check.h"
#include "config.h"

enum kind { K_TEXT, K_BOOL, K_LANGUAGE, K_DURATION, K_TLS, K_FACILITY, K_PATH };

static const struct {
    const char *key;
    const char *env;        /* NULL: none */
    enum kind kind;
    const char *fallback;   /* the default, as a file would write it; NULL: none */
} keys[SET_COUNT] = {
    [SET_DATABASE] = {"database", NULL, K_TEXT, NULL},
    [SET_LANGUAGE] = {"language", "GISE_LANG", K_LANGUAGE, NULL},
    [SET_SCREEN_READER] = {"screen_reader", "GISE_SCREEN_READER", K_BOOL, "no"},
    [SET_COLOR] = {"color", NULL, K_BOOL, "yes"},
    [SET_LOCK_AFTER] = {"lock_after", "GISE_LOCK_AFTER", K_DURATION, "15m"},
    [SET_UNLOCK_COMMAND] = {"unlock_command", "GISE_UNLOCK_COMMAND", K_TEXT, NULL},
    [SET_SPOOL] = {"spool", "GISE_SPOOL", K_PATH, NULL},    /* default_spool() */
    [SET_PRINT_COMMAND] = {"print_command", "GISE_PRINT_COMMAND", K_TEXT, NULL},
    [SET_TLS] = {"tls", "GISE_TLS", K_TLS, "verify-full"},
    [SET_TRACE] = {"trace", "GISE_TRACE", K_PATH, NULL},
    [SET_TRACE_PERSONAL] = {"trace_personal", "GISE_TRACE_PERSONAL", K_BOOL, "no"},
    [SET_SYSLOG] = {"syslog", "GISE_SYSLOG", K_BOOL, "yes"},
    [SET_SYSLOG_FACILITY] = {"syslog_facility", "GISE_SYSLOG_FACILITY", K_FACILITY, "authpriv"},
    [SET_SYSLOG_SOCKET] = {"syslog_socket", "GISE_SYSLOG_SOCKET", K_PATH, "/dev/log"},
    [SET_DRAFTS] = {"drafts", "GISE_DRAFTS", K_PATH, NULL},    /* default_drafts() */
};

static const char *const tls_names[] = {"verify-full", "verify-ca", "require", "disable"};

static const struct {
    const char *name;
    int facility;
} facilities[] = {
    {"auth", LOG_AUTH}, {"authpriv", LOG_AUTHPRIV}, {"user", LOG_USER}, {"daemon", LOG_DAEMON},
    {"local0", LOG_LOCAL0}, {"local1", LOG_LOCAL1}, {"local2", LOG_LOCAL2},
    {"local3", LOG_LOCAL3}, {"local4", LOG_LOCAL4}, {"local5", LOG_LOCAL5},
    {"local6", LOG_LOCAL6}, {"local7", LOG_LOCAL7},
};

const char *settings_system_file(void)
{
    return GISE_SYSCONFDIR "/gise/gise.conf";
}

void settings_user_file(char *path, size_t size)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        snprintf(path, size, "%s/gise/gise.conf", xdg);
    else if (home && *home)
        snprintf(path, size, "%s/.config/gise/gise.conf", home);
    else
        path[0] = '\0';
}

const char *settings_key(enum setting key)
{
    return keys[key].key;
}

void settings_default_spool(const char *system_spool, char *path, size_t size)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    if (!home || home[0] != '/') {
        const struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : NULL;
    }
    if (access(system_spool, W_OK | X_OK) == 0)
        snprintf(path, size, "%s", system_spool);
    else if (xdg && xdg[0] == '/')   /* a relative one is invalid (XDG Base Directory) */
        snprintf(path, size, "%s/gise/spool", xdg);
    else if (home && home[0] == '/')
        snprintf(path, size, "%s/.local/state/gise/spool", home);
    else   /* nowhere of the user's own: writing says why it fails */
        snprintf(path, size, "%s", system_spool);
}

/* A development tree keeps its letters in its var/spool; an installed
 * gise uses the system spool the package made (LOCALSTATEDIR/spool/gise)
 * when this user may write there, else the user's own. */
static const char *default_spool(void)
{
#ifdef GISE_TREE
    return GISE_TREE "/var/spool";
#else
    static char path[4096];
    settings_default_spool(GISE_LOCALSTATEDIR "/spool/gise", path, sizeof path);
    return path;
#endif
}

/* The clerk's own state directory (XDG Base Directory): what is typed
 * into forms is kept there, for this user only. NULL without a home. */
static const char *default_drafts(void)
{
    static char path[4096];
    const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    if (state && state[0] == '/')
        snprintf(path, sizeof path, "%s/gise/drafts", state);
    else if (home && home[0] == '/')
        snprintf(path, sizeof path, "%s/.local/state/gise/drafts", home);
    else
        return NULL;
    return path;
}

/* A key's text: as set, else its default (NULL when it has none). The one
 * place defaults are applied, for the values and for --check-config. */
static const char *text_of(const struct settings *s, enum setting k)
{
    if (s->text[k])
        return s->text[k];
    if (k == SET_DRAFTS)
        return default_drafts();
    return k == SET_SPOOL ? default_spool() : keys[k].fallback;
}

/* A text that says "none" when empty. */
static const char *unless_empty(const char *text)
{
    return text && *text ? text : NULL;
}

/* Recomputes the typed values from the texts; every text was checked when
 * it was set, and every default is one of the accepted values. */
static void apply(struct settings *s)
{
    s->database = unless_empty(text_of(s, SET_DATABASE));
    s->language = text_of(s, SET_LANGUAGE);
    s->screen_reader = strcmp(text_of(s, SET_SCREEN_READER), "yes") == 0;
    s->color = strcmp(text_of(s, SET_COLOR), "yes") == 0;
    if (idle_parse(text_of(s, SET_LOCK_AFTER), &s->lock_after_ms) != 0)
        s->lock_after_ms = IDLE_DEFAULT_MS;
    s->unlock_command = unless_empty(text_of(s, SET_UNLOCK_COMMAND));
    s->spool = text_of(s, SET_SPOOL);
    s->print_command = unless_empty(text_of(s, SET_PRINT_COMMAND));
    for (size_t i = 0; i < sizeof tls_names / sizeof *tls_names; i++)
        if (strcmp(text_of(s, SET_TLS), tls_names[i]) == 0)
            s->tls = (enum tls_policy)i;
    s->trace = unless_empty(text_of(s, SET_TRACE));
    s->trace_personal = strcmp(text_of(s, SET_TRACE_PERSONAL), "yes") == 0;
    s->syslog = strcmp(text_of(s, SET_SYSLOG), "yes") == 0;
    for (size_t i = 0; i < sizeof facilities / sizeof *facilities; i++)
        if (strcmp(text_of(s, SET_SYSLOG_FACILITY), facilities[i].name) == 0)
            s->syslog_facility = facilities[i].facility;
    s->syslog_socket = text_of(s, SET_SYSLOG_SOCKET);
    s->drafts = text_of(s, SET_DRAFTS);
}

void settings_init(struct settings *s)
{
    memset(s, 0, sizeof *s);
    apply(s);
}

void settings_free(struct settings *s)
{
    for (int i = 0; i < SET_COUNT; i++) {
        free(s->text[i]);
        free(s->origin[i]);
    }
    memset(s, 0, sizeof *s);
}

/* Yes and no as people write them in a settings file. */
static const char *boolean(const char *value)
{
    static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(value, yes[i]) == 0)
            return "yes";
        if (strcasecmp(value, no[i]) == 0)
            return "no";
    }
    return NULL;
}

int settings_check_text(const char *value, char *why, size_t size)
{
    size_t len = strlen(value), at;
    uint32_t c;
    if (len > SETTING_MAX_BYTES) {
        snprintf(why, size, _("the value is too long: %zu bytes, at most %d"), len, SETTING_MAX_BYTES);
        return -1;
    }
    enum text_problem problem = text_scan(value, len, TEXT_LINE, &at, &c);
    if (problem == TEXT_OK)
        return 0;
    char fault[200];
    snprintf(why, size, _("the value has %s: a setting is plain text on one line"),
             text_fault_name(problem, c, value, at, fault, sizeof fault));
    return -1;
}

/* Checks `value` for `key`; returns the text to keep (static or `value`),
 * or NULL with `why`. */
static const char *check(enum setting key, const char *value, char *why, size_t size)
{
    if (settings_check_text(value, why, size) != 0)
        return NULL;
    int ms;
    switch (keys[key].kind) {
    case K_TEXT:
        return value;
    case K_PATH:
        if (value[0] != '/') {
            snprintf(why, size, _("%s must be an absolute path (starting with /)"), keys[key].key);
            return NULL;
        }
        return value;
    case K_BOOL:
        if (boolean(value))
            return boolean(value);
        snprintf(why, size, _("%s must be yes or no, not \"%s\""), keys[key].key, value);
        return NULL;
    case K_LANGUAGE:
        if (strcmp(value, "tr") == 0 || strcmp(value, "en") == 0)
            return value;
        snprintf(why, size, _("%s must be tr or en, not \"%s\""), keys[key].key, value);
        return NULL;
    case K_DURATION:
        if (idle_parse(value, &ms) == 0)
            return value;
        snprintf(why, size, _("%s must be a duration like 15m, 90s or 1h, or off; not \"%s\""),
                 keys[key].key, value);
        return NULL;
    case K_TLS:
        for (size_t i = 0; i < sizeof tls_names / sizeof *tls_names; i++)
            if (strcmp(value, tls_names[i]) == 0)
                return value;
        snprintf(why, size, _("%s must be verify-full, verify-ca, require or disable; not \"%s\""),
                 keys[key].key, value);
        return NULL;
    case K_FACILITY:
        for (size_t i = 0; i < sizeof facilities / sizeof *facilities; i++)
            if (strcmp(value, facilities[i].name) == 0)
                return value;
        snprintf(why, size, _("%s must be auth, authpriv, user, daemon or local0 to local7; not \"%s\""),
                 keys[key].key, value);
        return NULL;
    }
    return NULL;
}

static int set_key(struct settings *s, enum setting key, const char *value, const char *origin,
                   char *why, size_t size)
{
    const char *kept = check(key, value, why, size);
    if (!kept)
        return -1;
    char *text = strdup(kept), *where = strdup(origin);
    if (!text || !where) {
        free(text);
        free(where);
        snprintf(why, size, "%s", _("Out of memory."));
        return -1;
    }
    free(s->text[key]);
    free(s->origin[key]);
    s->text[key] = text;
    s->origin[key] = where;
    apply(s);
    return 0;
}

int settings_set(struct settings *s, const char *key, const char *value, const char *origin,
                 char *why, size_t size)
{
    for (int i = 0; i < SET_COUNT; i++)
        if (strcmp(keys[i].key, key) == 0)
            return set_key(s, (enum setting)i, value, origin, why, size);
    snprintf(why, size, _("unknown setting \"%s\" (gise.conf(5) lists them)"), key);
    return -1;
}

void settings_override(struct settings *s, const struct settings *over)
{
    char unused[400];
    for (int i = 0; i < SET_COUNT; i++)
        if (over->text[i])
            set_key(s, (enum setting)i, over->text[i], over->origin[i], unused, sizeof unused);
}

const char *settings_tls_mode(const struct settings *s)
{
    return tls_names[s->tls];
}

static char *trim(char *text)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\r'))
        text[--n] = '\0';
    return text;
}

/* A value in double quotes may hold \" and \\; the quotes are not part of
 * it. Returns NULL when the quotes do not close. */
static char *unquote(char *value)
{
    if (value[0] != '"')
        return value;
    char *out = value, *in = value + 1;
    for (; *in && *in != '"'; in++) {
        if (*in == '\\' && (in[1] == '"' || in[1] == '\\'))
            in++;
        *out++ = *in;
    }
    if (*in != '"' || *trim(in + 1) != '\0')
        return NULL;
    *out = '\0';
    return value;
}

int settings_read_file(struct settings *s, const char *path, bool must_exist, char *why,
                       size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (!must_exist && errno == ENOENT)
            return 0;
        snprintf(why, size, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[4096], problem[400], origin[4200];
    int number = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        number++;
        snprintf(origin, sizeof origin, "%s:%d", path, number);
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(why, size, "%s: %s", origin, _("the line is too long"));
            rc = -1;
            break;
        }
        line[strcspn(line, "\n")] = '\0';
        char *text = trim(line);
        if (*text == '\0' || *text == '#')
            continue;
        char *eq = strchr(text, '=');
        if (!eq) {
            snprintf(why, size, "%s: %s", origin, _("expected key = value"));
            rc = -1;
            break;
        }
        *eq = '\0';
        char *key = trim(text), *value = unquote(trim(eq + 1));
        if (!value) {
            snprintf(why, size, "%s: %s", origin, _("the quoted value does not end with \""));
            rc = -1;
        } else if (settings_set(s, key, value, origin, problem, sizeof problem) != 0) {
            snprintf(why, size, "%s: %s", origin, problem);
            rc = -1;
        }
    }
    fclose(f);
    return rc;
}

int settings_read_environment(struct settings *s, char *why, size_t size)
{
    char problem[400];
    for (int i = 0; i < SET_COUNT; i++) {
        const char *value = keys[i].env ? getenv(keys[i].env) : NULL;
        if (!value || !*value)
            continue;
        if (set_key(s, (enum setting)i, value, keys[i].env, problem, sizeof problem) != 0) {
            snprintf(why, size, "%s: %s", keys[i].env, problem);
            return -1;
        }
    }
    /* https://no-color.org: present and not empty turns colour off. */
    const char *no_color = getenv("NO_COLOR");
    if (no_color && *no_color && set_key(s, SET_COLOR, "no", "NO_COLOR", why, size) != 0)
        return -1;
    return 0;
}

void settings_print(const struct settings *s, FILE *out)
{
    for (int i = 0; i < SET_COUNT; i++) {
        const char *value = text_of(s, (enum setting)i);
        fprintf(out, "%s = %s\t# %s\n", keys[i].key, value ? value : "",
                s->origin[i] ? s->origin[i] : _("default"));
    }
}
