/* The one JSON object a chat scenario prints, and the exit code that goes
 * with it. Kept apart from the engine so the engine holds no formatting. */

#include <stdio.h>

#include "procstat.h"
#include "relay_state.h"

static void json_str(FILE *f, const char *s) {
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(f, "\\%c", ch);
        else if (ch < 0x20) fprintf(f, "\\u%04x", ch);
        else fputc(ch, f);
    }
    fputc('"', f);
}

static void write_step(FILE *f, const struct step *st) {
    fprintf(f, "{\"rate_per_side\":%.3f,\"offered_msgs_per_s\":%.1f,\"delivered_msgs_per_s\":%.1f,"
               "\"sent\":%llu,\"delivered\":%llu,\"lost\":%llu,\"duplicates\":%llu,\"reordered\":%llu,\"acked\":%llu,",
            st->rate, st->offered, st->delivered_per_s, (unsigned long long)st->sent, (unsigned long long)st->delivered,
            (unsigned long long)st->lost, (unsigned long long)st->dups, (unsigned long long)st->reordered,
            (unsigned long long)st->acked);
    fprintf(f, "\"p50_ms\":[%.3f,%.3f],\"p99_ms\":[%.3f,%.3f],\"ack_p99_ms\":%.3f,\"server_cpu_fraction\":",
            st->p50_ms[0], st->p50_ms[1], st->p99_ms[0], st->p99_ms[1], st->ack_p99_ms);
    json_num(f, st->server_cpu_fraction);
    fprintf(f, ",\"bench_cpu_fraction\":%.3f,\"bench_limited\":%s,\"machine_steal_fraction\":", st->bench_cpu_fraction,
            st->bench_limited ? "true" : "false");
    json_num(f, st->steal_fraction);
    fputc('}', f);
}

static const struct step *knee(const struct relay *r) {
    /* The last step that kept p99 under the bound with nothing lost and the
     * bench within its CPU budget. */
    const struct step *best = NULL;
    for (int i = 0; i < r->nsteps; i++) {
        const struct step *st = &r->steps[i];
        if (st->bench_limited || st->lost || st->p99_ms[0] > r->o->max_p99_ms || st->p99_ms[1] > r->o->max_p99_ms) break;
        best = st;
    }
    return best;
}

static int is_invalid(const struct relay *r) {
    if (r->nsteps == 0) return 0;
    /* Throughput: only when even the first step was bench-bound. Others: the one step. */
    return r->steps[0].bench_limited;
}

int relay_exit_code(const struct relay *r) {
    if (r->failed || r->nsteps == 0) return 1;
    if (is_invalid(r)) return 4;
    if (r->o->scenario == SC_THROUGHPUT) return 0; /* loss ends the search; it is the finding */
    const struct step *st = &r->steps[0];
    if (st->lost || st->dups || st->acked < st->sent || r->errors) return 3;
    if (r->o->scenario == SC_CHURN && r->churn_failed) return 3;
    return 0;
}

void relay_print_report(struct relay *r) {
    FILE *f = stdout;
    const struct options *o = r->o;
    fprintf(f, "{\"scenario\":");
    json_str(f, o->scenario_name);
    fprintf(f, ",\"label\":");
    json_str(f, o->label);
    int invalid = is_invalid(r);
    fprintf(f, ",\"ok\":%s,\"valid\":%s", relay_exit_code(r) == 0 ? "true" : "false", invalid ? "false" : "true");
    if (invalid) fprintf(f, ",\"invalid_reason\":\"the bench used more than %.0f%% of a core\"", o->cpu_limit * 100);
    if (r->failed) {
        fprintf(f, ",\"error\":");
        json_str(f, r->fail_reason);
    }
    fprintf(f, ",\"chats\":%d,\"agents\":%d,\"setup_s\":%.3f", r->nchats, r->nagents,
            r->setup_done_ns ? (double)(r->setup_done_ns - r->setup_start_ns) / 1e9 : -1.0);
    if (r->nsteps > 0 && o->scenario != SC_THROUGHPUT) {
        const struct step *st = &r->steps[0];
        fprintf(f, ",\"text_bytes\":%d", o->text_bytes);
        fprintf(f, ",\"rate_per_side\":%.3f,\"duration_s\":%.1f,\"offered_msgs_per_s\":%.1f,\"sent\":%llu,"
                   "\"delivered\":%llu,\"lost\":%llu,\"duplicates\":%llu,\"reordered\":%llu,\"acked\":%llu,\"unacked\":%llu",
                st->rate, st->duration, st->offered, (unsigned long long)st->sent, (unsigned long long)st->delivered,
                (unsigned long long)st->lost, (unsigned long long)st->dups, (unsigned long long)st->reordered,
                (unsigned long long)st->acked, (unsigned long long)(st->sent > st->acked ? st->sent - st->acked : 0));
        fprintf(f, ",\"latency_ms\":{\"visitor_to_agent\":");
        samples_write_json(f, &r->lat[0]);
        fprintf(f, ",\"agent_to_visitor\":");
        samples_write_json(f, &r->lat[1]);
        fprintf(f, ",\"ack\":");
        samples_write_json(f, &r->ack);
        fprintf(f, "},\"server\":{\"pid\":%d,\"rss_kb_before\":%ld,\"rss_kb_after\":%ld,\"cpu_s\":", (int)o->server_pid,
                r->rss_before_kb, st->rss_kb_end);
        json_num(f, st->server_cpu_s);
        fprintf(f, ",\"cpu_fraction\":");
        json_num(f, st->server_cpu_fraction);
        fprintf(f, "},\"bench\":{\"cpu_fraction\":%.3f}", st->bench_cpu_fraction);
        fprintf(f, ",\"machine\":{\"steal_fraction\":");
        json_num(f, st->steal_fraction);
        fputc('}', f);
    }
    if (o->scenario == SC_THROUGHPUT) {
        fprintf(f, ",\"max_p99_ms\":%.1f,\"steps\":[", o->max_p99_ms);
        for (int i = 0; i < r->nsteps; i++) {
            if (i) fputc(',', f);
            write_step(f, &r->steps[i]);
        }
        fprintf(f, "],\"stopped_by\":");
        json_str(f, r->stopped_by ? r->stopped_by : "none");
        const struct step *k = knee(r);
        if (k) {
            fprintf(f, ",\"knee_msgs_per_s\":%.1f,\"knee_p99_ms\":%.3f,\"server_cpu_per_10k_msgs_per_s\":",
                    k->delivered_per_s, k->p99_ms[0] > k->p99_ms[1] ? k->p99_ms[0] : k->p99_ms[1]);
            json_num(f, k->server_cpu_fraction >= 0 && k->delivered_per_s > 0
                            ? k->server_cpu_fraction / (k->delivered_per_s / 10000.0) : -1);
        } else {
            fprintf(f, ",\"knee_msgs_per_s\":null");
        }
    }
    if (o->scenario == SC_CHURN) {
        fprintf(f, ",\"churn\":{\"rate\":%.1f,\"started\":%llu,\"completed\":%llu,\"failed\":%llu,\"skipped\":%llu,"
                   "\"handshake_ms\":",
                o->churn_rate, (unsigned long long)r->churn_started, (unsigned long long)r->churn_done,
                (unsigned long long)r->churn_failed, (unsigned long long)r->churn_skipped);
        samples_write_json(f, &r->churn_handshake);
        fprintf(f, "}");
    }
    if (o->scenario == SC_SLOW_READER) {
        long max = -1;
        for (int i = 0; i < r->nrss; i++) if (r->rss_kb[i] > max) max = r->rss_kb[i];
        fprintf(f, ",\"slow_reader\":{\"agent\":%d,\"chats_excluded\":%d,\"stalled_at_s\":%.1f,\"rss_kb_at_stall\":%ld,"
                   "\"rss_kb_max\":%ld,\"rss_growth_kb\":%ld,\"disconnected_by_server\":%s,\"disconnected_after_s\":",
                r->stall_agent, r->chats_excluded, o->duration / 3, r->rss_at_stall_kb, max,
                max >= 0 && r->rss_at_stall_kb >= 0 ? max - r->rss_at_stall_kb : -1,
                r->stall_disconnected ? "true" : "false");
        json_num(f, r->stall_disconnected ? (double)(r->stall_closed_ns - r->stall_at_ns) / 1e9 : -1);
        fprintf(f, "}");
    }
    if (o->server_pid && r->nrss) {
        fprintf(f, ",\"rss_kb_series\":[");
        for (int i = 0; i < r->nrss; i++) fprintf(f, "%s[%.1f,%ld]", i ? "," : "", r->rss_t[i], r->rss_kb[i]);
        fprintf(f, "]");
    }
    fprintf(f, ",\"errors\":{\"count\":%llu,\"unexpected_closes\":%llu,\"late_offers\":%llu,\"first\":",
            (unsigned long long)r->errors, (unsigned long long)r->unexpected_closes, (unsigned long long)r->late_offers);
    json_str(f, r->first_error);
    fprintf(f, "},\"bench_frames\":{\"in\":%llu,\"out\":%llu}}\n", (unsigned long long)r->cl.frames_in,
            (unsigned long long)r->cl.frames_out);
    fflush(f);
}
