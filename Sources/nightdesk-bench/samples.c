#include "samples.h"

#include <math.h>
#include <stdlib.h>

void samples_add(struct samples *s, int64_t ns) {
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 4096;
        int64_t *v = realloc(s->v, cap * sizeof *v);
        if (!v) return; /* out of memory: the sample is dropped, n tells */
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = ns;
    s->sorted = 0;
}

void samples_clear(struct samples *s) { s->n = 0; s->sorted = 1; }

void samples_free(struct samples *s) {
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

static int cmp_i64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void sort_once(struct samples *s) {
    if (!s->sorted && s->n > 1) qsort(s->v, s->n, sizeof *s->v, cmp_i64);
    s->sorted = 1;
}

double samples_pct_ms(struct samples *s, double p) {
    if (s->n == 0) return 0;
    sort_once(s);
    /* nearest rank: the smallest value with at least p% of samples at or below */
    size_t rank = (size_t)ceil(p / 100.0 * (double)s->n);
    if (rank < 1) rank = 1;
    if (rank > s->n) rank = s->n;
    return (double)s->v[rank - 1] / 1e6;
}

double samples_max_ms(struct samples *s) {
    if (s->n == 0) return 0;
    sort_once(s);
    return (double)s->v[s->n - 1] / 1e6;
}

void samples_write_json(FILE *f, struct samples *s) {
    fprintf(f, "{\"n\":%zu,\"p50\":%.3f,\"p99\":%.3f,\"p999\":%.3f,\"max\":%.3f}", s->n,
            samples_pct_ms(s, 50), samples_pct_ms(s, 99), samples_pct_ms(s, 99.9), samples_max_ms(s));
}

void json_num(FILE *f, double v) {
    if (v < 0) fputs("null", f);
    else fprintf(f, "%.3f", v);
}
