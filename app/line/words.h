/* How line mode names what to do in messages ("Type r"). */
#ifndef GISE_LINE_WORDS_H
#define GISE_LINE_WORDS_H

#include "app/core/explain.h"

extern const struct front_words line_words;

#endif
