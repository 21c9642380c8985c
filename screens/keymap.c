#include "app/base/action.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "app/base/i18n.h"

#define FKEY(n) {true, KEY_F(n)}
#define CTRL(c) {false, (wint_t)((c) & 0x1f)}

const struct binding keymap_global[] = {
    {ACT_HELP, FKEY(1), "F1", ANYWHERE},
    {ACT_HELP, {false, '?'}, "?", OUTSIDE_FIELD},
    {ACT_SEARCH, FKEY(2), "F2", ANYWHERE},
    {ACT_SEARCH, CTRL('F'), "Ctrl-F", ANYWHERE},
    {ACT_BACK, FKEY(3), "F3", ANYWHERE},
    {ACT_BACK, {false, 27}, "Esc", ANYWHERE},
    {ACT_WHERE, FKEY(4), "F4", ANYWHERE},
    {ACT_WHERE, CTRL('W'), "Ctrl-W", OUTSIDE_FIELD},
    {ACT_REFRESH, FKEY(5), "F5", ANYWHERE},
    {ACT_REFRESH, CTRL('R'), "Ctrl-R", ANYWHERE},
    {ACT_INBOX, FKEY(6), "F6", ANYWHERE},
    {ACT_INBOX, CTRL('N'), "Ctrl-N", ANYWHERE},
    {ACT_ACTIONS, FKEY(9), "F9", ANYWHERE},
    {ACT_ACTIONS, CTRL('A'), "Ctrl-A", ANYWHERE},
    {ACT_QUIT, FKEY(10), "F10", ANYWHERE},
    {ACT_QUIT, CTRL('Q'), "Ctrl-Q", ANYWHERE},
    {ACT_QUIT, CTRL('C'), "Ctrl-C", ANYWHERE},
    {ACT_HISTORY, FKEY(12), "F12", ANYWHERE},
    {ACT_HISTORY, CTRL('L'), "Ctrl-L", ANYWHERE},
    {ACT_NEXT, {false, '\t'}, "Tab", ANYWHERE},
    {ACT_PREV, {true, KEY_BTAB}, "Shift-Tab", ANYWHERE},
    {ACT_UP, {true, KEY_UP}, "Up", ANYWHERE},
    {ACT_DOWN, {true, KEY_DOWN}, "Down", ANYWHERE},
    {ACT_PAGE_UP, {true, KEY_PPAGE}, "PgUp", ANYWHERE},
    {ACT_PAGE_DOWN, {true, KEY_NPAGE}, "PgDn", ANYWHERE},
    {ACT_FIRST, {true, KEY_HOME}, "Home", OUTSIDE_FIELD},
    {ACT_LAST, {true, KEY_END}, "End", OUTSIDE_FIELD},
    {ACT_ACTIVATE, {false, '\r'}, "Enter", ANYWHERE},
    {ACT_ACTIVATE, {false, '\n'}, "Enter", ANYWHERE},
    {ACT_ACTIVATE, {true, KEY_ENTER}, "Enter", ANYWHERE},
    {ACT_NONE, {false, 0}, NULL, ANYWHERE},
};

static enum action find(const struct binding *table, struct key key, bool in_field)
{
    for (const struct binding *b = table; b && b->action != ACT_NONE; b++) {
        if (b->key.function != key.function || b->key.code != key.code)
            continue;
        if (b->scope == OUTSIDE_FIELD && in_field)
            continue;
        return b->action;
    }
    return ACT_NONE;
}

enum action keymap_lookup(const struct binding *screen, struct key key, bool in_field)
{
    enum action a = find(screen, key, in_field);
    return a != ACT_NONE ? a : find(keymap_global, key, in_field);
}

const char *keymap_help(enum action action)
{
    switch (action) {
    case ACT_HELP: return _("Help for this screen, with every key");
    case ACT_SEARCH: return _("Citizen search, from anywhere");
    case ACT_BACK: return _("Back, or cancel a dialog");
    case ACT_WHERE: return _("Where am I: screen, field, value and last message");
    case ACT_REFRESH: return _("Refresh this screen (reconnects if the connection was lost)");
    case ACT_INBOX: return _("Inbox: escalations and notifications");
    case ACT_ACTIONS: return _("Actions on the current record");
    case ACT_QUIT: return _("Quit gise");
    case ACT_HISTORY: return _("Message history");
    case ACT_NEXT: return _("Next field");
    case ACT_PREV: return _("Previous field");
    case ACT_UP: return _("Previous row or field");
    case ACT_DOWN: return _("Next row or field");
    case ACT_PAGE_UP: return _("One page up");
    case ACT_PAGE_DOWN: return _("One page down");
    case ACT_FIRST: return _("First row");
    case ACT_LAST: return _("Last row");
    case ACT_ACTIVATE: return _("Open, activate or submit");
    case ACT_NONE:
    case ACT_COUNT:
        break;
    }
    return "";
}

const char *keymap_label(enum action action)
{
    switch (action) {
    case ACT_HELP: return _("Help");
    case ACT_SEARCH: return _("Search");
    case ACT_BACK: return _("Back");
    case ACT_WHERE: return _("Where");
    case ACT_REFRESH: return _("Refresh");
    case ACT_INBOX: return _("Inbox");
    case ACT_ACTIONS: return _("Actions");
    case ACT_QUIT: return _("Quit");
    case ACT_HISTORY: return _("Messages");
    default: return "";
    }
}

static bool listed(const char *buf, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = buf; (p = strstr(p, name)) != NULL; p += n) {
        bool starts = p == buf || (p >= buf + 2 && p[-2] == ',' && p[-1] == ' ');
        bool ends = p[n] == '\0' || p[n] == ',';
        if (starts && ends)
            return true;
    }
    return false;
}

static void append_keys(const struct binding *table, enum action action, char *buf, size_t size,
                        size_t *found)
{
    for (const struct binding *b = table; b && b->action != ACT_NONE; b++) {
        if (b->action != action || listed(buf, b->key_name))
            continue;
        size_t used = strlen(buf);
        int n = snprintf(buf + used, size - used, "%s%s", *found ? ", " : "", b->key_name);
        if (n < 0 || (size_t)n >= size - used) {
            buf[used] = '\0';     /* does not fit: leave it out, do not count it */
            return;
        }
        (*found)++;
    }
}

size_t keymap_keys_for(const struct binding *screen, enum action action, char *buf, size_t size)
{
    size_t found = 0;
    buf[0] = '\0';
    append_keys(screen, action, buf, size, &found);
    append_keys(keymap_global, action, buf, size, &found);
    return found;
}
