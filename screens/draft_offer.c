/* An unfinished form offered back (app/core/drafts.h): after sign-in,
 * and when its application (or, for a new application, its citizen) is
 * opened. One question, "Unfinished rejection of 2026-000123, typed 14:05
 * (1,400 characters). Resume, show, or discard?", the focused item, and
 * one key each: r resumes (the form opens with the text, the cursor at its
 * end), s shows the draft whole and asks again, d discards it and says so,
 * Esc keeps it for later. A draft whose step can no longer be taken (the
 * application moved on) is shown so the text can be copied, then
 * discarded: it is never resumed. Several drafts are offered one after
 * another. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/drafts.h"
#include "db/escalation.h"
#include "i18n/text/i18n.h"
#include "i18n/text/idle.h"
#include "screens/app.h"
#include "screens/screens.h"
#include "screens/widgets/draw.h"
#include "screens/widgets/sheet.h"

struct offer {
    struct draft draft;         /* a copy of the draft offered */
    int64_t origin;             /* what was opened when it was offered (0: sign-in) */
    bool open;                  /* its step can still be taken */
    bool showing;               /* shown whole above the question */
    char said[600];             /* "Unfinished rejection of ...": the focus's label */
    char ask[700];              /* what can be done with it: its value */
    char question[1400];        /* both, as the row shows them */
    double drawn_ms;            /* when it was first on screen (0: not yet) */
    struct sheet sheet;
};

/* A letter typed this soon after the offer appeared was typed before it
 * could be read (type-ahead meant for the screen beneath): it answers
 * nothing, so "d" in a name typed ahead never discards a draft. */
enum { ANSWER_AFTER_MS = 300 };

static void *offer_enter(struct app *app, const void *arg)
{
    (void)arg;
    struct offer *o = calloc(1, sizeof *o);
    if (!o) {
        session_error(app->session, "%s", _("Out of memory."));
        return NULL;
    }
    if (!drafts_next_offer(app->session, &o->draft, &o->origin)) {
        free(o);
        return NULL;
    }
    char why[600] = "";
    drafts_describe(app->session, &o->draft, o->said, sizeof o->said);
    o->open = drafts_step_open(app->session, &o->draft, why, sizeof why);
    if (o->open)
        snprintf(o->ask, sizeof o->ask, "%s", _("Resume, show, or discard?"));
    else
        snprintf(o->ask, sizeof o->ask, "%s %s", why, _("Show, or discard?"));
    snprintf(o->question, sizeof o->question, "%s %s", o->said, o->ask);
    return o;
}

static void offer_leave(struct app *app, void *state)
{
    (void)app;
    struct offer *o = state;
    draft_free(&o->draft);
    sheet_free(&o->sheet);
    free(o);
}

static void offer_draw(struct app *app, void *state)
{
    struct offer *o = state;
    struct layout l = draw_layout();
    struct sheet *sh = &o->sheet;
    sheet_begin(sh, l.cols, l.bottom - l.top);
    if (o->showing) {
        for (size_t i = 0; i < o->draft.count; i++) {
            const struct draft_field *f = &o->draft.fields[i];
            if (f->value[0])
                sheet_labelled(sh, 2, drafts_field_label(&o->draft, f->name), f->value, A_NORMAL);
        }
        sheet_gap(sh);
    }
    sheet_stop(sh, o->question, !sheet_reading(sh), o->said, o->ask);
    const char *keys = o->open ? _("r: resume, s: show, d: discard, Esc: later")
                               : _("s: show, d: discard, Esc: later");
    sheet_text(sh, 2, keys, keys, A_NORMAL);
    sheet_draw(app, sh, l.top);
    if (o->drawn_ms == 0)
        o->drawn_ms = monotonic_ms();
}

/* The form of the draft's step, opened over its application (opened
 * first unless the offer came from opening it); a new application's over
 * whatever is open. The form takes the draft back itself (screens/app.c). */
static void resume(struct app *app, const struct draft *d, int64_t origin)
{
    static const struct {
        const char *kind;
        const struct screen *form;
    } forms[] = {
        {"deficiency", &deficiency_screen}, {"reject", &reject_screen}, {"escalate", &escalate_screen},
        {"decide", &decide_screen}, {"countersign", &countersign_screen}, {"withdraw", &withdraw_screen},
    };
    int64_t target = d->target;
    if (strcmp(d->kind, DRAFT_KIND_OPEN) == 0) {
        app_push(app, &new_application_screen, &target);
        return;
    }
    const struct screen *form = NULL;
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++)
        if (strcmp(forms[i].kind, d->kind) == 0)
            form = forms[i].form;
    if (!form)
        return;
    int depth = app->depth;
    if (origin != target) {
        app_push(app, &application_screen, &target);
        if (app->depth == depth)
            return;             /* it could not open: said */
    }
    int64_t arg = target;
    if (form == &decide_screen) {
        /* The decision form takes the escalation: the application's latest. */
        struct escalation e;
        struct db_error err;
        if (escalation_latest(app->session->db, target, &e, &err) < 0) {
            session_db_error(app->session, &err);
            return;
        }
        arg = e.id;
        escalation_free(&e);
    }
    app_push(app, form, &arg);
}

static void take(struct app *app, struct offer *o, int choice)
{
    struct draft d;
    char said[600];
    switch (choice) {
    case 'r':
        if (!o->open) {
            session_error(app->session, "%s", _("This step can no longer be taken: show the text to copy it, or discard it."));
            return;
        }
        if (draft_copy(&d, &o->draft) != 0)
            return;
        int64_t origin = o->origin;
        app_pop(app);           /* o is gone */
        drafts_offers_clear(app->session);
        drafts_hold_offers(app->session, true);
        resume(app, &d, origin);
        drafts_hold_offers(app->session, false);
        draft_free(&d);
        return;
    case 's':
        o->showing = true;
        o->sheet.top = 0;
        o->sheet.reading = 0;
        session_message(app->session, "%s", _("The draft is shown whole above the question; Up reads it."));
        return;
    case 'd':
        snprintf(said, sizeof said, "%s", o->said);
        drafts_discard(app->session, o->draft.kind, o->draft.target);
        app_pop(app);
        session_message(app->session, _("Discarded: %s"), said);
        return;
    default:
        return;
    }
}

static bool offer_action(struct app *app, void *state, enum action action)
{
    struct offer *o = state;
    if (o->showing && sheet_action(&o->sheet, action, true))
        return true;
    switch (action) {
    case ACT_BACK:
        app_pop(app);
        session_message(app->session, "%s",
                        _("Kept for later: it is offered again when you open its application or start gise."));
        return true;
    case ACT_ACTIVATE:
        take(app, o, o->open ? 'r' : 's');
        return true;
    default:
        return false;
    }
}

static bool offer_text_key(struct app *app, void *state, struct key key)
{
    if (key.function)
        return false;
    struct offer *o = state;
    /* Every character of the type-ahead is told so, not only an r, s or
     * d: the letters after a "d" in "Yıldız" would clear the message that
     * says why the "d" did nothing. */
    if (o->drawn_ms == 0 || monotonic_ms() - o->drawn_ms < ANSWER_AFTER_MS) {
        session_message(app->session, "%s", _("Read the offer first, then answer it: r, s, d, or Esc."));
        return true;
    }
    int c = key.code > 0x7f ? 0 : (int)key.code | 0x20;     /* R, S, D too */
    if (c != 'r' && c != 's' && c != 'd')
        return false;
    take(app, state, c);
    return true;
}

static const char *offer_help_for(enum action action)
{
    if (action == ACT_ACTIVATE)
        return _("Resume the form (r); s shows the draft whole, d discards it.");
    if (action == ACT_BACK)
        return _("Keep the draft for later.");
    return NULL;
}

const struct screen draft_offer_screen = {
    .name = N_("Unfinished work"),
    .enter = offer_enter,
    .draw = offer_draw,
    .action = offer_action,
    .text_key = offer_text_key,
    .help_for = offer_help_for,
    .leave = offer_leave,
};
