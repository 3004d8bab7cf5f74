#ifndef NIGHTDESK_BENCH_SOURCE_PORTS_H
#define NIGHTDESK_BENCH_SOURCE_PORTS_H

/* The bench picks each connection's source port itself, in turn over the
 * system's ephemeral range. Left to connect(2), the kernel looks for a free
 * port by trying candidates against every connection already open to the
 * same address: at 15,000 sessions that search took 78% of the generator's
 * core (perf: __inet_hash_connect, __inet_check_established), and the
 * ramp measured the bench, not the server. bind(2) to a given port is one
 * lookup. */
struct source_ports {
    int low, high;
    unsigned next;
};

void source_ports_init(struct source_ports *p);
/* Binds the socket to the next free port of the range, any address. A port
 * in use (or in TIME_WAIT) is skipped; when none of a few is free, the
 * socket stays unbound and connect(2) chooses as before. */
void source_ports_bind(struct source_ports *p, int fd, int family);

#endif
