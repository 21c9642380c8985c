/* One frame, one write: curses writes its output in pieces (it flushes at
 * every cursor movement), and a screen reader that reads the terminal
 * while a frame is half written speaks half a frame, then reads the line
 * where the cursor passed on its way ("blank"), and the rest a key later.
 * So curses writes into a pipe, and each finished frame goes to the
 * terminal in one write. The terminal's modes and size are still read and
 * set on the terminal itself (curses falls back to standard error when
 * standard output is not a terminal; it is made the terminal here). */
#ifndef GISE_FRAME_OUT_H
#define GISE_FRAME_OUT_H

/* Puts the pipe between curses and the terminal: call before initscr.
 * Returns 0, or -1 when it could not (gise then writes as curses does). */
int frame_out_start(void);

/* Sends what curses wrote since the last call to the terminal in one
 * write (call after refresh, endwin, and anything else that draws). */
void frame_out_flush(void);

/* The terminal itself, for a program gise runs in its place (the unlock
 * command): its standard output. -1 when frame_out_start was not used. */
int frame_out_terminal(void);

/* Flushes and gives standard output and standard error back as they were
 * (after endwin). */
void frame_out_stop(void);

#endif
