#ifndef ND_BENCH_PROCSTAT_H
#define ND_BENCH_PROCSTAT_H

/* What the bench reads about processes: the server's resident memory and CPU
 * time from /proc (the server is another process, --server-pid), and its own
 * CPU from getrusage, to tell when the generator itself was the bottleneck. */

#include <sys/types.h>

/* VmRSS of pid in KiB, or -1 when unknown (no pid, process gone). */
long proc_rss_kb(pid_t pid);
/* utime + stime of pid in seconds, or -1 when unknown. */
double proc_cpu_s(pid_t pid);
/* This process's user + system CPU time in seconds. */
double self_cpu_s(void);

/* The whole machine's CPU time so far, from /proc/stat: all of it, and the
 * part a hypervisor gave to other guests (steal). On a shared virtual
 * machine, steal is when this one's cores did not run at all: latency tails
 * follow it, so each run reports it. */
struct machine_ticks {
    unsigned long long total, steal;
};
struct machine_ticks machine_ticks_now(void);
/* The share of CPU time stolen between two readings, or -1 when unknown. */
double steal_fraction(struct machine_ticks from, struct machine_ticks to);

#endif
