#include "screens/widgets/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/text/i18n.h"
#include "screens/widgets/draw.h"

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
    if (field_init(&ff->field, max_chars) != 0)
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

int form_draw(struct app *app, struct form *f, int y)
{
    int row = y;
    for (size_t i = 0; i < f->count; i++) {
        struct form_field *ff = &f->fields[i];
        bool focused = i == f->focus;
        draw_text(row, 0, 2, focused ? "> " : "  ", A_NORMAL);
        int x = draw_label(row, 2, ff->label, ff->required);
        int cursor = draw_field(row, x, COLS - x - 1, &ff->field);
        if (focused)
            focus_set(app, ff->label, ff->field.text, row, cursor, true);
        row++;
        if (ff->error[0]) {
            char line[300];
            snprintf(line, sizeof line, "%s %s", _("Error:"), ff->error);
            draw_text(row++, 4, COLS - 4, line, A_BOLD);
        }
    }
    return row - y;
}

void form_draw_field_row(struct app *app, int y, const char *label, struct field *field, bool focused)
{
    draw_text(y, 0, 2, focused ? "> " : "  ", A_NORMAL);
    int x = draw_label(y, 2, label, true);
    int cursor = draw_field(y, x, field_width(x), field);
    if (focused)
        focus_set(app, label, field->text, y, cursor, true);
}

void form_draw_submit_row(struct app *app, int y, const char *label, bool focused)
{
    char line[300];
    snprintf(line, sizeof line, "%s %s", focused ? ">" : " ", label);
    draw_text(y, 0, draw_layout().cols, line, focused ? A_REVERSE : A_NORMAL);
    if (focused)
        focus_set(app, label, "", y, 0, false);
}

bool form_action_done(struct app *app, int rc, const struct action_result *result)
{
    if (rc != 0) {
        session_error(app->session, "%s", result->message);
        return false;
    }
    app_pop(app);
    session_message(app->session, "%s", result->message);
    return true;
}
