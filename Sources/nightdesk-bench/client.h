#ifndef ND_BENCH_CLIENT_H
#define ND_BENCH_CLIENT_H

/* Many WebSocket client connections on one libwebsockets context, on a libuv
 * loop the bench owns (lent to lws as a foreign loop), so scenarios can add
 * their own uv timers and stop the loop. lws's default poll() loop would
 * spend a core on thousands of sockets; the generator must never be the
 * bottleneck. Scenarios see connections only through the three hooks. */

#include <stddef.h>
#include <stdint.h>
#include <uv.h>

#include "options.h"
#include "outq.h"

struct lws;
struct lws_context;
struct client;

enum conn_state { CS_IDLE, CS_CONNECTING, CS_OPEN, CS_CLOSED };

struct conn {
    struct lws *wsi;
    struct client *cl;
    int kind;  /* the scenario's tag: visitor, agent, ... */
    int index; /* the scenario's index of the chat or agent */
    enum conn_state state;
    int closing;  /* a close was asked for; sent from the next writeable */
    int welcomed; /* the scenario's note that hello was answered */
    int64_t connect_ns;
    struct outq out;
    char *rx;
    size_t rx_len, rx_cap;
};

struct client_hooks {
    /* The upgrade succeeded; the connection may send. */
    void (*on_open)(void *ctx, struct conn *c);
    /* One whole text message, NUL-terminated at buf[len]. */
    void (*on_frame)(void *ctx, struct conn *c, char *buf, size_t len);
    /* The connection is gone: failed to connect (was_open 0) or closed. */
    void (*on_close)(void *ctx, struct conn *c, int was_open, const char *why);
};

struct client {
    struct lws_context *context;
    uv_loop_t loop;
    void *foreign_loops[1];
    const struct options *o;
    struct client_hooks hooks;
    void *ctx;
    unsigned char *scratch; /* LWS_PRE + frame, for lws_write */
    size_t scratch_cap;
    uint64_t frames_in, frames_out, connect_errors;
};

/* 0 on success; -1 with a message on stderr. */
int client_init(struct client *cl, const struct options *o, struct client_hooks hooks, void *ctx);
/* Starts connecting c (state CONNECTING); on_open or on_close follow. */
int client_connect(struct client *cl, struct conn *c);
/* Queues one text frame; it is written from the next writeable callback. */
int client_send(struct conn *c, const char *payload, size_t len);
/* Sends a Close (1000) after what is queued, then drops the connection. */
void client_close(struct conn *c);
/* Stops (0) or resumes (1) reading the socket: the slow reader. */
void client_set_reading(struct conn *c, int on);
void client_run(struct client *cl);
void client_stop(struct client *cl);
void client_destroy(struct client *cl);
void conn_free_buffers(struct conn *c);

#endif
