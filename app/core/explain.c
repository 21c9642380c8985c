#include "app/core/explain.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n/text/flat_json.h"
#include "i18n/text/i18n.h"
#include "i18n/text/labels.h"
#include "config.h"

/* By SQLSTATE: exact codes first, then classes (two characters). */
static const struct {
    const char *state;
    const char *message;
} state_messages[] = {
    {"GS001", N_("Your database account is not registered as gise staff. Ask an administrator to add you.")},
    {"GS010", N_("The logs cannot be changed or deleted.")},
    {"GS020", N_("Identity number is not valid: its check digits do not match. Check for a mistyped digit.")},
    {"GS021", N_("That citizen no longer exists. Search again.")},
    {"GS022", N_("The record was not shown: the database could not confirm in time that this opening is in the access log. Open it again.")},
    {"GS023", N_("Too many identity-number look-ups in the last minute, so this one was refused. Wait a minute or search by name; your office's supervisors are told.")},
    {"GS024", N_("That purpose is not on the list. Choose one of the purposes offered.")},
    {"GS025", N_("This gise is older than the database: personal data now opens in two logged steps. Ask an administrator to update gise.")},
    {"GS108", N_("You raised this escalation, so another supervisor must decide it.")},
    {"GS107", N_("This application belongs to another office; only its own office can act on it.")},
    {"23505", N_("This record already exists.")},
    {"23503", N_("This refers to a record that does not exist.")},
    {"23502", N_("A required value is missing.")},
    {"22001", N_("A value is too long. Shorten it.")},
    {"22021", N_("A value contains bytes that are not valid UTF-8.")},
    {"40001", N_("Someone else changed this at the same time. Refresh and try again.")},
    {"40P01", N_("Someone else changed this at the same time. Refresh and try again.")},
    {"42501", N_("You are not allowed to do this.")},
    {"57014", N_("The database took too long and the request was cancelled. Try again.")},
    {"22", N_("The database refused a value as invalid.")},
    {"23", N_("The database refused the change because a rule is not met.")},
    {"53", N_("The database is out of resources. Try again in a moment.")},
};

/* A CHECK constraint names the rule that failed. */
static const struct {
    const char *constraint;
    const char *message;
} constraint_messages[] = {
    {"citizen_national_id_valid", N_("Identity number is not valid: its check digits do not match. Check for a mistyped digit.")},
    {"citizen_national_id_key", N_("A citizen with this identity number already exists.")},
    {"citizen_given_name_text", N_("Given name must be 1 to 100 characters with no control characters.")},
    {"citizen_family_name_text", N_("Family name must be 1 to 100 characters with no control characters.")},
    {"citizen_name_searchable", N_("Names must contain at least one letter or digit.")},
    {"citizen_birth_date_range", N_("Birth date is not plausible. Check the year.")},
    {"citizen_phone_format", N_("Phone number may contain digits, spaces and a leading + only.")},
    {"citizen_email_format", N_("E-mail address must look like name@example.org.")},
};

/* The lifecycle functions' refusals (0005_lifecycle.sql), by the server's
 * exact primary message. */
static const struct {
    const char *server;
    const char *message;
} rule_messages[] = {
    {"a deficiency notice lists at least one missing document",
     N_("A deficiency notice must list at least one missing document. Tick the missing ones.")},
    {"a deficiency notice needs a note", N_("Note: a deficiency notice needs a note. Write one.")},
    {"a rejection needs a written explanation",
     N_("Explanation: a rejection needs a written explanation. Write one.")},
    {"every mandatory document must be received and checked before approval",
     N_("Every mandatory document must be received and checked before approval.")},
    {"a withdrawal needs the citizen's reason", N_("Reason: a withdrawal needs the citizen's reason.")},
    {"an escalation needs a reason", N_("Reason: an escalation needs a reason.")},
    {"deciding an escalation needs a comment", N_("Comment: deciding an escalation needs a comment.")},
    {"only a supervisor decides an escalation", N_("Only a supervisor of the office decides an escalation.")},
    {"a requested rejection needs a reason from the catalogue",
     N_("Reason: asking for a rejection needs a reason from the catalogue. Choose one.")},
    {"an exception names the approval rules it waives",
     N_("Waives: an exception names at least one rule it waives. Choose one.")},
    {"an escalation waives only waivable approval rules",
     N_("Waives: that rule cannot be waived. Choose from the rules offered.")},
    {"a requested rejection waives no approval rule",
     N_("Waives: asking for a rejection waives no rule.")},
    {"the inbox is for counter staff and auditors", N_("The inbox is for counter staff and auditors.")},
    {"no such letter in your office", N_("That letter does not exist or belongs to another office.")},
    {"only counter staff print letters", N_("Only counter staff print letters.")},
};

/* Refusals whose way out is an escalation (a step of the actions menu). */
static const char *const needs_escalation[] = {
    "this rejection needs a supervisor: escalate the application",
    "approving a medium risk service needs a supervisor: escalate the application",
    "approving a high risk service needs a supervisor: escalate the application",
};

void front_how_to(const struct front_words *words, enum action action, char *out, size_t size)
{
    if (words && words->how_to)
        words->how_to(action, out, size);
    else
        snprintf(out, size, "%s", keymap_help(action));
}

static const char *by_state(const char *state)
{
    for (size_t i = 0; i < sizeof state_messages / sizeof *state_messages; i++)
        if (strncmp(state, state_messages[i].state, strlen(state_messages[i].state)) == 0)
            return _(state_messages[i].message);
    return NULL;
}

/* The lifecycle functions (SQLSTATE GSxxx): their facts, in words. */
static bool lifecycle(const struct db_error *err, const struct front_words *words, char *out,
                      size_t size)
{
    const char *state = err->sqlstate;
    if (strncmp(state, "GS1", 3) != 0)
        return false;
    char who[128], at[64], status[64], earliest[16], latest[16], year[8], reason[24], key[120];
    char field[40], max[16];
    flat_json_string(err->detail, "who", who, sizeof who);
    flat_json_string(err->detail, "at", at, sizeof at);
    flat_json_string(err->detail, "status", status, sizeof status);
    flat_json_string(err->detail, "earliest", earliest, sizeof earliest);
    flat_json_string(err->detail, "latest", latest, sizeof latest);
    flat_json_string(err->detail, "year", year, sizeof year);
    flat_json_string(err->detail, "reason", reason, sizeof reason);
    flat_json_string(err->detail, "field", field, sizeof field);
    flat_json_string(err->detail, "max", max, sizeof max);
    if (strcmp(state, "GS102") == 0) {
        /* "2026-11-23T10:41:07.12+03:00" → "2026-11-23 10:41" */
        if (strlen(at) >= 16)
            at[10] = ' ', at[16] = '\0';
        snprintf(out, size, _("%s changed this application at %s. Its current state is shown; what you typed is kept."),
                 who[0] ? who : _("Someone else"), at[0] ? at : "?");
    } else if (strcmp(state, "GS101") == 0) {
        front_how_to(words, ACT_REFRESH, key, sizeof key);
        snprintf(out, size, _("This is not possible while the application is %s. %s to refresh."),
                 status_label(status), key);
    } else if (strcmp(state, "GS105") == 0) {
        if (strcmp(reason, "half_day_eve") == 0)
            snprintf(out, size, _("Deadline: that day is a half-day eve; choose a full working day from %s to %s."),
                     earliest, latest);
        else
            snprintf(out, size, _("Deadline: choose a working day from %s to %s."), earliest, latest);
    } else if (strcmp(state, "GS109") == 0) {
        snprintf(out, size, _("No public holiday calendar is loaded for %s, so no date in it can be counted. Ask an administrator to load that year's holidays."),
                 year[0] ? year : "?");
    } else if (strcmp(state, "GS110") == 0) {
        snprintf(out, size, "%s", _("A number of working days is out of range."));
    } else if (strcmp(state, "GS170") == 0 || strcmp(state, "GS172") == 0) {
        /* Bounds (0017): the field is the function's own name for it. */
        snprintf(out, size, _("The database refused an input as too large (%s: at most %s)."),
                 field[0] ? field : "?", max[0] ? max : "?");
    } else if (strcmp(state, "GS171") == 0) {
        snprintf(out, size, "%s",
                 _("Letters are written by the database from what is stored; a letter sent by the program is not accepted."));
    } else if (strcmp(state, "GS108") == 0 && strcmp(err->primary, "nobody countersigns an approval they gave") == 0) {
        snprintf(out, size, "%s", _("You gave this approval, so another supervisor must countersign it."));
    } else if (strcmp(state, "GS108") == 0 && strcmp(err->primary, "nobody countersigns an approval they asked for") == 0) {
        snprintf(out, size, "%s", _("You asked for this approval, so another supervisor must countersign it."));
    } else if (strcmp(state, "GS108") == 0 && strcmp(err->primary, "a high-risk approval needs two distinct supervisors") == 0) {
        snprintf(out, size, "%s", _("A high-risk approval needs two different supervisors."));
    } else if (strcmp(state, "GS107") == 0 || strcmp(state, "GS108") == 0) {
        snprintf(out, size, "%s", by_state(state));
    } else {
        for (size_t i = 0; i < sizeof needs_escalation / sizeof *needs_escalation; i++) {
            if (strcmp(err->primary, needs_escalation[i]) == 0) {
                front_how_to(words, ACT_ACTIONS, key, sizeof key);
                snprintf(out, size, strstr(err->primary, "rejection")
                                        ? _("This rejection needs a supervisor. %s and escalate the application instead.")
                                        : _("Approving this service needs a supervisor. %s and escalate the application instead."),
                         key);
                return true;
            }
        }
        for (size_t i = 0; i < sizeof rule_messages / sizeof *rule_messages; i++) {
            if (strcmp(err->primary, rule_messages[i].server) == 0) {
                snprintf(out, size, "%s", _(rule_messages[i].message));
                return true;
            }
        }
        snprintf(out, size, _("The database refused this: %s"), err->primary[0] ? err->primary : state);
    }
    return true;
}

static void connection_lost(const struct db_error *err, const struct front_words *words, char *out,
                            size_t size)
{
    char key[120];
    front_how_to(words, ACT_REFRESH, key, sizeof key);
    if (strncmp(err->sqlstate, "57P", 3) == 0)
        snprintf(out, size, _("The database is shutting down or restarting. %s to reconnect."), key);
    else
        snprintf(out, size, _("The connection to the database was lost. %s to reconnect; nothing you typed is lost."),
                 key);
}

void explain_db_error(const struct db_error *err, const struct front_words *words, char *out,
                      size_t size)
{
    switch (err->reason) {
    case DB_R_INPUT:
        if (strcmp(err->primary, "search") == 0)
            snprintf(out, size, "%s %s", _("Search:"), err->text);
        else
            snprintf(out, size, "%s", err->text);
        return;
    case DB_R_CLIENT:
        snprintf(out, size, "%s", err->text);
        return;
    case DB_R_NO_CONNECTION:
#ifdef GISE_TREE
        snprintf(out, size, _("Cannot connect to the database (%s). Check that it is running; for the demo database run: make db"),
                 err->primary);
#else
        snprintf(out, size, _("Cannot connect to the database (%s). Check that it is running and the database setting (gise.conf(5))."),
                 err->primary);
#endif
        return;
    case DB_R_NO_TLS_CONNECTION:
        snprintf(out, size, _("Cannot connect to the database over the network with TLS (%s). gise sends "
                              "nothing over the network unencrypted: the server needs TLS with a certificate "
                              "gise trusts (PGSSLROOTCERT), or the site's tls setting must say otherwise "
                              "(gise.conf(5))."),
                 err->primary);
        return;
    case DB_R_NOT_ENCRYPTED:
        snprintf(out, size, _("The database at %s answered over the network without encryption, so gise "
                              "closed the connection before asking it anything. Ask an administrator to turn "
                              "on TLS on the server (the tls setting, gise.conf(5))."),
                 err->primary);
        return;
    case DB_R_CONNECTION_LOST:
        connection_lost(err, words, out, size);
        return;
    case DB_R_OUT_OF_MEMORY:
        snprintf(out, size, "%s", _("Out of memory."));
        return;
    case DB_R_APPLICATION_UNSEEN:
        snprintf(out, size, "%s", _("That application does not exist or is not yours to see."));
        return;
    case DB_R_ESCALATION_UNSEEN:
        snprintf(out, size, "%s", _("That escalation does not exist or is not yours to see."));
        return;
    case DB_R_BAD_DOCUMENT_CODE:
        snprintf(out, size, "%s", _("A document code is not valid."));
        return;
    case DB_R_BAD_RULE_CODE:
        snprintf(out, size, "%s", _("An approval rule code is not valid."));
        return;
    case DB_R_BAD_CHANNEL:
        snprintf(out, size, "%s", _("A notification channel name is not valid."));
        return;
    case DB_R_TOO_MANY_CHANNELS:
        snprintf(out, size, "%s", _("Too many notification channels."));
        return;
    case DB_R_SETUP_FAILED:
        snprintf(out, size, _("The database refused a session setting (%s)."), err->primary);
        return;
    case DB_R_SERVER:
        break;
    }
    if (err->kind == DB_CONNECTION_LOST) {
        connection_lost(err, words, out, size);
        return;
    }
    if (err->kind == DB_NOT_STAFF) {
        snprintf(out, size, "%s", by_state("GS001"));
        return;
    }
    if (lifecycle(err, words, out, size))
        return;
    for (size_t i = 0; err->constraint[0] && i < sizeof constraint_messages / sizeof *constraint_messages; i++) {
        if (strcmp(err->constraint, constraint_messages[i].constraint) == 0) {
            snprintf(out, size, "%s", _(constraint_messages[i].message));
            return;
        }
    }
    const char *message = by_state(err->sqlstate);
    if (message)
        snprintf(out, size, "%s", message);
    else
        /* Unknown: the server's own (English) message is better than
         * nothing, and the code lets an administrator look it up. */
        snprintf(out, size, _("The database reported an error (%s): %s"), err->sqlstate,
                 err->primary[0] ? err->primary : "?");
}

const char *explain_plain(const struct db_error *err)
{
    static char out[700];
    explain_db_error(err, NULL, out, sizeof out);
    return out;
}

void explain_connection(const struct db *db, char *out, size_t size)
{
    struct db_link link;
    db_describe_link(db, &link);
    switch (link.transport) {
    case DB_LINK_SOCKET:
        snprintf(out, size, "%s", _("Connection: local socket."));
        return;
    case DB_LINK_TLS:
        snprintf(out, size, _("Connection: encrypted (%s, %s)."), link.protocol, link.cipher);
        return;
    case DB_LINK_GSS:
        snprintf(out, size, "%s", _("Connection: encrypted (GSSAPI)."));
        return;
    case DB_LINK_PLAIN:
        snprintf(out, size, "%s", _("Connection: not encrypted; the tls setting allows it over the network."));
        return;
    case DB_LINK_NONE:
        break;
    }
    snprintf(out, size, "%s", _("Connection: none at the moment."));
}
