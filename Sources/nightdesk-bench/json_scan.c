#include "json_scan.h"

#include <string.h>

struct cursor {
    const char *p, *end;
};

static void skip_ws(struct cursor *c) {
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r')) c->p++;
}

/* At an opening quote: moves past the closing quote; span is the raw inside. */
static int scan_string(struct cursor *c, struct jspan *span) {
    if (c->p >= c->end || *c->p != '"') return -1;
    const char *start = ++c->p;
    while (c->p < c->end) {
        if (*c->p == '\\') {
            c->p += 2;
            continue;
        }
        if (*c->p == '"') {
            if (span) {
                span->p = start;
                span->len = (size_t)(c->p - start);
            }
            c->p++;
            return 0;
        }
        c->p++;
    }
    return -1;
}

/* Skips any value: strings respect escapes, containers nest by counting. */
static int skip_value(struct cursor *c) {
    skip_ws(c);
    if (c->p >= c->end) return -1;
    if (*c->p == '"') return scan_string(c, NULL);
    if (*c->p == '{' || *c->p == '[') {
        int depth = 0;
        while (c->p < c->end) {
            char ch = *c->p;
            if (ch == '"') {
                if (scan_string(c, NULL)) return -1;
                continue;
            }
            if (ch == '{' || ch == '[') depth++;
            if (ch == '}' || ch == ']') {
                depth--;
                if (depth == 0) {
                    c->p++;
                    return 0;
                }
            }
            c->p++;
        }
        return -1;
    }
    /* number, true, false, null */
    while (c->p < c->end && *c->p != ',' && *c->p != '}' && *c->p != ']' && *c->p != ' ' && *c->p != '\n')
        c->p++;
    return 0;
}

static int key_is(struct jspan k, const char *lit) { return jspan_is(k, lit); }

int jspan_is(struct jspan s, const char *lit) {
    size_t n = strlen(lit);
    return s.p && s.len == n && memcmp(s.p, lit, n) == 0;
}

int json_scan_frame(const char *buf, size_t len, struct frame *out) {
    memset(out, 0, sizeof *out);
    out->seq = -1;
    out->available = -1;
    struct cursor c = {buf, buf + len};
    skip_ws(&c);
    if (c.p >= c.end || *c.p != '{') return -1;
    c.p++;
    for (;;) {
        skip_ws(&c);
        if (c.p < c.end && *c.p == '}') return 0;
        struct jspan key;
        if (scan_string(&c, &key)) return -1;
        skip_ws(&c);
        if (c.p >= c.end || *c.p != ':') return -1;
        c.p++;
        skip_ws(&c);
        if (c.p >= c.end) return -1;
        struct jspan *target = NULL;
        if (key_is(key, "type")) target = &out->type;
        else if (key_is(key, "session")) target = &out->session;
        else if (key_is(key, "id")) target = &out->id;
        else if (key_is(key, "from")) target = &out->from;
        else if (key_is(key, "text")) target = &out->text;
        else if (key_is(key, "code")) target = &out->code;
        else if (key_is(key, "role")) target = &out->role;
        else if (key_is(key, "site")) target = &out->site;
        else if (key_is(key, "token")) target = &out->token;
        if (target && *c.p == '"') {
            if (scan_string(&c, target)) return -1;
        } else if (key_is(key, "seq") && *c.p >= '0' && *c.p <= '9') {
            long long v = 0;
            while (c.p < c.end && *c.p >= '0' && *c.p <= '9') v = v * 10 + (*c.p++ - '0');
            out->seq = v;
        } else if (key_is(key, "available") && (*c.p == 't' || *c.p == 'f')) {
            out->available = *c.p == 't';
            if (skip_value(&c)) return -1;
        } else if (skip_value(&c)) {
            return -1;
        }
        skip_ws(&c);
        if (c.p < c.end && *c.p == ',') {
            c.p++;
            continue;
        }
        if (c.p < c.end && *c.p == '}') return 0;
        return -1;
    }
}
