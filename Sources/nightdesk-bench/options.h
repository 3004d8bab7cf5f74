#ifndef ND_BENCH_OPTIONS_H
#define ND_BENCH_OPTIONS_H

/* The command line: every flag, its default, and the help text that teaches
 * them. Parsing never exits; main decides what an error means. */

#include <stdio.h>
#include <sys/types.h>

enum scenario { SC_IDLE, SC_RELAY, SC_THROUGHPUT, SC_CHURN, SC_SLOW_READER };

struct options {
    enum scenario scenario;
    const char *scenario_name;
    /* where */
    char host[256];
    int port;
    char path[256];
    const char *site;
    const char *origin;
    const char *label; /* names the server in the output, e.g. "nightdesk", "node" */
    pid_t server_pid;
    /* agents */
    const char **tokens;
    int ntokens;
    int agent_capacity;
    int agents; /* sign in only the first N tokens; 0: all */
    /* sizes */
    int sessions;
    int chats;
    double rate; /* messages per second, per side of each chat */
    double duration;
    int text_bytes; /* padding added to every measured message */
    int concurrency; /* handshakes in flight during a ramp */
    double settle;
    double idle_window;
    double churn_rate;
    double drain;
    double setup_timeout;
    /* throughput */
    double step_duration;
    double rate_factor;
    int max_steps;
    double max_p99_ms;
    /* validity */
    double cpu_limit; /* fraction of one core */
    int verbose;
};

void options_defaults(struct options *o);
/* 0: run; 1: --help printed; -1: bad usage (message already on stderr). */
int options_parse(struct options *o, int argc, char **argv);
void options_usage(FILE *f);

#endif
