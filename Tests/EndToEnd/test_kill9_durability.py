"""An acknowledged message survives `kill -9` of the server.

Proves the durability contract: once `ack` arrives the message is on disk;
a server restarted on the same data directory resumes the session (same
session id, `resumed: true`), returns the message with its seq in
`welcome.history`, and the lead written at `leave` holds it exactly once.
"""

from nightdesk_e2e import Visitor, assert_transcript_is_what_visitor_saw, run

TEXT = "I chipped a front tooth, can I come in first thing tomorrow?"


def test_kill_9_after_ack(server):
    async def before_crash():
        v = await Visitor.connect(server, label="before")
        await v.hello()
        seq = await v.say(TEXT, frame_id="k-1")  # the ack alone; no waiting for the bot
        return v, seq

    v, seq = run(before_crash())
    server.kill9()
    server.restart()

    async def after_crash():
        w = await Visitor.connect(server, label="after")
        welcome = await w.hello(resume=v.resume_token, last_seq=0)
        assert welcome["resumed"] is True, f"session not resumable after restart: {welcome}"
        assert welcome["session"] == v.session
        history = {m["seq"]: m for m in welcome["history"]}
        assert seq in history, f"acknowledged seq {seq} missing after kill -9: {welcome['history']}"
        assert history[seq]["from"] == "visitor" and history[seq]["text"] == TEXT
        assert sorted(history) == list(range(1, len(history) + 1)), f"history seqs: {sorted(history)}"
        # A re-sent say (the client may not trust the ack it lost) still maps to the same seq.
        assert await w.say(TEXT, frame_id="k-1") == seq
        await w.leave()
        return w

    w = run(after_crash())
    lead = server.lead_for_session(v.session)
    assert lead is not None, f"no lead after restart: {server.leads()}"
    assert [m["text"] for m in lead["transcript"]].count(TEXT) == 1
    assert_transcript_is_what_visitor_saw(lead["transcript"], w)
