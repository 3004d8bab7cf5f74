#ifndef NIGHTDESK_BENCH_PACER_H
#define NIGHTDESK_BENCH_PACER_H

#include <stdint.h>
#include <uv.h>

/* A wake-up at an exact instant. libuv's timers step in whole milliseconds,
 * which would add up to a millisecond of the generator's own lateness to
 * every open-loop send, more than the latencies being measured. A timerfd
 * armed at an absolute CLOCK_MONOTONIC time (the clock of now_ns) and
 * polled by the loop wakes within microseconds. */
struct pacer {
    uv_poll_t poll;
    int fd;
    int open;
    int64_t armed_ns; /* the instant it is armed for; 0 if not armed */
    void (*due)(void *data);
    void *data;
};

/* 0 on success; on failure the caller keeps its millisecond tick. */
int pacer_init(struct pacer *p, uv_loop_t *loop, void (*due)(void *), void *data);
/* Calls `due` once at `at_ns` (now_ns clock), replacing any earlier arming. */
void pacer_arm(struct pacer *p, int64_t at_ns);
void pacer_close(struct pacer *p);

#endif
