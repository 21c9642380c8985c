/* Every screen the loop can open. */
#ifndef GISE_SCREENS_H
#define GISE_SCREENS_H

#include "screens/screen.h"

extern const struct screen search_screen;        /* arg: NULL */
extern const struct screen purpose_screen;       /* arg: const int64_t *citizen id; opens citizen_screen */
extern const struct screen citizen_screen;       /* arg: const int64_t *citizen id */
extern const struct screen application_screen;   /* arg: const int64_t *application id */
extern const struct screen new_application_screen;   /* arg: const int64_t *citizen id */
extern const struct screen deficiency_screen;       /* arg: const int64_t *application id */
extern const struct screen reject_screen;           /* arg: const int64_t *application id */
extern const struct screen withdraw_screen;         /* arg: const int64_t *application id */
extern const struct screen escalate_screen;          /* arg: const int64_t *application id */
extern const struct screen decide_screen;            /* arg: const int64_t *escalation id */
extern const struct screen countersign_screen;       /* arg: const int64_t *application id */
extern const struct screen inbox_screen;             /* arg: NULL */
extern const struct screen help_screen;          /* arg: the screen whose keys to list */
extern const struct screen history_screen;       /* arg: NULL */
extern const struct screen draft_offer_screen;   /* arg: NULL; takes the next offer queued (app/core/drafts.h) */

#endif
