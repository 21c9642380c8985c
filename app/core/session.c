#include "app/core/session.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/text/i18n.h"
#include "i18n/text/national_id.h"
#include "i18n/text/withhold.h"
#include "app/core/explain.h"

static void say(struct session *s, bool error, const char *fmt, va_list ap)
{
    char buf[900], kept[900] = "";
    va_list again;
    va_copy(again, ap);
    vsnprintf(buf, sizeof buf, fmt, ap);
    /* What a trace may keep: the sentence, not what it quotes. */
    char *withheld_fmt = withhold_format(fmt);
    if (withheld_fmt) {
        vsnprintf(kept, sizeof kept, withheld_fmt, again);
        national_id_mask_all(kept);
    }
    va_end(again);
    free(withheld_fmt);
    char text[1000], trace[1000];
    snprintf(text, sizeof text, "%s%s%s", error ? _("Error:") : "", error ? " " : "", buf);
    snprintf(trace, sizeof trace, "%s%s%s", error ? _("Error:") : "", error ? " " : "", kept);
    messages_push_withheld(&s->messages, error, text, kept[0] || !buf[0] ? trace : NULL);
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
