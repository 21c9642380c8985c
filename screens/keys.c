/* What the terminal sends, as gise's own keys, whatever TERM says.
 *
 * A screen reader's PTY, tmux or SSH may hand gise a terminal type that
 * does not match the keyboard in front of the clerk (Fenrir's PTY mode sets
 * TERM=linux while the outer terminal sends xterm codes). So gise knows the
 * common encodings itself, as tmux does beside terminfo: at start-up they
 * are taught to curses (define_key) where terminfo is silent, and an Esc
 * that curses could not match is followed by hand: Esc then `[` or `O`
 * within the escape delay is one key, decoded when known and otherwise
 * reported as unknown, never Back plus typed letters. */
#include "screens/keys.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <wchar.h>

enum { ESC = 0x1b, SEQUENCE_MAX = 24 };

/* One known sequence, without its leading Esc. `curses` is the code it is
 * taught to curses as; 0 for Ctrl-Left/Right, which have no curses name
 * and take the terminfo's code when it has one. */
struct sequence {
    const char *bytes;
    int curses;
    enum gise_key gise;
};

#define F(n, seq) {seq, KEY_F(n), GK_F(n)}
static const struct sequence known[] = {
    /* F1-F4: xterm and VT100 (SS3), VT220 and rxvt, the linux console. */
    F(1, "OP"), F(2, "OQ"), F(3, "OR"), F(4, "OS"),
    F(1, "[11~"), F(2, "[12~"), F(3, "[13~"), F(4, "[14~"),
    F(1, "[[A"), F(2, "[[B"), F(3, "[[C"), F(4, "[[D"), F(5, "[[E"),
    /* F5-F12: the same in every family. */
    F(5, "[15~"), F(6, "[17~"), F(7, "[18~"), F(8, "[19~"),
    F(9, "[20~"), F(10, "[21~"), F(11, "[23~"), F(12, "[24~"),
    /* Cursor keys in normal (CSI) and application (SS3) mode. */
    {"[A", KEY_UP, GK_UP}, {"[B", KEY_DOWN, GK_DOWN}, {"[C", KEY_RIGHT, GK_RIGHT}, {"[D", KEY_LEFT, GK_LEFT},
    {"OA", KEY_UP, GK_UP}, {"OB", KEY_DOWN, GK_DOWN}, {"OC", KEY_RIGHT, GK_RIGHT}, {"OD", KEY_LEFT, GK_LEFT},
    /* Home and End: VT220 and linux, rxvt, xterm in both modes. */
    {"[1~", KEY_HOME, GK_HOME}, {"[7~", KEY_HOME, GK_HOME}, {"[H", KEY_HOME, GK_HOME}, {"OH", KEY_HOME, GK_HOME},
    {"[4~", KEY_END, GK_END}, {"[8~", KEY_END, GK_END}, {"[F", KEY_END, GK_END}, {"OF", KEY_END, GK_END},
    {"[2~", KEY_IC, GK_INSERT}, {"[3~", KEY_DC, GK_DELETE},
    {"[5~", KEY_PPAGE, GK_PAGE_UP}, {"[6~", KEY_NPAGE, GK_PAGE_DOWN},
    {"[Z", KEY_BTAB, GK_BACK_TAB}, {"OM", KEY_ENTER, GK_ENTER},
    /* Ctrl-Left and Ctrl-Right: xterm, rxvt. */
    {"[1;5D", 0, GK_WORD_LEFT}, {"Od", 0, GK_WORD_LEFT},
    {"[1;5C", 0, GK_WORD_RIGHT}, {"Oc", 0, GK_WORD_RIGHT},
};
#undef F

/* Ctrl-Left and Ctrl-Right have no curses name: terminfo's extended
 * capabilities give their codes, once the terminal is set up. */
static int word_left = -1, word_right = -1;

static int extended_key(const char *capname)
{
    const char *seq = tigetstr(capname);
    if (!seq || seq == (char *)-1)
        return -1;
    int code = key_defined(seq);
    return code > 0 ? code : -1;
}

/* Codes curses gives known sequences through the terminfo's extended
 * capabilities (TERM=linux names ESC [ Z "kcbt2", not Shift-Tab). */
static struct code_key {
    int curses;
    enum gise_key gise;
} aliases[sizeof known / sizeof *known];
static size_t alias_count;

/* The paste markers, as the terminfo has them (PS, PE) or as xterm sends
 * them, and the codes curses is taught to return for them. */
static const char *paste_start = "\033[200~", *paste_end = "\033[201~";
static int paste_start_code = -1, paste_end_code = -1;

static const char *terminfo_string(const char *capname, const char *fallback)
{
    const char *s = tigetstr(capname);
    return s && s != (char *)-1 && *s ? s : fallback;
}

/* A code curses gives no key yet (above KEY_MAX, where the terminfo's
 * extended keys also go), or -1. */
static int unused_code(int after)
{
    for (int code = after > KEY_MAX ? after + 1 : KEY_MAX + 1; code < KEY_MAX + 4096; code++) {
        char *bound = keybound(code, 0);
        if (!bound)
            return code;
        free(bound);
    }
    return -1;
}

static void define_paste_keys(void)
{
    paste_start = terminfo_string("PS", "\033[200~");
    paste_end = terminfo_string("PE", "\033[201~");
    paste_start_code = key_defined(paste_start) > 0 ? key_defined(paste_start) : unused_code(0);
    if (paste_start_code > 0 && key_defined(paste_start) <= 0)
        define_key(paste_start, paste_start_code);
    paste_end_code = key_defined(paste_end) > 0 ? key_defined(paste_end) : unused_code(paste_start_code);
    if (paste_end_code > 0 && key_defined(paste_end) <= 0)
        define_key(paste_end, paste_end_code);
}

void keys_paste_mode(bool on)
{
    putp(on ? terminfo_string("BE", "\033[?2004h") : terminfo_string("BD", "\033[?2004l"));
    fflush(stdout);     /* putp writes through stdio, curses past it */
}

void keys_init(void)
{
    define_paste_keys();
    word_left = extended_key("kLFT5");
    word_right = extended_key("kRIT5");
    alias_count = 0;
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
        int code = known[i].curses;
        if (!code)
            code = known[i].gise == GK_WORD_LEFT ? word_left : word_right;
        char definition[SEQUENCE_MAX + 2];
        snprintf(definition, sizeof definition, "\033%s", known[i].bytes);
        /* What the terminfo maps stays as it is (a VT220's Find key); an
         * extended capability of its own is read as the key it is. */
        int defined = key_defined(definition);
        if (defined > KEY_MAX && defined != word_left && defined != word_right)
            aliases[alias_count++] = (struct code_key){defined, known[i].gise};
        else if (defined == 0 && code > 0)
            define_key(definition, code);
    }
}

static const struct code_key named[] = {
    {KEY_UP, GK_UP}, {KEY_DOWN, GK_DOWN}, {KEY_LEFT, GK_LEFT}, {KEY_RIGHT, GK_RIGHT},
    {KEY_HOME, GK_HOME}, {KEY_END, GK_END}, {KEY_PPAGE, GK_PAGE_UP}, {KEY_NPAGE, GK_PAGE_DOWN},
    {KEY_BTAB, GK_BACK_TAB}, {KEY_ENTER, GK_ENTER}, {KEY_BACKSPACE, GK_BACKSPACE},
    {KEY_DC, GK_DELETE}, {KEY_IC, GK_INSERT}, {KEY_RESIZE, GK_RESIZE},
    /* A VT220's Find and Select sit where a PC keyboard has Home and End
     * (vt220's terminfo names ESC [ 1 ~ and ESC [ 4 ~ so); the keypad's
     * corners are Home, PgUp, End and PgDn. */
    {KEY_FIND, GK_HOME}, {KEY_SELECT, GK_END},
    {KEY_A1, GK_HOME}, {KEY_A3, GK_PAGE_UP}, {KEY_C1, GK_END}, {KEY_C3, GK_PAGE_DOWN},
};

/* The last key gise had no name for, as words for the status row. */
static char unknown_name[4 * SEQUENCE_MAX + 16];

static struct key unknown_curses_key(wint_t wc)
{
    if (wc > (wint_t)KEY_F0 && wc <= (wint_t)KEY_F(63)) {
        snprintf(unknown_name, sizeof unknown_name, "F%d", (int)(wc - KEY_F0));
    } else {
        const char *name = keyname((int)wc);
        snprintf(unknown_name, sizeof unknown_name, "%s", name ? name : "?");
    }
    return (struct key){true, GK_UNKNOWN};
}

static struct key key_from_curses(int rc, wint_t wc)
{
    if (rc != KEY_CODE_YES)
        return (struct key){false, wc};
    if (wc >= (wint_t)KEY_F(1) && wc <= (wint_t)KEY_F(12))
        return (struct key){true, (wint_t)GK_F(wc - KEY_F0)};
    if ((int)wc == paste_start_code)
        return (struct key){true, GK_PASTE};
    if ((int)wc == word_left)
        return (struct key){true, GK_WORD_LEFT};
    if ((int)wc == word_right)
        return (struct key){true, GK_WORD_RIGHT};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if ((wint_t)named[i].curses == wc)
            return (struct key){true, (wint_t)named[i].gise};
    for (size_t i = 0; i < alias_count; i++)
        if ((wint_t)aliases[i].curses == wc)
            return (struct key){true, (wint_t)aliases[i].gise};
    return unknown_curses_key(wc);
}

struct key keys_decode(const char *sequence)
{
    if (strcmp(sequence, paste_start + 1) == 0)
        return (struct key){true, GK_PASTE};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcmp(known[i].bytes, sequence) == 0)
            return (struct key){true, (wint_t)known[i].gise};
    /* "Esc [ 2 9 ~": each byte apart, so a screen reader spells it. */
    size_t used = (size_t)snprintf(unknown_name, sizeof unknown_name, "Esc");
    for (const char *p = sequence; *p && used + 8 < sizeof unknown_name; p++)
        used += (size_t)snprintf(unknown_name + used, sizeof unknown_name - used,
                                 *p == ' ' ? " Space" : " %c", *p);
    return (struct key){true, GK_UNKNOWN};
}

const char *keys_unknown_name(void)
{
    return unknown_name;
}

/* One result of wget_wch, handed back when the sequence it ended was not
 * its own (a key typed right after an Esc). */
static struct {
    bool held;
    int rc;
    wint_t wc;
} pushed;

/* The next thing curses has, waiting at most `wait_ms`; the window is left
 * in no-delay mode, as the event loop keeps it. */
static int next_input(int wait_ms, wint_t *wc)
{
    if (pushed.held) {
        pushed.held = false;
        *wc = pushed.wc;
        return pushed.rc;
    }
    wtimeout(stdscr, wait_ms);
    int rc = wget_wch(stdscr, wc);
    wtimeout(stdscr, 0);
    return rc;
}

static void push_back(int rc, wint_t wc)
{
    pushed.held = true;
    pushed.rc = rc;
    pushed.wc = wc;
}

static bool in_range(int rc, wint_t wc, unsigned low, unsigned high)
{
    return rc == OK && wc >= low && wc <= high;
}

/* After Esc and `introducer` ([ or O): parameter bytes 0x30-0x3F,
 * intermediates 0x20-0x2F, then one final byte 0x40-0x7E; the linux
 * console's ESC [ [ A-E is a final byte after a second `[`. A pause
 * longer than the escape delay ends it early (rxvt's Shift-F1, ESC [ 1 1 $,
 * has no final byte); anything else that arrives (a control character, a
 * key curses decoded) ends it and is read next. */
static struct key read_sequence(char introducer)
{
    char seq[SEQUENCE_MAX + 2];   /* a longer one is no key of ours: kept short, still unknown */
    size_t n = 0;
    seq[n++] = introducer;
    int wait = get_escdelay();
    wint_t wc;
    int rc = next_input(wait, &wc);
    if (introducer == '[' && in_range(rc, wc, '[', '[')) {
        seq[n++] = '[';
        rc = next_input(wait, &wc);
    } else {
        while (in_range(rc, wc, 0x20, 0x3f)) {
            if (n < SEQUENCE_MAX)
                seq[n++] = (char)wc;
            rc = next_input(wait, &wc);
        }
    }
    if (in_range(rc, wc, 0x40, 0x7e))
        seq[n++] = (char)wc;
    else if (rc != ERR)
        push_back(rc, wc);
    seq[n] = '\0';
    return keys_decode(seq);
}

/* The pasted text, read to its end marker when the start marker came. */
static struct {
    char text[PASTE_MAX_BYTES + 1];
    struct paste view;
} pasted;

const struct paste *keys_paste(void)
{
    return &pasted.view;
}

/* A paste's end marker never coming (a terminal that sends only the start)
 * must not swallow the keys after it: a pause this long ends the paste. */
enum { PASTE_PAUSE_MS = 1000 };

static void paste_add(const char *bytes, size_t n)
{
    struct paste *p = &pasted.view;
    p->chars++;
    if (p->len + n > PASTE_MAX_BYTES) {
        p->whole = false;       /* counted, not kept: it is refused whole */
        return;
    }
    memcpy(pasted.text + p->len, bytes, n);
    p->len += n;
    pasted.text[p->len] = '\0';
}

/* The end marker as characters (curses did not match it as a key, the
 * bytes having come apart): taken back off the end of the text. */
static bool ends_with_end_marker(void)
{
    struct paste *p = &pasted.view;
    size_t n = strlen(paste_end);
    if (!p->whole || p->len < n || memcmp(pasted.text + p->len - n, paste_end, n) != 0)
        return false;
    p->len -= n;
    p->chars -= n;
    pasted.text[p->len] = '\0';
    return true;
}

/* Everything up to the end marker, as one paste (keys.h, struct paste). */
static void read_paste(void)
{
    pasted.view = (struct paste){pasted.text, 0, 0, true};
    pasted.text[0] = '\0';
    bool after_cr = false;
    for (;;) {
        wint_t wc;
        int rc = next_input(PASTE_PAUSE_MS, &wc);
        if (rc == ERR || (rc == KEY_CODE_YES && (int)wc == paste_end_code))
            return;
        if (rc == KEY_CODE_YES) {   /* an escape code in the pasted text */
            paste_add("\033", 1);
            after_cr = false;
            continue;
        }
        if (wc == '\n' && after_cr) {  /* CR LF is one line break */
            after_cr = false;
            continue;
        }
        after_cr = wc == '\r';
        char buf[MB_LEN_MAX];
        mbstate_t state = {0};
        size_t n = wcrtomb(buf, wc == '\r' ? L'\n' : (wchar_t)wc, &state);
        if (n == (size_t)-1) {
            buf[0] = (char)0xFF;    /* no character: refused as invalid UTF-8 */
            n = 1;
        }
        paste_add(buf, n);
        if (ends_with_end_marker())
            return;
    }
}

bool keys_read(struct key *key)
{
    wint_t wc;
    int rc;
    /* An end marker without a start (the start lost) is no key. */
    while ((rc = next_input(0, &wc)) == KEY_CODE_YES && (int)wc == paste_end_code)
        ;
    if (rc == ERR)
        return false;
    if (rc != OK || wc != ESC) {
        *key = key_from_curses(rc, wc);
    } else {
        /* A bare Esc: curses matched nothing after it within the escape
         * delay. What follows at once decides whether it was the start of
         * a key. */
        rc = next_input(get_escdelay(), &wc);
        if (in_range(rc, wc, '[', '[') || in_range(rc, wc, 'O', 'O')) {
            *key = read_sequence((char)wc);
        } else {
            if (rc != ERR)
                push_back(rc, wc);
            *key = (struct key){false, ESC};
        }
    }
    if (key->function && key->code == GK_PASTE)
        read_paste();
    return true;
}
