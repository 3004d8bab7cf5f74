#include "idle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "frames.h"
#include "json_scan.h"
#include "procstat.h"
#include "samples.h"
#include "wsraw.h"

/* Visitors connect through wsraw.c, a raw-socket WebSocket client, not
 * libwebsockets: the lws client's handshake cost the generator a core at
 * about 4,200 sessions/s, so the ramp measured the generator. The chat
 * scenarios (relay.c) use it too, since lws's per-message cost capped the
 * throughput the generator could drive. */

enum idle_phase { IP_RAMP, IP_SETTLE, IP_WINDOW, IP_DONE };

/* A handshake not answered in this long fails, as lws's timeout did. */
#define HANDSHAKE_TIMEOUT_NS (30 * NS_PER_S)

struct idle {
    const struct options *o;
    struct wsraw cl;
    struct wsraw_conn *conns;
    int n, started, inflight, welcomed, failed, dropped;
    int oldest; /* every visitor before it has its welcome or is gone */
    enum idle_phase phase;
    uv_timer_t tick;
    int tick_open;
    struct samples handshake;
    int64_t ramp_start, ramp_end, settle_end, window_start, window_end, deadline;
    long rss_baseline_kb, rss_settled_kb;
    double server_cpu_window0, server_cpu_window1, server_cpu_ramp0, server_cpu_ramp1;
    double bench_cpu0, bench_cpu_ramp;
    struct machine_ticks ticks0, ticks_end;
    char first_error[256];
};

static void on_open(void *ctx, struct wsraw_conn *c) {
    struct idle *s = ctx;
    char buf[512];
    int len = frame_visitor_hello(buf, sizeof buf, s->o->site);
    if (len > 0) wsraw_send_text(c, buf, (size_t)len);
}

static void on_frame(void *ctx, struct wsraw_conn *c, char *buf, size_t len) {
    struct idle *s = ctx;
    struct frame f;
    if (json_scan_frame(buf, len, &f)) return;
    if (jspan_is(f.type, "welcome") && !c->welcomed) {
        c->welcomed = 1;
        s->welcomed++;
        s->inflight--;
        samples_add(&s->handshake, now_ns() - c->connect_ns);
    } else if (jspan_is(f.type, "error") && !s->first_error[0]) {
        snprintf(s->first_error, sizeof s->first_error, "visitor %d got error %.*s", c->index, (int)f.code.len,
                 f.code.p ? f.code.p : "?");
    }
}

static void on_close(void *ctx, struct wsraw_conn *c, int was_open, const char *why) {
    struct idle *s = ctx;
    if (s->phase == IP_DONE) return;
    if (c->welcomed) {
        s->dropped++; /* an idle session the server closed */
    } else {
        s->failed++;
        s->inflight--;
    }
    if (!s->first_error[0])
        snprintf(s->first_error, sizeof s->first_error, "visitor %d %s: %s", c->index,
                 was_open ? "closed by the server" : "could not connect", why ? why : "");
}

static void finish(struct idle *s) {
    s->phase = IP_DONE;
    uv_timer_stop(&s->tick);
    uv_close((uv_handle_t *)&s->tick, NULL);
    wsraw_stop(&s->cl);
}

/* Fails handshakes older than the timeout. Visitors start in index order,
 * so only the oldest unanswered ones need looking at. */
static void expire_handshakes(struct idle *s, int64_t now) {
    while (s->oldest < s->started) {
        struct wsraw_conn *c = &s->conns[s->oldest];
        if (c->welcomed || c->state == WR_CLOSED) {
            s->oldest++;
            continue;
        }
        if (now - c->connect_ns < HANDSHAKE_TIMEOUT_NS) break;
        if (c->state == WR_OPEN) {
            /* Upgraded but no welcome yet: as with lws, no timeout; it
             * stays in flight, and the ramp's deadline ends the wait. */
            s->oldest++;
            continue;
        }
        wsraw_fail(c, "no upgrade response within 30 s");
        s->oldest++;
    }
}

static void on_tick(uv_timer_t *t) {
    struct idle *s = t->data;
    int64_t now = now_ns();
    switch (s->phase) {
    case IP_RAMP:
        while (s->started < s->n && s->inflight < s->o->concurrency) {
            struct wsraw_conn *c = &s->conns[s->started++];
            s->inflight++;
            wsraw_connect(&s->cl, c); /* takes c->connect_ns */
        }
        expire_handshakes(s, now);
        if (s->welcomed + s->failed == s->n || now > s->deadline) {
            s->ramp_end = now;
            s->server_cpu_ramp1 = proc_cpu_s(s->o->server_pid);
            s->bench_cpu_ramp = self_cpu_s() - s->bench_cpu0;
            s->settle_end = now + (int64_t)(s->o->settle * 1e9);
            s->phase = IP_SETTLE;
            fprintf(stderr, "nightdesk-bench: %d/%d visitors welcomed in %.2f s (%d failed); settling %.0f s\n", s->welcomed,
                    s->n, (double)(now - s->ramp_start) / 1e9, s->failed, s->o->settle);
        }
        break;
    case IP_SETTLE:
        if (now >= s->settle_end) {
            s->rss_settled_kb = proc_rss_kb(s->o->server_pid);
            s->server_cpu_window0 = proc_cpu_s(s->o->server_pid);
            s->window_start = now;
            s->window_end = now + (int64_t)(s->o->idle_window * 1e9);
            s->phase = IP_WINDOW;
        }
        break;
    case IP_WINDOW:
        if (now >= s->window_end) {
            s->server_cpu_window1 = proc_cpu_s(s->o->server_pid);
            s->window_end = now;
            finish(s);
        }
        break;
    case IP_DONE:
        break;
    }
}

int run_idle_scenario(const struct options *o) {
    struct idle *s = calloc(1, sizeof *s);
    if (!s) return 1;
    s->o = o;
    s->n = o->sessions;
    s->conns = calloc((size_t)s->n, sizeof *s->conns);
    if (!s->conns) return 1;
    for (int i = 0; i < s->n; i++) s->conns[i].index = i;
    struct wsraw_hooks hooks = {on_open, on_frame, on_close};
    if (wsraw_init(&s->cl, o, hooks, s)) return 1;

    s->rss_baseline_kb = proc_rss_kb(o->server_pid);
    s->server_cpu_ramp0 = proc_cpu_s(o->server_pid);
    s->bench_cpu0 = self_cpu_s();
    s->ticks0 = machine_ticks_now();
    s->ramp_start = now_ns();
    s->deadline = s->ramp_start + (int64_t)(o->setup_timeout * 1e9);
    fprintf(stderr, "nightdesk-bench: idle against %s at ws://%s:%d%s: %d visitors, %d handshakes in flight\n", o->label,
            o->host, o->port, o->path, s->n, o->concurrency);
    uv_timer_init(&s->cl.loop, &s->tick);
    s->tick.data = s;
    uv_timer_start(&s->tick, on_tick, 1, 1);
    wsraw_run(&s->cl);
    s->ticks_end = machine_ticks_now();

    double ramp_s = (double)(s->ramp_end - s->ramp_start) / 1e9;
    double window_s = (double)(s->window_end - s->window_start) / 1e9;
    double bench_frac = ramp_s > 0 ? s->bench_cpu_ramp / ramp_s : 0;
    /* Under a second of ramp, start-up costs dominate the fraction. */
    int invalid = ramp_s >= 1.0 && bench_frac > o->cpu_limit;
    int bad = s->failed > 0 || s->dropped > 0;
    int code = invalid ? 4 : bad ? 3 : 0;
    if (s->welcomed == 0) code = 1;

    printf("{\"scenario\":\"idle\",\"label\":\"%s\",\"ok\":%s,\"valid\":%s", o->label, code == 0 ? "true" : "false",
           invalid ? "false" : "true");
    if (invalid) printf(",\"invalid_reason\":\"the bench used more than %.0f%% of a core during the ramp\"", o->cpu_limit * 100);
    printf(",\"sessions\":%d,\"welcomed\":%d,\"failed\":%d,\"dropped_while_idle\":%d", s->n, s->welcomed, s->failed, s->dropped);
    printf(",\"ramp_s\":%.3f,\"sessions_per_s\":%.1f,\"concurrency\":%d,\"handshake_ms\":", ramp_s,
           ramp_s > 0 ? s->welcomed / ramp_s : 0, o->concurrency);
    samples_write_json(stdout, &s->handshake);
    long delta = s->rss_settled_kb >= 0 && s->rss_baseline_kb >= 0 ? s->rss_settled_kb - s->rss_baseline_kb : -1;
    printf(",\"server\":{\"pid\":%d,\"rss_kb_baseline\":%ld,\"rss_kb_settled\":%ld,\"bytes_per_session\":",
           (int)o->server_pid, s->rss_baseline_kb, s->rss_settled_kb);
    json_num(stdout, delta >= 0 && s->welcomed ? (double)delta * 1024.0 / s->welcomed : -1);
    double ramp_cpu = s->server_cpu_ramp1 >= 0 && s->server_cpu_ramp0 >= 0 ? s->server_cpu_ramp1 - s->server_cpu_ramp0 : -1;
    printf(",\"ramp_cpu_s\":");
    json_num(stdout, ramp_cpu);
    double idle_cpu = s->server_cpu_window1 >= 0 && s->server_cpu_window0 >= 0 ? s->server_cpu_window1 - s->server_cpu_window0 : -1;
    printf(",\"idle_window_s\":%.1f,\"idle_cpu_s\":", window_s);
    json_num(stdout, idle_cpu);
    printf(",\"idle_cpu_fraction\":");
    json_num(stdout, idle_cpu >= 0 && window_s > 0 ? idle_cpu / window_s : -1);
    printf("},\"bench\":{\"ramp_cpu_fraction\":%.3f},\"machine\":{\"steal_fraction\":", bench_frac);
    json_num(stdout, steal_fraction(s->ticks0, s->ticks_end));
    printf("},\"first_error\":\"");
    for (const char *p = s->first_error; *p; p++) {
        if (*p == '"' || *p == '\\') putchar('\\');
        if ((unsigned char)*p >= 0x20) putchar(*p);
    }
    printf("\"}\n");
    fflush(stdout);
    for (int i = 0; i < s->n; i++) wsraw_close(&s->conns[i]);
    wsraw_destroy(&s->cl);
    return code;
}
