"""A repeated `say` id is acknowledged with the original seq and stored once.

Proves the at-least-once delivery contract: a client that re-sends an
unacknowledged `say` (same connection, or after reconnecting with its resume
token) gets an `ack` carrying the first seq, and the lead's transcript holds
the text exactly once.
"""

from nightdesk_e2e import Visitor, run

TEXT = "Do you do emergency extractions on Saturdays?"


def test_idempotent_say(server):
    async def body():
        v = await Visitor.connect(server, label="v")
        await v.hello()
        seq = await v.say_and_get_reply(TEXT, frame_id="dup-1")

        # Same connection, same id: the original seq.
        assert await v.say(TEXT, frame_id="dup-1") == seq
        assert len(v.acks_for("dup-1")) == 2

        # A different id with the same text is a new message.
        other = await v.say("ok", frame_id="dup-2")
        assert other > seq
        await v.recv_until(lambda: other in v.messages, what="echo of dup-2")

        # After a reconnect, the same id still answers with the original seq.
        v.abort()
        again = await Visitor.connect(server, label="again")
        welcome = await again.hello(resume=v.resume_token, last_seq=max(v.messages))
        assert welcome["resumed"] is True and welcome["session"] == v.session
        assert await again.say(TEXT, frame_id="dup-1") == seq
        assert await again.say("ok", frame_id="dup-2") == other
        assert [m for m in again.messages.values() if m["from"] == "visitor"] == [], (
            "a repeated say must not create a new message"
        )
        await again.leave()
        return again

    again = run(body())
    lead = server.lead_for_session(again.session)
    assert lead is not None
    texts = [m["text"] for m in lead["transcript"] if m["from"] == "visitor"]
    assert texts == [TEXT, "ok"], f"visitor messages in the lead: {texts}"
    seqs = [m["seq"] for m in lead["transcript"]]
    assert seqs == list(range(1, len(seqs) + 1))
