/* Line mode's side of drafts (app/core/drafts.h): the offer of an
 * unfinished form as a question with one-letter answers, and a form's
 * free text asked again with the draft's text as what an empty line
 * keeps. */
#ifndef GISE_LINE_DRAFTS_H
#define GISE_LINE_DRAFTS_H

#include <stddef.h>

#include "app/line/line_io.h"
#include "db/draft.h"

enum line_offer {
    LINE_OFFER_RESUME,      /* r: take the form up again */
    LINE_OFFER_LATER,       /* an empty line: offered again later */
    LINE_OFFER_DISCARDED,   /* d: gone, and said */
    LINE_OFFER_END,         /* the end of the input */
};

/* "Unfinished rejection of 2026-000123, typed 14:05 (1,400 characters).
 * Resume, show, or discard? (r/s/d; empty line: later)": s writes the
 * draft whole and asks again, d discards it and says so. A draft whose
 * step can no longer be taken is said so and cannot be resumed (s shows
 * it to copy). */
enum line_offer line_draft_offer(struct line *l, const struct draft *d);

/* A form's free text when a draft holds some: the draft's text is written
 * whole, then "Label (empty line keeps your draft): " is asked; an empty
 * line keeps it, b or q cancels, anything else replaces it after the
 * checks line_ask_text makes. Returns 0 with *out (the caller frees it), 1
 * when cancelled, -1 at the end of the input. */
int line_ask_text_drafted(struct line *l, const char *label, enum text_kind kind, size_t max_chars,
                          const char *drafted, char **out);

/* "From your draft: Label: value", for an answer a resumed form takes
 * from its draft instead of asking. */
void line_say_drafted(struct line *l, const char *label, const char *value);

#endif
