#include "app/core/session.h"

#include <stdarg.h>
#include <string.h>

#include "i18n/text/i18n.h"
#include "app/core/explain.h"

static void say(struct session *s, bool error, const char *fmt, va_list ap)
{
    char buf[900];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (error)
        messages_push(&s->messages, true, "%s %s", _("Error:"), buf);
    else
        messages_push(&s->messages, false, "%s", buf);
    if (s->front.changed)
        s->front.changed(s->front.ctx);
}

void session_message(struct session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(s, false, fmt, ap);
    va_end(ap);
}

void session_error(struct session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(s, true, fmt, ap);
    va_end(ap);
}

const char *session_pick(const struct session *s, const char *tr, const char *en)
{
    return strcmp(s->lang, "en") == 0 && en ? en : tr;
}

const char *session_explain(struct session *s, const struct db_error *err)
{
    explain_db_error(err, s->front.words, s->explained, sizeof s->explained);
    return s->explained;
}

void session_db_error(struct session *s, const struct db_error *err)
{
    session_error(s, "%s", session_explain(s, err));
}

void session_how_to(const struct session *s, int action, char *out, size_t size)
{
    front_how_to(s->front.words, (enum action)action, out, size);
}
