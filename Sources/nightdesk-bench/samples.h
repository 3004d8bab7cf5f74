#ifndef ND_BENCH_SAMPLES_H
#define ND_BENCH_SAMPLES_H

/* Latency samples kept whole (not bucketed) so percentiles are exact: even a
 * long run holds a few hundred thousand 8-byte values. */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct samples {
    int64_t *v;
    size_t n, cap;
    int sorted;
};

void samples_add(struct samples *s, int64_t ns);
void samples_clear(struct samples *s);
void samples_free(struct samples *s);
/* The p-th percentile (0..100) in milliseconds, nearest-rank; 0 when empty. */
double samples_pct_ms(struct samples *s, double p);
double samples_max_ms(struct samples *s);
/* {"n":..,"p50":..,"p99":..,"p999":..,"max":..} in milliseconds. */
void samples_write_json(FILE *f, struct samples *s);
/* v with 3 decimals, or null when negative (unknown). */
void json_num(FILE *f, double v);

#endif
