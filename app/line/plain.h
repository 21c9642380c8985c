/* Line mode (TERM=dumb, --plain, or no terminal): the clerk's and the
 * supervisor's whole job as prompts and numbered choices on standard
 * output and answers on standard input, with no escape codes. It takes
 * every step through the same actions and data layer as the screens. */
#ifndef GISE_PLAIN_H
#define GISE_PLAIN_H

struct session;

/* Runs until "q" or the end of the input. Returns the process exit status:
 * 0, or 1 when anything was refused or failed on the way (so a script can
 * tell; the transcript says what). */
int plain_run(struct session *session);

#endif
