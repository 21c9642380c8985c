/* One demo application's story: what happened to it, by whom and when,
 * as the lifecycle functions (0005 to 0020) would have recorded it. Its
 * status decides the steps (opened, documents checked, a deficiency
 * notice, an escalation and its decision, a countersignature, the
 * approval or rejection, completion, withdrawal, lapse); the office's
 * clerks handle it and its supervisors decide, on working days in counter
 * hours, and it ends before today. Everything comes from its seed and its
 * citizen's id, so the story is told once to place it in time
 * (story_place) and again, numbered in the order of the openings, to write
 * it (story_write). */
#ifndef GISE_DEMO_STORY_H
#define GISE_DEMO_STORY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db/demo/trail.h"
#include "db/demo/world.h"

enum { STORY_FIRST_YEAR = 2000, STORY_YEARS = 200 };

/* Where story_write writes: the COPY text of each table, the ids given so
 * far, and each year's last application number. */
struct story_out {
    FILE *application, *document, *notice, *notice_item, *decision, *escalation, *countersign;
    uint64_t notice_id, decision_id, escalation_id, countersign_id;
    uint32_t last_number[STORY_YEARS];
};

/* Places the story of the application of `citizen`: returns the
 * working-day index of its opening such that its last step falls before
 * `today` (a local day), and an open deficiency notice's deadline on or
 * after it; *opened gets the opening time (seconds since 1970). Dies when
 * the calendar is too short. */
int story_place(const struct world *w, uint64_t seed, uint32_t citizen, int64_t today, int64_t *opened);

/* Tells it from `start` as application `id`, the citizen preferring
 * English or not: its rows go to out, its audit and access rows to trail. */
void story_write(const struct world *w, uint64_t seed, uint32_t citizen, bool english, int start, int64_t today,
                 uint32_t id, struct story_out *out, struct trail *trail);

#endif
