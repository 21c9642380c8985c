/* The approval rules (db/migrations/0016_four_eyes_gaps.sql): the coded
 * list of what an approval must meet, some of which an escalation may ask
 * to waive; and lists of their codes, as an escalation names them and an
 * approval records them. */
#ifndef GISE_DB_APPROVAL_RULE_H
#define GISE_DB_APPROVAL_RULE_H

#include <stdbool.h>
#include <stddef.h>

#include "db/db.h"

struct approval_rule_info {
    char *code, *title_tr, *title_en;
    bool waivable;               /* an escalation may name it as waived */
};

struct approval_rules {
    struct approval_rule_info *items;
    size_t count;
};

/* Codes of approval rules. The database lets an escalation waive at most
 * 8 (0019) and a code is at most 40 characters (0016). */
enum { RULE_CODES_MAX = 8, RULE_CODE_SIZE = 41 };

struct rule_codes {
    char code[RULE_CODES_MAX][RULE_CODE_SIZE];
    size_t count;
};

/* Reads every approval rule, waivable ones first, each group by code. The
 * caller frees *out with approval_rules_free; -1 with *err otherwise. */
int approval_rules_load(struct db *db, struct approval_rules *out, struct db_error *err);

/* How many rules an escalation may offer to waive: the waivable ones
 * (first in *r), at most RULE_CODES_MAX. */
size_t approval_rules_waivable(const struct approval_rules *r);

/* Frees what *r owns and zeroes it. */
void approval_rules_free(struct approval_rules *r);

/* The rule with `code`; NULL when absent. Lives as long as *r. */
const struct approval_rule_info *approval_rule_find(const struct approval_rules *r, const char *code);

/* *out from a list of codes as the server's array_to_string(codes, ',')
 * writes it (NULL and "" give none); codes past RULE_CODES_MAX, and any
 * too long to be a code, are left out. */
void rule_codes_parse(const char *text, struct rule_codes *out);

/* Adds `code` to *c unless it is there or *c is full (then false). */
bool rule_codes_add(struct rule_codes *c, const char *code);

/* True when `code` is one of *c. */
bool rule_codes_has(const struct rule_codes *c, const char *code);

#endif
