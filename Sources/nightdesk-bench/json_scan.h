#ifndef ND_BENCH_JSON_SCAN_H
#define ND_BENCH_JSON_SCAN_H

/* Reads the top-level fields of one server frame that the bench acts on.
 * Not a general JSON parser: nested objects and arrays (history, summary,
 * site) are skipped whole, and string values are left escaped, pointing into
 * the frame. The bench's own texts and ids never need unescaping. Frames
 * from different servers (NightDesk, the peers) differ in key order and
 * whitespace, so fields are found by walking the object, not by position. */

#include <stddef.h>

struct jspan {
    const char *p; /* NULL when the field is absent or not a string */
    size_t len;
};

struct frame {
    struct jspan type, session, id, from, text, code;
    struct jspan role, site, token; /* hello: read by the C peer */
    long long seq; /* -1 when absent */
    int available; /* status: 1 true, 0 false, -1 absent */
};

/* 0 on success, -1 when the text is not one JSON object. */
int json_scan_frame(const char *buf, size_t len, struct frame *out);
/* Whether a span equals a C string. */
int jspan_is(struct jspan s, const char *lit);

#endif
