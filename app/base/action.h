/* Named actions, the keys bound to them, and their help texts. Keys are
 * looked up in the screen's table first, then in the global one; help (F1)
 * is generated from the same tables, so it cannot miss a key. */
#ifndef GISE_KEYMAP_H
#define GISE_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum action {
    ACT_NONE,
    ACT_HELP,          /* F1, ? outside a text field */
    ACT_SEARCH,        /* F2, Ctrl-F: citizen search from anywhere */
    ACT_BACK,          /* F3, Esc */
    ACT_WHERE,         /* F4, Ctrl-W outside a field */
    ACT_REFRESH,       /* F5, Ctrl-R */
    ACT_INBOX,         /* F6, Ctrl-N */
    ACT_ACTIONS,       /* F9, Ctrl-A */
    ACT_QUIT,          /* F10, Ctrl-Q */
    ACT_HISTORY,       /* F12, Ctrl-L */
    ACT_NEXT,          /* Tab: next field */
    ACT_PREV,          /* Shift-Tab: previous field */
    ACT_UP,            /* Up: previous row or field */
    ACT_DOWN,          /* Down: next row or field */
    ACT_PAGE_UP,
    ACT_PAGE_DOWN,
    ACT_FIRST,         /* Home in a list */
    ACT_LAST,          /* End in a list */
    ACT_ACTIVATE,      /* Enter: open, activate, submit */
    ACT_COUNT
};

/* A key as curses reports it: a function key (KEY_F(1), KEY_UP, ...) or a
 * character (including control characters such as Ctrl-F = 6). */
struct key {
    bool function;
    wint_t code;
};

enum binding_scope {
    ANYWHERE,          /* also while a text field has focus */
    OUTSIDE_FIELD,     /* only when focus is not in a text field (? and Ctrl-W) */
};

struct binding {
    enum action action;
    struct key key;
    const char *key_name;   /* as shown in help: "F1", "Ctrl-F", "?" */
    enum binding_scope scope;
};

/* The global bindings (DESIGN.md, Keys), terminated by ACT_NONE. */
extern const struct binding keymap_global[];

/* Finds the action for a key: first in `screen` (may be NULL), then in the
 * global table. `in_field` is true while a text field has focus. */
enum action keymap_lookup(const struct binding *screen, struct key key, bool in_field);

/* The translated help text of an action ("Help for this screen"). Never
 * NULL; a static string. */
const char *keymap_help(enum action action);

/* The translated short name of an action for the key-hint row ("Help"). */
const char *keymap_label(enum action action);

/* Writes the key names bound to `action` ("F1, ?") into buf, looking in
 * `screen` then the global table. Returns the number of keys found. */
size_t keymap_keys_for(const struct binding *screen, enum action action, char *buf, size_t size);

#endif
