/* How the full-screen front end names keys in messages ("Press F5"). */
#ifndef GISE_SCREENS_WORDS_H
#define GISE_SCREENS_WORDS_H

#include "app/core/explain.h"

extern const struct front_words screen_words;

#endif
