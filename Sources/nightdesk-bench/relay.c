#include "relay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "frames.h"
#include "json_scan.h"
#include "pacer.h"
#include "procstat.h"
#include "relay_state.h"

#define TICK_MS 1
#define FRAME_CAP 4096

static void fail(struct relay *r, const char *why) {
    if (!r->failed) {
        r->failed = 1;
        snprintf(r->fail_reason, sizeof r->fail_reason, "%s", why);
        fprintf(stderr, "nightdesk-bench: %s\n", why);
    }
    r->phase = PH_DONE;
}

static void note_error(struct relay *r, const char *what) {
    r->errors++;
    if (!r->first_error[0]) {
        snprintf(r->first_error, sizeof r->first_error, "%s", what);
        fprintf(stderr, "nightdesk-bench: first error: %s\n", what);
    }
}

static void send_frame(struct wsraw_conn *c, const char *buf, int len) {
    if (len > 0) wsraw_send_text(c, buf, (size_t)len);
}

/* ---- parsing the bench's own texts and ids ----------------------------- */

static int parse_u64(const char **p, const char *end, unsigned long long *out) {
    unsigned long long v = 0;
    const char *s = *p;
    if (s >= end || *s < '0' || *s > '9') return -1;
    while (s < end && *s >= '0' && *s <= '9') v = v * 10 + (unsigned long long)(*s++ - '0');
    *p = s;
    *out = v;
    return 0;
}

/* "b:<chat>:<n>:<due>" */
static int parse_text(struct jspan t, int *chat, uint32_t *n, int64_t *due) {
    if (!t.p || t.len < 2 || t.p[0] != 'b' || t.p[1] != ':') return -1;
    const char *p = t.p + 2, *end = t.p + t.len;
    unsigned long long a, b, c;
    if (parse_u64(&p, end, &a) || p >= end || *p++ != ':') return -1;
    if (parse_u64(&p, end, &b) || p >= end || *p++ != ':') return -1;
    if (parse_u64(&p, end, &c) || (p != end && *p != ':')) return -1; /* ":" starts padding */
    *chat = (int)a;
    *n = (uint32_t)b;
    *due = (int64_t)c;
    return 0;
}

/* The due time at the end of an id "v<n>-<due>" or "a<chat>-<n>-<due>". */
static int parse_id_due(struct jspan id, int64_t *due, int *chat) {
    if (!id.p || id.len < 3) return -1;
    const char *p = id.p + 1, *end = id.p + id.len;
    unsigned long long a, b, c;
    if (parse_u64(&p, end, &a) || p >= end || *p++ != '-') return -1;
    if (parse_u64(&p, end, &b)) return -1;
    if (p == end) { /* v<n>-<due> */
        *due = (int64_t)b;
        *chat = -1;
        return 0;
    }
    if (*p++ != '-' || parse_u64(&p, end, &c) || p != end) return -1;
    *chat = (int)a;
    *due = (int64_t)c;
    return 0;
}

/* ---- counting -------------------------------------------------------- */

static void arrived(struct relay *r, struct chat *ch, int dir, uint32_t n, int64_t due, int64_t now) {
    int fresh = seen_mark(&ch->seen[dir], n);
    if (fresh == 0) {
        ch->dups[dir]++;
        if (!ch->excluded) r->total_dups++;
        return;
    }
    ch->recv[dir]++;
    if ((int64_t)n < ch->max_seen[dir]) {
        ch->reordered[dir]++;
        if (!ch->excluded) r->total_reordered++;
    } else {
        ch->max_seen[dir] = n;
    }
    if (ch->excluded) return;
    r->total_recv++;
    samples_add(&r->lat[dir], now - due);
}

static void acked(struct relay *r, struct chat *ch, int dir, int64_t due, int64_t now) {
    ch->acked[dir]++;
    if (ch->excluded) return;
    r->total_acked++;
    samples_add(&r->ack, now - due);
}

/* ---- setup ----------------------------------------------------------- */

static void start_visitors(struct relay *r) {
    while (r->visitors_started < r->nchats && r->visitors_inflight < r->o->concurrency) {
        struct chat *ch = &r->chats[r->visitors_started++];
        r->visitors_inflight++;
        wsraw_connect(&r->cl, &ch->v); /* takes c->connect_ns */
    }
}

static void on_open(void *ctx, struct wsraw_conn *c) {
    struct relay *r = ctx;
    char buf[FRAME_CAP];
    if (c->kind == K_AGENT) {
        send_frame(c, buf, frame_agent_hello(buf, sizeof buf, r->o->tokens[c->index]));
    } else {
        send_frame(c, buf, frame_visitor_hello(buf, sizeof buf, r->o->site));
    }
}

static void agent_frame(struct relay *r, struct agent *a, struct frame *f, int64_t now) {
    char buf[FRAME_CAP];
    if (jspan_is(f->type, "message")) {
        if (!jspan_is(f->from, "visitor")) return; /* its own echo, system lines */
        int chat;
        uint32_t n;
        int64_t due;
        if (parse_text(f->text, &chat, &n, &due)) return; /* the opener */
        if (chat < 0 || chat >= r->nchats) return;
        arrived(r, &r->chats[chat], V2A, n, due, now);
    } else if (jspan_is(f->type, "ack")) {
        int64_t due;
        int chat;
        if (parse_id_due(f->id, &due, &chat) || chat < 0 || chat >= r->nchats) return;
        acked(r, &r->chats[chat], A2V, due, now);
    } else if (jspan_is(f->type, "offer")) {
        int chat = f->session.p ? session_map_get(&r->map, f->session.p, f->session.len) : -1;
        if (chat < 0 || r->phase >= PH_RUN) {
            /* Not ours, or the chat of a stalled agent moving on: leave it. */
            r->late_offers++;
            return;
        }
        char session[256];
        snprintf(session, sizeof session, "%.*s", (int)f->session.len, f->session.p);
        send_frame(&a->c, buf, frame_accept(buf, sizeof buf, session));
    } else if (jspan_is(f->type, "assigned")) {
        int chat = f->session.p ? session_map_get(&r->map, f->session.p, f->session.len) : -1;
        if (chat < 0 || r->chats[chat].agent >= 0) return;
        r->chats[chat].agent = (int)(a - r->agents);
        a->chats++;
        r->chats_assigned++;
    } else if (jspan_is(f->type, "welcome")) {
        a->c.welcomed = 1;
        send_frame(&a->c, buf, frame_status_available(buf, sizeof buf));
    } else if (jspan_is(f->type, "status")) {
        if (!a->ready) {
            a->ready = 1;
            r->agents_ready++;
        }
    } else if (jspan_is(f->type, "error")) {
        char what[200];
        snprintf(what, sizeof what, "agent %d got error %.*s", a->c.index, (int)f->code.len, f->code.p ? f->code.p : "?");
        if (jspan_is(f->code, "unauthorized")) {
            char why[300];
            snprintf(why, sizeof why, "%s: its token is not accepted (create agents with `nightdesk agents add` on the server's --data)", what);
            fail(r, why);
            return;
        }
        note_error(r, what);
    }
}

static void visitor_frame(struct relay *r, struct chat *ch, struct frame *f, int64_t now) {
    char buf[FRAME_CAP];
    if (jspan_is(f->type, "message")) {
        if (!jspan_is(f->from, "agent")) return; /* its own echo, the bot, system lines */
        int chat;
        uint32_t n;
        int64_t due;
        if (parse_text(f->text, &chat, &n, &due)) return;
        if (chat != (int)(ch - r->chats)) {
            note_error(r, "a visitor received another chat's message");
            return;
        }
        arrived(r, ch, A2V, n, due, now);
    } else if (jspan_is(f->type, "ack")) {
        int64_t due;
        int chat;
        if (parse_id_due(f->id, &due, &chat)) return; /* the opener's ack */
        acked(r, ch, V2A, due, now);
    } else if (jspan_is(f->type, "welcome")) {
        if (ch->v.welcomed) return;
        ch->v.welcomed = 1;
        r->visitors_inflight--;
        r->visitors_welcomed++;
        if (!f->session.p) {
            fail(r, "welcome without a session id");
            return;
        }
        ch->session = strndup(f->session.p, f->session.len);
        session_map_put(&r->map, f->session.p, f->session.len, (int)(ch - r->chats));
        send_frame(&ch->v, buf, frame_visitor_opener(buf, sizeof buf));
    } else if (jspan_is(f->type, "error")) {
        char what[200];
        snprintf(what, sizeof what, "visitor %d got error %.*s", (int)(ch - r->chats), (int)f->code.len, f->code.p ? f->code.p : "?");
        note_error(r, what);
    }
}

static void on_frame(void *ctx, struct wsraw_conn *c, char *buf, size_t len) {
    struct relay *r = ctx;
    int64_t now = now_ns();
    struct frame f;
    if (json_scan_frame(buf, len, &f)) {
        note_error(r, "a frame that is not a JSON object");
        return;
    }
    if (c->kind == K_AGENT) {
        agent_frame(r, &r->agents[c->index], &f, now);
    } else if (c->kind == K_VISITOR) {
        visitor_frame(r, &r->chats[c->index], &f, now);
    } else if (c->kind == K_CHURN && jspan_is(f.type, "welcome") && !c->welcomed) {
        c->welcomed = 1;
        r->churn_done++;
        samples_add(&r->churn_handshake, now - c->connect_ns);
        wsraw_shutdown(c); /* a Close, then the socket */
    }
}

static void on_close(void *ctx, struct wsraw_conn *c, int was_open, const char *why) {
    struct relay *r = ctx;
    if (r->phase >= PH_CLOSING) return;
    if (c->kind == K_CHURN) {
        if (!c->welcomed) r->churn_failed++;
        return;
    }
    if (c->kind == K_AGENT && c->index == r->stall_agent && r->stalled) {
        r->stall_disconnected = 1;
        r->stall_closed_ns = now_ns();
        return;
    }
    char what[300];
    snprintf(what, sizeof what, "%s %d %s: %s", c->kind == K_AGENT ? "agent" : "visitor", c->index,
             was_open ? "closed by the server" : "could not connect", why ? why : "");
    if (r->phase < PH_RUN) {
        fail(r, what);
        return;
    }
    r->unexpected_closes++;
    note_error(r, what);
}

/* ---- the schedule ----------------------------------------------------- */

static void begin_step(struct relay *r, double rate, double duration) {
    r->rate = rate;
    r->step_duration = duration;
    r->slot = 0;
    r->total_slots = (uint64_t)(rate * duration * 2.0 * r->nchats + 0.5);
    r->interval_ns = (int64_t)(1e9 / (rate * 2.0 * r->nchats));
    if (r->interval_ns < 1) r->interval_ns = 1;
    r->t0_ns = now_ns() + 10 * NS_PER_MS;
    r->step_end_ns = r->t0_ns + (int64_t)(duration * 1e9);
    samples_clear(&r->lat[0]);
    samples_clear(&r->lat[1]);
    samples_clear(&r->ack);
    r->step_cpu0 = self_cpu_s();
    r->step_server_cpu0 = proc_cpu_s(r->o->server_pid);
    r->step_ticks0 = machine_ticks_now();
    r->step_wall0 = now_ns();
    r->step_sent0 = r->total_sent;
    r->step_recv0 = r->total_recv;
    r->step_acked0 = r->total_acked;
    r->step_dups0 = r->total_dups;
    r->step_reord0 = r->total_reordered;
    r->phase = PH_RUN;
    fprintf(stderr, "nightdesk-bench: %s: %d chats, %.3g msg/s per side (%.0f msg/s offered) for %.3g s\n",
            r->o->scenario_name, r->nchats, rate, rate * 2 * r->nchats, duration);
}

/* Padding makes messages big. In slow-reader only the stalled agent's chats
 * get it, once stalled: its backlog then outgrows the kernel's socket
 * buffers quickly while the rest of the server's work (and its journal,
 * which keeps every live transcript) stays that of a plain relay. */
static int padding(const struct relay *r, const struct chat *ch) {
    if (r->o->scenario == SC_SLOW_READER) return ch->excluded ? r->o->text_bytes : 0;
    return r->o->text_bytes;
}

static void send_slot(struct relay *r, uint64_t j, int64_t due) {
    uint64_t s = j % (uint64_t)(2 * r->nchats);
    struct chat *ch = &r->chats[s / 2];
    int dir = (int)(s % 2);
    char buf[FRAME_CAP];
    int chat = (int)(s / 2);
    if (dir == A2V) {
        if (ch->agent < 0) return;
        struct agent *a = &r->agents[ch->agent];
        if (r->stalled && ch->agent == r->stall_agent) return; /* it has stopped */
        if (a->c.state != WR_OPEN) return;
        uint32_t n = ch->sent[A2V]++;
        if (!ch->excluded) r->total_sent++;
        send_frame(&a->c, buf, frame_agent_say(buf, sizeof buf, ch->session, chat, n, due, padding(r, ch)));
    } else {
        if (ch->v.state != WR_OPEN) return;
        uint32_t n = ch->sent[V2A]++;
        if (!ch->excluded) r->total_sent++;
        send_frame(&ch->v, buf, frame_visitor_say(buf, sizeof buf, chat, n, due, padding(r, ch)));
    }
}

static void finish_step(struct relay *r) {
    struct step st;
    memset(&st, 0, sizeof st);
    int64_t now = now_ns();
    double wall = (double)(now - r->step_wall0) / 1e9;
    st.rate = r->rate;
    st.offered = r->rate * 2 * r->nchats;
    st.duration = r->step_duration;
    st.sent = r->total_sent - r->step_sent0;
    st.delivered = r->total_recv - r->step_recv0;
    st.acked = r->total_acked - r->step_acked0;
    st.dups = r->total_dups - r->step_dups0;
    st.reordered = r->total_reordered - r->step_reord0;
    st.lost = st.sent > st.delivered ? st.sent - st.delivered : 0;
    st.delivered_per_s = (double)st.delivered / r->step_duration;
    for (int d = 0; d < 2; d++) {
        st.p50_ms[d] = samples_pct_ms(&r->lat[d], 50);
        st.p99_ms[d] = samples_pct_ms(&r->lat[d], 99);
        st.p999_ms[d] = samples_pct_ms(&r->lat[d], 99.9);
        st.max_ms[d] = samples_max_ms(&r->lat[d]);
    }
    st.ack_p50_ms = samples_pct_ms(&r->ack, 50);
    st.ack_p99_ms = samples_pct_ms(&r->ack, 99);
    double server_cpu = proc_cpu_s(r->o->server_pid);
    st.server_cpu_s = (server_cpu >= 0 && r->step_server_cpu0 >= 0) ? server_cpu - r->step_server_cpu0 : -1;
    st.server_cpu_fraction = st.server_cpu_s >= 0 ? st.server_cpu_s / wall : -1;
    st.bench_cpu_fraction = (self_cpu_s() - r->step_cpu0) / wall;
    st.bench_limited = st.bench_cpu_fraction > r->o->cpu_limit;
    st.steal_fraction = steal_fraction(r->step_ticks0, machine_ticks_now());
    st.rss_kb_end = proc_rss_kb(r->o->server_pid);
    struct step *steps = realloc(r->steps, (size_t)(r->nsteps + 1) * sizeof *steps);
    if (!steps) return;
    r->steps = steps;
    r->steps[r->nsteps++] = st;
    fprintf(stderr, "nightdesk-bench:   delivered %llu/%llu, p99 %.2f/%.2f ms, ack p99 %.2f ms, server CPU %.0f%%, bench CPU %.0f%%\n",
            (unsigned long long)st.delivered, (unsigned long long)st.sent, st.p99_ms[0], st.p99_ms[1],
            st.ack_p99_ms, st.server_cpu_fraction * 100, st.bench_cpu_fraction * 100);
}

/* Ends every chat (the agent's `close`), then waits until the frames are
 * written, at most a second, before the loop stops. */
static void begin_closing(struct relay *r) {
    char buf[FRAME_CAP];
    if (r->stalled) wsraw_set_reading(&r->agents[r->stall_agent].c, 1);
    for (int i = 0; i < r->nchats; i++) {
        struct chat *ch = &r->chats[i];
        if (ch->agent < 0 || !ch->session) continue;
        send_frame(&r->agents[ch->agent].c, buf, frame_close(buf, sizeof buf, ch->session));
    }
    r->phase = PH_CLOSING;
    r->closing_deadline_ns = now_ns() + NS_PER_S;
}

static int all_written(const struct relay *r) {
    for (int i = 0; i < r->nagents; i++)
        if (r->agents[i].c.state == WR_OPEN && wsraw_unwritten(&r->agents[i].c)) return 0;
    return 1;
}

/* What follows a drained step: the next throughput step, or the end. */
static void after_step(struct relay *r) {
    finish_step(r);
    const struct step *st = &r->steps[r->nsteps - 1];
    if (r->o->scenario != SC_THROUGHPUT) {
        begin_closing(r);
        return;
    }
    if (st->bench_limited) r->stopped_by = "bench_cpu";
    else if (st->lost > 0) r->stopped_by = "loss";
    else if (st->p99_ms[0] > r->o->max_p99_ms || st->p99_ms[1] > r->o->max_p99_ms) r->stopped_by = "p99";
    else if (r->nsteps >= r->o->max_steps) r->stopped_by = "max_steps";
    if (r->stopped_by || r->errors) {
        if (!r->stopped_by) r->stopped_by = "errors";
        begin_closing(r);
        return;
    }
    begin_step(r, r->rate * r->o->rate_factor, r->o->step_duration);
}

static int drained(const struct relay *r) {
    return r->total_recv >= r->total_sent && r->total_acked >= r->total_sent;
}

/* ---- churn and the slow reader --------------------------------------- */

static void churn_tick(struct relay *r, int64_t now) {
    if (!r->nchurn || r->phase != PH_RUN) return;
    if (!r->churn_t0_ns) r->churn_t0_ns = now;
    uint64_t due = (uint64_t)((double)(now - r->churn_t0_ns) / 1e9 * r->o->churn_rate);
    while (r->churn_started < due) {
        struct wsraw_conn *c = NULL;
        for (int i = 0; i < r->nchurn; i++) {
            if (r->churn[i].state == WR_IDLE || r->churn[i].state == WR_CLOSED) {
                c = &r->churn[i];
                break;
            }
        }
        r->churn_started++;
        if (!c) {
            r->churn_skipped++; /* every pooled connection still busy */
            continue;
        }
        wsraw_connect(&r->cl, c);
    }
}

static void stall_tick(struct relay *r, int64_t now) {
    if (r->o->scenario != SC_SLOW_READER || r->stalled || r->phase != PH_RUN || now < r->stall_at_ns) return;
    r->stalled = 1;
    struct agent *a = &r->agents[r->stall_agent];
    wsraw_set_reading(&a->c, 0);
    r->rss_at_stall_kb = proc_rss_kb(r->o->server_pid);
    /* Its chats are not measured from here on: their messages pile up in
     * the server, which is what this scenario watches. */
    for (int i = 0; i < r->nchats; i++) {
        struct chat *ch = &r->chats[i];
        if (ch->agent != r->stall_agent || ch->excluded) continue;
        ch->excluded = 1;
        r->chats_excluded++;
        for (int d = 0; d < 2; d++) {
            r->total_sent -= ch->sent[d];
            r->total_recv -= ch->recv[d];
            r->total_acked -= ch->acked[d];
        }
    }
    fprintf(stderr, "nightdesk-bench: agent %d stops reading (%d chats)\n", r->stall_agent, r->chats_excluded);
}

static void rss_tick(struct relay *r, int64_t now) {
    if (!r->o->server_pid || now < r->next_rss_ns) return;
    r->next_rss_ns = now + NS_PER_S;
    if (r->nrss == r->caprss) {
        int cap = r->caprss ? r->caprss * 2 : 64;
        long *k = realloc(r->rss_kb, (size_t)cap * sizeof *k);
        if (k) r->rss_kb = k;
        double *t = realloc(r->rss_t, (size_t)cap * sizeof *t);
        if (t) r->rss_t = t;
        if (!k || !t) return;
        r->caprss = cap;
    }
    r->rss_kb[r->nrss] = proc_rss_kb(r->o->server_pid);
    r->rss_t[r->nrss] = (double)(now - r->run_start_ns) / 1e9;
    r->nrss++;
}

/* ---- the tick that drives everything ---------------------------------- */

static void stop_loop(struct relay *r) {
    pacer_close(&r->pacer);
    if (r->tick_open) {
        uv_timer_stop(&r->tick);
        uv_close((uv_handle_t *)&r->tick, NULL);
        r->tick_open = 0;
    }
    wsraw_stop(&r->cl);
}

/* Sends every slot whose time has come, then asks the pacer to wake the
 * loop at the next one. */
static void send_due(struct relay *r, int64_t now) {
    while (r->slot < r->total_slots) {
        int64_t due = r->t0_ns + (int64_t)r->slot * r->interval_ns;
        if (due > now) {
            pacer_arm(&r->pacer, due);
            return;
        }
        send_slot(r, r->slot, due);
        r->slot++;
    }
}

/* Timer callbacks cork the client: the frames they send leave in one
 * write(2) per connection at the end. */
static void on_pacer(void *data) {
    struct relay *r = data;
    if (r->phase != PH_RUN) return;
    wsraw_cork(&r->cl);
    send_due(r, now_ns());
    wsraw_uncork(&r->cl);
}

static void tick(struct relay *r);

static void on_tick(uv_timer_t *t) {
    struct relay *r = t->data;
    wsraw_cork(&r->cl);
    tick(r);
    wsraw_uncork(&r->cl);
    if (r->phase == PH_DONE) stop_loop(r);
}

static void tick(struct relay *r) {
    int64_t now = now_ns();
    if (r->phase < PH_RUN && now > r->setup_deadline_ns) {
        char why[400];
        snprintf(why, sizeof why,
                 "setup timed out after %.0f s: %d/%d agents available, %d/%d visitors welcomed, %d/%d chats assigned"
                 " (are the agents' sites right, and is the site outside office hours or set to inside_hours = \"agents\"?)",
                 r->o->setup_timeout, r->agents_ready, r->nagents, r->visitors_welcomed, r->nchats, r->chats_assigned, r->nchats);
        fail(r, why);
    }
    switch (r->phase) {
    case PH_AGENTS:
        if (r->agents_ready == r->nagents) {
            r->phase = PH_VISITORS;
            fprintf(stderr, "nightdesk-bench: %d agents available; opening %d chats\n", r->nagents, r->nchats);
        }
        break;
    case PH_VISITORS:
        start_visitors(r);
        if (r->chats_assigned == r->nchats) {
            r->setup_done_ns = now;
            r->rss_before_kb = proc_rss_kb(r->o->server_pid);
            r->run_start_ns = now;
            if (r->o->scenario == SC_SLOW_READER) r->stall_at_ns = now + (int64_t)(r->o->duration / 3 * 1e9);
            fprintf(stderr, "nightdesk-bench: %d chats assigned in %.2f s\n", r->nchats,
                    (double)(now - r->setup_start_ns) / 1e9);
            begin_step(r, r->o->rate, r->o->scenario == SC_THROUGHPUT ? r->o->step_duration : r->o->duration);
        }
        break;
    case PH_RUN:
        send_due(r, now);
        if (r->slot >= r->total_slots && now >= r->step_end_ns) {
            r->phase = PH_DRAIN;
            r->drain_deadline_ns = now + (int64_t)(r->o->drain * 1e9);
        }
        break;
    case PH_DRAIN:
        if (drained(r) || now >= r->drain_deadline_ns) after_step(r);
        break;
    case PH_CLOSING:
        if (all_written(r) || now >= r->closing_deadline_ns) r->phase = PH_DONE;
        break;
    case PH_DONE:
        break;
    }
    churn_tick(r, now);
    stall_tick(r, now);
    if (r->phase >= PH_RUN && r->phase < PH_CLOSING) rss_tick(r, now);
}

/* ---- entry ------------------------------------------------------------ */

int run_chat_scenario(const struct options *o) {
    struct relay *r = calloc(1, sizeof *r);
    if (!r) return 1;
    r->o = o;
    r->nchats = o->chats;
    /* Every token signs in; the server spreads the chats over them (least
     * loaded first), and spare room absorbs chats a previous run left. */
    r->nagents = o->ntokens;
    r->chats = calloc((size_t)r->nchats, sizeof *r->chats);
    r->agents = calloc((size_t)r->nagents, sizeof *r->agents);
    if (!r->chats || !r->agents || session_map_init(&r->map, (size_t)r->nchats)) return 1;
    r->stall_agent = 0;
    for (int i = 0; i < r->nchats; i++) {
        r->chats[i].v.kind = K_VISITOR;
        r->chats[i].v.index = i;
        r->chats[i].agent = -1;
        r->chats[i].max_seen[0] = r->chats[i].max_seen[1] = -1;
    }
    for (int i = 0; i < r->nagents; i++) {
        r->agents[i].c.kind = K_AGENT;
        r->agents[i].c.index = i;
    }
    if (o->scenario == SC_CHURN) {
        /* Two seconds' worth of connections in flight is plenty on loopback. */
        r->nchurn = (int)(o->churn_rate * 2) + 16;
        r->churn = calloc((size_t)r->nchurn, sizeof *r->churn);
        if (!r->churn) return 1;
        for (int i = 0; i < r->nchurn; i++) {
            r->churn[i].kind = K_CHURN;
            r->churn[i].index = i;
        }
    }
    struct wsraw_hooks hooks = {on_open, on_frame, on_close};
    if (wsraw_init(&r->cl, o, hooks, r)) return 1;

    r->setup_start_ns = now_ns();
    r->setup_deadline_ns = r->setup_start_ns + (int64_t)(o->setup_timeout * 1e9);
    r->phase = PH_AGENTS;
    fprintf(stderr, "nightdesk-bench: %s against %s at ws://%s:%d%s: signing in %d agents\n", o->scenario_name, o->label,
            o->host, o->port, o->path, r->nagents);
    for (int i = 0; i < r->nagents; i++) wsraw_connect(&r->cl, &r->agents[i].c);

    /* Without a pacer the millisecond tick still sends, only less exactly. */
    if (pacer_init(&r->pacer, &r->cl.loop, on_pacer, r) != 0)
        fprintf(stderr, "nightdesk-bench: no timerfd; sends keep to the millisecond tick\n");
    uv_timer_init(&r->cl.loop, &r->tick);
    r->tick.data = r;
    r->tick_open = 1;
    uv_timer_start(&r->tick, on_tick, TICK_MS, TICK_MS);
    wsraw_run(&r->cl);

    relay_print_report(r);
    int code = relay_exit_code(r);
    for (int i = 0; i < r->nagents; i++) wsraw_close(&r->agents[i].c);
    for (int i = 0; i < r->nchats; i++) wsraw_close(&r->chats[i].v);
    for (int i = 0; i < r->nchurn; i++) wsraw_close(&r->churn[i]);
    wsraw_destroy(&r->cl);
    return code;
}
