/* Line-oriented mode (TERM=dumb, --plain, or no terminal). */
#ifndef GISE_PLAIN_H
#define GISE_PLAIN_H

#include "app/app.h"

/* Reads commands from standard input until it ends or an empty line; writes
 * plain text only (no escape codes; database text sanitised). Returns the
 * process exit status. */
int plain_run(struct app *app);

#endif
