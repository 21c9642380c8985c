/* gise: front-desk workstation. Reads the settings and the command line,
 * connects, checks who is signed in, then runs a front end: the full
 * screen (screens/) or line mode (app/line/). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "i18n/text/sanitize.h"
#include "i18n/text/version.h"
#include "app/core/audit.h"
#include "app/core/drafts.h"
#include "app/core/log.h"
#include "app/core/purpose.h"
#include "app/core/session.h"
#include "app/core/settings.h"
#include "app/core/trace.h"
#include "app/line/plain.h"
#include "db/application.h"
#include "screens/tui.h"

enum { EXIT_USAGE = 2 };

struct options {
    const char *config;         /* --config: only this file */
    const char *conninfo;
    bool plain, help, version, check_config, lapse_overdue;
};

enum { OPT_LOCK_AFTER = 256, OPT_CHECK_CONFIG, OPT_LAPSE_OVERDUE, OPT_SPOOL, OPT_TRACE, OPT_TLS };

static const struct option long_options[] = {
    {"lang", required_argument, NULL, 'l'},
    {"screen-reader", no_argument, NULL, 's'},
    {"plain", no_argument, NULL, 'p'},
    {"lock-after", required_argument, NULL, OPT_LOCK_AFTER},
    {"spool", required_argument, NULL, OPT_SPOOL},
    {"trace", required_argument, NULL, OPT_TRACE},
    {"tls", required_argument, NULL, OPT_TLS},
    {"config", required_argument, NULL, 'c'},
    {"check-config", no_argument, NULL, OPT_CHECK_CONFIG},
    {"lapse-overdue", no_argument, NULL, OPT_LAPSE_OVERDUE},
    {"version", no_argument, NULL, 'V'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void usage(FILE *to)
{
    fprintf(to, "%s", _("Usage: gise [OPTION]... [CONNINFO]\n"
                        "Front-desk workstation: find citizens and process their applications.\n"
                        "\n"
                        "  -l, --lang=tr|en       language (default: your staff profile, then the locale)\n"
                        "  -s, --screen-reader    no line drawing, minimal redraw, nothing written while\n"
                        "                         idle (also the staff profile)\n"
                        "  -p, --plain            line mode: prompts and answers, no escape codes (also\n"
                        "                         TERM=dumb, or when not on a terminal)\n"
                        "      --lock-after=TIME  lock the screen after TIME without a key: 15m (the\n"
                        "                         default), 90s, 1h, or off\n"
                        "      --spool=DIR        where letters are written before printing\n"
                        "      --tls=MODE         for a database over TCP: verify-full (the default),\n"
                        "                         verify-ca, require or disable\n"
                        "      --trace=FILE       log every drawn frame (for debugging)\n"
                        "  -c, --config=FILE      read only FILE, not the system and user settings\n"
                        "      --check-config     check the settings, print them with where each came\n"
                        "                         from, and exit\n"
                        "      --lapse-overdue    mark applications past their deficiency deadline as\n"
                        "                         lapsed, and exit (the daily timer runs this)\n"
                        "  -V, --version          print the version and exit\n"
                        "  -h, --help             print this help and exit\n"
                        "\n"));
    fprintf(to, _("Settings are read from %s, then the user's\n"
                  "$XDG_CONFIG_HOME/gise/gise.conf, then the environment (GISE_LANG,\n"
                  "GISE_LOCK_AFTER, GISE_SPOOL, GISE_PRINT_COMMAND, GISE_UNLOCK_COMMAND, GISE_TLS,\n"
                  "GISE_TRACE, GISE_SCREEN_READER, NO_COLOR, ...), then the options; see gise.conf(5).\n"
                  "With no CONNINFO and no database setting, libpq's environment (PGHOST,\n"
                  "PGSERVICE, ...) chooses the database.\n"
                  "\n"
                  "Exit status: 0 done, 1 something failed or was refused (line mode), 2 bad usage\n"
                  "or settings.\n"),
            settings_system_file());
}

/* A value of the command line that is no setting (--config, CONNINFO)
 * is refused as a setting's would be. */
static int checked(const char *origin, const char *value, char *why, size_t size)
{
    char problem[400];
    if (settings_check_text(value, problem, sizeof problem) == 0)
        return 0;
    snprintf(why, size, "%s: %s", origin, problem);
    return -1;
}

/* Reads the command line. Settings named by options go into *s (they win
 * over files and environment, which are read first: see main). */
static int parse_options(int argc, char **argv, struct options *o, struct settings *s,
                         char *why, size_t size)
{
    memset(o, 0, sizeof *o);
    opterr = 0;
    int c;
    /* --lang first, wherever it stands, so that every complaint about the
     * rest of the command line is in that language. */
    while ((c = getopt_long(argc, argv, ":l:spc:Vh", long_options, NULL)) != -1)
        if (c == 'l' && (strcmp(optarg, "tr") == 0 || strcmp(optarg, "en") == 0))
            i18n_set_language(optarg);
    optind = 0;     /* GNU getopt: start again from the beginning */
    while ((c = getopt_long(argc, argv, ":l:spc:Vh", long_options, NULL)) != -1) {
        const char *key = NULL, *origin = NULL;
        switch (c) {
        case 'l': key = "language"; origin = "--lang"; break;
        case 's': key = "screen_reader"; origin = "--screen-reader"; break;
        case OPT_LOCK_AFTER: key = "lock_after"; origin = "--lock-after"; break;
        case OPT_SPOOL: key = "spool"; origin = "--spool"; break;
        case OPT_TRACE: key = "trace"; origin = "--trace"; break;
        case OPT_TLS: key = "tls"; origin = "--tls"; break;
        case 'p': o->plain = true; break;
        case 'c': o->config = optarg; break;
        case OPT_CHECK_CONFIG: o->check_config = true; break;
        case OPT_LAPSE_OVERDUE: o->lapse_overdue = true; break;
        case 'V': o->version = true; break;
        case 'h': o->help = true; break;
        case ':':
            snprintf(why, size, _("option %s needs a value"), argv[optind - 1]);
            return -1;
        default:
            snprintf(why, size, _("unknown option %s"), argv[optind - 1]);
            return -1;
        }
        char problem[500];
        if (key && settings_set(s, key, c == 's' ? "yes" : optarg, origin, problem, sizeof problem) != 0) {
            snprintf(why, size, "%s: %s", origin, problem);    /* which option, as a file's line */
            return -1;
        }
        if (c == 'c' && checked("--config", optarg, why, size) != 0)
            return -1;
    }
    if (optind < argc && checked("CONNINFO", argv[optind], why, size) != 0)
        return -1;
    if (optind < argc)
        o->conninfo = argv[optind++];
    if (optind < argc) {
        snprintf(why, size, _("unexpected argument %s"), argv[optind]);
        return -1;
    }
    return 0;
}

/* Files, then environment: what the options will override. */
static int read_settings(const struct options *o, struct settings *s, char *why, size_t size)
{
    if (o->config)
        return settings_read_file(s, o->config, true, why, size);
    char user[4096];
    settings_user_file(user, sizeof user);
    if (settings_read_file(s, settings_system_file(), false, why, size) != 0 ||
        (user[0] && settings_read_file(s, user, false, why, size) != 0))
        return -1;
    return settings_read_environment(s, why, size);
}

static bool want_plain(const struct options *o)
{
    const char *term = getenv("TERM");
    return o->plain || !term || !*term || strcmp(term, "dumb") == 0 || !isatty(STDIN_FILENO) ||
           !isatty(STDOUT_FILENO);
}

static int lapse_overdue(struct session *session)
{
    long long lapsed;
    struct db_error err;
    if (application_lapse_overdue(session->db, &lapsed, &err) != 0) {
        fprintf(stderr, "gise: %s\n", session_explain(session, &err));
        log_event(LOG_LAPSE_RUN, "result=failed sqlstate=%s", err.sqlstate[0] ? err.sqlstate : "-");
        return 1;
    }
    printf(ngettext("%lld application lapsed.\n", "%lld applications lapsed.\n",
                    (unsigned long)lapsed), lapsed);
    log_event(LOG_LAPSE_RUN, "lapsed=%lld", lapsed);
    return 0;
}

/* Parses everything before acting on anything, so that --help speaks the
 * language --lang names wherever it stands. Returns 0 or EXIT_USAGE (said). */
static int setup(int argc, char **argv, struct options *o, struct settings *settings)
{
    char why[600];
    struct settings from_options;
    settings_init(&from_options);
    settings_init(settings);
    i18n_init(NULL);
    int rc = parse_options(argc, argv, o, &from_options, why, sizeof why);
    if (rc == 0 && !o->help && !o->version)
        rc = read_settings(o, settings, why, sizeof why);
    settings_override(settings, &from_options);
    settings_free(&from_options);
    if (settings->language)
        i18n_set_language(settings->language);
    if (rc != 0) {
        /* The complaint may quote what was given (an unknown option): made
         * safe, so no escape code in it reaches the terminal. */
        char *safe = sanitize_for_display(why, strlen(why));
        fprintf(stderr, "gise: %s\n", safe ? safe : why);
        free(safe);
        fprintf(stderr, "%s", _("Try 'gise --help' for more information.\n"));
        return EXIT_USAGE;
    }
    return 0;
}

/* The signed-in session's choices, then the front end the terminal
 * allows; returns its exit status. */
static int run_front_end(struct session *session, const struct options *o)
{
    const struct settings *settings = session->settings;
    /* Language: the settings, then the staff member's stored preference. */
    session->lang = settings->language ? settings->language : session->me.language;
    i18n_set_language(session->lang);
    session->screen_reader = settings->screen_reader || session->me.screen_reader;
    session->color = settings->color && !session->me.no_color;
    bool plain = want_plain(o);
    log_event(LOG_SIGN_IN, "office=%s front-end=%s", session->me.office_code, plain ? "line" : "screen");
    drafts_start(session);
    int rc;
    if (plain) {
        rc = plain_run(session);
    } else {
        session_message(session, _("Signed in as %s (%s), %s."), session->me.display_name,
                        role_label(session->me.role_group),
                        session_pick(session, session->me.office_name_tr, session->me.office_name_en));
        rc = tui_run(session);
    }
    drafts_stop(session, 3000);     /* what the front end has not saved yet */
    log_event(LOG_SIGN_OUT, "status=%d", rc);
    return rc;
}

int main(int argc, char **argv)
{
    /* `gise audit seal|verify`: a tool of its own, no staff session. */
    if (argc > 1 && strcmp(argv[1], "audit") == 0)
        return audit_main(argc - 1, argv + 1);
    struct options o;
    struct settings settings;
    int rc = setup(argc, argv, &o, &settings);
    if (rc != 0 || o.help || o.version || o.check_config) {
        if (rc == 0 && o.help)
            usage(stdout);
        else if (rc == 0 && o.version)
            printf("gise %s\n", GISE_VERSION);
        else if (rc == 0)
            settings_print(&settings, stdout);
        settings_free(&settings);
        return rc;
    }
    /* A trace that cannot be written as it must is a bad setting: said
     * before anything else happens. */
    struct session session = {.settings = &settings};
    char why[700];
    if (settings.trace && !(session.trace = trace_open(settings.trace, why, sizeof why))) {
        fprintf(stderr, "gise: %s\n", why);
        settings_free(&settings);
        return EXIT_USAGE;
    }
    log_open(&settings, NULL);

    /* One way out below: everything is freed there, whatever was reached. */
    session.lock_after_ms = settings.lock_after_ms;
    struct db_error err;
    rc = 1;
    session.db = db_connect(o.conninfo ? o.conninfo : settings.database,
                            settings_tls_mode(&settings), &err);
    if (!session.db) {
        fprintf(stderr, "gise: %s\n", session_explain(&session, &err));
        log_event(LOG_SIGN_IN, "result=no-connection");
    } else if (o.lapse_overdue) {
        /* The timer's role lapses applications and is no staff member. */
        log_set_login(db_login(session.db));
        rc = lapse_overdue(&session);
    } else if (staff_whoami(session.db, &session.me, &err) != 0) {
        fprintf(stderr, "gise: %s\n", session_explain(&session, &err));
        log_set_login(db_login(session.db));
        log_event(LOG_SIGN_IN_REFUSED, "sqlstate=%s", err.sqlstate[0] ? err.sqlstate : "-");
    } else {
        log_set_login(session.me.role_name);
        rc = run_front_end(&session, &o);
    }
    messages_free(&session.messages);
    staff_identity_free(&session.me);
    purpose_release(&session);
    db_free(session.db);
    if (session.trace)
        fclose(session.trace);
    log_close();
    settings_free(&settings);
    return rc;
}
