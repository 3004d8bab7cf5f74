#include "client.h"

#include "clock.h"

#include <libwebsockets.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static int ensure_scratch(struct client *cl, size_t len) {
    if (LWS_PRE + len <= cl->scratch_cap) return 0;
    size_t cap = cl->scratch_cap ? cl->scratch_cap : 4096;
    while (cap < LWS_PRE + len) cap *= 2;
    unsigned char *b = realloc(cl->scratch, cap);
    if (!b) return -1;
    cl->scratch = b;
    cl->scratch_cap = cap;
    return 0;
}

static int rx_append(struct conn *c, const void *in, size_t len) {
    if (c->rx_len + len + 1 > c->rx_cap) {
        size_t cap = c->rx_cap ? c->rx_cap : 1024;
        while (cap < c->rx_len + len + 1) cap *= 2;
        char *b = realloc(c->rx, cap);
        if (!b) return -1;
        c->rx = b;
        c->rx_cap = cap;
    }
    memcpy(c->rx + c->rx_len, in, len);
    c->rx_len += len;
    return 0;
}

/* Writes what is queued, as much as the socket takes without lws having to
 * buffer: several frames a callback keeps an agent with 50 chats from
 * needing one loop turn per frame. */
static int write_queued(struct client *cl, struct conn *c, struct lws *wsi) {
    int written = 0;
    size_t len;
    const unsigned char *p;
    while ((p = outq_peek(&c->out, &len))) {
        if (ensure_scratch(cl, len)) return -1;
        memcpy(cl->scratch + LWS_PRE, p, len);
        if (lws_write(wsi, cl->scratch + LWS_PRE, len, LWS_WRITE_TEXT) < (int)len) return -1;
        outq_pop(&c->out);
        cl->frames_out++;
        if (++written >= 16 || lws_partial_buffered(wsi)) break;
    }
    if (c->out.frames) {
        lws_callback_on_writable(wsi);
        return 0;
    }
    if (c->closing) {
        /* An explicit Close frame: status 1000, no reason. 4 is
         * LWS_WRITE_CLOSE, which 4.1 keeps out of its public enum. */
        unsigned char frame[LWS_PRE + 2];
        frame[LWS_PRE] = 0x03;
        frame[LWS_PRE + 1] = 0xe8;
        lws_write(wsi, frame + LWS_PRE, 2, (enum lws_write_protocol)4);
        return -1;
    }
    return 0;
}

static void gone(struct client *cl, struct conn *c, int was_open, const char *why) {
    if (c->state == CS_CLOSED || c->state == CS_IDLE) return;
    c->state = CS_CLOSED;
    c->wsi = NULL;
    if (!was_open) cl->connect_errors++;
    cl->hooks.on_close(cl->ctx, c, was_open, why);
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len) {
    (void)user;
    struct client *cl = lws_context_user(lws_get_context(wsi));
    struct conn *c = lws_get_opaque_user_data(wsi);
    if (!cl || !c) return 0;
    switch (reason) {
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        gone(cl, c, 0, in ? (const char *)in : "connection error");
        return 0;
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
        c->wsi = wsi;
        c->state = CS_OPEN;
        cl->hooks.on_open(cl->ctx, c);
        return 0;
    case LWS_CALLBACK_CLIENT_RECEIVE:
        if (lws_is_first_fragment(wsi)) c->rx_len = 0;
        if (rx_append(c, in, len)) return -1;
        if (lws_is_final_fragment(wsi) && lws_remaining_packet_payload(wsi) == 0) {
            c->rx[c->rx_len] = 0;
            cl->frames_in++;
            cl->hooks.on_frame(cl->ctx, c, c->rx, c->rx_len);
            c->rx_len = 0;
        }
        return 0;
    case LWS_CALLBACK_CLIENT_WRITEABLE:
        return write_queued(cl, c, wsi);
    case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER: {
        /* Origin exactly as a browser sends it: lws 4.1's own `origin`
         * field would prefix "http://". */
        unsigned char **p = (unsigned char **)in, *end = *p + len;
        const char *origin = cl->o->origin;
        if (origin && *origin &&
            lws_add_http_header_by_token(wsi, WSI_TOKEN_ORIGIN, (const unsigned char *)origin, (int)strlen(origin), p, end))
            return -1;
        return 0;
    }
    case LWS_CALLBACK_CLIENT_CLOSED:
        gone(cl, c, 1, "closed");
        return 0;
    case LWS_CALLBACK_WSI_DESTROY:
        /* Covers the paths that report neither error nor close. */
        gone(cl, c, c->state == CS_OPEN, "destroyed");
        return 0;
    default:
        return 0;
    }
}

static const struct lws_protocols protocols[] = {
    {"nightdesk.v1", callback, 0, 4096, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0}, /* the list ends here */
};

static void raise_nofile(void) {
    /* Every connection is a file; scenarios open up to tens of thousands. */
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

int client_init(struct client *cl, const struct options *o, struct client_hooks hooks, void *ctx) {
    memset(cl, 0, sizeof *cl);
    cl->o = o;
    cl->hooks = hooks;
    cl->ctx = ctx;
    raise_nofile();
    lws_set_log_level(o->verbose ? (LLL_ERR | LLL_WARN) : LLL_ERR, NULL);
    if (uv_loop_init(&cl->loop)) {
        fprintf(stderr, "nightdesk-bench: cannot create the libuv loop\n");
        return -1;
    }
    cl->foreign_loops[0] = &cl->loop;
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);

    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = CONTEXT_PORT_NO_LISTEN;
    info.protocols = protocols;
    info.user = cl;
    info.options = LWS_SERVER_OPTION_LIBUV;
    info.foreign_loops = cl->foreign_loops;
    info.timeout_secs = 30; /* connect + upgrade under a ramp of thousands */
    info.connect_timeout_secs = 30;
    info.fd_limit_per_thread = (unsigned int)(rl.rlim_cur > 1000000 ? 1000000 : rl.rlim_cur);
    cl->context = lws_create_context(&info);
    if (!cl->context) {
        fprintf(stderr, "nightdesk-bench: lws_create_context failed (is libwebsockets built with libuv?)\n");
        uv_loop_close(&cl->loop);
        return -1;
    }
    return 0;
}

int client_connect(struct client *cl, struct conn *c) {
    const struct options *o = cl->o;
    struct lws_client_connect_info i;
    memset(&i, 0, sizeof i);
    i.context = cl->context;
    i.address = o->host;
    i.port = o->port;
    i.host = o->host;
    i.path = o->path;
    i.protocol = "nightdesk.v1";
    i.local_protocol_name = "nightdesk.v1";
    i.opaque_user_data = c;
    i.pwsi = &c->wsi;
    c->cl = cl;
    c->closing = 0;
    c->welcomed = 0;
    c->rx_len = 0;
    c->state = CS_CONNECTING;
    c->connect_ns = now_ns(); /* handshake latency starts here */
    c->wsi = NULL;
    /* An error inside this call arrives as CONNECTION_ERROR first. */
    struct lws *w = lws_client_connect_via_info(&i);
    if (!w) {
        if (c->state == CS_CONNECTING) gone(cl, c, 0, "connect failed at once");
        return -1;
    }
    return 0;
}

int client_send(struct conn *c, const char *payload, size_t len) {
    if (c->state != CS_OPEN || !c->wsi || c->closing) return -1;
    /* Nothing of ours or of lws's waits before this frame: write it now,
     * sparing a loop turn and two epoll changes per frame. lws keeps what
     * the socket does not take and sends it before anything else. */
    struct client *cl = lws_context_user(lws_get_context(c->wsi));
    if (cl && !c->out.frames && !lws_partial_buffered(c->wsi) && ensure_scratch(cl, len) == 0) {
        memcpy(cl->scratch + LWS_PRE, payload, len);
        if (lws_write(c->wsi, cl->scratch + LWS_PRE, len, LWS_WRITE_TEXT) < (int)len) {
            lws_set_timeout(c->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
            return -1;
        }
        cl->frames_out++;
        return 0;
    }
    if (outq_push(&c->out, payload, len)) return -1;
    lws_callback_on_writable(c->wsi);
    return 0;
}

void client_close(struct conn *c) {
    if (c->state == CS_CONNECTING && c->wsi) {
        lws_set_timeout(c->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
        return;
    }
    if (c->state != CS_OPEN || !c->wsi) return;
    c->closing = 1;
    lws_callback_on_writable(c->wsi);
}

void client_set_reading(struct conn *c, int on) {
    if (c->state == CS_OPEN && c->wsi) lws_rx_flow_control(c->wsi, on);
}

void client_run(struct client *cl) { uv_run(&cl->loop, UV_RUN_DEFAULT); }

void client_stop(struct client *cl) { uv_stop(&cl->loop); }

void client_destroy(struct client *cl) {
    if (!cl->context) return;
    lws_context_destroy(cl->context);
    cl->context = NULL;
    /* lws closes its uv handles asynchronously: let the loop finish them. */
    for (int i = 0; i < 200 && uv_run(&cl->loop, UV_RUN_NOWAIT); i++) usleep(1000);
    uv_loop_close(&cl->loop);
    free(cl->scratch);
}

void conn_free_buffers(struct conn *c) {
    outq_free(&c->out);
    free(c->rx);
    c->rx = NULL;
    c->rx_len = c->rx_cap = 0;
}
