#ifndef ND_BENCH_FRAMES_H
#define ND_BENCH_FRAMES_H

/* The client frames of PROTOCOL.md the bench sends, written into a caller's
 * buffer; each returns its length, or -1 if it did not fit. Values the bench
 * chooses (ids, texts) never need escaping; tokens, sites and session ids
 * come from outside and are escaped. */

#include <stddef.h>
#include <stdint.h>

int frame_visitor_hello(char *buf, size_t cap, const char *site);
int frame_agent_hello(char *buf, size_t cap, const char *token);
int frame_status_available(char *buf, size_t cap);
int frame_accept(char *buf, size_t cap, const char *session);
/* A visitor's say: id "v<n>-<due_ns>", text "b:<chat>:<n>:<due_ns>", then
 * ":" and `pad` filler bytes when pad > 0. */
int frame_visitor_say(char *buf, size_t cap, int chat, uint32_t n, int64_t due_ns, int pad);
/* An agent's say: id "a<chat>-<n>-<due_ns>", same text shape. */
int frame_agent_say(char *buf, size_t cap, const char *session, int chat, uint32_t n, int64_t due_ns, int pad);
/* An agent ends a chat it holds: the bench's chats end with the run, so a
 * second run on the same server finds its agents with room again. */
int frame_close(char *buf, size_t cap, const char *session);
/* The first words of a chat, which make the server offer it to an agent. */
int frame_visitor_opener(char *buf, size_t cap);

#endif
