#ifndef ND_BENCH_SESSION_MAP_H
#define ND_BENCH_SESSION_MAP_H

/* Server session id -> the bench's chat index, for offers and assignments,
 * which name the session, not the chat. Open addressing; ids are copied. */

#include <stddef.h>

struct session_map {
    char **keys;
    int *values;
    size_t cap; /* a power of two, at least twice the entries */
};

int session_map_init(struct session_map *m, size_t entries);
int session_map_put(struct session_map *m, const char *key, size_t len, int value);
/* The chat index, or -1. */
int session_map_get(const struct session_map *m, const char *key, size_t len);
void session_map_free(struct session_map *m);

#endif
