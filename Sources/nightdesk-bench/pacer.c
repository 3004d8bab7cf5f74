#include "pacer.h"

#include <sys/timerfd.h>
#include <unistd.h>

static void on_readable(uv_poll_t *handle, int status, int events) {
    (void)status;
    (void)events;
    struct pacer *p = handle->data;
    /* Re-arming (timerfd_settime) clears the expiration, so a callback
     * that arms the next instant spares the read: one system call less per
     * wake, and at thousands of sends a second the wakes are most of the
     * generator's system calls. The read only clears a timer left unarmed. */
    p->armed_ns = 0;
    p->due(p->data);
    if (p->open && !p->armed_ns) {
        uint64_t expirations;
        if (read(p->fd, &expirations, sizeof expirations) < 0) { /* nothing was due: a spurious wake */
        }
    }
}

int pacer_init(struct pacer *p, uv_loop_t *loop, void (*due)(void *), void *data) {
    p->open = 0;
    p->armed_ns = 0;
    p->due = due;
    p->data = data;
    p->fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (p->fd < 0) return -1;
    if (uv_poll_init(loop, &p->poll, p->fd) != 0) {
        close(p->fd);
        return -1;
    }
    p->poll.data = p;
    uv_poll_start(&p->poll, UV_READABLE, on_readable);
    p->open = 1;
    return 0;
}

void pacer_arm(struct pacer *p, int64_t at_ns) {
    if (!p->open) return;
    /* Zero would disarm it: an instant already past fires at once. */
    if (at_ns < 1) at_ns = 1;
    if (at_ns == p->armed_ns) return; /* the millisecond tick asks again */
    p->armed_ns = at_ns;
    struct itimerspec when = {{0, 0}, {(time_t)(at_ns / 1000000000), (long)(at_ns % 1000000000)}};
    timerfd_settime(p->fd, TFD_TIMER_ABSTIME, &when, NULL);
}

static void on_closed(uv_handle_t *handle) {
    struct pacer *p = handle->data;
    close(p->fd);
}

void pacer_close(struct pacer *p) {
    if (!p->open) return;
    p->open = 0;
    uv_poll_stop(&p->poll);
    uv_close((uv_handle_t *)&p->poll, on_closed);
}
