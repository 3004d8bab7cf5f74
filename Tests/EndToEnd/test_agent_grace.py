"""An agent's dropped connection: the chat waits the grace period (1.5 s here).

Proves:
- back within the grace period, the agent's welcome lists the chat
  (`handler: agent`, `agent: amy`) and relaying goes on both ways; past the
  grace deadline the chat is still the agent's and the bot stays silent;
- not back in time, the chat returns to the auto-responder (which answers the
  visitor again), the visitor is told in a `system` message that the agent was
  disconnected (not before the grace period ran out), the chat is offered to
  another available agent, and the late agent no longer holds it.
"""

import time

from agent_e2e import (
    AGENT_GRACE,
    Agent,
    agent_server,
    assert_summary,
    bot_spoke_after,
    system_said,
    visitor_says,
)
from nightdesk_e2e import Visitor, parse_timestamp, run


async def assigned_chat(server, amy_cred):
    amy = await Agent.online(server, amy_cred, available=True)
    v = await Visitor.connect(server, label="visitor")
    await v.hello()
    await v.say_and_get_reply("Hi, my crown came off.")
    await amy.wait_offer(v.session)
    await amy.accept(v.session)
    await v.recv_until(lambda: system_said(v, "Amy joined the chat"), what="'Amy joined the chat'")
    seq = await amy.say(v.session, "Hi, Amy here. Is it painful?")
    await v.recv_until(lambda: seq in v.messages, what="Amy's message")
    return amy, v


def test_agent_back_within_grace_continues(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"])])

    async def body():
        amy, v = await assigned_chat(server, creds["amy"])
        last = max(v.messages)
        amy.abort()  # signal lost, no close handshake
        dropped = time.monotonic()

        amy2 = await Agent.online(server, creds["amy"], label="amy-again")
        assert time.monotonic() - dropped < AGENT_GRACE, "reconnect took longer than the grace period"
        sessions = amy2.welcome.get("sessions")
        mine = [s for s in sessions if s.get("session") == v.session]
        assert len(mine) == 1, f"welcome.sessions does not list the held chat: {sessions}"
        assert_summary(mine[0], v.session, handler="agent", agent="amy")

        vseq = await visitor_says(v, "A bit, when I chew.")
        m = await amy2.wait_message(v.session, lambda m: m.get("seq") == vseq, what="visitor message after return")
        assert m.get("text") == "A bit, when I chew.", m
        aseq = await amy2.say(v.session, "Keep the crown; we can recement it tomorrow.")
        await v.recv_until(lambda: aseq in v.messages, what="agent message after return")
        assert v.messages[aseq].get("from") == "agent" and v.messages[aseq].get("name") == "Amy"

        # Past the grace deadline: still Amy's chat; no bot, no "disconnected".
        remaining = dropped + AGENT_GRACE + 1.0 - time.monotonic()
        await v.expect_silence(
            lambda: bot_spoke_after(v, last) or system_said(v, "disconnect", after=last),
            seconds=max(remaining, 0.5),
            what="chat handed back although the agent returned in time",
        )
        vseq2 = await visitor_says(v, "OK, thank you!")
        await amy2.wait_message(v.session, lambda m: m.get("seq") == vseq2, what="visitor message after the deadline")
        await v.expect_silence(lambda: bot_spoke_after(v, last), seconds=1.0, what="bot answered Amy's chat")
        assert not amy2.errors, amy2.errors
        await v.leave()

    run(body())


def test_agent_back_after_grace_chat_returns_to_bot(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"]), ("bob", "Bob", ["demo"])])

    async def body():
        amy, v = await assigned_chat(server, creds["amy"])
        bob = await Agent.online(server, creds["bob"], available=True)
        last = max(v.messages)
        amy.abort()
        dropped = time.time()

        # The visitor is told, once the grace period has run out.
        await v.recv_until(
            lambda: any(s > last and m.get("from") == "system" for s, m in v.messages.items()),
            timeout=AGENT_GRACE + 8,
            what="a system message after the agent dropped",
        )
        told = next(m for s, m in sorted(v.messages.items()) if s > last and m.get("from") == "system")
        text = told.get("text", "").lower()
        assert "disconnect" in text or "connection" in text, f"the visitor is not told the agent was disconnected: {told}"
        waited = parse_timestamp(told["at"]) - dropped
        assert waited >= AGENT_GRACE - 0.3, f"told {waited:.2f}s after the drop, before the {AGENT_GRACE}s grace period"

        # Offered again to the other available agent.
        offer = await bob.wait_offer(v.session, timeout=AGENT_GRACE + 8)
        assert offer["_t"] - dropped >= AGENT_GRACE - 0.3, (
            f"re-offered {offer['_t'] - dropped:.2f}s after the drop, before the {AGENT_GRACE}s grace period ended"
        )
        assert offer["summary"].get("handler") == "bot", offer["summary"]

        # The auto-responder has the chat again.
        await v.say_and_get_reply("Hello? Is anyone still there?")

        # Amy, back too late, holds nothing.
        amy2 = await Agent.online(server, creds["amy"], label="amy-late")
        assert all(s.get("session") != v.session for s in amy2.welcome.get("sessions", [])), amy2.welcome
        await amy2.expect_error({"type": "say", "session": v.session, "id": "late-1", "text": "sorry!"}, "not_assigned")

        await bob.accept(v.session)
        await v.recv_until(lambda: system_said(v, "Bob joined the chat"), what="'Bob joined the chat'")
        await v.leave()

    run(body())
