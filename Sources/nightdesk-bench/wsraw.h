#ifndef ND_BENCH_WSRAW_H
#define ND_BENCH_WSRAW_H

/* A lean WebSocket client: plain non-blocking sockets on a libuv loop the
 * bench owns, no libwebsockets. Every scenario uses it. It was written for
 * the idle ramp, where the lws client's handshake cost the generator a core
 * at about 4,200 sessions/s; the chat scenarios moved to it because the lws
 * client cost about 60 us of CPU per relayed message, which capped one
 * generator core near 13,500 msg/s. This client sends one precomputed
 * upgrade request, checks the 101 and Sec-WebSocket-Accept, then speaks
 * just enough RFC 6455: masked text frames out, text/continuation/ping/close
 * in, a pong for every ping, and a Close of its own (wsraw_shutdown).
 *
 * The sockets sit in one epoll set of their own (edge-triggered, added
 * once), and one uv_poll watches that set on the loop. A uv_poll per socket
 * cost three or four epoll_ctl calls and an ioctl per connection, and a
 * wake-up for the connect; here a connection costs socket, connect, write,
 * epoll_ctl, and the reads and write of the exchange. The upgrade request
 * is written right after connect: on loopback the connection is usually up
 * by then. EPOLLOUT is asked for only while something waits to be written,
 * so a connection never wakes the generator for nothing.
 *
 * Sending: a frame is masked straight into the connection's tx buffer (no
 * allocation once the buffer has grown) and written at once, one write(2)
 * per frame. Between wsraw_cork and wsraw_uncork, frames are only queued,
 * and uncork writes each connection's queue with one write(2): the relay
 * corks around each timer and pacer callback, and the epoll dispatch corks
 * itself, so the frames of one loop turn leave in one write per connection.
 * What the socket does not take stays queued in order, and EPOLLOUT writes
 * it; nothing is ever dropped or reordered.
 *
 * Reading: one read(2) per readable event (64 KiB at a time), frames parsed
 * in place. wsraw_set_reading(c, 0) takes EPOLLIN out of the socket's
 * events, so the kernel's buffers fill as they would for a reader that
 * stopped; turning it back on re-arms EPOLLIN, and epoll reports at once
 * whatever waited.
 *
 * ws:// only (options.c already refuses wss://). One thread. Linux. */

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <uv.h>

#include "options.h"
#include "source_ports.h"

struct wsraw;

/* WR_CLOSING: our Close is queued or sent; what arrives is discarded until
 * the server closes the connection. */
enum wsraw_state { WR_IDLE, WR_CONNECTING, WR_UPGRADING, WR_OPEN, WR_CLOSING, WR_CLOSED };

struct wsraw_conn {
    struct wsraw *cl;
    int fd;
    int kind;     /* the scenario's tag: visitor, agent, ... */
    int index;    /* the scenario's index */
    int welcomed; /* the scenario's note that hello was answered */
    enum wsraw_state state;
    int out_armed; /* EPOLLOUT is wanted: tx has bytes the socket refused */
    int paused;    /* wsraw_set_reading(c, 0): EPOLLIN is off */
    int dirty;     /* on the corked list, waiting for wsraw_uncork */
    uint32_t ev_mask; /* the events the socket is in the epoll set with */
    int msg_op;       /* opcode of the fragmented message, 0 if none */
    int64_t connect_ns;
    uint32_t req_sent; /* bytes of the upgrade request written */
    char *pend;        /* received bytes not yet parsed (a partial frame) */
    size_t pend_len, pend_cap;
    char *msg; /* a fragmented message being put together */
    size_t msg_len, msg_cap;
    char *tx; /* frames not written yet: [tx_off, tx_len) */
    size_t tx_off, tx_len, tx_cap;
};

struct wsraw_hooks {
    /* The upgrade succeeded; the connection may send. */
    void (*on_open)(void *ctx, struct wsraw_conn *c);
    /* One whole text message, NUL-terminated at buf[len]. */
    void (*on_frame)(void *ctx, struct wsraw_conn *c, char *buf, size_t len);
    /* The connection is gone: failed to connect or upgrade (was_open 0), or
     * closed after the upgrade (was_open 1). Not called for wsraw_close,
     * nor after wsraw_shutdown. */
    void (*on_close)(void *ctx, struct wsraw_conn *c, int was_open, const char *why);
};

struct wsraw {
    uv_loop_t loop;
    int epfd;            /* every connection's socket, edge-triggered */
    uv_poll_t ep_poll;   /* watches epfd on the loop */
    int ep_polled;
    const struct options *o;
    struct wsraw_hooks hooks;
    void *ctx;
    struct sockaddr_storage addr;
    socklen_t addr_len;
    struct source_ports ports;
    char *req; /* the upgrade request, the same for every connection */
    size_t req_len;
    char *rbuf; /* one read buffer shared by every connection */
    size_t rbuf_cap;
    int corked;                /* depth of wsraw_cork */
    struct wsraw_conn **dirty; /* connections with frames queued while corked */
    size_t ndirty, dirty_cap;
    uint32_t mask_seed;
    uint64_t frames_in, frames_out;
};

/* 0 on success; -1 with a message on stderr (the host did not resolve). */
int wsraw_init(struct wsraw *cl, const struct options *o, struct wsraw_hooks hooks, void *ctx);
/* Starts connecting c (state CONNECTING); on_open or on_close follow. The
 * connect time (c->connect_ns) is taken here. */
int wsraw_connect(struct wsraw *cl, struct wsraw_conn *c);
/* Sends one masked text frame. 0 on success (written or queued). */
int wsraw_send_text(struct wsraw_conn *c, const char *payload, size_t len);
/* Queue frames from here on; wsraw_uncork writes each connection's queue
 * with one write(2). Nests. */
void wsraw_cork(struct wsraw *cl);
void wsraw_uncork(struct wsraw *cl);
/* Bytes queued and not yet taken by the socket. */
size_t wsraw_unwritten(const struct wsraw_conn *c);
/* Stops (0) or resumes (1) reading the socket: the slow reader. */
void wsraw_set_reading(struct wsraw_conn *c, int on);
/* Closes as a client should: a Close (1000) after what is queued, then
 * close(2) once the server has closed the TCP connection. The server closes
 * first (RFC 6455, 7.1.1), so the TIME_WAIT is its, not ours: client-side
 * TIME_WAITs used up the ephemeral ports a later run connects from. No
 * hook. A connection that has not opened yet is just dropped. */
void wsraw_shutdown(struct wsraw_conn *c);
/* Fails a connection that has not opened yet (on_close, was_open 0). */
void wsraw_fail(struct wsraw_conn *c, const char *why);
/* Drops the connection without calling on_close: a reset, so it leaves no
 * TIME_WAIT holding a port (it is the end of a run, nothing is measured). */
void wsraw_close(struct wsraw_conn *c);
void wsraw_run(struct wsraw *cl);
void wsraw_stop(struct wsraw *cl);
/* Call after every connection is closed: finishes the loop. */
void wsraw_destroy(struct wsraw *cl);

#endif
