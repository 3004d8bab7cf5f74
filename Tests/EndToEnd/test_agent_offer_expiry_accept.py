"""An offer goes to one available agent, expires, goes to the second, who
accepts; then the chat is relayed both ways with acks and the bot is silent.

Proves (two agents of site `demo`, offers expire after 1.5 s):
- the agent welcome carries the agent's id and name, `available: false` and
  no sessions; `status` is echoed;
- nothing is offered at the visitor's hello, only once the visitor says
  something; the bot answers that first message at once regardless;
- the offer goes to one agent at a time, with summary (practice name, phone,
  the visitor's page), history and `expires_at`; not accepted, it goes to the
  other agent only after it expired;
- `accept` answers `assigned` with the whole history; the visitor sees
  "<Name> joined the chat"; the first agent's late accept is a `conflict`;
- agent `say` is acked with a seq, reaches the visitor from `agent` with the
  agent's name and comes back to the agent; visitor `say` reaches the agent
  as a `message` with the session; the bot no longer answers;
- the visitor's `leave` ends the agent's chat too, and the lead records both
  the bot and the agent as handlers.
"""

from agent_e2e import (
    OFFER_TIMEOUT,
    Agent,
    agent_server,
    assert_history_matches,
    assert_offer,
    bot_spoke_after,
    first_to,
    quiet_all,
    system_said,
    visitor_says,
)
from nightdesk_e2e import Visitor, assert_transcript_is_what_visitor_saw, parse_timestamp, run

PAGE = "https://practice.example/cleaning"
NAMES = {"amy": "Amy", "bob": "Bob"}


def test_offer_expiry_second_agent_accepts_and_relays(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"]), ("bob", "Bob", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"])
        w = amy.welcome
        assert (w["agent"].get("id"), w["agent"].get("name")) == ("amy", "Amy"), w
        assert w.get("available") is False and w.get("sessions") == [], w
        await amy.set_available(True)
        bob = await Agent.online(server, creds["bob"], available=True)
        agents = [amy, bob]

        v = await Visitor.connect(server, label="visitor")
        await v.hello(page=PAGE)
        # Nothing is offered for a visitor who has said nothing.
        await quiet_all(agents, lambda a: a.offers, seconds=0.5, what="offer before the visitor said anything")

        first_say = await v.say_and_get_reply("Hi, I need a cleaning, do you have anything next week?")

        first = await first_to(agents, lambda a: a.offers_for(v.session), what="the first offer")
        second = bob if first is amy else amy
        offer1 = first.offers_for(v.session)[0]
        assert_offer(offer1, v, page=PAGE)
        assert not second.offers_for(v.session), "offered to both agents at once"

        # Not accepted: after expires_at it goes to the second agent.
        offer2 = await second.wait_offer(v.session, timeout=OFFER_TIMEOUT + 8)
        assert_offer(offer2, v, page=PAGE)
        expired = parse_timestamp(offer1["expires_at"])
        assert offer2["_t"] >= expired - 0.25, (
            f"second offer arrived {expired - offer2['_t']:.2f}s before the first one expired"
        )
        assert len(first.offers_for(v.session)) == 1, "the first agent was offered the chat again"

        assigned = await second.accept(v.session)
        assert assigned.get("site") == "demo", assigned
        name = NAMES[second.label]
        await v.recv_until(lambda: system_said(v, f"{name} joined the chat"), what=f"'{name} joined the chat'")
        joined_seq = system_said(v, f"{name} joined the chat")["seq"]
        assert_history_matches(assigned["history"], v)
        assert any(m["seq"] == first_say for m in assigned["history"])
        if "summary" in assigned:
            assert assigned["summary"].get("handler") == "agent", assigned["summary"]

        # The first agent's offer expired and the chat is taken: conflict.
        err = await first.expect_error({"type": "accept", "session": v.session}, "conflict")
        assert err.get("ref") is None, f"accept carried no id, yet the error has ref {err.get('ref')!r}"

        # Agent -> visitor, acked, echoed to the agent.
        text = f"Hello, this is {name} at Demo Dental. How can I help?"
        seq = await second.say(v.session, text)
        await v.recv_until(lambda: seq in v.messages, what="the agent's message")
        got = v.messages[seq]
        assert (got.get("from"), got.get("name"), got.get("text")) == ("agent", name, text), got
        await second.wait_message(v.session, lambda m: m.get("seq") == seq, what="echo of own say")

        # Visitor -> agent; the bot stays silent now.
        vseq = await visitor_says(v, "Tuesday afternoon would be great.")
        m = await second.wait_message(v.session, lambda m: m.get("seq") == vseq, what="the visitor's message")
        assert (m.get("from"), m.get("text")) == ("visitor", "Tuesday afternoon would be great."), m
        await v.expect_silence(lambda: bot_spoke_after(v, vseq), seconds=1.5, what="the bot answered an agent's chat")

        reply_seq = await second.say(v.session, "Tuesday at 3 pm works. Can I have your phone number?")
        await v.recv_until(lambda: reply_seq in v.messages, what="second agent message")
        assert reply_seq > vseq

        # The first agent sees nothing of the chat once the second holds it.
        assert all(s < joined_seq for s in first.chats.get(v.session, {})), (
            f"{first.label} received messages of a chat it does not hold: {first.seen_in(v.session)}"
        )

        await v.leave()
        await second.recv_until(lambda: second.ended_for(v.session), what="ended after the visitor left")
        assert second.ended_for(v.session).get("reason") == "visitor_left", second.ended_for(v.session)
        assert not first.errors[1:], f"unexpected errors for {first.label}: {first.errors}"
        assert not second.errors, f"unexpected errors for {second.label}: {second.errors}"
        return v, second.label

    v, holder = run(body())
    lead = server.wait_for_lead(v.session)
    assert_transcript_is_what_visitor_saw(lead["transcript"], v)
    handled = lead.get("handled_by", [])
    assert "bot" in handled and f"agent:{holder}" in handled, f"handled_by {handled}"
