/* The full-screen interface: terminal set-up, the event loop on poll()
 * over the terminal and the database socket, and the global actions. */
#ifndef GISE_TUI_H
#define GISE_TUI_H

struct session;

/* Runs until the user quits, the terminal goes away, or SIGINT, SIGTERM or
 * SIGHUP arrives; then closes every screen and restores the terminal. The
 * caller frees the connection (which rolls back anything open). Returns the
 * process exit status. */
int tui_run(struct session *session);

#endif
