#include "screens/keys.h"

#include <curses.h>
#include <term.h>

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

void keys_init(void)
{
    word_left = extended_key("kLFT5");
    word_right = extended_key("kRIT5");
}

static const struct {
    int curses;
    enum gise_key gise;
} named[] = {
    {KEY_UP, GK_UP}, {KEY_DOWN, GK_DOWN}, {KEY_LEFT, GK_LEFT}, {KEY_RIGHT, GK_RIGHT},
    {KEY_HOME, GK_HOME}, {KEY_END, GK_END}, {KEY_PPAGE, GK_PAGE_UP}, {KEY_NPAGE, GK_PAGE_DOWN},
    {KEY_BTAB, GK_BACK_TAB}, {KEY_ENTER, GK_ENTER}, {KEY_BACKSPACE, GK_BACKSPACE},
    {KEY_DC, GK_DELETE}, {KEY_IC, GK_INSERT}, {KEY_RESIZE, GK_RESIZE},
};

struct key key_from_curses(int rc, wint_t wc)
{
    if (rc != KEY_CODE_YES)
        return (struct key){false, wc};
    if (wc >= (wint_t)KEY_F(1) && wc <= (wint_t)KEY_F(12))
        return (struct key){true, (wint_t)GK_F(wc - KEY_F0)};
    if ((int)wc == word_left)
        return (struct key){true, GK_WORD_LEFT};
    if ((int)wc == word_right)
        return (struct key){true, GK_WORD_RIGHT};
    for (size_t i = 0; i < sizeof named / sizeof *named; i++)
        if ((wint_t)named[i].curses == wc)
            return (struct key){true, (wint_t)named[i].gise};
    return (struct key){true, GK_UNKNOWN};
}
