#ifndef ND_BENCH_WSRAW_H
#define ND_BENCH_WSRAW_H

/* A lean WebSocket client for the idle scenario: plain non-blocking sockets
 * on a libuv loop the bench owns, no libwebsockets. The
 * idle ramp measures how fast a server accepts sessions; the lws client's
 * handshake cost the generator so much CPU (about 4,200 sessions/s on one
 * core) that the ramp measured the generator. This client sends one
 * precomputed upgrade request, checks the 101 and Sec-WebSocket-Accept,
 * then speaks just enough RFC 6455 to stay connected: masked text frames
 * out, text/continuation/ping/close in, a pong for every ping.
 *
 * The sockets sit in one epoll set of their own (edge-triggered, added
 * once), and one uv_poll watches that set on the loop. A uv_poll per socket
 * cost three or four epoll_ctl calls and an ioctl per connection, and a
 * wake-up for the connect; here a connection costs socket, connect, write,
 * epoll_ctl, and the reads and write of the exchange. The upgrade request
 * is written right after connect: on loopback the connection is usually up
 * by then. EPOLLOUT is asked for only while something waits to be written
 * (the request, when that first write says EAGAIN; a pong that did not
 * fit), so an idle connection never wakes the generator for nothing.
 *
 * ws:// only (options.c already refuses wss://). One thread. Linux. */

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <uv.h>

#include "options.h"

struct wsraw;

enum wsraw_state { WR_IDLE, WR_CONNECTING, WR_UPGRADING, WR_OPEN, WR_CLOSED };

struct wsraw_conn {
    struct wsraw *cl;
    int fd;
    int index;    /* the scenario's index */
    int welcomed; /* the scenario's note that hello was answered */
    enum wsraw_state state;
    int out_armed; /* EPOLLOUT is in the socket's epoll events */
    int msg_op;       /* opcode of the fragmented message, 0 if none */
    int64_t connect_ns;
    uint32_t req_sent; /* bytes of the upgrade request written */
    char *pend;        /* received bytes not yet parsed (a partial frame) */
    size_t pend_len, pend_cap;
    char *msg; /* a fragmented message being put together */
    size_t msg_len, msg_cap;
    char *tx; /* bytes the socket did not take yet */
    size_t tx_len, tx_cap;
};

struct wsraw_hooks {
    /* The upgrade succeeded; the connection may send. */
    void (*on_open)(void *ctx, struct wsraw_conn *c);
    /* One whole text message, NUL-terminated at buf[len]. */
    void (*on_frame)(void *ctx, struct wsraw_conn *c, char *buf, size_t len);
    /* The connection is gone: failed to connect or upgrade (was_open 0), or
     * closed after the upgrade (was_open 1). Not called for wsraw_close. */
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
    char *req; /* the upgrade request, the same for every connection */
    size_t req_len;
    char *rbuf; /* one read buffer shared by every connection */
    size_t rbuf_cap;
    unsigned char *wbuf; /* builds outgoing frames */
    size_t wbuf_cap;
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
/* Fails a connection that has not opened yet (on_close, was_open 0). */
void wsraw_fail(struct wsraw_conn *c, const char *why);
/* Drops the connection (close(2)) without calling on_close. */
void wsraw_close(struct wsraw_conn *c);
void wsraw_run(struct wsraw *cl);
void wsraw_stop(struct wsraw *cl);
/* Call after every connection is closed: finishes the loop. */
void wsraw_destroy(struct wsraw *cl);

#endif
