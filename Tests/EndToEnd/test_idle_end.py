"""Idle sessions end by themselves and become leads; silent ones do not.

With the test config (demo idle timeout 1.5 s):
- a visitor who said something and disconnected is ended for idleness: the
  lead appears with its transcript and an `ended_at` at least the idle
  timeout after the last message, and the resume token no longer resumes;
- a visitor who stays connected is not idle, however long it is quiet;
- a session in which the visitor never said anything is not a lead, whether
  it ended by `leave` or by idleness.
"""

from nightdesk_e2e import Visitor, assert_transcript_is_what_visitor_saw, is_timestamp, parse_timestamp, run

IDLE = 1.5


def test_idle_end(config_server):
    async def chat():
        v = await Visitor.connect(config_server, label="idler")
        await v.hello()
        await v.say_and_get_reply("Are you open on Saturday?")
        await v.close()  # a disconnect, not a leave
        return v

    v = run(chat())
    lead = config_server.wait_for_lead(v.session, timeout=15)
    assert is_timestamp(lead.get("ended_at")), lead
    assert_transcript_is_what_visitor_saw(lead["transcript"], v, trailing_system_ok=True)
    last_at = max(m["at"] for m in v.messages.values())
    # 0.2 s of slack for clock rounding; a session ended at disconnect would be ~0 s.
    assert parse_timestamp(lead["ended_at"]) - parse_timestamp(last_at) >= IDLE - 0.2, (
        f"ended at {lead['ended_at']}, last message at {last_at}: not an idle end"
    )

    async def come_back():
        w = await Visitor.connect(config_server, label="back")
        welcome = await w.hello(resume=v.resume_token, last_seq=0)
        assert welcome["resumed"] is False, "an idle-ended session must not resume"
        assert welcome["session"] != v.session
        await w.leave()

    run(come_back())


def test_connected_visitor_is_not_idle(config_server):
    async def body():
        v = await Visitor.connect(config_server, label="patient")
        await v.hello()
        await v.say_and_get_reply("Let me find my insurance card...")
        # Twice the idle timeout, quiet but connected: no `ended` may arrive.
        await v.expect_silence(lambda: v.ended is not None or v.closed, seconds=2 * IDLE + 0.5, what="session ended")
        await v.say_and_get_reply("Found it: Delta Dental PPO.")
        await v.leave()

    run(body())


def test_silent_sessions_are_not_leads(config_server):
    async def body():
        # Ended by leave: the lead would be written before `ended`.
        leaver = await Visitor.connect(config_server, label="leaver")
        await leaver.hello()
        assert await leaver.leave() == 1000
        assert config_server.lead_for_session(leaver.session) is None, "a silent session became a lead"

        # Ended by idleness: disconnect a silent visitor, then a talking one.
        silent = await Visitor.connect(config_server, label="silent")
        await silent.hello()
        await silent.close()
        talker = await Visitor.connect(config_server, label="talker")
        await talker.hello()
        await talker.say_and_get_reply("Do you see children?")
        await talker.close()
        return leaver, silent, talker

    leaver, silent, talker = run(body())
    # The talker went quiet after the silent one, so once the talker's idle
    # lead exists the silent session has been idle for longer: it has ended.
    config_server.wait_for_lead(talker.session, timeout=15)
    assert config_server.lead_for_session(silent.session) is None, "a silent idle session became a lead"
    assert {lead["session"] for lead in config_server.leads()} == {talker.session}
