#include "outq.h"

#include <stdlib.h>
#include <string.h>

int outq_push(struct outq *q, const char *payload, size_t len) {
    size_t need = sizeof(uint32_t) + len;
    if (q->tail + need > q->cap) {
        /* Compact first: a drained prefix is reused before growing. */
        if (q->head > 0) {
            memmove(q->buf, q->buf + q->head, q->tail - q->head);
            q->tail -= q->head;
            q->head = 0;
        }
        if (q->tail + need > q->cap) {
            size_t cap = q->cap ? q->cap : 1024;
            while (q->tail + need > cap) cap *= 2;
            unsigned char *b = realloc(q->buf, cap);
            if (!b) return -1;
            q->buf = b;
            q->cap = cap;
        }
    }
    uint32_t n = (uint32_t)len;
    memcpy(q->buf + q->tail, &n, sizeof n);
    memcpy(q->buf + q->tail + sizeof n, payload, len);
    q->tail += need;
    q->frames++;
    return 0;
}

const unsigned char *outq_peek(const struct outq *q, size_t *len) {
    if (q->head == q->tail) return NULL;
    uint32_t n;
    memcpy(&n, q->buf + q->head, sizeof n);
    *len = n;
    return q->buf + q->head + sizeof n;
}

void outq_pop(struct outq *q) {
    uint32_t n;
    memcpy(&n, q->buf + q->head, sizeof n);
    q->head += sizeof n + n;
    q->frames--;
    if (q->head == q->tail) q->head = q->tail = 0;
}

void outq_free(struct outq *q) {
    free(q->buf);
    memset(q, 0, sizeof *q);
}
