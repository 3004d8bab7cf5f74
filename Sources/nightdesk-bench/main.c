/* nightdesk-bench: the load generator for NightDesk and its comparison
 * peers. See options.c for the help text, relay.c and idle.c for the
 * scenarios. One thread, one libuv loop: the generator must cost far less
 * than the server it measures, and it checks that it did. */

#include <signal.h>
#include <stdio.h>

#include "idle.h"
#include "options.h"
#include "relay.h"

int main(int argc, char **argv) {
    struct options o;
    options_defaults(&o);
    int rc = options_parse(&o, argc, argv);
    if (rc == 1) return 0;
    if (rc < 0) return 64;
    /* A server that resets a connection must not kill the generator. */
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stderr, NULL, _IOLBF, 0);
    return o.scenario == SC_IDLE ? run_idle_scenario(&o) : run_chat_scenario(&o);
}
