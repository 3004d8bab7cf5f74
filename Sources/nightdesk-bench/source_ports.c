#include "source_ports.h"
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "clock.h"

void source_ports_init(struct source_ports *p) {
    p->low = 32768;
    p->high = 60999;
    FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");
    if (f) {
        int low, high;
        if (fscanf(f, "%d %d", &low, &high) == 2 && low > 0 && high >= low && high < 65536) {
            p->low = low;
            p->high = high;
        }
        fclose(f);
    }
    /* A different start each run: the last run's ports may be in TIME_WAIT. */
    p->next = (unsigned)(now_ns() / 1000) ^ (unsigned)getpid();
}

void source_ports_bind(struct source_ports *p, int fd, int family) {
    unsigned span = (unsigned)(p->high - p->low + 1);
    for (int tries = 0; tries < 32; tries++) {
        unsigned short port = (unsigned short)(p->low + (int)(p->next++ % span));
        int rc;
        if (family == AF_INET6) {
            struct sockaddr_in6 a;
            memset(&a, 0, sizeof a);
            a.sin6_family = AF_INET6;
            a.sin6_addr = in6addr_any;
            a.sin6_port = htons(port);
            rc = bind(fd, (struct sockaddr *)&a, sizeof a);
        } else {
            struct sockaddr_in a;
            memset(&a, 0, sizeof a);
            a.sin_family = AF_INET;
            a.sin_addr.s_addr = htonl(INADDR_ANY);
            a.sin_port = htons(port);
            rc = bind(fd, (struct sockaddr *)&a, sizeof a);
        }
        if (rc == 0 || errno != EADDRINUSE) return;
    }
}
