#include "screens/widgets/field_keys.h"

#include "screens/app.h"
#include "i18n/text/i18n.h"

#include <limits.h>
#include <stdlib.h>
#include <wchar.h>

static bool edit(struct field *f, enum field_edit op, enum field_result *result)
{
    *result = field_edit(f, op);
    return true;
}

bool field_key(struct field *f, struct key key, enum field_result *result, enum field_refusal *why)
{
    *why = FIELD_OK;
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

bool field_take_key(struct app *app, struct field *f, struct key key)
{
    enum field_result result;
    enum field_refusal why;
    if (!field_key(f, key, &result, &why))
        return false;
    if (result == FIELD_REFUSED)
        session_error(app->session, "%s", why == FIELD_TOO_LONG ? _("This field is full.")
                                                   : _("That character cannot be typed here."));
    return true;
}
