/* Line mode: prompts on standard output, answers on standard input, no
 * escape codes. For TERM=dumb, --plain, pipes and scripts. */
#include "app/plain.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/i18n.h"
#include "app/labels.h"
#include "app/sanitize.h"
#include "db/citizen.h"

static void print_safe(const char *label, const char *value)
{
    char *safe = sanitize_for_display(value ? value : "-", strlen(value ? value : "-"));
    printf("%s%s\n", label, safe ? safe : "?");
    free(safe);
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

int plain_run(struct app *app)
{
    struct db *db = app->db;
    const char *lang = app->lang;
    struct db_error err;
    char banner[600];
    snprintf(banner, sizeof banner, _("Signed in: %s (%s), %s"), app->me.display_name,
             role_label(app->me.role_group), app_pick(app, app->me.office_name_tr, app->me.office_name_en));
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
    return 0;
}
