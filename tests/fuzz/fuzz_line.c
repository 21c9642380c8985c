/* Line mode's reader (app/line/line_io.c, line_ask) on any bytes as its
 * standard input, as a pipe or a script gives them: the first input byte
 * picks the answer's buffer size, the rest is the input. The answers must
 * be exactly the input's lines (a line break, and a CR before it, taken
 * off), in order, each whole: a line that cannot be an answer (`refused`)
 * is refused whole and never gives an answer, in part or from its tail;
 * then the end of the input. */
#define _GNU_SOURCE          /* memfd_create */
#include "tests/fuzz/fuzz.h"

#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "app/core/session.h"
#include "app/line/line_io.h"
#include "i18n/text/text_check.h"

/* Whether line_ask refuses a line (says so and asks again) rather than
 * answering it: longer than its buffer holds, or with bytes that cannot be
 * a note's text (a NUL, invalid UTF-8, a control character other than a
 * tab, a bidi override: issue 14, point 4). The one place to change when
 * the rules for an answer change. */
static bool refused(const uint8_t *line, size_t len, size_t size)
{
    return len >= size || text_scan((const char *)line, len, TEXT_NOTE, NULL, NULL) != TEXT_OK;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* Prompts and echoes are not what is checked here. */
    int null = open("/dev/null", O_WRONLY);
    FUZZ_REQUIRE(null >= 0 && dup2(null, STDOUT_FILENO) == STDOUT_FILENO, "/dev/null as standard output");
    close(null);
    return 0;
}

/* The input as standard input: a file read to its end, as a redirection. */
static void standard_input(const uint8_t *data, size_t size)
{
    int fd = memfd_create("stdin", 0);
    FUZZ_REQUIRE(fd >= 0 && write(fd, data, size) == (ssize_t)size && lseek(fd, 0, SEEK_SET) == 0 &&
                     dup2(fd, STDIN_FILENO) == STDIN_FILENO,
                 "the input as standard input");
    close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t sizes[] = {1, 2, 8, 64, 600, LINE_MAX_INPUT + 1};
    static struct session session;
    static struct line l;
    if (size == 0)
        return 0;
    size_t answer_size = sizes[data[0] % (sizeof sizes / sizeof *sizes)];
    const uint8_t *in = data + 1;
    size_t in_len = size - 1;
    standard_input(in, in_len);
    memset(&session, 0, sizeof session);
    line_init(&l, &session);
    char *answer = malloc(answer_size);   /* on the heap: ASan sees a byte too many */
    FUZZ_REQUIRE(answer != NULL, "memory");

    for (size_t at = 0; at < in_len;) {
        const uint8_t *line = in + at, *nl = memchr(line, '\n', in_len - at);
        size_t len = nl ? (size_t)(nl - line) : in_len - at;
        at += len + (nl != NULL);
        if (len > 0 && line[len - 1] == '\r')
            len--;
        if (refused(line, len, answer_size))
            continue;
        FUZZ_REQUIRE(line_ask(&l, "Answer: ", answer, answer_size) == 0, "every line that can be an answer is one");
        FUZZ_REQUIRE(strlen(answer) == len && memcmp(answer, line, len) == 0,
                     "an answer is its whole line, nothing cut off, nothing of another line");
    }
    FUZZ_REQUIRE(line_ask(&l, "Answer: ", answer, answer_size) == -1, "then the input ends, with no answer left over");
    free(answer);
    return 0;
}
