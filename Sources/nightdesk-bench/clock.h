#ifndef ND_BENCH_CLOCK_H
#define ND_BENCH_CLOCK_H

/* One clock for every timestamp the bench takes. CLOCK_MONOTONIC because the
 * sender and the receiver of a message are the same process: the scheduled
 * send time travels inside the message and is compared on arrival. */

#include <stdint.h>
#include <time.h>

static inline int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

#define NS_PER_MS 1000000LL
#define NS_PER_S 1000000000LL

#endif
