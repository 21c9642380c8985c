#include "screens/widgets/field_keys.h"

#include "screens/app.h"
#include "screens/keys.h"
#include "i18n/text/i18n.h"
#include "i18n/text/text_check.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static bool edit(struct field *f, enum field_edit op, enum field_result *result)
{
    *result = field_edit(f, op);
    return true;
}

static bool is_paste(struct key key)
{
    return key.function && key.code == GK_PASTE;
}

/* A paste goes in whole or not at all, measured as typing is. */
static bool paste(struct field *f, enum field_result *result, enum field_refusal *why)
{
    const struct paste *p = keys_paste();
    if (!p->whole) {
        *result = FIELD_REFUSED;
        *why = FIELD_TOO_LONG;
        return true;
    }
    *result = field_insert(f, p->text, p->len, why);
    return true;
}

bool field_key(struct field *f, struct key key, enum field_result *result, enum field_refusal *why)
{
    *why = FIELD_OK;
    if (is_paste(key))
        return paste(f, result, why);
    if (key.function) {
        int code = (int)key.code;
        if (code == GK_LEFT)
            return edit(f, FIELD_LEFT, result);
        if (code == GK_RIGHT)
            return edit(f, FIELD_RIGHT, result);
        if (code == GK_HOME)
            return edit(f, FIELD_HOME, result);
        if (code == GK_END)
            return edit(f, FIELD_END, result);
        if (code == GK_BACKSPACE)
            return edit(f, FIELD_BACKSPACE, result);
        if (code == GK_DELETE)
            return edit(f, FIELD_DELETE, result);
        if (code == GK_WORD_LEFT)
            return edit(f, FIELD_WORD_LEFT, result);
        if (code == GK_WORD_RIGHT)
            return edit(f, FIELD_WORD_RIGHT, result);
        return false;
    }
    switch (key.code) {
    case 0x7f:
    case 0x08:
        return edit(f, FIELD_BACKSPACE, result);
    case 0x15:   /* Ctrl-U */
        return edit(f, FIELD_KILL_TO_START, result);
    case 0x0b:   /* Ctrl-K */
        return edit(f, FIELD_KILL_TO_END, result);
    case 0x17:   /* Ctrl-W */
        return edit(f, FIELD_DELETE_WORD, result);
    case 0x05:   /* Ctrl-E: end, as in readline */
        return edit(f, FIELD_END, result);
    default:
        break;
    }
    if (key.code < 0x20 || key.code == 0x7f)
        return false;
    char buf[MB_LEN_MAX];
    mbstate_t state = {0};
    size_t n = wcrtomb(buf, (wchar_t)key.code, &state);
    if (n == (size_t)-1) {
        *result = FIELD_REFUSED;
        *why = FIELD_BAD_TEXT;
        return true;
    }
    *result = field_insert(f, buf, n, why);
    return true;
}

/* What in a paste the field refused: the first character that cannot be
 * text, or that this field cannot hold (a line break in one line, a tab). */
static enum text_problem paste_fault(const struct field *f, const struct paste *p, size_t *at, uint32_t *c)
{
    enum text_problem problem = text_scan(p->text, p->len, field_kind(f), at, c);
    const char *tab = memchr(p->text, '\t', p->len);
    if (problem == TEXT_OK && tab) {
        *at = (size_t)(tab - p->text);
        *c = '\t';
        problem = TEXT_CONTROL;
    }
    return problem;
}

const char *field_refusal_words(const struct field *f, struct key key, enum field_refusal why, char *buf,
                                size_t size)
{
    if (!is_paste(key)) {
        snprintf(buf, size, "%s", why == FIELD_TOO_LONG ? _("This field is full.")
                                                        : _("That character cannot be typed here."));
        return buf;
    }
    const struct paste *p = keys_paste();
    if (why == FIELD_TOO_LONG) {
        size_t used = field_chars(f), room = f->max_chars > used ? f->max_chars - used : 0;
        snprintf(buf, size,
                 _("Pasted text not used: it has %zu characters, and this field has room for %zu more (at "
                   "most %zu). Nothing was changed."),
                 p->chars, room, f->max_chars);
        return buf;
    }
    size_t at = 0;
    uint32_t c = 0;
    char fault[200];
    enum text_problem problem = paste_fault(f, p, &at, &c);
    text_fault_name(problem, c, p->text, at, fault, sizeof fault);
    if (problem == TEXT_CONTROL && c == '\n')
        snprintf(buf, size, _("Pasted text not used: it has %s, and this field takes one line. Paste one line; "
                              "nothing was changed."),
                 fault);
    else
        snprintf(buf, size, _("Pasted text not used: it has %s, which cannot be text here. Nothing was changed."),
                 fault);
    return buf;
}

bool field_take_key(struct app *app, struct field *f, struct key key)
{
    enum field_result result;
    enum field_refusal why;
    if (!field_key(f, key, &result, &why))
        return false;
    char words[600];
    if (result == FIELD_REFUSED)
        session_error(app->session, "%s", field_refusal_words(f, key, why, words, sizeof words));
    return true;
}
