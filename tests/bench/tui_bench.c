/* Budgets of the full-screen interface, measured on the real binary in a
 * pseudo-terminal (80x24, TERM=xterm-256color) against the demo database:
 *
 *   - start to first usable screen (the first frame of the search screen)
 *   - resident memory after start and after all the searches
 *   - keystroke in the search field to results on screen: the time from
 *     writing one character of a name to the frame that shows the answer
 *   - bytes written to the terminal for a printable key in the field (an
 *     identity number being typed: no search runs) and for moving the
 *     selection one row in the results
 *
 *   tui_bench [KEYSTROKES]     default 1000
 *
 * Frames are recognised from the GISE_TRACE file, which gise writes after
 * each frame has been sent to the terminal. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "db/query.h"
#include "app/core/explain.h"

static int master = -1;
static pid_t child;
static FILE *trace;
static long output_bytes;
static char last_frame[2048];

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Reads whatever the terminal side has written, counting bytes. */
static void drain_output(int timeout_ms)
{
    struct pollfd p = {master, POLLIN, 0};
    char buf[65536];
    while (poll(&p, 1, timeout_ms) > 0) {
        ssize_t n = read(master, buf, sizeof buf);
        if (n <= 0)
            return;
        output_bytes += n;
        timeout_ms = 0;
    }
}

/* Waits for the next trace line (a frame) matching `want` (NULL: any) and
 * returns the time it was seen, or -1 after 5 s. */
static double wait_frame(const char *want)
{
    double start = now_ms();
    while (now_ms() - start < 5000) {
        drain_output(1);
        char line[2048];
        while (fgets(line, sizeof line, trace)) {
            snprintf(last_frame, sizeof last_frame, "%s", line);
            if (!want || strstr(line, want))
                return now_ms();
        }
        clearerr(trace);
    }
    return -1;
}

static void send_text(const char *s)
{
    if (write(master, s, strlen(s)) < 0)
        perror("write");
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double pct(double *v, int n, double p)
{
    qsort(v, (size_t)n, sizeof *v, compare);
    int i = (int)(p / 100.0 * n + 0.5) - 1;
    return v[i < 0 ? 0 : i >= n ? n - 1 : i];
}

static long rss_kb(void)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/status", (int)child);
    FILE *f = fopen(path, "r");
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %ld", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

int main(int argc, char **argv)
{
    int keystrokes = argc > 1 ? atoi(argv[1]) : 1000;
    const char *super = getenv("GISE_PGSUPERUSER");
    char trace_path[] = "/tmp/gise-bench-trace-XXXXXX";
    int tfd = mkstemp(trace_path);
    if (tfd < 0 || !super) {
        fprintf(stderr, "usage: GISE_PGSUPERUSER=role tui_bench [KEYSTROKES]\n");
        return 2;
    }
    close(tfd);

    /* Names to type: real citizens, folded by the database. */
    char conninfo[128];
    snprintf(conninfo, sizeof conninfo, "user=%s", super);
    struct db_error err;
    struct db *db = db_connect(conninfo, NULL, &err);
    PGresult *res;
    if (!db || db_query(db, "SELECT setseed(0.5)", 0, NULL, NULL, &err) != 0 ||
        db_query(db, "SELECT family_key || ' ' || given_key FROM gise.citizen "
                     "ORDER BY random() LIMIT 200", 0, NULL, &res, &err) != 0) {
        fprintf(stderr, "tui_bench: %s\n", explain_plain(&err));
        return 1;
    }
    int names = PQntuples(res);

    struct winsize ws = {24, 80, 0, 0};
    double t0 = now_ms();
    child = forkpty(&master, NULL, NULL, &ws);
    if (child == 0) {
        setenv("TERM", "xterm-256color", 1);
        setenv("GISE_TRACE", trace_path, 1);
        execl("./gise", "gise", "--lang", "en", (char *)NULL);
        _exit(127);
    }
    trace = fopen(trace_path, "r");
    double first = wait_frame("screen=Citizen search");
    if (first < 0) {
        fprintf(stderr, "tui_bench: gise did not start\n");
        return 1;
    }
    double startup = first - t0;
    long rss_start = rss_kb();

    /* Keystroke to results: type names one character at a time; after
     * each character wait for the frame that shows the answer (db=idle). */
    double *latency = calloc((size_t)keystrokes, sizeof *latency);
    int measured = 0;
    for (int q = 0; measured < keystrokes; q++) {
        const char *name = PQgetvalue(res, q % names, 0);
        size_t len = strlen(name);
        for (size_t i = 0; i < len && measured < keystrokes; i++) {
            if ((name[i] & 0xC0) == 0x80 || (i > 0 && name[i] == ' ' && name[i - 1] == ' '))
                continue;   /* folded keys are ASCII but stay safe */
            char one[2] = {name[i], 0}, want[300];
            snprintf(want, sizeof want, "answered=%.*s\t", (int)i + 1, name);
            double t = now_ms();
            send_text(one);
            double seen;
            /* The frame that shows the answer to exactly what was typed. */
            do {
                seen = wait_frame(NULL);
            } while (seen >= 0 && !strstr(last_frame, want));
            if (seen < 0)
                break;
            latency[measured++] = seen - t;
        }
        send_text("\033");           /* Esc clears the field */
        wait_frame(NULL);
        drain_output(20);
    }

    /* Bytes for a printable key that starts no search: digits of an
     * identity number. */
    double key_bytes[100];
    int kb = 0;
    for (int round = 0; round < 10; round++) {
        for (int d = 0; d < 10; d++) {
            char one[2] = {(char)('1' + (d + round) % 9), 0};
            drain_output(20);
            long before = output_bytes;
            send_text(one);
            wait_frame(NULL);
            drain_output(20);
            key_bytes[kb++] = (double)(output_bytes - before);
        }
        send_text("\033");
        wait_frame(NULL);
    }

    /* Bytes for moving the selection one row in the results. */
    send_text("ay");
    wait_frame("answered=ay\t");
    send_text("\033OB");    /* Down (keypad mode, as terminfo kcud1): into the list */
    wait_frame(NULL);
    double move_bytes[40];
    int mb = 0;
    for (int i = 0; i < 40; i++) {
        drain_output(20);
        long before = output_bytes;
        send_text(i < 20 ? "\033OB" : "\033OA");
        wait_frame(NULL);
        drain_output(20);
        move_bytes[mb++] = (double)(output_bytes - before);
    }
    long rss_end = rss_kb();

    send_text("\033[21~");   /* F10 */
    int status;
    waitpid(child, &status, 0);
    unlink(trace_path);

    printf("terminal budgets: 80x24 pty, TERM=xterm-256color\n");
    printf("%-44s %10s %10s  %s\n", "measure", "median", "p95", "target");
    printf("%-44s %10.1f %10s  %s\n", "start to first usable screen (ms)", startup, "-", "< 150 ms");
    printf("%-44s %10ld %10ld  %s\n", "resident memory after start / at end (kB)", rss_start, rss_end,
           "< 16384 kB");
    printf("%-44s %10.2f %10.2f  %s (n=%d)\n", "keystroke to results on screen (ms)",
           pct(latency, measured, 50), pct(latency, measured, 95), "p95 < 50 ms", measured);
    printf("%-44s %10.0f %10.0f  %s\n", "bytes per printable key in a field", pct(key_bytes, kb, 50),
           pct(key_bytes, kb, 95), "median <= 32");
    printf("%-44s %10.0f %10.0f  %s\n", "bytes per selection move (one row)", pct(move_bytes, mb, 50),
           pct(move_bytes, mb, 95), "<= 200");
    PQclear(res);
    db_free(db);
    free(latency);
    return 0;
}
