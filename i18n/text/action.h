/* Named actions, declared once: id, name, help text, key-hint label, the
 * word that runs it in line mode, and its default keys (DESIGN.md, Keys).
 * Both front ends bind their handlers to the ids; help (F1 and line mode's
 * "?"), the key-hint row and the key lists in messages are generated from
 * this table, so none of them can miss an action or a key.
 *
 * Keys are in gise's own codes (enum gise_key), not curses': the
 * full-screen front end translates what the terminal sends (screens/keys.c),
 * so this floor needs no curses. */
#ifndef GISE_ACTION_H
#define GISE_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* Keys that are not characters. F1..F12 are GK_F(1)..GK_F(12). */
enum gise_key {
    GK_F0 = 0x100,
    GK_UP = 0x140, GK_DOWN, GK_LEFT, GK_RIGHT, GK_HOME, GK_END, GK_PAGE_UP, GK_PAGE_DOWN,
    GK_BACK_TAB, GK_ENTER, GK_BACKSPACE, GK_DELETE, GK_INSERT,
    GK_WORD_LEFT, GK_WORD_RIGHT,   /* Ctrl-Left, Ctrl-Right */
    GK_RESIZE,           /* the terminal changed size */
    GK_UNKNOWN,          /* a function key gise has no name for */
    GK_PASTE,            /* pasted text, whole (bracketed paste): not typing;
                            the full screen's keys_paste() holds it */
};
#define GK_F(n) (GK_F0 + (n))

/* A key: a character (including control characters such as Ctrl-F = 6)
 * or, with `function` set, an enum gise_key. */
struct key {
    bool function;
    wint_t code;
};

enum binding_scope {
    ANYWHERE,          /* also while a text field has focus */
    OUTSIDE_FIELD,     /* only when focus is not in a text field (? and Ctrl-W) */
};

struct binding {
    int action;              /* enum action */
    struct key key;
    const char *key_name;    /* as shown in help: "F1", "Ctrl-F", "?" */
    enum binding_scope scope;
};

#define GK_FN(n) {true, GK_F(n)}
#define GK_CTRL(c) {false, (wint_t)((c) & 0x1f)}
#define GK_CHAR(c) {false, (wint_t)(c)}
#define GK_KEY(k) {true, (wint_t)(k)}
#define KEY_DEF(key, name, scope) key, name, scope
#define NO_KEY {false, 0}, NULL, ANYWHERE

/* The table: X(ID, name, help msgid, label msgid or NULL, line-mode word
 * or NULL, then four default keys, NO_KEY where there are fewer). Every
 * action has a key that works inside a text field and that screen readers
 * leave alone (DESIGN.md, Accessibility 9): Fenrir's PTY layout takes F1,
 * F2, F3, F5-F8 and Esc, so Help, Back and Where also have Ctrl-G (nano's
 * "Get help"), Ctrl-X and Ctrl-T, which no field edits and no reader's
 * layout takes (README, "Keys and screen readers"). The
 * label is what the key-hint row shows; actions without one are not
 * hinted. Adding an action is one line here and a handler in each front
 * end that offers it. */
#define GISE_ACTIONS(X)                                                                     \
    X(HELP, "help", N_("Help for this screen, with every key"), N_("Help"), "?",            \
      KEY_DEF(GK_FN(1), "F1", ANYWHERE), KEY_DEF(GK_CTRL('G'), "Ctrl-G", ANYWHERE),          \
      KEY_DEF(GK_CHAR('?'), "?", OUTSIDE_FIELD), NO_KEY)                                    \
    X(SEARCH, "search", N_("Citizen search, from anywhere"), N_("Search"), "s",            \
      KEY_DEF(GK_FN(2), "F2", ANYWHERE), KEY_DEF(GK_CTRL('F'), "Ctrl-F", ANYWHERE),        \
      NO_KEY, NO_KEY)                                                                       \
    X(BACK, "back", N_("Back, or cancel a dialog"), N_("Back"), "b",                        \
      KEY_DEF(GK_FN(3), "F3", ANYWHERE), KEY_DEF(GK_CHAR(27), "Esc", ANYWHERE),              \
      KEY_DEF(GK_CTRL('X'), "Ctrl-X", ANYWHERE), NO_KEY)                                    \
    X(WHERE, "where", N_("Where am I: screen, field, value and last message"), N_("Where"), \
      "w", KEY_DEF(GK_FN(4), "F4", ANYWHERE), KEY_DEF(GK_CTRL('T'), "Ctrl-T", ANYWHERE),    \
      KEY_DEF(GK_CTRL('W'), "Ctrl-W", OUTSIDE_FIELD), NO_KEY)                               \
    X(REFRESH, "refresh", N_("Refresh this screen (reconnects if the connection was lost)"), \
      N_("Refresh"), "r", KEY_DEF(GK_FN(5), "F5", ANYWHERE),                                \
      KEY_DEF(GK_CTRL('R'), "Ctrl-R", ANYWHERE), NO_KEY, NO_KEY)                            \
    X(INBOX, "inbox", N_("Inbox: escalations and notifications"), N_("Inbox"), "i",        \
      KEY_DEF(GK_FN(6), "F6", ANYWHERE), KEY_DEF(GK_CTRL('N'), "Ctrl-N", ANYWHERE),        \
      NO_KEY, NO_KEY)                                                                       \
    X(ACTIONS, "actions", N_("Actions on the current record"), N_("Actions"), NULL,         \
      KEY_DEF(GK_FN(9), "F9", ANYWHERE), KEY_DEF(GK_CTRL('A'), "Ctrl-A", ANYWHERE),        \
      NO_KEY, NO_KEY)                                                                       \
    X(QUIT, "quit", N_("Quit gise"), N_("Quit"), "q",                                       \
      KEY_DEF(GK_FN(10), "F10", ANYWHERE), KEY_DEF(GK_CTRL('Q'), "Ctrl-Q", ANYWHERE),      \
      KEY_DEF(GK_CTRL('C'), "Ctrl-C", ANYWHERE), NO_KEY)                                    \
    X(HISTORY, "history", N_("Message history"), N_("Messages"), "h",                      \
      KEY_DEF(GK_FN(12), "F12", ANYWHERE), KEY_DEF(GK_CTRL('L'), "Ctrl-L", ANYWHERE),      \
      NO_KEY, NO_KEY)                                                                       \
    X(NEXT, "next", N_("Next field"), NULL, NULL,                                           \
      KEY_DEF(GK_CHAR('\t'), "Tab", ANYWHERE), NO_KEY, NO_KEY, NO_KEY)                      \
    X(PREV, "previous", N_("Previous field"), NULL, NULL,                                   \
      KEY_DEF(GK_KEY(GK_BACK_TAB), "Shift-Tab", ANYWHERE), NO_KEY, NO_KEY, NO_KEY)          \
    X(UP, "up", N_("Previous row or field"), NULL, NULL,                                    \
      KEY_DEF(GK_KEY(GK_UP), "Up", ANYWHERE), NO_KEY, NO_KEY, NO_KEY)                       \
    X(DOWN, "down", N_("Next row or field"), NULL, NULL,                                    \
      KEY_DEF(GK_KEY(GK_DOWN), "Down", ANYWHERE), NO_KEY, NO_KEY, NO_KEY)                   \
    X(PAGE_UP, "page-up", N_("One page up"), NULL, NULL,                                    \
      KEY_DEF(GK_KEY(GK_PAGE_UP), "PgUp", ANYWHERE), NO_KEY, NO_KEY, NO_KEY)                \
    X(PAGE_DOWN, "page-down", N_("One page down"), NULL, NULL,                              \
      KEY_DEF(GK_KEY(GK_PAGE_DOWN), "PgDn", ANYWHERE), NO_KEY, NO_KEY, NO_KEY)              \
    X(FIRST, "first", N_("First row"), NULL, NULL,                                          \
      KEY_DEF(GK_KEY(GK_HOME), "Home", OUTSIDE_FIELD), NO_KEY, NO_KEY, NO_KEY)              \
    X(LAST, "last", N_("Last row"), NULL, NULL,                                             \
      KEY_DEF(GK_KEY(GK_END), "End", OUTSIDE_FIELD), NO_KEY, NO_KEY, NO_KEY)                \
    X(ACTIVATE, "activate", N_("Open, activate or submit"), NULL, NULL,                     \
      KEY_DEF(GK_CHAR('\r'), "Enter", ANYWHERE), KEY_DEF(GK_CHAR('\n'), "Enter", ANYWHERE), \
      KEY_DEF(GK_KEY(GK_ENTER), "Enter", ANYWHERE), NO_KEY)

#define GISE_ACTION_ENUM(id, ...) ACT_##id,
enum action { ACT_NONE, GISE_ACTIONS(GISE_ACTION_ENUM) ACT_COUNT };
#undef GISE_ACTION_ENUM

/* The default bindings (DESIGN.md, Keys), generated from the table and
 * terminated by ACT_NONE. Entries of actions with fewer than four keys
 * have a NULL key_name and match nothing. */
extern const struct binding keymap_global[];

/* Finds the action for a key: first in `screen` (may be NULL), then in the
 * global table. `in_field` is true while a text field has focus. */
enum action keymap_lookup(const struct binding *screen, struct key key, bool in_field);

/* The translated help text of an action ("Help for this screen"). Never
 * NULL; a static string. */
const char *keymap_help(enum action action);

/* The translated short name of an action for the key-hint row ("Help");
 * "" for an action that is not hinted. */
const char *keymap_label(enum action action);

/* The action's stable name ("refresh"), as settings and traces write it;
 * "" for ACT_NONE. */
const char *action_name(enum action action);

/* The word that runs the action in line mode ("r"), or NULL when line mode
 * does not offer it as a command. */
const char *action_line_word(enum action action);

/* The action line mode's word names; ACT_NONE when none does. */
enum action action_from_line_word(const char *word);

/* Writes the key names bound to `action` ("F1, ?") into buf, looking in
 * `screen` then the global table. Returns the number of keys found. */
size_t keymap_keys_for(const struct binding *screen, enum action action, char *buf, size_t size);

#endif
