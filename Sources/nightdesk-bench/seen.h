#ifndef ND_BENCH_SEEN_H
#define ND_BENCH_SEEN_H

/* Which message numbers of one side of a chat have arrived: a growable bit
 * set, so a duplicate is told from a first arrival and loss is exact. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct seen {
    uint64_t *bits;
    uint32_t words;
};

/* 1 if n was new (and is now marked), 0 if it had arrived before, -1 on OOM. */
static inline int seen_mark(struct seen *s, uint32_t n) {
    uint32_t w = n / 64;
    if (w >= s->words) {
        uint32_t words = s->words ? s->words : 4;
        while (words <= w) words *= 2;
        uint64_t *b = realloc(s->bits, words * sizeof *b);
        if (!b) return -1;
        memset(b + s->words, 0, (words - s->words) * sizeof *b);
        s->bits = b;
        s->words = words;
    }
    uint64_t bit = 1ULL << (n % 64);
    if (s->bits[w] & bit) return 0;
    s->bits[w] |= bit;
    return 1;
}

static inline void seen_free(struct seen *s) {
    free(s->bits);
    s->bits = NULL;
    s->words = 0;
}

#endif
