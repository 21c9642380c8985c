/* gise: front-desk workstation. Parses the command line, connects, checks
 * who is signed in, then runs the full-screen interface (or line mode). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "screens/app.h"
#include "app/base/i18n.h"
#include "app/base/idle.h"
#include "app/base/labels.h"
#include "app/line/plain.h"
#include "screens/tui.h"
#include "app/base/version.h"

struct options {
    const char *lang;
    const char *conninfo;
    const char *lock_after;
    bool screen_reader;
    bool plain;
};

static void usage(FILE *to)
{
    fprintf(to, "%s", _("Usage: gise [--lang tr|en] [--screen-reader] [--plain] [CONNINFO]\n"
                        "Front-desk workstation: find citizens and their applications.\n"
                        "  --lang tr|en       language (default: your staff profile, then the locale)\n"
                        "  --screen-reader    no line drawing, minimal redraw, nothing written while idle\n"
                        "                     (also GISE_SCREEN_READER=1, or the staff profile)\n"
                        "  --plain            line mode: prompts and answers, no escape codes\n"
                        "                     (also TERM=dumb, or when not on a terminal)\n"
                        "With no CONNINFO, libpq's environment (PGHOST, PGSERVICE, ...) or the\n"
                        "private demo database (var/pg.env, made by `make db`) is used.\n"
                        "NO_COLOR turns colour off; GISE_TRACE=FILE logs every drawn frame.\n"));
    fprintf(to, "%s", _("Idle lock:\n"
                        "  --lock-after TIME  lock the screen after TIME without a key: 15m (the\n"
                        "                     default), 90s, 1h, or off; also GISE_LOCK_AFTER. A warning\n"
                        "                     comes a minute ahead, and any key stays signed in.\n"
                        "  To unlock, type your login name; or GISE_UNLOCK_COMMAND (e.g. vlock) runs on\n"
                        "  the terminal, and its exit status 0 unlocks.\n"));
}

static int parse(int argc, char **argv, struct options *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            o->lang = argv[++i];
            if (strcmp(o->lang, "tr") != 0 && strcmp(o->lang, "en") != 0)
                return -1;
        } else if (strcmp(argv[i], "--lock-after") == 0 && i + 1 < argc) {
            o->lock_after = argv[++i];
        } else if (strcmp(argv[i], "--screen-reader") == 0) {
            o->screen_reader = true;
        } else if (strcmp(argv[i], "--plain") == 0) {
            o->plain = true;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("gise %s\n", GISE_VERSION);
            exit(0);
        } else if (strcmp(argv[i], "--help") == 0) {
            i18n_init(o->lang);
            usage(stdout);
            exit(0);
        } else if (argv[i][0] == '-' || o->conninfo) {
            return -1;
        } else {
            o->conninfo = argv[i];
        }
    }
    return 0;
}

static bool env_true(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0;
}

static bool want_plain(const struct options *o)
{
    const char *term = getenv("TERM");
    return o->plain || !term || !*term || strcmp(term, "dumb") == 0 || !isatty(STDIN_FILENO) ||
           !isatty(STDOUT_FILENO);
}

int main(int argc, char **argv)
{
    struct options o;
    if (parse(argc, argv, &o) != 0) {
        i18n_init(o.lang);
        usage(stderr);
        return 2;
    }
    i18n_init(o.lang);
    /* The option over the environment (a site sets GISE_LOCK_AFTER for
     * everyone, e.g. with sshd's SetEnv). */
    int lock_after_ms;
    const char *lock_after = o.lock_after ? o.lock_after : getenv("GISE_LOCK_AFTER");
    if (idle_parse(lock_after, &lock_after_ms) != 0) {
        fprintf(stderr, _("gise: %s is not a duration; write it like 15m, 90s or 1h, or off.\n"),
                lock_after);
        usage(stderr);
        return 2;
    }

    struct app app;
    memset(&app, 0, sizeof app);
    app.lock_after_ms = lock_after_ms;
    struct db_error err;
    app.db = db_connect(o.conninfo, &err);
    if (!app.db) {
        fprintf(stderr, "gise: %s\n", err.message);
        return 1;
    }
    if (staff_whoami(app.db, &app.me, &err) != 0) {
        fprintf(stderr, "gise: %s\n", err.message);
        db_free(app.db);
        return 1;
    }
    /* Language: --lang, then the staff member's stored preference. */
    app.lang = o.lang ? o.lang : app.me.language;
    i18n_set_language(app.lang);
    app.screen_reader = o.screen_reader || env_true("GISE_SCREEN_READER") || app.me.screen_reader;
    app.color = !getenv("NO_COLOR") && !app.me.no_color;
    const char *trace = getenv("GISE_TRACE");
    if (trace && *trace)
        app.trace = fopen(trace, "a");

    int status;
    if (want_plain(&o)) {
        status = plain_run(&app);
    } else {
        app_message(&app, _("Signed in as %s (%s), %s."), app.me.display_name,
                    role_label(app.me.role_group),
                    app_pick(&app, app.me.office_name_tr, app.me.office_name_en));
        status = tui_run(&app);
    }
    if (app.trace)
        fclose(app.trace);
    status_free(&app.status);
    staff_identity_free(&app.me);
    db_free(app.db);
    return status;
}
