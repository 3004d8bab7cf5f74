#ifndef ND_BENCH_RELAY_STATE_H
#define ND_BENCH_RELAY_STATE_H

/* The state the chat scenarios share between the engine (relay.c) and the
 * report (relay_report.c). */

#include <stdint.h>
#include <uv.h>

#include "options.h"
#include "pacer.h"
#include "procstat.h"
#include "samples.h"
#include "seen.h"
#include "session_map.h"
#include "wsraw.h"

enum { K_VISITOR = 1, K_AGENT = 2, K_CHURN = 3 };
enum { V2A = 0, A2V = 1 }; /* message directions */

struct chat {
    struct wsraw_conn v;
    int agent; /* index of the agent holding it, -1 before `assigned` */
    char *session;
    int excluded; /* held by the stalled agent: not counted */
    uint32_t sent[2], recv[2], acked[2], dups[2], reordered[2];
    int64_t max_seen[2];
    struct seen seen[2];
};

struct agent {
    struct wsraw_conn c;
    int ready; /* `status available` was confirmed */
    int chats;
};

enum phase { PH_AGENTS, PH_VISITORS, PH_RUN, PH_DRAIN, PH_CLOSING, PH_DONE };

/* One measured stretch: the whole run, or one throughput step. */
struct step {
    double rate; /* per side */
    double offered; /* messages/s, both directions */
    double duration;
    uint64_t sent, delivered, lost, dups, reordered, acked;
    double delivered_per_s;
    double p50_ms[2], p99_ms[2], p999_ms[2], max_ms[2];
    double ack_p50_ms, ack_p99_ms;
    double server_cpu_s, server_cpu_fraction;
    double bench_cpu_fraction;
    double steal_fraction;
    long rss_kb_end;
    int bench_limited;
};

struct relay {
    const struct options *o;
    struct wsraw cl;
    struct chat *chats;
    int nchats;
    struct agent *agents;
    int nagents;
    struct session_map map;
    enum phase phase;
    uv_timer_t tick;
    int tick_open;
    struct pacer pacer;

    /* setup */
    int agents_ready, visitors_started, visitors_inflight, visitors_welcomed, chats_assigned;
    int64_t setup_start_ns, setup_deadline_ns, setup_done_ns;

    /* the schedule of the current step */
    double rate;
    int64_t t0_ns, interval_ns, step_end_ns, drain_deadline_ns;
    uint64_t slot, total_slots;
    double step_duration;

    /* counters over chats not excluded */
    uint64_t total_sent, total_recv, total_acked, total_dups, total_reordered;

    /* samples of the current step */
    struct samples lat[2], ack;

    /* step bookkeeping */
    double step_cpu0, step_server_cpu0;
    struct machine_ticks step_ticks0;
    int64_t step_wall0;
    uint64_t step_sent0, step_recv0, step_acked0, step_dups0, step_reord0;
    struct step *steps;
    int nsteps;
    const char *stopped_by;

    /* errors */
    uint64_t errors, unexpected_closes, late_offers;
    char first_error[512];
    int failed;
    char fail_reason[512];

    /* server memory over time, one sample a second */
    long *rss_kb;
    double *rss_t;
    int nrss, caprss;
    int64_t next_rss_ns;
    long rss_before_kb;

    /* churn */
    struct wsraw_conn *churn;
    int nchurn;
    int64_t churn_t0_ns;
    uint64_t churn_started, churn_done, churn_failed, churn_skipped;
    struct samples churn_handshake;

    /* slow reader */
    int stall_agent;
    int64_t stall_at_ns, stall_closed_ns;
    int stalled, stall_disconnected, chats_excluded;
    long rss_at_stall_kb;

    int64_t run_start_ns;
    int64_t closing_deadline_ns;
};

void relay_print_report(struct relay *r);
int relay_exit_code(const struct relay *r);

#endif
