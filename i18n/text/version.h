#ifndef GISE_VERSION_H
#define GISE_VERSION_H
#define GISE_VERSION "0.1.0"
#endif
