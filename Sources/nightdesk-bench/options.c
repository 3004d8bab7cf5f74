#include "options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *usage_text =
"nightdesk-bench: a load generator for NightDesk's WebSocket protocol (nightdesk.v1).\n"
"\n"
"It opens many WebSocket connections from one thread, through a lean WebSocket\n"
"client of its own on a libuv loop (wsraw.c; not libwebsockets, whose client\n"
"cost too much CPU per message), plays visitors and agents as PROTOCOL.md\n"
"describes, and prints one JSON object with the measurements on stdout.\n"
"Progress goes to stderr.\n"
"\n"
"USAGE\n"
"  nightdesk-bench --scenario NAME --url ws://HOST:PORT/ws [options]\n"
"\n"
"SCENARIOS\n"
"  idle         Ramp --sessions visitors (hello, welcome, then silence). Reports\n"
"               sessions/s during the ramp, connect->welcome p50/p99, server RSS\n"
"               per session after --settle s, server CPU over --idle-window s.\n"

"  relay        --chats chats, each a visitor and an agent's side of it. Each\n"
"               side says --rate messages/s on a fixed schedule for --duration s.\n"
"               Reports visitor->agent and agent->visitor latency, ack latency,\n"
"               loss, duplicates and reordering.\n"
"  throughput   relay at --chats, raising --rate by --rate-factor every\n"
"               --step-duration s until p99 > --max-p99-ms or a message is lost.\n"
"               Reports every step, the knee, and server CPU per 10k msg/s.\n"
"  churn        relay, plus --churn-rate visitors a second that connect, get\n"
"               welcome and disconnect. Reports server RSS before and after.\n"
"  slow-reader  relay, and after a third of --duration the first agent stops\n"
"               reading its socket. Reports server RSS every second.\n"
"\n"
"OPTIONS\n"
"  --url URL              ws://HOST:PORT/PATH of the server (default ws://127.0.0.1:8080/ws)\n"
"  --site ID              site named in the visitor hello (default demo)\n"
"  --origin ORIGIN        Origin header sent at the handshake (default https://bench.nightdesk.invalid)\n"
"  --label NAME           names the server under test in the output (default nightdesk)\n"
"  --server-pid PID       read the server's RSS and CPU from /proc/PID\n"
"  --agent-token T        an agent's token; repeat for several agents\n"
"  --agent-token-file F   agent tokens, one a line (keeps them out of `ps`)\n"
"  --agents N             sign in only the first N tokens (default: every token given)\n"
"  --agent-capacity N     chats one agent holds, as set by `agents add --capacity` (default 50)\n"
"  --sessions N           idle: visitors to open (default 1000)\n"
"  --chats N              relay scenarios: chats (default 100)\n"
"  --rate R               messages per second per side of each chat (default 1)\n"
"  --duration S           seconds of scheduled sending (default 30)\n"
"  --text-bytes N         pad every measured message with N bytes (default 0, max 3000);\n"
"                         slow-reader pads only the stalled agent's chats, once stalled\n"
"  --concurrency N        handshakes in flight while ramping (default 200)\n"
"  --settle S             idle: wait before reading RSS (default 5)\n"
"  --idle-window S        idle: seconds of server CPU measured at rest (default 10)\n"
"  --churn-rate R         churn: connects+disconnects a second (default 200)\n"
"  --drain S              wait at most S seconds for messages in flight (default 5)\n"
"  --setup-timeout S      time allowed for connecting and assigning chats (default 60)\n"
"  --step-duration S      throughput: seconds per step (default 10)\n"
"  --rate-factor F        throughput: rate multiplier between steps (default 1.5)\n"
"  --max-steps N          throughput: at most N steps (default 12)\n"
"  --max-p99-ms MS        throughput: the latency that ends the search (default 50)\n"
"  --cpu-limit F          the run is INVALID when the bench used more than F of\n"
"                         one core (default 0.8): then it, not the server, was the limit\n"
"  -v, --verbose          more progress on stderr\n"
"  -h, --help             this text\n"
"\n"
"MEASURING\n"
"  Sending is open loop: message n of a side is due at start + n/rate whatever\n"
"  happened before, and its text carries that due time (\"b:<chat>:<n>:<ns>\",\n"
"  CLOCK_MONOTONIC). The receiver subtracts it from its arrival time, so a\n"
"  stall in the server or the bench shows up as latency, not as a pause.\n"
"  Ack latency is due time -> ack (for NightDesk: the message is fsynced).\n"
"  Relay needs the server's per-connection rate limit raised (frames_per_minute)\n"
"  and agents covering the site that are off duty during the office's hours or\n"
"  a site with hours = \"closed\" so that every chat is offered to an agent.\n"
"\n"
"EXIT CODES\n"
"  0 measured, nothing lost; 1 the run failed (connect, setup, protocol error);\n"
"  3 messages were lost or sessions failed; 4 INVALID (the bench used more CPU\n"
"  than --cpu-limit); 64 bad usage.\n"
"\n"
"EXAMPLE\n"
"  nightdesk agents add bench1 --name Bench --sites demo --capacity 50 > t.txt\n"
"  nightdesk-bench --scenario relay --url ws://127.0.0.1:8080/ws --chats 40 \\\n"
"      --rate 2 --duration 20 --agent-token-file t.txt --server-pid $(pgrep -n nightdesk)\n";

void options_usage(FILE *f) { fputs(usage_text, f); }

void options_defaults(struct options *o) {
    memset(o, 0, sizeof *o);
    o->scenario = SC_RELAY;
    o->scenario_name = "relay";
    snprintf(o->host, sizeof o->host, "127.0.0.1");
    o->port = 8080;
    snprintf(o->path, sizeof o->path, "/ws");
    o->site = "demo";
    o->origin = "https://bench.nightdesk.invalid";
    o->label = "nightdesk";
    o->agent_capacity = 50;
    o->sessions = 1000;
    o->chats = 100;
    o->rate = 1;
    o->duration = 30;
    o->concurrency = 200;
    o->settle = 5;
    o->idle_window = 10;
    o->churn_rate = 200;
    o->drain = 5;
    o->setup_timeout = 60;
    o->step_duration = 10;
    o->rate_factor = 1.5;
    o->max_steps = 12;
    o->max_p99_ms = 50;
    o->cpu_limit = 0.8;
}

static int parse_url(struct options *o, const char *url) {
    if (strncmp(url, "wss://", 6) == 0) {
        fprintf(stderr, "nightdesk-bench: --url %s: wss:// is not supported; benchmark over ws:// on loopback\n", url);
        return -1;
    }
    if (strncmp(url, "ws://", 5) != 0) {
        fprintf(stderr, "nightdesk-bench: --url %s: expected ws://HOST:PORT/PATH\n", url);
        return -1;
    }
    const char *h = url + 5, *slash = strchr(h, '/'), *colon = strchr(h, ':');
    const char *hend = slash ? slash : h + strlen(h);
    if (colon && colon < hend) {
        char *end;
        long port = strtol(colon + 1, &end, 10);
        if (end != hend || port < 1 || port > 65535) {
            fprintf(stderr, "nightdesk-bench: --url %s: bad port\n", url);
            return -1;
        }
        o->port = (int)port;
        hend = colon;
    } else {
        o->port = 80;
    }
    size_t hl = (size_t)(hend - h);
    if (hl == 0 || hl >= sizeof o->host) {
        fprintf(stderr, "nightdesk-bench: --url %s: bad host\n", url);
        return -1;
    }
    memcpy(o->host, h, hl);
    o->host[hl] = 0;
    snprintf(o->path, sizeof o->path, "%s", slash ? slash : "/");
    return 0;
}

static int add_token(struct options *o, const char *t) {
    const char **n = realloc(o->tokens, (size_t)(o->ntokens + 1) * sizeof *n);
    if (!n) return -1;
    o->tokens = n;
    o->tokens[o->ntokens++] = t;
    return 0;
}

static int read_token_file(struct options *o, const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "nightdesk-bench: --agent-token-file %s: %s\n", path, strerror(errno));
        return -1;
    }
    char line[512];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        char *t = strdup(line);
        if (!t || add_token(o, t)) { fclose(f); return -1; }
    }
    fclose(f);
    return 0;
}

static int num(const char *flag, const char *v, double min, double *out) {
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (errno || *end || end == v || d < min) {
        fprintf(stderr, "nightdesk-bench: %s %s: expected a number >= %g\n", flag, v, min);
        return -1;
    }
    *out = d;
    return 0;
}

static int inum(const char *flag, const char *v, int min, int *out) {
    double d;
    if (num(flag, v, min, &d)) return -1;
    if (d != (double)(int)d) {
        fprintf(stderr, "nightdesk-bench: %s %s: expected a whole number\n", flag, v);
        return -1;
    }
    *out = (int)d;
    return 0;
}

int options_parse(struct options *o, int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { options_usage(stdout); return 1; }
        if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) { o->verbose = 1; continue; }
        if (i + 1 >= argc) {
            fprintf(stderr, "nightdesk-bench: %s needs a value (or is unknown); see --help\n", a);
            return -1;
        }
        const char *v = argv[++i];
        int rc = 0, pid = 0;
        if (!strcmp(a, "--scenario")) {
            static const char *names[] = {"idle", "relay", "throughput", "churn", "slow-reader"};
            int found = -1;
            for (int k = 0; k < 5; k++) if (!strcmp(v, names[k])) found = k;
            if (found < 0) {
                fprintf(stderr, "nightdesk-bench: --scenario %s: expected idle, relay, throughput, churn or slow-reader\n", v);
                return -1;
            }
            o->scenario = (enum scenario)found;
            o->scenario_name = names[found];
        } else if (!strcmp(a, "--url")) rc = parse_url(o, v);
        else if (!strcmp(a, "--site")) o->site = v;
        else if (!strcmp(a, "--origin")) o->origin = v;
        else if (!strcmp(a, "--label")) o->label = v;
        else if (!strcmp(a, "--server-pid")) { rc = inum(a, v, 1, &pid); o->server_pid = pid; }
        else if (!strcmp(a, "--agent-token")) rc = add_token(o, v);
        else if (!strcmp(a, "--agent-token-file")) rc = read_token_file(o, v);
        else if (!strcmp(a, "--agents")) rc = inum(a, v, 1, &o->agents);
        else if (!strcmp(a, "--agent-capacity")) rc = inum(a, v, 1, &o->agent_capacity);
        else if (!strcmp(a, "--sessions")) rc = inum(a, v, 1, &o->sessions);
        else if (!strcmp(a, "--chats")) rc = inum(a, v, 1, &o->chats);
        else if (!strcmp(a, "--rate")) rc = num(a, v, 0.001, &o->rate);
        else if (!strcmp(a, "--duration")) rc = num(a, v, 0.1, &o->duration);
        else if (!strcmp(a, "--text-bytes")) {
            rc = inum(a, v, 0, &o->text_bytes);
            if (!rc && o->text_bytes > 3000) {
                fprintf(stderr, "nightdesk-bench: --text-bytes %s: at most 3000 (the server refuses texts over 4000 characters)\n", v);
                return -1;
            }
        }
        else if (!strcmp(a, "--concurrency")) rc = inum(a, v, 1, &o->concurrency);
        else if (!strcmp(a, "--settle")) rc = num(a, v, 0, &o->settle);
        else if (!strcmp(a, "--idle-window")) rc = num(a, v, 0.1, &o->idle_window);
        else if (!strcmp(a, "--churn-rate")) rc = num(a, v, 0.1, &o->churn_rate);
        else if (!strcmp(a, "--drain")) rc = num(a, v, 0, &o->drain);
        else if (!strcmp(a, "--setup-timeout")) rc = num(a, v, 1, &o->setup_timeout);
        else if (!strcmp(a, "--step-duration")) rc = num(a, v, 0.5, &o->step_duration);
        else if (!strcmp(a, "--rate-factor")) rc = num(a, v, 1.01, &o->rate_factor);
        else if (!strcmp(a, "--max-steps")) rc = inum(a, v, 1, &o->max_steps);
        else if (!strcmp(a, "--max-p99-ms")) rc = num(a, v, 0.001, &o->max_p99_ms);
        else if (!strcmp(a, "--cpu-limit")) rc = num(a, v, 0.01, &o->cpu_limit);
        else {
            fprintf(stderr, "nightdesk-bench: unknown option %s; see --help\n", a);
            return -1;
        }
        if (rc) return -1;
    }
    if (o->scenario != SC_IDLE && o->ntokens == 0) {
        fprintf(stderr, "nightdesk-bench: --scenario %s needs agents: give --agent-token or --agent-token-file\n"
                        "  (create them with `nightdesk agents add ID --name NAME --sites %s --capacity 50`)\n",
                o->scenario_name, o->site);
        return -1;
    }
    if (o->agents > 0 && o->agents < o->ntokens) o->ntokens = o->agents;
    if (o->scenario != SC_IDLE && o->chats > o->ntokens * o->agent_capacity) {
        fprintf(stderr, "nightdesk-bench: %d chats need %d agents of capacity %d; got %d token(s)\n",
                o->chats, (o->chats + o->agent_capacity - 1) / o->agent_capacity, o->agent_capacity, o->ntokens);
        return -1;
    }
    if (o->scenario == SC_SLOW_READER && o->ntokens < 2) {
        fprintf(stderr, "nightdesk-bench: slow-reader needs at least 2 agents (one stops reading)\n");
        return -1;
    }
    return 0;
}
