#ifndef ND_BENCH_IDLE_H
#define ND_BENCH_IDLE_H

/* The idle scenario: what a crowd of silent visitors costs the server. Most
 * widgets open a chat and never say a word, so memory per session and the
 * CPU of a server at rest matter more than message speed. */

#include "options.h"

int run_idle_scenario(const struct options *o);

#endif
