#ifndef ND_BENCH_OUTQ_H
#define ND_BENCH_OUTQ_H

/* Frames waiting for a connection's next writeable callback: a frame is
 * written at once unless lws still holds part of an earlier one, and then
 * it and every later frame wait here, in order. An agent carrying 50 chats
 * can have many waiting, so each connection keeps a FIFO of them: one byte
 * buffer of [u32 length][payload] records, compacted as it drains. */

#include <stddef.h>
#include <stdint.h>

struct outq {
    unsigned char *buf;
    size_t head, tail, cap;
    size_t frames;
};

int outq_push(struct outq *q, const char *payload, size_t len);
/* The oldest frame, or NULL when empty; outq_pop drops it. */
const unsigned char *outq_peek(const struct outq *q, size_t *len);
void outq_pop(struct outq *q);
void outq_free(struct outq *q);

#endif
