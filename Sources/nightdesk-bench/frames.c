#include "frames.h"

#include <stdio.h>

/* Copies s as a JSON string body (without quotes); -1 if it does not fit. */
static int escaped(char *out, size_t cap, const char *s) {
    size_t n = 0;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        char tmp[8];
        const char *piece = tmp;
        size_t plen;
        if (ch == '"' || ch == '\\') { tmp[0] = '\\'; tmp[1] = (char)ch; plen = 2; }
        else if (ch < 0x20) { plen = (size_t)snprintf(tmp, sizeof tmp, "\\u%04x", ch); }
        else { tmp[0] = (char)ch; plen = 1; }
        if (n + plen + 1 > cap) return -1;
        for (size_t k = 0; k < plen; k++) out[n++] = piece[k];
    }
    out[n] = 0;
    return (int)n;
}

static int fit(int n, size_t cap) { return n < 0 || (size_t)n >= cap ? -1 : n; }

int frame_visitor_hello(char *buf, size_t cap, const char *site) {
    char s[256];
    if (escaped(s, sizeof s, site) < 0) return -1;
    return fit(snprintf(buf, cap, "{\"type\":\"hello\",\"role\":\"visitor\",\"site\":\"%s\","
                                  "\"page\":\"https://bench.nightdesk.invalid/\"}", s), cap);
}

int frame_agent_hello(char *buf, size_t cap, const char *token) {
    char t[512];
    if (escaped(t, sizeof t, token) < 0) return -1;
    return fit(snprintf(buf, cap, "{\"type\":\"hello\",\"role\":\"agent\",\"token\":\"%s\"}", t), cap);
}

int frame_status_available(char *buf, size_t cap) {
    return fit(snprintf(buf, cap, "{\"type\":\"status\",\"available\":true}"), cap);
}

int frame_accept(char *buf, size_t cap, const char *session) {
    char s[256];
    if (escaped(s, sizeof s, session) < 0) return -1;
    return fit(snprintf(buf, cap, "{\"type\":\"accept\",\"session\":\"%s\"}", s), cap);
}

/* The filler: the same letters every time, so padding costs no work. */
static const char filler[3001] = {[0 ... 2999] = 'x'};

int frame_visitor_say(char *buf, size_t cap, int chat, uint32_t n, int64_t due_ns, int pad) {
    return fit(snprintf(buf, cap, "{\"type\":\"say\",\"id\":\"v%u-%lld\",\"text\":\"b:%d:%u:%lld%s%.*s\"}",
                        n, (long long)due_ns, chat, n, (long long)due_ns, pad > 0 ? ":" : "", pad, filler), cap);
}

int frame_agent_say(char *buf, size_t cap, const char *session, int chat, uint32_t n, int64_t due_ns, int pad) {
    char s[256];
    if (escaped(s, sizeof s, session) < 0) return -1;
    return fit(snprintf(buf, cap, "{\"type\":\"say\",\"session\":\"%s\",\"id\":\"a%d-%u-%lld\",\"text\":\"b:%d:%u:%lld%s%.*s\"}",
                        s, chat, n, (long long)due_ns, chat, n, (long long)due_ns, pad > 0 ? ":" : "", pad, filler), cap);
}

int frame_close(char *buf, size_t cap, const char *session) {
    char s[256];
    if (escaped(s, sizeof s, session) < 0) return -1;
    return fit(snprintf(buf, cap, "{\"type\":\"close\",\"session\":\"%s\",\"disposition\":\"other\"}", s), cap);
}

int frame_visitor_opener(char *buf, size_t cap) {
    return fit(snprintf(buf, cap, "{\"type\":\"say\",\"id\":\"open\",\"text\":\"Hello, I would like to book a cleaning.\"}"), cap);
}
