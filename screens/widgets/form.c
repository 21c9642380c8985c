#include "screens/widgets/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/core/drafts.h"
#include "i18n/text/i18n.h"

int form_add(struct form *f, const char *label, bool required, enum text_kind kind,
             size_t max_chars)
{
    struct form_field *grown = realloc(f->fields, (f->count + 1) * sizeof *grown);
    if (!grown)
        return -1;
    f->fields = grown;
    struct form_field *ff = &f->fields[f->count];
    memset(ff, 0, sizeof *ff);
    ff->label = label;
    ff->required = required;
    ff->kind = kind;
    if ((kind == TEXT_NOTE ? field_init_note : field_init)(&ff->field, max_chars) != 0)
        return -1;
    f->count++;
    return 0;
}

void form_free(struct form *f)
{
    for (size_t i = 0; i < f->count; i++)
        field_free(&f->fields[i].field);
    free(f->fields);
    memset(f, 0, sizeof *f);
}

bool form_focus_move(size_t *focus, size_t count, enum action action)
{
    if (action == ACT_NEXT || action == ACT_DOWN) {
        if (*focus + 1 < count)
            (*focus)++;
        return true;
    }
    if (action == ACT_PREV || action == ACT_UP) {
        if (*focus > 0)
            (*focus)--;
        return true;
    }
    return false;
}

bool form_action(struct form *f, enum action action)
{
    return f->count > 0 && form_focus_move(&f->focus, f->count, action);
}

size_t form_validate(struct form *f)
{
    size_t problems = 0;
    for (size_t i = 0; i < f->count; i++) {
        struct form_field *ff = &f->fields[i];
        enum text_problem problem;
        char *clean = text_prepare(ff->field.text, ff->field.len, ff->kind, ff->field.max_chars,
                                   &problem, NULL);
        bool blank = clean && clean[strspn(clean, " \t\r\n")] == '\0';
        ff->error[0] = '\0';
        if (problem == TEXT_EMPTY || (ff->required && blank))
            snprintf(ff->error, sizeof ff->error, "%s: %s", ff->label, _("is required. Type a value."));
        else if (problem != TEXT_OK)
            snprintf(ff->error, sizeof ff->error, "%s: %s", ff->label, text_problem_message(problem));
        free(clean);
        if (ff->error[0] && problems++ == 0)
            f->focus = i;
    }
    return problems;
}

bool form_action_done(struct app *app, int rc, const struct action_result *result)
{
    if (rc != 0) {
        session_error(app->session, "%s", result->message);
        return false;
    }
    app_draft_done(app);
    app_pop(app);
    session_message(app->session, "%s", result->message);
    return true;
}

void form_draft_key(struct draft *d, enum step step, const struct application *a, const struct request *req)
{
    drafts_key(d, application_step_code(step), a->id, a->number);
    snprintf(d->request_id, sizeof d->request_id, "%s", req->id);
}

void form_draft_restore(struct field *f, const struct draft *d, const char *name, struct request *req)
{
    const char *text = draft_get(d, name);
    enum field_refusal why;
    field_set(f, text ? text : "", &why);
    snprintf(req->id, sizeof req->id, "%s", d->request_id);
}

int form_draft_choice(const struct draft *d, const char *first, const char *second)
{
    const char *choice = draft_get(d, "choice");
    return !choice ? -1 : strcmp(choice, first) == 0 ? 0 : strcmp(choice, second) == 0 ? 1 : -1;
}
