/* gise: front-desk workstation. Until the full-screen interface lands this
 * is a line-oriented look-up: who am I, then find and open citizens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/i18n.h"
#include "app/national_id.h"
#include "app/sanitize.h"
#include "app/version.h"
#include "db/citizen.h"
#include "db/staff.h"

static void print_safe(const char *label, const char *value)
{
    char *safe = sanitize_for_display(value ? value : "-", strlen(value ? value : "-"));
    printf("%s%s\n", label, safe ? safe : "?");
    free(safe);
}

static void usage(FILE *to)
{
    fprintf(to, "%s", _("Usage: gise [--lang tr|en] [CONNINFO]\n"
                        "Finds citizens by name or identity number.\n"
                        "With no CONNINFO, libpq's environment (PGHOST, PGSERVICE, ...) or the\n"
                        "private demo database (var/pg.env, made by `make db`) is used.\n"));
}

static void show_hits(const struct citizen_hits *hits)
{
    if (hits->count == 0)
        printf("%s\n", _("No citizen found."));
    for (size_t i = 0; i < hits->count; i++) {
        const struct citizen_hit *h = &hits->items[i];
        char line[600];
        snprintf(line, sizeof line, "%zu. %s  %s %s  %d  %s", i + 1, h->national_id_masked,
                 h->given_name, h->family_name, h->birth_year, h->city ? h->city : "-");
        print_safe("", line);
    }
}

static void show_citizen(struct db *db, int64_t id, const char *lang)
{
    struct citizen_detail d;
    struct db_error err;
    if (citizen_open(db, id, "line-mode", &d, &err) != 0) {
        printf("%s %s\n", _("Error:"), err.message);
        return;
    }
    print_safe(_("Identity number: "), d.national_id);
    print_safe(_("Given name: "), d.given_name);
    print_safe(_("Family name: "), d.family_name);
    print_safe(_("Birth date: "), d.birth_date);
    print_safe(_("City: "), d.city);
    print_safe(_("Phone: "), d.phone);
    printf(_("Applications: %zu\n"), d.application_count);
    for (size_t i = 0; i < d.application_count; i++) {
        const struct application_summary *a = &d.applications[i];
        char line[600];
        snprintf(line, sizeof line, "  %s  %s  %s  %.10s  %s", a->number,
                 strcmp(lang, "en") == 0 ? a->service_name_en : a->service_name_tr, a->status,
                 a->received_at, a->due_date);
        print_safe("", line);
    }
    citizen_detail_free(&d);
}

int main(int argc, char **argv)
{
    const char *lang = NULL, *conninfo = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            lang = argv[++i];
        else if (strcmp(argv[i], "--version") == 0) {
            printf("gise %s\n", GISE_VERSION);
            return 0;
        } else if (strcmp(argv[i], "--help") == 0) {
            i18n_init(lang);
            usage(stdout);
            return 0;
        } else if (argv[i][0] == '-') {
            i18n_init(lang);
            usage(stderr);
            return 2;
        } else
            conninfo = argv[i];
    }
    i18n_init(lang);

    struct db_error err;
    struct db *db = db_connect(conninfo, &err);
    if (!db) {
        fprintf(stderr, "gise: %s\n", err.message);
        return 1;
    }
    struct staff_identity me;
    if (staff_whoami(db, &me, &err) != 0) {
        fprintf(stderr, "gise: %s\n", err.message);
        db_free(db);
        return 1;
    }
    if (!lang) {
        i18n_set_language(me.language);
        lang = me.language;
    }
    char banner[600];
    snprintf(banner, sizeof banner, _("Signed in: %s (%s), %s"), me.display_name,
             me.role_group, strcmp(lang, "en") == 0 ? me.office_name_en : me.office_name_tr);
    print_safe("", banner);

    struct citizen_hits hits = {0};
    char line[1024];
    for (;;) {
        printf("%s", _("Search (name or identity number; a result number opens it; empty line quits): "));
        fflush(stdout);
        if (!fgets(line, sizeof line, stdin))
            break;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0')
            break;
        char *end;
        long choice = strtol(line, &end, 10);
        if (*end == '\0' && strlen(line) < 4 && choice >= 1 && (size_t)choice <= hits.count) {
            show_citizen(db, hits.items[choice - 1].id, lang);
            continue;
        }
        citizen_hits_free(&hits);
        size_t len = strlen(line);
        bool digits = len > 0 && strspn(line, "0123456789") == len;
        int rc = digits && len >= 5 ? citizen_by_national_id(db, line, &hits, &err)
                                    : citizen_search(db, line, 20, &hits, &err);
        if (rc != 0)
            printf("%s %s\n", _("Error:"), err.message);
        else
            show_hits(&hits);
    }
    citizen_hits_free(&hits);
    staff_identity_free(&me);
    db_free(db);
    return 0;
}
