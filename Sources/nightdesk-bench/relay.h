#ifndef ND_BENCH_RELAY_H
#define ND_BENCH_RELAY_H

/* The chat scenarios: relay, throughput, churn and slow-reader. They share
 * one engine: agents sign in and go available, visitors say hello and their
 * first words, the agents accept the offers, and then both sides of every
 * chat send on an open-loop schedule while the receivers time each message.
 * Each scenario prints one JSON object and returns the exit code. */

#include "options.h"

int run_chat_scenario(const struct options *o);

#endif
