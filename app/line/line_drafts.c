#include "app/line/line_drafts.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "app/core/drafts.h"
#include "app/core/session.h"
#include "i18n/text/i18n.h"

static void show(struct line *l, const struct draft *d)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->fields[i].value[0])
            line_say(l, "  %s: %s", drafts_field_label(d, d->fields[i].name), d->fields[i].value);
}

enum line_offer line_draft_offer(struct line *l, const struct draft *d)
{
    char said[600], why[600] = "", prompt[800], answer[64];
    drafts_describe(l->session, d, said, sizeof said);
    bool open = drafts_step_open(l->session, d, why, sizeof why);
    line_say(l, "%s", said);
    if (!open)
        line_say(l, "%s", why);
    snprintf(prompt, sizeof prompt, "%s ", open ? _("Resume, show, or discard? (r/s/d; empty line: later)")
                                                : _("Show, or discard? (s/d; empty line: later)"));
    for (;;) {
        if (line_ask(l, prompt, answer, sizeof answer) != 0)
            return LINE_OFFER_END;
        char c = answer[strspn(answer, " \t")] | 0x20;
        if (answer[strspn(answer, " \t")] == '\0') {
            line_say(l, "%s", _("Kept for later: it is offered again when you open its application or start gise."));
            return LINE_OFFER_LATER;
        }
        if (c == 'r' && open)
            return LINE_OFFER_RESUME;
        if (c == 's') {
            show(l, d);
            continue;
        }
        if (c == 'd') {
            drafts_discard(l->session, d->kind, d->target);
            line_say(l, _("Discarded: %s"), said);
            return LINE_OFFER_DISCARDED;
        }
        line_say(l, "%s", open ? _("Type r to resume, s to show it, d to discard it, or an empty line.")
                               : _("Type s to show it, d to discard it, or an empty line."));
    }
}

void line_say_drafted(struct line *l, const char *label, const char *value)
{
    line_say(l, _("From your draft: %s: %s"), label, value);
}

int line_ask_text_drafted(struct line *l, const char *label, enum text_kind kind, size_t max_chars,
                          const char *drafted, char **out)
{
    char prompt[300], *answer = malloc(LINE_MAX_INPUT + 1);
    if (!answer)
        return -1;
    line_say_drafted(l, label, drafted);
    snprintf(prompt, sizeof prompt, _("%s (empty line keeps your draft): "), label);
    for (;;) {
        int rc = line_ask_form(l, prompt, answer, LINE_MAX_INPUT + 1);
        if (rc != 0) {
            free(answer);
            return rc;
        }
        const char *text = answer[strspn(answer, " \t")] == '\0' ? drafted : answer;
        enum text_problem problem;
        *out = text_prepare(text, strlen(text), kind, max_chars, &problem, NULL);
        if (*out) {
            free(answer);
            return 0;
        }
        if (problem == TEXT_TOO_LONG)
            line_say(l, _("%s %s: at most %zu characters; this has %zu. Shorten it."), _("Error:"), label,
                     max_chars, u8_mbsnlen((const uint8_t *)text, strlen(text)));
        else if (problem != TEXT_OK)
            line_say(l, "%s %s: %s", _("Error:"), label, text_problem_message(problem));
        else {
            free(answer);
            line_say(l, "%s", _("Out of memory."));
            return -1;
        }
    }
}
