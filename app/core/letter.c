#include "app/core/letter.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "app/core/log.h"
#include "app/core/settings.h"

/* A growing text buffer; on allocation failure it keeps failing quietly
 * and the caller gets NULL at the end. */
struct text {
    char *s;
    size_t len, cap;
    int failed;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct text *t, const char *fmt, ...)
{
    if (t->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || (t->len + (size_t)n + 1 > t->cap &&
                  !(t->s = realloc(t->s, t->cap = (t->len + (size_t)n + 1) * 2)))) {
        t->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static char *finish(struct text *t)
{
    if (t->failed) {
        free(t->s);
        return NULL;
    }
    return t->s;
}

/* Renders in the citizen's language, then gives the clerk theirs back. */
struct language_switch {
    char saved[16];
};

static void switch_to(struct language_switch *ls, const char *lang)
{
    const char *now = getenv("LANGUAGE");
    snprintf(ls->saved, sizeof ls->saved, "%s", now ? now : "");
    i18n_set_language(lang);
}

static void switch_back(const struct language_switch *ls)
{
    if (ls->saved[0])
        i18n_set_language(ls->saved);
}

static void head(struct text *t, const struct letter_head *h)
{
    char today[16], iso[16];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(iso, sizeof iso, "%Y-%m-%d", &tm);
    format_date(h->lang, iso, today, sizeof today);
    add(t, "%s\n%s: %s\n\n", h->office, _("Date"), today);
    add(t, "%s: %s\n%s: %s\n%s: %s\n\n", _("Application number"), h->number, _("Applicant"), h->citizen,
        _("Service"), h->service);
    add(t, _("Dear %s,"), h->citizen);
    add(t, "\n\n");
}

char *letter_deficiency(const struct letter_head *h, const char *const *documents, size_t count,
                        const char *deadline, const char *note)
{
    struct language_switch ls;
    switch_to(&ls, h->lang);
    struct text t = {0};
    char due[16];
    format_date(h->lang, deadline, due, sizeof due);
    add(&t, "%s\n\n", _("NOTICE OF MISSING DOCUMENTS"));
    head(&t, h);
    add(&t, "%s\n\n", _("We have examined your application. To continue with it we need the following documents:"));
    for (size_t i = 0; i < count; i++)
        add(&t, "  %zu. %s\n", i + 1, documents[i]);
    add(&t, "\n");
    add(&t, _("Please bring or send them to our office by %s."), due);
    add(&t, "\n\n");
    if (note && *note)
        add(&t, "%s: %s\n\n", _("Note"), note);
    add(&t, "%s\n\n", _("If the documents have not reached us by that date, your application lapses and you will need to apply again."));
    add(&t, "%s\n", _("Yours sincerely,"));
    char *out = finish(&t);
    switch_back(&ls);
    return out;
}

char *letter_rejection(const struct letter_head *h, const char *reason_title, const char *law,
                       const char *article, const char *reason_text, const char *explanation)
{
    struct language_switch ls;
    switch_to(&ls, h->lang);
    struct text t = {0};
    add(&t, "%s\n\n", _("DECISION: APPLICATION REJECTED"));
    head(&t, h);
    add(&t, "%s\n\n", _("We are sorry to tell you that your application has been rejected."));
    add(&t, "%s: %s\n%s\n\n", _("Reason"), reason_title, reason_text);
    add(&t, "%s: %s, %s\n\n", _("Legal basis"), law, article);
    if (explanation && *explanation)
        add(&t, "%s: %s\n\n", _("In your case"), explanation);
    add(&t, "%s\n\n", _("How to appeal: you may object to this decision in writing at our office, or bring an action before the administrative court within 60 days of receiving this letter (Law no. 2577 on Administrative Procedure, Article 7)."));
    add(&t, "%s\n", _("Yours sincerely,"));
    char *out = finish(&t);
    switch_back(&ls);
    return out;
}

int letter_deliver(const struct settings *settings, const char *number, const char *kind,
                   const char *text, char *report, size_t report_size)
{
    char path[4200], stamp[32];
    const char *dir = settings->spool;
    mkdir(dir, 0750);
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/%s-%s-%s.txt", dir, number, kind, stamp);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        snprintf(report, report_size, _("The letter could not be written to %s (%s). Print it from the application later."),
                 path, strerror(errno));
        log_event(LOG_PRINT_FAILED, "application=%s letter=%s stage=spool errno=%d", number, kind, errno);
        return -1;
    }
    /* The status row is one line: what matters first, the file's own name
     * (the full path is in the spool directory the administrator set). */
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    const char *command = settings->print_command;
    if (!command) {
        snprintf(report, report_size, _("No printer is configured; the letter is saved as %s."), name);
        return 0;
    }
    FILE *p = popen(command, "w");
    int ok = p && fputs(text, p) >= 0;
    int status = p ? pclose(p) : -1;
    if (ok && status == 0)
        snprintf(report, report_size, _("Letter printed and saved as %s."), name);
    else {
        snprintf(report, report_size, _("Printing failed: print the letter by hand. It is saved as %s."), name);
        log_event(LOG_PRINT_FAILED, "application=%s letter=%s stage=print status=%d", number, kind, status);
    }
    return 0;
}
