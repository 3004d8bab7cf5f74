/* A comparison peer for nightdesk-bench, and the floor: the part of
 * PROTOCOL.md (nightdesk.v1) the bench uses, in C on libwebsockets' libuv
 * loop, the transport NightDesk itself uses, with nothing else: no journal
 * (acks go out at once, not after an fsync), no auto-responder, no logging
 * per message, no compression. Whatever NightDesk spends beyond this is the
 * price of its features and of Swift.
 *
 *   cc -O2 -Wall -Wextra -I Sources/nightdesk-bench Benchmarks/peers/c/relay.c \
 *      Sources/nightdesk-bench/json_scan.c Sources/nightdesk-bench/outq.c \
 *      -lwebsockets -luv -o .build/peer-c-relay
 *   .build/peer-c-relay --port 9003 [--capacity 50]
 *
 * It reuses the bench's frame scanner and write queue (json_scan.c, outq.c).
 * Prints "listening on http://127.0.0.1:PORT/" to stderr once it accepts. */

#include <libwebsockets.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <uv.h>

#include "json_scan.h"
#include "outq.h"

enum role { R_NONE, R_VISITOR, R_AGENT };

/* Per connection; lws allocates and zeroes it. */
struct pss {
    struct lws *wsi;
    enum role role;
    int session; /* visitor: its session number */
    int available, load;
    int closing;
    struct outq out;
    char *rx;
    size_t rx_len, rx_cap;
};

struct session {
    int live, spoke, seq;
    struct pss *visitor, *agent, *offered;
};

static struct session *sessions; /* index = the number in "s<n>" */
static int nsessions, capsessions;
static struct pss **agents;
static int nagents, capagents;
static int capacity = 50;
static unsigned char *scratch;
static size_t scratch_cap;

static int ensure_scratch(size_t len) {
    if (LWS_PRE + len <= scratch_cap) return 0;
    size_t cap = scratch_cap ? scratch_cap : 4096;
    while (cap < LWS_PRE + len) cap *= 2;
    unsigned char *b = realloc(scratch, cap);
    if (!b) return -1;
    scratch = b;
    scratch_cap = cap;
    return 0;
}

/* Writes at once when nothing, ours or lws's, waits before the frame (as
 * node's ws and python's websockets write at once); lws keeps what the
 * socket does not take and sends it before anything else. Otherwise the
 * frame waits for the writeable callback. */
static void queue(struct pss *p, const char *buf, int len) {
    if (!p || !p->wsi || p->closing || len <= 0) return;
    if (!p->out.frames && !lws_partial_buffered(p->wsi) && ensure_scratch((size_t)len) == 0) {
        memcpy(scratch + LWS_PRE, buf, (size_t)len);
        if (lws_write(p->wsi, scratch + LWS_PRE, (size_t)len, LWS_WRITE_TEXT) < len)
            lws_set_timeout(p->wsi, PENDING_TIMEOUT_USER_OK, LWS_TO_KILL_ASYNC);
        return;
    }
    if (outq_push(&p->out, buf, (size_t)len) == 0) lws_callback_on_writable(p->wsi);
}

/* RFC 3339 UTC with milliseconds, as every `message` carries. */
static void now_iso(char *out, size_t cap, int plus_seconds) {
    struct timeval tv;
    gettimeofday(&tv, NULL);
    time_t t = tv.tv_sec + plus_seconds;
    struct tm tm;
    gmtime_r(&t, &tm);
    size_t n = strftime(out, cap, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + n, cap - n, ".%03dZ", (int)(tv.tv_usec / 1000));
}

/* "s<n>" -> n, or -1 when it names no live session. */
static int session_index(struct jspan s) {
    if (!s.p || s.len < 2 || s.p[0] != 's') return -1;
    int n = 0;
    for (size_t i = 1; i < s.len; i++) {
        if (s.p[i] < '0' || s.p[i] > '9') return -1;
        n = n * 10 + (s.p[i] - '0');
    }
    return n < nsessions && sessions[n].live ? n : -1;
}

static int new_session(void) {
    if (nsessions == capsessions) {
        int cap = capsessions ? capsessions * 2 : 1024;
        struct session *s = realloc(sessions, (size_t)cap * sizeof *s);
        if (!s) return -1;
        sessions = s;
        capsessions = cap;
    }
    memset(&sessions[nsessions], 0, sizeof sessions[0]);
    sessions[nsessions].live = 1;
    return nsessions++;
}

static void error_frame(struct pss *p, const char *code) {
    char buf[160];
    queue(p, buf, snprintf(buf, sizeof buf, "{\"type\":\"error\",\"code\":\"%s\",\"message\":\"%s\"}", code, code));
}

/* The least loaded available agent with room, as NightDesk routes. */
static void offer(int sid) {
    struct pss *best = NULL;
    for (int i = 0; i < nagents; i++)
        if (agents[i]->available && agents[i]->load < capacity && (!best || agents[i]->load < best->load)) best = agents[i];
    if (!best) return;
    best->load++;
    sessions[sid].offered = best;
    char at[40], buf[512];
    now_iso(at, sizeof at, 20);
    queue(best, buf, snprintf(buf, sizeof buf,
                              "{\"type\":\"offer\",\"session\":\"s%d\",\"site\":\"demo\",\"summary\":{\"session\":\"s%d\","
                              "\"site\":\"demo\",\"handler\":\"bot\",\"messages\":%d},\"history\":[],\"expires_at\":\"%s\"}",
                              sid, sid, sessions[sid].seq, at));
}

static void say(int sid, const char *from, struct frame *f, struct pss *sender, int with_session) {
    struct session *s = &sessions[sid];
    s->seq++;
    char buf[16384 + 512], at[40];
    int n;
    if (with_session)
        n = snprintf(buf, sizeof buf, "{\"type\":\"ack\",\"session\":\"s%d\",\"id\":\"%.*s\",\"seq\":%d}", sid,
                     (int)f->id.len, f->id.p, s->seq);
    else
        n = snprintf(buf, sizeof buf, "{\"type\":\"ack\",\"id\":\"%.*s\",\"seq\":%d}", (int)f->id.len, f->id.p, s->seq);
    queue(sender, buf, n);
    now_iso(at, sizeof at, 0);
    /* The text stays as it arrived: already an escaped JSON string body. */
    n = snprintf(buf, sizeof buf,
                 "{\"type\":\"message\",\"session\":\"s%d\",\"seq\":%d,\"from\":\"%s\",\"name\":\"%s\",\"text\":\"%.*s\",\"at\":\"%s\"}",
                 sid, s->seq, from, from[0] == 'a' ? "Agent" : "Visitor", (int)f->text.len, f->text.p, at);
    if (n >= (int)sizeof buf) return;
    queue(s->visitor, buf, n);
    queue(s->agent, buf, n);
}

static void on_visitor(struct pss *p, struct frame *f) {
    int sid = p->session;
    if (jspan_is(f->type, "say") && f->id.p && f->text.p) {
        say(sid, "visitor", f, p, 0);
        if (!sessions[sid].spoke) {
            sessions[sid].spoke = 1;
            offer(sid);
        }
    } else if (!jspan_is(f->type, "typing")) {
        error_frame(p, "bad_request");
    }
}

static void on_agent(struct pss *p, struct frame *f) {
    char buf[256];
    int sid = session_index(f->session);
    if (jspan_is(f->type, "status")) {
        p->available = f->available == 1;
        queue(p, buf, snprintf(buf, sizeof buf, "{\"type\":\"status\",\"available\":%s}", p->available ? "true" : "false"));
        if (p->available)
            for (int i = 0; i < nsessions; i++)
                if (sessions[i].live && sessions[i].spoke && !sessions[i].agent && !sessions[i].offered) offer(i);
    } else if (jspan_is(f->type, "accept")) {
        if (sid < 0 || sessions[sid].offered != p || sessions[sid].agent) {
            error_frame(p, "conflict");
            return;
        }
        sessions[sid].agent = p;
        sessions[sid].offered = NULL;
        queue(p, buf, snprintf(buf, sizeof buf, "{\"type\":\"assigned\",\"session\":\"s%d\",\"site\":\"demo\",\"history\":[]}", sid));
    } else if (jspan_is(f->type, "say")) {
        if (sid < 0 || sessions[sid].agent != p) error_frame(p, "not_assigned");
        else if (!f->id.p || !f->text.p) error_frame(p, "bad_request");
        else say(sid, "agent", f, p, 1);
    } else if (jspan_is(f->type, "close")) {
        if (sid < 0 || sessions[sid].agent != p) return;
        struct pss *v = sessions[sid].visitor;
        if (v) {
            queue(v, buf, snprintf(buf, sizeof buf, "{\"type\":\"ended\",\"reason\":\"agent_closed\"}"));
            v->closing = 1; /* after the queue: a Close frame, then the socket */
            lws_callback_on_writable(v->wsi);
            v->session = -1;
        }
        queue(p, buf, snprintf(buf, sizeof buf, "{\"type\":\"ended\",\"session\":\"s%d\",\"reason\":\"agent_closed\"}", sid));
        p->load--;
        sessions[sid].live = 0;
    } else {
        error_frame(p, "bad_request");
    }
}

static void on_hello(struct pss *p, struct frame *f) {
    char buf[512];
    if (!jspan_is(f->type, "hello")) {
        error_frame(p, "hello_required");
        p->closing = 1;
        return;
    }
    if (jspan_is(f->role, "visitor") && jspan_is(f->site, "demo")) {
        int sid = new_session();
        if (sid < 0) return;
        sessions[sid].visitor = p;
        p->role = R_VISITOR;
        p->session = sid;
        queue(p, buf, snprintf(buf, sizeof buf,
                               "{\"type\":\"welcome\",\"session\":\"s%d\",\"resume\":\"rs%d\",\"resumed\":false,"
                               "\"site\":{\"id\":\"demo\",\"name\":\"Demo Dental\",\"phone\":\"+1 555 0100\"},"
                               "\"office\":{\"open\":false,\"next_open\":null},\"history\":[]}", sid, sid));
    } else if (jspan_is(f->role, "agent") && f->token.p && f->token.len > 0) {
        /* Any token is accepted: the peers measure relaying, not credentials. */
        if (nagents == capagents) {
            int cap = capagents ? capagents * 2 : 16;
            struct pss **a = realloc(agents, (size_t)cap * sizeof *a);
            if (!a) return;
            agents = a;
            capagents = cap;
        }
        agents[nagents++] = p;
        p->role = R_AGENT;
        queue(p, buf, snprintf(buf, sizeof buf, "{\"type\":\"welcome\",\"agent\":{\"id\":\"a%d\",\"name\":\"Agent\"},"
                                                "\"available\":false,\"sessions\":[]}", nagents));
    } else {
        error_frame(p, "unknown_site");
        p->closing = 1;
    }
}

static void gone(struct pss *p) {
    if (p->role == R_VISITOR && p->session >= 0 && p->session < nsessions && sessions[p->session].visitor == p) {
        struct session *s = &sessions[p->session];
        s->visitor = NULL;
        if (!s->spoke) s->live = 0; /* a session nobody spoke in goes with its tab */
    } else if (p->role == R_AGENT) {
        for (int i = 0; i < nagents; i++)
            if (agents[i] == p) agents[i--] = agents[--nagents];
        for (int i = 0; i < nsessions; i++) {
            if (sessions[i].agent == p) sessions[i].agent = NULL;
            if (sessions[i].offered == p) sessions[i].offered = NULL;
        }
    }
    outq_free(&p->out);
    free(p->rx);
}

static int writeable(struct pss *p, struct lws *wsi) {
    size_t len;
    const unsigned char *data;
    int written = 0;
    while ((data = outq_peek(&p->out, &len))) {
        if (ensure_scratch(len)) return -1;
        memcpy(scratch + LWS_PRE, data, len);
        if (lws_write(wsi, scratch + LWS_PRE, len, LWS_WRITE_TEXT) < (int)len) return -1;
        outq_pop(&p->out);
        if (++written >= 16 || lws_partial_buffered(wsi)) break;
    }
    if (p->out.frames) {
        lws_callback_on_writable(wsi);
        return 0;
    }
    if (p->closing) {
        unsigned char frame[LWS_PRE + 2] = {0};
        frame[LWS_PRE] = 0x03; /* 1000 */
        frame[LWS_PRE + 1] = 0xe8;
        lws_write(wsi, frame + LWS_PRE, 2, (enum lws_write_protocol)4); /* LWS_WRITE_CLOSE */
        return -1;
    }
    return 0;
}

static int callback(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len) {
    struct pss *p = user;
    switch (reason) {
    case LWS_CALLBACK_ESTABLISHED:
        p->wsi = wsi;
        p->session = -1;
        return 0;
    case LWS_CALLBACK_RECEIVE: {
        if (lws_is_first_fragment(wsi)) p->rx_len = 0;
        if (p->rx_len + len + 1 > 16384 + 1) return -1; /* the frame limit */
        if (p->rx_len + len + 1 > p->rx_cap) {
            size_t cap = p->rx_cap ? p->rx_cap * 2 : 1024;
            while (cap < p->rx_len + len + 1) cap *= 2;
            char *b = realloc(p->rx, cap);
            if (!b) return -1;
            p->rx = b;
            p->rx_cap = cap;
        }
        memcpy(p->rx + p->rx_len, in, len);
        p->rx_len += len;
        if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi)) return 0;
        p->rx[p->rx_len] = 0;
        struct frame f;
        if (json_scan_frame(p->rx, p->rx_len, &f) || !f.type.p) error_frame(p, "bad_request");
        else if (p->role == R_VISITOR && p->session >= 0) on_visitor(p, &f);
        else if (p->role == R_AGENT) on_agent(p, &f);
        else if (p->role == R_NONE) on_hello(p, &f);
        p->rx_len = 0;
        if (p->closing) lws_callback_on_writable(wsi);
        return 0;
    }
    case LWS_CALLBACK_SERVER_WRITEABLE:
        return writeable(p, wsi);
    case LWS_CALLBACK_CLOSED:
        gone(p);
        return 0;
    default:
        return 0;
    }
}

static struct lws_protocols protocols[] = {
    {"nightdesk.v1", callback, sizeof(struct pss), 4096, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

static uv_loop_t loop;

static void on_signal(uv_signal_t *h, int signum) {
    (void)signum;
    uv_stop(h->loop);
}

int main(int argc, char **argv) {
    int port = 9003;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--port")) port = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--capacity")) capacity = atoi(argv[i + 1]);
        else {
            fprintf(stderr, "usage: %s [--port N] [--capacity N]\n", argv[0]);
            return 64;
        }
    }
    signal(SIGPIPE, SIG_IGN);
    lws_set_log_level(LLL_ERR, NULL);
    uv_loop_init(&loop);
    void *foreign[1] = {&loop};
    struct lws_context_creation_info info;
    memset(&info, 0, sizeof info);
    info.port = port;
    info.iface = "127.0.0.1";
    info.protocols = protocols;
    info.options = LWS_SERVER_OPTION_LIBUV;
    info.foreign_loops = foreign;
    struct lws_context *ctx = lws_create_context(&info);
    if (!ctx) {
        fprintf(stderr, "c peer: cannot listen on port %d\n", port);
        return 1;
    }
    uv_signal_t sigterm, sigint;
    uv_signal_init(&loop, &sigterm);
    uv_signal_start(&sigterm, on_signal, SIGTERM);
    uv_signal_init(&loop, &sigint);
    uv_signal_start(&sigint, on_signal, SIGINT);
    fprintf(stderr, "c peer: listening on http://127.0.0.1:%d/\n", port);
    uv_run(&loop, UV_RUN_DEFAULT);
    uv_close((uv_handle_t *)&sigterm, NULL);
    uv_close((uv_handle_t *)&sigint, NULL);
    lws_context_destroy(ctx);
    for (int i = 0; i < 100 && uv_run(&loop, UV_RUN_NOWAIT); i++) {}
    return 0;
}
