#define _GNU_SOURCE /* memmem, asprintf */
#include "wsraw.h"

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <unistd.h>

#include "clock.h"

/* RFC 6455's own example key, and the accept value it must produce. Every
 * connection sends the same key: the server only has to prove it speaks
 * WebSocket, and a fixed key makes the check a memcmp. */
#define WS_KEY "dGhlIHNhbXBsZSBub25jZQ=="
#define WS_ACCEPT "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="

#define MAX_RESPONSE_HEADERS 16384
#define MAX_MESSAGE (16u << 20)
#define READ_CHUNK 65536


static int grow(char **buf, size_t *cap, size_t need) {
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 256;
    while (n < need) n *= 2;
    char *b = realloc(*buf, n);
    if (!b) return -1;
    *buf = b;
    *cap = n;
    return 0;
}

/* Closes the socket and frees the connection's buffers; no hook. */
static void drop(struct wsraw_conn *c) {
    /* close(2) takes the socket out of the epoll set; events already
     * fetched for it find the state CLOSED and are skipped. A connection on
     * the corked list stays there (its `dirty` flag too) and is skipped. */
    if (c->fd >= 0) close(c->fd);
    c->fd = -1;
    c->state = WR_CLOSED;
    free(c->pend);
    free(c->msg);
    free(c->tx);
    c->pend = c->msg = c->tx = NULL;
    c->pend_len = c->pend_cap = c->msg_len = c->msg_cap = c->tx_off = c->tx_len = c->tx_cap = 0;
}

static void gone(struct wsraw_conn *c, int was_open, const char *why) {
    if (c->state == WR_CLOSED || c->state == WR_IDLE) return;
    int hook = c->state != WR_CLOSING; /* a close we asked for: no hook */
    drop(c);
    if (hook) c->cl->hooks.on_close(c->cl->ctx, c, was_open, why);
}

static void gone_errno(struct wsraw_conn *c, const char *what, int err) {
    char why[160];
    snprintf(why, sizeof why, "%s: %s", what, strerror(err));
    gone(c, c->state == WR_OPEN, why);
}

static uint32_t want_events(const struct wsraw_conn *c) {
    return EPOLLET | (c->paused ? 0 : EPOLLIN | EPOLLRDHUP) | (c->out_armed ? EPOLLOUT : 0);
}

/* Puts the socket's epoll events in line with out_armed and paused. */
static int update_events(struct wsraw_conn *c) {
    uint32_t want = want_events(c);
    if (c->fd < 0 || want == c->ev_mask) return 0;
    struct epoll_event ev;
    ev.events = want;
    ev.data.ptr = c;
    if (epoll_ctl(c->cl->epfd, EPOLL_CTL_MOD, c->fd, &ev) < 0) {
        gone_errno(c, "epoll_ctl", errno);
        return -1;
    }
    c->ev_mask = want;
    return 0;
}

/* Asks for EPOLLOUT (on 1) or stops asking (0). */
static int arm_out(struct wsraw_conn *c, int on) {
    c->out_armed = on;
    return update_events(c);
}

/* Room for len more bytes at the end of tx; the written head is reclaimed
 * first. Returns where they go, NULL if out of memory. */
static char *tx_reserve(struct wsraw_conn *c, size_t len) {
    if (c->tx_off == c->tx_len) {
        c->tx_off = c->tx_len = 0;
    } else if (c->tx_off && c->tx_len + len > c->tx_cap) {
        memmove(c->tx, c->tx + c->tx_off, c->tx_len - c->tx_off);
        c->tx_len -= c->tx_off;
        c->tx_off = 0;
    }
    if (grow(&c->tx, &c->tx_cap, c->tx_len + len)) return NULL;
    return c->tx + c->tx_len;
}

/* Writes what is queued until the socket refuses; the rest waits for
 * EPOLLOUT. */
static void flush_tx(struct wsraw_conn *c) {
    while (c->tx_off < c->tx_len) {
        ssize_t n = send(c->fd, c->tx + c->tx_off, c->tx_len - c->tx_off, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                if (!c->out_armed) arm_out(c, 1);
                return;
            }
            gone_errno(c, "write", errno);
            return;
        }
        c->tx_off += (size_t)n;
    }
    c->tx_off = c->tx_len = 0;
    if (c->out_armed) arm_out(c, 0);
}

/* Queued bytes leave now, or at uncork, or at EPOLLOUT. */
static void kick(struct wsraw_conn *c) {
    struct wsraw *cl = c->cl;
    if (c->out_armed) return; /* EPOLLOUT will write them */
    if (!cl->corked) {
        flush_tx(c);
        return;
    }
    if (c->dirty) return;
    if (cl->ndirty == cl->dirty_cap) {
        size_t cap = cl->dirty_cap ? cl->dirty_cap * 2 : 256;
        struct wsraw_conn **d = realloc(cl->dirty, cap * sizeof *d);
        if (!d) {
            flush_tx(c);
            return;
        }
        cl->dirty = d;
        cl->dirty_cap = cap;
    }
    c->dirty = 1;
    cl->dirty[cl->ndirty++] = c;
}

void wsraw_cork(struct wsraw *cl) { cl->corked++; }

void wsraw_uncork(struct wsraw *cl) {
    if (cl->corked > 1) {
        cl->corked--;
        return;
    }
    /* Still corked while writing: a hook run from a failed write may send,
     * and its connection then joins the end of this list. */
    for (size_t i = 0; i < cl->ndirty; i++) {
        struct wsraw_conn *c = cl->dirty[i];
        c->dirty = 0;
        if ((c->state == WR_OPEN || c->state == WR_CLOSING) && !c->out_armed) flush_tx(c);
    }
    cl->ndirty = 0;
    cl->corked = 0;
}

size_t wsraw_unwritten(const struct wsraw_conn *c) { return c->tx_len - c->tx_off; }

static uint32_t next_mask(struct wsraw *cl) {
    /* xorshift32: masks need not be secret here, only present. */
    uint32_t x = cl->mask_seed;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    cl->mask_seed = x;
    return x;
}

/* Queues one masked frame with FIN set, as RFC 6455 requires of a client,
 * masked straight into tx, and sends it on its way. */
static int send_frame(struct wsraw_conn *c, int opcode, const char *payload, size_t len) {
    unsigned char *f = (unsigned char *)tx_reserve(c, 14 + len);
    if (!f) {
        gone(c, c->state == WR_OPEN, "out of memory");
        return -1;
    }
    size_t h = 0;
    f[h++] = (unsigned char)(0x80 | opcode);
    if (len < 126) {
        f[h++] = (unsigned char)(0x80 | len);
    } else if (len <= 0xffff) {
        f[h++] = 0x80 | 126;
        f[h++] = (unsigned char)(len >> 8);
        f[h++] = (unsigned char)len;
    } else {
        f[h++] = 0x80 | 127;
        for (int i = 7; i >= 0; i--) f[h++] = (unsigned char)((uint64_t)len >> (8 * i));
    }
    uint32_t m = next_mask(c->cl);
    unsigned char mask[8] = {(unsigned char)(m >> 24), (unsigned char)(m >> 16), (unsigned char)(m >> 8), (unsigned char)m};
    memcpy(mask + 4, mask, 4);
    memcpy(f + h, mask, 4);
    h += 4;
    /* Eight bytes at a time: the mask repeats every four. */
    uint64_t m8;
    memcpy(&m8, mask, 8);
    unsigned char *d = f + h;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, payload + i, 8);
        w ^= m8;
        memcpy(d + i, &w, 8);
    }
    for (; i < len; i++) d[i] = (unsigned char)payload[i] ^ mask[i & 3];
    c->tx_len += h + len;
    kick(c);
    return c->state == WR_CLOSED ? -1 : 0;
}

int wsraw_send_text(struct wsraw_conn *c, const char *payload, size_t len) {
    if (c->state != WR_OPEN) return -1;
    c->cl->frames_out++;
    return send_frame(c, 0x1, payload, len);
}

/* Keeps the unparsed tail of a read for the next one. */
static int stash(struct wsraw_conn *c, const char *p, size_t len) {
    if (grow(&c->pend, &c->pend_cap, len)) {
        gone(c, c->state == WR_OPEN, "out of memory");
        return -1;
    }
    memmove(c->pend, p, len);
    c->pend_len = len;
    return 0;
}

static void deliver(struct wsraw_conn *c, char *buf, size_t len) {
    /* buf[len] is in the caller's buffer (the read buffer keeps a spare
     * byte at its end): NUL-terminate for the hook, then put it back. */
    char saved = buf[len];
    buf[len] = 0;
    c->cl->frames_in++;
    /* Only the shared read buffer needs its byte back; an assembled
     * message's is a spare one, and a hook that dropped the connection
     * freed it. */
    int in_read_buffer = buf != c->msg;
    c->cl->hooks.on_frame(c->cl->ctx, c, buf, len);
    if (in_read_buffer) buf[len] = saved;
}

static void handle_frame(struct wsraw_conn *c, unsigned char b0, char *pl, size_t len) {
    int fin = b0 & 0x80, op = b0 & 0x0f;
    switch (op) {
    case 0x1:
    case 0x2:
        c->msg_len = 0; /* a new message ends any unfinished one */
        c->msg_op = 0;
        if (fin) {
            if (op == 0x1) deliver(c, pl, len); /* nightdesk.v1 has no binary frames */
            return;
        }
        c->msg_op = op;
        /* fall through */
    case 0x0:
        if (!c->msg_op) {
            gone(c, 1, "continuation frame without a message");
            return;
        }
        if (c->msg_len + len > MAX_MESSAGE || grow(&c->msg, &c->msg_cap, c->msg_len + len + 1)) {
            gone(c, 1, "message too large");
            return;
        }
        memcpy(c->msg + c->msg_len, pl, len);
        c->msg_len += len;
        if (fin) {
            int text = c->msg_op == 0x1;
            size_t n = c->msg_len;
            c->msg_len = 0;
            c->msg_op = 0;
            if (text) deliver(c, c->msg, n);
        }
        return;
    case 0x8: {
        char why[64];
        if (len >= 2)
            snprintf(why, sizeof why, "close frame %u", ((unsigned)(unsigned char)pl[0] << 8) | (unsigned char)pl[1]);
        else
            snprintf(why, sizeof why, "close frame");
        gone(c, 1, why);
        return;
    }
    case 0x9: /* ping: the server hangs up on a peer that does not answer */
        send_frame(c, 0xA, pl, len);
        return;
    case 0xA:
        return;
    default:
        gone(c, 1, "frame with an unknown opcode");
        return;
    }
}

/* Parses whole frames from [p, end); keeps a partial one for later. */
static void parse_frames(struct wsraw_conn *c, char *p, char *end) {
    while (c->state == WR_OPEN) {
        size_t avail = (size_t)(end - p);
        if (avail < 2) break;
        const unsigned char *u = (const unsigned char *)p;
        size_t hdr = 2;
        uint64_t plen = u[1] & 0x7f;
        if (plen == 126) {
            if (avail < 4) break;
            plen = ((uint64_t)u[2] << 8) | u[3];
            hdr = 4;
        } else if (plen == 127) {
            if (avail < 10) break;
            plen = 0;
            for (int i = 2; i < 10; i++) plen = (plen << 8) | u[i];
            hdr = 10;
        }
        int masked = u[1] & 0x80;
        if (masked) hdr += 4;
        if (plen > MAX_MESSAGE) {
            gone(c, 1, "frame too large");
            return;
        }
        if (avail < hdr + plen) break;
        char *pl = p + hdr;
        if (masked) { /* servers must not mask, but undoing it is cheap */
            const unsigned char *k = u + hdr - 4;
            for (size_t i = 0; i < plen; i++) pl[i] = (char)((unsigned char)pl[i] ^ k[i & 3]);
        }
        handle_frame(c, u[0], pl, (size_t)plen);
        p += hdr + plen;
    }
    if (c->state == WR_OPEN && p < end) stash(c, p, (size_t)(end - p));
}

/* The response head, [buf, head_end) without the blank line: NULL if it is
 * a good 101, else why not, in why. */
static const char *check_upgrade(const char *buf, const char *head_end, char *why, size_t cap) {
    const char *eol = memchr(buf, '\r', (size_t)(head_end - buf));
    if (!eol) eol = head_end;
    int status_len = (int)(eol - buf);
    if (status_len > 80) status_len = 80;
    if (eol - buf < 12 || memcmp(buf, "HTTP/1.", 7) != 0 || memcmp(buf + 8, " 101", 4) != 0) {
        snprintf(why, cap, "upgrade refused: %.*s", status_len, buf);
        return why;
    }
    const char *line = eol;
    while (line < head_end) {
        line += 2; /* past \r\n */
        const char *next = memchr(line, '\r', (size_t)(head_end - line));
        if (!next) next = head_end;
        static const char name[] = "sec-websocket-accept:";
        size_t nl = sizeof name - 1;
        if ((size_t)(next - line) >= nl && strncasecmp(line, name, nl) == 0) {
            const char *v = line + nl, *ve = next;
            while (v < ve && (*v == ' ' || *v == '\t')) v++;
            while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
            if ((size_t)(ve - v) == sizeof WS_ACCEPT - 1 && memcmp(v, WS_ACCEPT, sizeof WS_ACCEPT - 1) == 0) return NULL;
            snprintf(why, cap, "upgrade: wrong Sec-WebSocket-Accept %.*s", (int)(ve - v > 64 ? 64 : ve - v), v);
            return why;
        }
        line = next;
    }
    snprintf(why, cap, "upgrade: 101 without Sec-WebSocket-Accept");
    return why;
}

/* Reads once; 1 if the read may have left data behind (it filled the
 * buffer), 0 if not or if the connection is gone. Edge-triggered epoll
 * reports new data again, so a short read needs no EAGAIN read after it,
 * except when the event also said the server closed its side (to_eof): the
 * end of the stream came with the data and will not be reported again. */
static int read_once(struct wsraw_conn *c, int to_eof) {
    struct wsraw *cl = c->cl;
    /* The shared buffer holds what is pending, a fresh read, and a spare
     * byte for NUL-terminating a message in place. */
    if (grow(&cl->rbuf, &cl->rbuf_cap, c->pend_len + READ_CHUNK + 1)) {
        gone(c, c->state == WR_OPEN, "out of memory");
        return 0;
    }
    size_t have = c->pend_len, room = cl->rbuf_cap - have - 1;
    ssize_t n = read(c->fd, cl->rbuf + have, room);
    if (n < 0) {
        if (errno == EINTR) return 1;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
        gone_errno(c, "read", errno);
        return 0;
    }
    if (n == 0) {
        gone(c, c->state == WR_OPEN,
             c->state == WR_OPEN ? "the server closed the connection" : "the server closed the connection before answering the upgrade");
        return 0;
    }
    if (c->state == WR_CLOSING) { /* the server's last words: not read */
        c->pend_len = 0;
        return (size_t)n == room || to_eof;
    }
    if (have) memcpy(cl->rbuf, c->pend, have);
    c->pend_len = 0;
    char *p = cl->rbuf, *end = cl->rbuf + have + (size_t)n;
    if (c->state == WR_UPGRADING) {
        char *head_end = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
        if (!head_end) {
            if (end - p > MAX_RESPONSE_HEADERS) gone(c, 0, "upgrade: response headers too long");
            else stash(c, p, (size_t)(end - p));
            return c->state == WR_UPGRADING && ((size_t)n == room || to_eof);
        }
        char why[160];
        if (check_upgrade(p, head_end, why, sizeof why)) {
            gone(c, 0, why);
            return 0;
        }
        c->state = WR_OPEN;
        cl->hooks.on_open(cl->ctx, c);
        p = head_end + 4;
    }
    if (c->state == WR_OPEN) parse_frames(c, p, end);
    return (c->state == WR_OPEN || c->state == WR_CLOSING) && ((size_t)n == room || to_eof);
}

/* Writes (the rest of) the upgrade request; 1 if some of it must wait for
 * EPOLLOUT, 0 if it is all written or the connection is gone. */
static int write_request(struct wsraw_conn *c) {
    struct wsraw *cl = c->cl;
    while (c->req_sent < cl->req_len) {
        ssize_t n = write(c->fd, cl->req + c->req_sent, cl->req_len - c->req_sent);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return 1;
            gone_errno(c, c->state == WR_CONNECTING ? "connect" : "could not send the upgrade request", errno);
            return 0;
        }
        c->state = WR_UPGRADING; /* a write went through: connected */
        c->req_sent += (uint32_t)n;
    }
    return 0;
}

/* The socket's pending error (SO_ERROR), or errno if it cannot be read. */
static int sock_error(int fd) {
    int err = 0;
    socklen_t el = sizeof err;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el) < 0) err = errno;
    return err;
}

static void on_event(struct wsraw_conn *c, uint32_t ev) {
    if (c->state == WR_CLOSED || c->state == WR_IDLE) return;
    if (c->state == WR_CONNECTING) {
        if (ev & (EPOLLERR | EPOLLHUP)) {
            int err = sock_error(c->fd);
            gone_errno(c, "connect", err ? err : ECONNREFUSED);
            return;
        }
        if (!(ev & EPOLLOUT)) return;
        if (write_request(c) == 0 && c->state == WR_UPGRADING) arm_out(c, 0);
        return; /* the answer cannot have come yet */
    }
    if (ev & EPOLLOUT) {
        if (c->state == WR_UPGRADING) {
            if (write_request(c) == 0 && c->state == WR_UPGRADING) arm_out(c, 0);
        } else {
            flush_tx(c);
        }
        if (c->state == WR_CLOSED) return;
    }
    if (c->paused) {
        /* Not reading, as a stalled reader: only a reset or a hang-up in
         * both directions ends the connection, as it would under lws's
         * flow control. Data waits in the kernel until reading resumes. */
        if (ev & (EPOLLERR | EPOLLHUP)) {
            int err = sock_error(c->fd);
            if (err) gone_errno(c, "read", err);
            else gone(c, c->state == WR_OPEN, "the server closed the connection");
        }
        return;
    }
    int to_eof = (ev & (EPOLLERR | EPOLLHUP | EPOLLRDHUP)) != 0;
    if (ev & EPOLLIN || to_eof)
        while (!c->paused && read_once(c, to_eof)) {
        }
}

/* The epoll set has events: dispatch them all. libuv watches epfd
 * level-triggered, so whatever is left wakes the loop again. Frames sent
 * from the hooks leave at the end, one write per connection. */
static void on_epoll(uv_poll_t *h, int status, int events) {
    (void)events;
    struct wsraw *cl = h->data;
    if (status < 0) return;
    struct epoll_event evs[256];
    wsraw_cork(cl);
    for (;;) {
        int n = epoll_wait(cl->epfd, evs, 256, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        for (int i = 0; i < n; i++) on_event(evs[i].data.ptr, evs[i].events);
        if (n < 256) break;
    }
    wsraw_uncork(cl);
}

static void raise_nofile(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

int wsraw_init(struct wsraw *cl, const struct options *o, struct wsraw_hooks hooks, void *ctx) {
    memset(cl, 0, sizeof *cl);
    cl->o = o;
    cl->hooks = hooks;
    cl->ctx = ctx;
    cl->mask_seed = 0x9e3779b9u ^ (uint32_t)now_ns();
    if (!cl->mask_seed) cl->mask_seed = 1;
    raise_nofile();

    char port[16];
    snprintf(port, sizeof port, "%d", o->port);
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(o->host, port, &hints, &res);
    if (rc || !res) {
        fprintf(stderr, "nightdesk-bench: cannot resolve %s: %s\n", o->host, gai_strerror(rc));
        return -1;
    }
    memcpy(&cl->addr, res->ai_addr, res->ai_addrlen);
    cl->addr_len = res->ai_addrlen;
    freeaddrinfo(res);
    source_ports_init(&cl->ports);

    /* What lws's client sends, less its extensions: the path, the Origin as
     * a browser sends it, and the subprotocol. */
    char host[300];
    if (o->port == 80) snprintf(host, sizeof host, "%s", o->host);
    else snprintf(host, sizeof host, "%s:%d", o->host, o->port);
    const char *origin = o->origin && *o->origin ? o->origin : NULL;
    int len = asprintf(&cl->req,
                       "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       "Sec-WebSocket-Key: " WS_KEY "\r\nSec-WebSocket-Version: 13\r\n"
                       "Sec-WebSocket-Protocol: nightdesk.v1\r\n%s%s%s\r\n",
                       o->path, host, origin ? "Origin: " : "", origin ? origin : "", origin ? "\r\n" : "");
    if (len < 0) {
        cl->req = NULL;
        return -1;
    }
    cl->req_len = (size_t)len;

    if (uv_loop_init(&cl->loop)) {
        fprintf(stderr, "nightdesk-bench: cannot create the libuv loop\n");
        free(cl->req);
        return -1;
    }
    cl->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (cl->epfd < 0 || uv_poll_init(&cl->loop, &cl->ep_poll, cl->epfd)) {
        fprintf(stderr, "nightdesk-bench: cannot create the epoll set: %s\n", strerror(errno));
        if (cl->epfd >= 0) close(cl->epfd);
        uv_loop_close(&cl->loop);
        free(cl->req);
        return -1;
    }
    cl->ep_polled = 1;
    cl->ep_poll.data = cl;
    uv_poll_start(&cl->ep_poll, UV_READABLE, on_epoll);
    return 0;
}

int wsraw_connect(struct wsraw *cl, struct wsraw_conn *c) {
    c->cl = cl;
    c->fd = -1;
    c->out_armed = 0;
    c->paused = 0;
    c->welcomed = 0;
    c->req_sent = 0;
    c->msg_op = 0;
    c->pend_len = c->msg_len = c->tx_off = c->tx_len = 0;
    c->state = WR_CONNECTING;
    c->connect_ns = now_ns(); /* handshake latency starts here */
    int fd = socket(cl->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        gone_errno(c, "socket", errno);
        return -1;
    }
    c->fd = fd;
    source_ports_bind(&cl->ports, fd, cl->addr.ss_family);
    if (connect(fd, (struct sockaddr *)&cl->addr, cl->addr_len) < 0 && errno != EINPROGRESS) {
        gone_errno(c, "connect", errno);
        return -1;
    }
    /* On loopback the connection is usually up already: write the upgrade
     * request now and spare a wake-up. EAGAIN: EPOLLOUT will say when. */
    int waiting = write_request(c);
    if (c->state == WR_CLOSED) return -1;
    /* Edge-triggered: added once, changed only to ask for EPOLLOUT. Data
     * that came before the add is reported at once. */
    struct epoll_event ev;
    ev.events = EPOLLIN | EPOLLRDHUP | EPOLLET | (waiting ? EPOLLOUT : 0);
    ev.data.ptr = c;
    if (epoll_ctl(cl->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
        gone_errno(c, "epoll_ctl", errno);
        return -1;
    }
    c->out_armed = waiting;
    c->ev_mask = ev.events;
    return 0;
}

void wsraw_fail(struct wsraw_conn *c, const char *why) {
    if (c->state == WR_CONNECTING || c->state == WR_UPGRADING) gone(c, 0, why);
}

void wsraw_set_reading(struct wsraw_conn *c, int on) {
    if (c->paused == !on) return;
    c->paused = !on;
    /* Re-arming EPOLLIN with EPOLL_CTL_MOD makes epoll report the data that
     * waited (edge-triggered, no new edge would come otherwise). */
    if (c->state != WR_CLOSED && c->state != WR_IDLE) update_events(c);
}

void wsraw_shutdown(struct wsraw_conn *c) {
    if (c->state == WR_CONNECTING || c->state == WR_UPGRADING) {
        drop(c);
        return;
    }
    if (c->state != WR_OPEN) return;
    static const char status[2] = {0x03, (char)0xe8}; /* 1000, no reason */
    c->state = WR_CLOSING;
    c->paused = 0; /* read on, to see the server close */
    if (update_events(c)) return;
    send_frame(c, 0x8, status, 2);
}

void wsraw_close(struct wsraw_conn *c) {
    if (c->state == WR_CLOSED || c->state == WR_IDLE) return;
    struct linger reset = {.l_onoff = 1, .l_linger = 0};
    if (c->fd >= 0) setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    drop(c);
}

void wsraw_run(struct wsraw *cl) { uv_run(&cl->loop, UV_RUN_DEFAULT); }

void wsraw_stop(struct wsraw *cl) { uv_stop(&cl->loop); }

void wsraw_destroy(struct wsraw *cl) {
    if (cl->ep_polled) uv_close((uv_handle_t *)&cl->ep_poll, NULL);
    cl->ep_polled = 0;
    /* Lets the loop run the close of the poll handle. */
    uv_run(&cl->loop, UV_RUN_NOWAIT);
    uv_loop_close(&cl->loop);
    if (cl->epfd >= 0) close(cl->epfd);
    cl->epfd = -1;
    free(cl->req);
    free(cl->rbuf);
    free(cl->dirty);
    cl->req = cl->rbuf = NULL;
    cl->dirty = NULL;
    cl->ndirty = cl->dirty_cap = 0;
}
