#include "session_map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t fnv1a(const char *s, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

int session_map_init(struct session_map *m, size_t entries) {
    m->cap = 16;
    while (m->cap < entries * 2) m->cap *= 2;
    m->keys = calloc(m->cap, sizeof *m->keys);
    m->values = calloc(m->cap, sizeof *m->values);
    return m->keys && m->values ? 0 : -1;
}

static int same(const char *k, const char *key, size_t len) { return strlen(k) == len && memcmp(k, key, len) == 0; }

int session_map_put(struct session_map *m, const char *key, size_t len, int value) {
    size_t i = fnv1a(key, len) & (m->cap - 1);
    for (size_t probes = 0; probes < m->cap; probes++, i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) {
            char *k = malloc(len + 1);
            if (!k) return -1;
            memcpy(k, key, len);
            k[len] = 0;
            m->keys[i] = k;
            m->values[i] = value;
            return 0;
        }
        if (same(m->keys[i], key, len)) {
            m->values[i] = value;
            return 0;
        }
    }
    return -1;
}

int session_map_get(const struct session_map *m, const char *key, size_t len) {
    size_t i = fnv1a(key, len) & (m->cap - 1);
    for (size_t probes = 0; probes < m->cap; probes++, i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i]) return -1;
        if (same(m->keys[i], key, len)) return m->values[i];
    }
    return -1;
}

void session_map_free(struct session_map *m) {
    for (size_t i = 0; i < m->cap; i++) free(m->keys[i]);
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}
