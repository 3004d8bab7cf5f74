#ifndef NIGHTDESK_CLIBWEBSOCKETS_SHIM_H
#define NIGHTDESK_CLIBWEBSOCKETS_SHIM_H

/* What Swift cannot import from libwebsockets (LWS_PRE, container_of, the
 * anonymous unions of the creation info), as inline functions. Everything
 * handed to lws lives in one heap block that outlives the context. */

#include <arpa/inet.h>
#include <uv.h>
#include <libwebsockets.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline size_t nd_lws_pre(void) { return LWS_PRE; }

typedef int (*nd_lws_callback)(struct lws *, enum lws_callback_reasons, void *, void *, size_t);
typedef void (*nd_tick_fn)(void *);
typedef void (*nd_turn_fn)(void *);
typedef void (*nd_server_log_fn)(int level, const char *line);

struct nd_server {
    lws_sorted_usec_list_t tick; /* first: the sul pointer is the server pointer */
    nd_tick_fn tick_fn;
    void *tick_user;
    lws_usec_t tick_interval;
    struct lws_context *context;
    struct lws_protocols protocols[2];
    struct lws_http_mount mount;
    struct lws_http_mount api_mount; /* /api: handed to our protocol callback */
    lws_retry_bo_t retry;
    char *public_dir, *iface, *cert, *key;
    /* Headers on every HTTP response when serving TLS: lws's own security
     * set plus Strict-Transport-Security (see nd_server_create). */
    struct lws_protocol_vhost_options headers[6];
    /* Our own libuv loop, lent to lws as a foreign loop so that we can run
     * and stop it: lws_service on an lws-owned uv loop never returns. */
    int use_libuv;
    uv_loop_t loop;
    void *foreign_loops[1];
    /* Run after each turn's I/O callbacks, and before each wait for I/O
     * (nd_server_on_turn_end). */
    uv_check_t turn_end;
    uv_prepare_t before_wait;
    nd_turn_fn turn_fn;
    void *turn_user;
    int turn_end_started;
};

struct nd_server_options {
    const char *iface;
    int port;
    const char *public_dir;
    const char *tls_cert; /* NULL: plain http/ws */
    const char *tls_key;
    unsigned int rx_buffer_size;
    unsigned int tx_packet_size; /* 0: lws caps each send() at rx_buffer_size */
    unsigned short ping_seconds;
    unsigned short hangup_seconds;
    unsigned int handshake_seconds; /* to finish the HTTP request / upgrade */
    int use_libuv;
    void *user;
    nd_lws_callback callback;
    nd_server_log_fn log;        /* NULL: lws logs to stderr */
};

static inline char *nd_strdup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static inline void nd_server_free(struct nd_server *s) {
    if (!s) return;
    free(s->public_dir); free(s->iface); free(s->cert); free(s->key);
    free(s);
}

static inline struct nd_server *nd_server_create(const struct nd_server_options *o) {
    struct nd_server *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->public_dir = nd_strdup_or_null(o->public_dir);
    s->iface = nd_strdup_or_null(o->iface);
    s->cert = nd_strdup_or_null(o->tls_cert);
    s->key = nd_strdup_or_null(o->tls_key);

    s->protocols[0].name = "nightdesk.v1";
    s->protocols[0].callback = o->callback;
    s->protocols[0].per_session_data_size = sizeof(unsigned long long);
    s->protocols[0].rx_buffer_size = o->rx_buffer_size;
    s->protocols[0].tx_packet_size = o->tx_packet_size;

    s->mount.mountpoint = "/";
    s->mount.mountpoint_len = 1;
    s->mount.origin = s->public_dir;
    s->mount.def = "index.html";
    s->mount.origin_protocol = LWSMPRO_FILE;
    /* The widget is fetched on every page view of every practice's site.
     * Browsers and CDNs may keep the files five minutes, then ask again
     * with the ETag lws sets (size and mtime) and get a bodiless 304 until
     * a deploy changes them. */
    s->mount.cache_max_age = 300;
    s->mount.cache_reusable = 1;
    s->mount.cache_revalidate = 1;
    s->mount.cache_intermediaries = 1;

    s->api_mount.mountpoint = "/api";
    s->api_mount.mountpoint_len = 4;
    s->api_mount.origin = "nightdesk.v1";
    s->api_mount.origin_protocol = LWSMPRO_CALLBACK;
    s->api_mount.mount_next = s->public_dir ? &s->mount : NULL;

    s->retry.secs_since_valid_ping = o->ping_seconds;
    s->retry.secs_since_valid_hangup = o->hangup_seconds;

    /* lws's own notices would drown ours; keep its warnings and errors,
     * through our logger when given one. */
    lws_set_log_level(LLL_ERR | LLL_WARN, o->log);

    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = o->port;
    info.iface = s->iface;
    info.protocols = s->protocols;
    info.mounts = &s->api_mount;
    info.user = o->user;
    info.vhost_name = "nightdesk";
    info.alpn = "http/1.1";
    info.timeout_secs = o->handshake_seconds ? o->handshake_seconds : 10;
    info.timeout_secs_ah_idle = info.timeout_secs; /* a connection that sends nothing */
    info.retry_and_idle_policy = &s->retry;
    info.options = LWS_SERVER_OPTION_HTTP_HEADERS_SECURITY_BEST_PRACTICES_ENFORCE
                 | LWS_SERVER_OPTION_VALIDATE_UTF8;
    /* lws 4.1.6 with IPv6 on parses an IPv4 address given as iface into
     * the IPv6 socket address at the IPv4 offset (sin6_flowinfo), so the
     * address stays :: and "127.0.0.1" listened on every interface. An
     * IPv4 address therefore turns IPv6 off (for this context and its
     * vhost; the agent client has a context of its own), and lws's IPv4
     * path parses it right. "0.0.0.0" is every IPv4 interface, "::" every
     * interface of both stacks, "localhost" 127.0.0.1 (lws takes no host
     * names). */
    struct in_addr ipv4;
    if (s->iface && !strcmp(s->iface, "localhost"))
        info.iface = "127.0.0.1";
    if (info.iface && (!strcmp(info.iface, "::") || !*info.iface))
        info.iface = NULL;
    else if (info.iface && inet_pton(AF_INET, info.iface, &ipv4) == 1) {
        info.options |= LWS_SERVER_OPTION_DISABLE_IPV6;
        if (!strcmp(info.iface, "0.0.0.0"))
            info.iface = NULL;
    }
    if (o->use_libuv) {
        if (uv_loop_init(&s->loop)) { nd_server_free(s); return NULL; }
        s->use_libuv = 1;
        s->foreign_loops[0] = &s->loop;
        info.foreign_loops = s->foreign_loops;
        info.options |= LWS_SERVER_OPTION_LIBUV;
    }
    if (s->cert) {
        /* lws's best-practice option fixes the header list it adds to every
         * response and ignores info.headers; over TLS we give the same five
         * headers ourselves, plus HSTS (never sent over plain HTTP, where
         * RFC 6797 7.2 says it must not be). HSTS for a year, without
         * includeSubDomains, which would bind every other service of the
         * practice's domain to HTTPS too. */
        static const char *const names[6] = {
            "content-security-policy:", "x-content-type-options:", "x-xss-protection:",
            "x-frame-options:", "referrer-policy:", "strict-transport-security:" };
        static const char *const values[6] = {
            "default-src 'none'; img-src 'self' data: ; script-src 'self'; font-src 'self'; "
            "style-src 'self'; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none';"
            "form-action 'self';",
            "nosniff", "1; mode=block", "deny", "no-referrer", "max-age=31536000" };
        for (int i = 0; i < 6; i++) {
            s->headers[i].next = i < 5 ? &s->headers[i + 1] : NULL;
            s->headers[i].name = names[i];
            s->headers[i].value = values[i];
        }
        info.headers = s->headers;
        info.options &= ~(unsigned long long)LWS_SERVER_OPTION_HTTP_HEADERS_SECURITY_BEST_PRACTICES_ENFORCE;
        info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
        info.ssl_cert_filepath = s->cert;
        info.ssl_private_key_filepath = s->key;
        info.ssl_options_set = SSL_OP_NO_SSLv3 | SSL_OP_NO_TLSv1 | SSL_OP_NO_TLSv1_1;
    }
    s->context = lws_create_context(&info);
    if (!s->context) {
        if (s->use_libuv) uv_loop_close(&s->loop);
        nd_server_free(s);
        return NULL;
    }
    /* lws 4.1 returns a context even when its vhost could not bind (the
     * port is taken): without this the server would run deaf on port -1.
     * The context is left alone, not destroyed: lws 4.1.6 crashes tearing
     * down a foreign-loop context that never ran, and the caller gives up
     * (the process exits) on this failure anyway. */
    struct lws_vhost *vh = lws_get_vhost_by_name(s->context, "nightdesk");
    if (!vh || lws_get_vhost_listen_port(vh) < 0) return NULL;
    return s;
}

static inline void nd_tick_trampoline(lws_sorted_usec_list_t *sul) {
    struct nd_server *s = (struct nd_server *)sul;
    s->tick_fn(s->tick_user);
    lws_sul_schedule(s->context, 0, &s->tick, nd_tick_trampoline, s->tick_interval);
}

/* Calls fn(user) on the service thread every interval_us microseconds. */
static inline void nd_server_start_ticks(struct nd_server *s, nd_tick_fn fn, void *user, long long interval_us) {
    s->tick_fn = fn;
    s->tick_user = user;
    s->tick_interval = interval_us;
    lws_sul_schedule(s->context, 0, &s->tick, nd_tick_trampoline, interval_us);
}

static inline int nd_server_listen_port(struct nd_server *s) {
    struct lws_vhost *vh = lws_get_vhost_by_name(s->context, "nightdesk");
    return vh ? lws_get_vhost_listen_port(vh) : -1;
}

static inline void nd_run_turn_end(void *data) {
    struct nd_server *s = (struct nd_server *)data;
    s->turn_fn(s->turn_user);
}

static inline void nd_turn_trampoline(uv_check_t *handle) { nd_run_turn_end(handle->data); }
static inline void nd_before_wait_trampoline(uv_prepare_t *handle) { nd_run_turn_end(handle->data); }

/* Calls fn(user) on the service thread at the end of every loop turn: after
 * the turn's I/O callbacks (a check handle), and again before the loop waits
 * for I/O (a prepare handle), which catches what timers and lws's idle work
 * (our tick, lws's timeouts, buffered TLS data) did before the wait: libuv
 * runs those phases before polling, and the wait may last until the next
 * tick. libuv only: returns 0 (and does nothing) on the poll() loop, 1 when
 * set. */
static inline int nd_server_on_turn_end(struct nd_server *s, nd_turn_fn fn, void *user) {
    if (!s->use_libuv) return 0;
    s->turn_fn = fn;
    s->turn_user = user;
    s->turn_end.data = s;
    s->before_wait.data = s;
    /* libuv's init cannot fail and start fails only on a NULL callback. */
    uv_check_init(&s->loop, &s->turn_end);
    uv_prepare_init(&s->loop, &s->before_wait);
    s->turn_end_started = 1;
    uv_check_start(&s->turn_end, nd_turn_trampoline);
    uv_prepare_start(&s->before_wait, nd_before_wait_trampoline);
    /* They alone must not keep the loop running. */
    uv_unref((uv_handle_t *)&s->turn_end);
    uv_unref((uv_handle_t *)&s->before_wait);
    return 1;
}

/* Serves until nd_server_break_loop (libuv), or for one poll() wait. */
static inline int nd_server_run(struct nd_server *s) {
    if (s->use_libuv) return uv_run(&s->loop, UV_RUN_DEFAULT) < 0 ? -1 : 0;
    return lws_service(s->context, 0);
}

/* Makes nd_server_run return. Call on the service thread. */
static inline void nd_server_break_loop(struct nd_server *s) {
    if (s->use_libuv) uv_stop(&s->loop);
}

static inline void nd_server_destroy(struct nd_server *s) {
    if (!s) return;
    lws_sul_cancel(&s->tick);
    if (s->turn_end_started) {
        uv_close((uv_handle_t *)&s->turn_end, NULL);
        uv_close((uv_handle_t *)&s->before_wait, NULL);
    }
    lws_context_destroy(s->context);
    if (s->use_libuv) {
        /* lws closes its uv handles asynchronously: let the loop finish them. */
        for (int i = 0; i < 200 && uv_run(&s->loop, UV_RUN_NOWAIT); i++) usleep(1000);
        uv_loop_close(&s->loop);
    }
    nd_server_free(s);
}

/* Copies a request header into buf; returns its length or -1 when absent. */
static inline int nd_header(struct lws *wsi, enum lws_token_indexes token, char *buf, int len) {
    if (lws_hdr_total_length(wsi, token) <= 0) return -1;
    return lws_hdr_copy(wsi, buf, len, token);
}

/* The request's method: 1 GET, 2 POST, 3 another (PUT, DELETE, ...), 0 none. */
static inline int nd_http_method(struct lws *wsi) {
    if (lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) > 0) return 1;
    if (lws_hdr_total_length(wsi, WSI_TOKEN_POST_URI) > 0) return 2;
    return 3;
}

/* The full path of a GET or POST, for routing. */
static inline int nd_http_path(struct lws *wsi, char *buf, int len) {
    enum lws_token_indexes t = lws_hdr_total_length(wsi, WSI_TOKEN_GET_URI) > 0 ? WSI_TOKEN_GET_URI : WSI_TOKEN_POST_URI;
    return lws_hdr_copy(wsi, buf, len, t);
}

/* The n-th query argument ("name=value", URL-decoded), or -1. */
static inline int nd_http_query_arg(struct lws *wsi, int n, char *buf, int len) {
    return lws_hdr_copy_fragment(wsi, buf, len, WSI_TOKEN_HTTP_URI_ARGS, n);
}

/* Writes the status line and headers of a response; the body follows in
 * later writeable callbacks. Returns nonzero on failure. */
static inline int nd_http_write_headers(struct lws *wsi, unsigned int status, const char *content_type,
                                        unsigned long long length, const char *extra_name, const char *extra_value) {
    unsigned char buf[LWS_PRE + 2048], *start = buf + LWS_PRE, *p = start, *end = buf + sizeof buf - 1;
    if (lws_add_http_common_headers(wsi, status, content_type, (lws_filepos_t)length, &p, end)) return 1;
    if (lws_add_http_header_by_name(wsi, (const unsigned char *)"cache-control:", (const unsigned char *)"no-store", 8, &p, end)) return 1;
    if (extra_name && extra_value &&
        lws_add_http_header_by_name(wsi, (const unsigned char *)extra_name, (const unsigned char *)extra_value, (int)strlen(extra_value), &p, end)) return 1;
    return lws_finalize_write_http_header(wsi, start, &p, end);
}

/* Answers a WebSocket upgrade with an HTTP error instead (from
 * FILTER_PROTOCOL_CONNECTION, which then returns nonzero to close): status,
 * optional Retry-After, Connection: close and a short text body, in one
 * write so it leaves before the close. Written by hand: lws's header
 * helpers say HTTP/1.0 here, having not yet recorded the request's version. */
static inline int nd_refuse_upgrade(struct lws *wsi, unsigned int status, const char *retry_after, const char *body) {
    unsigned char buf[LWS_PRE + 1024];
    const char *phrase = status == 403 ? "Forbidden" : status == 404 ? "Not Found" : "Service Unavailable";
    size_t n = strlen(body);
    if (n > 512) n = 512;
    int head = snprintf((char *)buf + LWS_PRE, sizeof buf - LWS_PRE - n,
                        "HTTP/1.1 %u %s\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: %zu\r\n"
                        "%s%s%sconnection: close\r\n\r\n",
                        status, phrase, n, retry_after ? "retry-after: " : "", retry_after ? retry_after : "",
                        retry_after ? "\r\n" : "");
    if (head < 0 || (size_t)head + n >= sizeof buf - LWS_PRE) return 1;
    memcpy(buf + LWS_PRE + head, body, n);
    return lws_write(wsi, buf + LWS_PRE, (size_t)head + n, LWS_WRITE_HTTP_HEADERS) < 0;
}

/* Writes one piece of a response body; `final` ends the transaction. */
static inline int nd_http_write_body(struct lws *wsi, unsigned char *payload_after_pre, size_t len, int final) {
    return lws_write(wsi, payload_after_pre, len, final ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP);
}

static inline int nd_write_text(struct lws *wsi, unsigned char *payload_after_pre, size_t len) {
    return lws_write(wsi, payload_after_pre, len, LWS_WRITE_TEXT);
}

/* Writes bytes that are already whole WebSocket frames (several, gathered
 * for one connection) in one send. lws sends its LWS_WRITE_HTTP bytes on a
 * ws connection as they are, and keeps what the socket does not take, in
 * order, like any frame. */
static inline int nd_write_frames(struct lws *wsi, const unsigned char *frames, size_t len) {
    return lws_write(wsi, (unsigned char *)frames, len, LWS_WRITE_HTTP);
}

/* Writes a Ping frame now. It carries one byte because lws 4.1 passes an
 * empty Pong to no callback, and the Pong is how we know the peer lives. */
static inline int nd_write_ping(struct lws *wsi) {
    unsigned char buf[LWS_PRE + 1];
    buf[LWS_PRE] = 'k';
    return lws_write(wsi, buf + LWS_PRE, 1, LWS_WRITE_PING);
}

/* Writes a Close frame (status + reason) now. lws only sends the reason set
 * by lws_close_reason when the close starts outside the writeable callback;
 * from inside it, returning -1 would drop the socket with no Close frame. */
static inline int nd_write_close(struct lws *wsi, int status, const char *reason) {
    unsigned char buf[LWS_PRE + 125];
    size_t n = strlen(reason);
    if (n > 123) n = 123;
    buf[LWS_PRE] = (unsigned char)((status >> 8) & 0xff);
    buf[LWS_PRE + 1] = (unsigned char)(status & 0xff);
    memcpy(buf + LWS_PRE + 2, reason, n);
    /* 4 is LWS_WRITE_CLOSE, which 4.1 keeps out of its public enum. */
    return lws_write(wsi, buf + LWS_PRE, n + 2, (enum lws_write_protocol)4);
}

static inline void nd_close_reason(struct lws *wsi, int status, const char *reason) {
    lws_close_reason(wsi, (enum lws_close_status)status, (unsigned char *)reason, strlen(reason));
}

#endif

/* ------------------------------------------------------------------------
 * Client side (nightdesk-agent): one context with no listener, our own
 * libuv loop lent to lws as a foreign loop (as for the server), and one
 * client connection at a time made with lws_client_connect_via_info.
 * ------------------------------------------------------------------------ */
#ifndef NIGHTDESK_CLIBWEBSOCKETS_CLIENT_SHIM_H
#define NIGHTDESK_CLIBWEBSOCKETS_CLIENT_SHIM_H

#include <stdint.h>

typedef void (*nd_client_log_fn)(int level, const char *line);

struct nd_client {
    lws_sorted_usec_list_t tick; /* first: the sul pointer is the client pointer */
    nd_tick_fn tick_fn;
    void *tick_user;
    lws_usec_t tick_interval;
    struct lws_context *context;
    struct lws_protocols protocols[2];
    lws_retry_bo_t retry; /* pings and hangup for a silent peer (sleep, Wi-Fi) */
    char *ca_file;
    uv_loop_t loop;
    void *foreign_loops[1];
};

struct nd_client_options {
    const char *ca_file;         /* NULL: the system's trust store */
    int use_tls;                 /* set up the client TLS context */
    unsigned int rx_buffer_size;
    unsigned short ping_seconds;
    unsigned short hangup_seconds;
    unsigned int connect_seconds; /* TCP + TLS + upgrade */
    void *user;
    nd_lws_callback callback;
    nd_client_log_fn log;        /* NULL: lws logs to stderr */
};

static inline void nd_client_free(struct nd_client *c) {
    if (!c) return;
    free(c->ca_file);
    free(c);
}

static inline struct nd_client *nd_client_create(const struct nd_client_options *o) {
    struct nd_client *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->ca_file = nd_strdup_or_null(o->ca_file);

    c->protocols[0].name = "nightdesk.v1";
    c->protocols[0].callback = o->callback;
    c->protocols[0].per_session_data_size = 0; /* we key on the opaque user data */
    c->protocols[0].rx_buffer_size = o->rx_buffer_size;

    c->retry.secs_since_valid_ping = o->ping_seconds;
    c->retry.secs_since_valid_hangup = o->hangup_seconds;

    lws_set_log_level(LLL_ERR | LLL_WARN, o->log);

    if (uv_loop_init(&c->loop)) { nd_client_free(c); return NULL; }
    c->foreign_loops[0] = &c->loop;

    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = CONTEXT_PORT_NO_LISTEN;
    info.protocols = c->protocols;
    info.user = o->user;
    info.timeout_secs = o->connect_seconds ? o->connect_seconds : 15;
    /* lws sizes its fd table from the process limit otherwise (up to 1M). */
    info.fd_limit_per_thread = 64;
    info.foreign_loops = c->foreign_loops;
    info.options = LWS_SERVER_OPTION_LIBUV | LWS_SERVER_OPTION_VALIDATE_UTF8;
    if (o->use_tls) {
        info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
        info.client_ssl_ca_filepath = c->ca_file;
    }
    c->context = lws_create_context(&info);
    if (!c->context) {
        uv_loop_close(&c->loop);
        nd_client_free(c);
        return NULL;
    }
    return c;
}

static inline void nd_client_tick_trampoline(lws_sorted_usec_list_t *sul) {
    struct nd_client *c = (struct nd_client *)sul;
    c->tick_fn(c->tick_user);
    lws_sul_schedule(c->context, 0, &c->tick, nd_client_tick_trampoline, c->tick_interval);
}

/* Calls fn(user) on the service thread every interval_us microseconds. */
static inline void nd_client_start_ticks(struct nd_client *c, nd_tick_fn fn, void *user, long long interval_us) {
    c->tick_fn = fn;
    c->tick_user = user;
    c->tick_interval = interval_us;
    lws_sul_schedule(c->context, 0, &c->tick, nd_client_tick_trampoline, interval_us);
}

/* Starts a WebSocket connection; lws copies every string into the wsi.
 * `attempt` comes back from nd_client_attempt in every callback of it.
 * NULL when it failed at once (a CONNECTION_ERROR may have come first). */
static inline struct lws *nd_client_connect(struct nd_client *c, const char *address, int port,
                                            const char *host, const char *path, int use_tls,
                                            uintptr_t attempt) {
    struct lws_client_connect_info i;
    memset(&i, 0, sizeof i);
    i.context = c->context;
    i.address = address;
    i.port = port;
    i.host = host;
    i.path = path;
    i.protocol = c->protocols[0].name;
    i.local_protocol_name = c->protocols[0].name;
    i.ssl_connection = use_tls ? LCCSCF_USE_SSL : 0;
    i.retry_and_idle_policy = &c->retry;
    i.alpn = "http/1.1";
    i.opaque_user_data = (void *)attempt;
    return lws_client_connect_via_info(&i);
}

static inline uintptr_t nd_client_attempt(struct lws *wsi) {
    return (uintptr_t)lws_get_opaque_user_data(wsi);
}

/* Has lws drop the connection on its own next turn: safe from outside its
 * callbacks, or from another connection's. A client that has not finished
 * its handshake is reported as CLIENT_CONNECTION_ERROR. */
static inline void nd_drop_soon(struct lws *wsi) {
    lws_set_timeout(wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
}

/* Runs until nd_client_break_loop. */
static inline int nd_client_run(struct nd_client *c) {
    return uv_run(&c->loop, UV_RUN_DEFAULT) < 0 ? -1 : 0;
}

/* Makes nd_client_run return. Call on the service thread. */
static inline void nd_client_break_loop(struct nd_client *c) {
    uv_stop(&c->loop);
}

static inline void nd_client_destroy(struct nd_client *c) {
    if (!c) return;
    lws_sul_cancel(&c->tick);
    lws_context_destroy(c->context);
    /* lws closes its uv handles asynchronously: let the loop finish them. */
    for (int i = 0; i < 200 && uv_run(&c->loop, UV_RUN_NOWAIT); i++) usleep(1000);
    uv_loop_close(&c->loop);
    nd_client_free(c);
}

#endif
