#include "i18n/text/action.h"

#include <stdio.h>
#include <string.h>

#include "i18n/text/i18n.h"

struct action_def {
    const char *name;
    const char *help;          /* msgid */
    const char *label;         /* msgid, or NULL: not hinted */
    const char *line_word;     /* line mode's command, or NULL */
};

#define DEF(id, name, help, label, word, ...) [ACT_##id] = {name, help, label, word},
static const struct action_def defs[ACT_COUNT] = {GISE_ACTIONS(DEF)};
#undef DEF

#define BIND_ONE(id, ...) {ACT_##id, __VA_ARGS__}
#define BIND(id, name, help, label, word, k1, k2, k3, k4) \
    BIND_ONE(id, k1), BIND_ONE(id, k2), BIND_ONE(id, k3), BIND_ONE(id, k4),
const struct binding keymap_global[] = {GISE_ACTIONS(BIND){ACT_NONE, {false, 0}, NULL, ANYWHERE}};
#undef BIND
#undef BIND_ONE

static enum action find(const struct binding *table, struct key key, bool in_field)
{
    for (const struct binding *b = table; b && b->action != ACT_NONE; b++) {
        if (!b->key_name || b->key.function != key.function || b->key.code != key.code)
            continue;
        if (b->scope == OUTSIDE_FIELD && in_field)
            continue;
        return (enum action)b->action;
    }
    return ACT_NONE;
}

enum action keymap_lookup(const struct binding *screen, struct key key, bool in_field)
{
    enum action a = find(screen, key, in_field);
    return a != ACT_NONE ? a : find(keymap_global, key, in_field);
}

static bool valid(enum action action)
{
    return action > ACT_NONE && action < ACT_COUNT;
}

const char *keymap_help(enum action action)
{
    return valid(action) ? _(defs[action].help) : "";
}

const char *keymap_label(enum action action)
{
    return valid(action) && defs[action].label ? _(defs[action].label) : "";
}

const char *action_name(enum action action)
{
    return valid(action) ? defs[action].name : "";
}

const char *action_line_word(enum action action)
{
    return valid(action) ? defs[action].line_word : NULL;
}

enum action action_from_line_word(const char *word)
{
    for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
        if (defs[a].line_word && strcmp(defs[a].line_word, word) == 0)
            return (enum action)a;
    return ACT_NONE;
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
        if (b->action != (int)action || !b->key_name || listed(buf, b->key_name))
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
