"""`decline` passes an offer on at once; an offer that ran out through every
agent stays with the auto-responder; accepting it late is a `conflict`.

Proves (two agents of site `demo`, offers expire after 1.5 s):
- the agent who declines is not offered the chat again, and the other
  agent's offer arrives before the declined one would have expired;
- the second offer, left alone, expires and is not offered to anybody again;
- an `accept` after expiry, and an `accept` of the declined offer, both get
  `error` `conflict`; neither assigns the chat;
- the chat stays with the bot, which answers the visitor's next message.
"""

from agent_e2e import OFFER_TIMEOUT, Agent, agent_server, assert_offer, first_to, quiet_all, system_said
from nightdesk_e2e import Visitor, parse_timestamp, run


def test_decline_then_late_accept_conflicts(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"]), ("bob", "Bob", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"], available=True)
        bob = await Agent.online(server, creds["bob"], available=True)
        agents = [amy, bob]

        v = await Visitor.connect(server, label="visitor")
        await v.hello()
        await v.say_and_get_reply("Do you do teeth whitening?")

        first = await first_to(agents, lambda a: a.offers_for(v.session), what="the first offer")
        second = bob if first is amy else amy
        offer1 = first.offers_for(v.session)[0]
        assert_offer(offer1, v)

        await first.decline(v.session)
        offer2 = await second.wait_offer(v.session, timeout=OFFER_TIMEOUT + 8)
        assert_offer(offer2, v)
        assert offer2["_t"] < parse_timestamp(offer1["expires_at"]), (
            "after a decline the next agent must be offered the chat at once, not after the expiry"
        )

        # The second offer runs out; there is nobody left, and nobody is offered it again.
        await quiet_all(
            agents,
            lambda a: len(a.offers_for(v.session)) > 1 or a.assigned,
            seconds=OFFER_TIMEOUT * 2 + 0.5,
            what="the chat was offered again or assigned",
        )
        late = await second.expect_error({"type": "accept", "session": v.session}, "conflict")
        assert late.get("message"), late
        await first.expect_error({"type": "accept", "session": v.session}, "conflict")
        assert not amy.assigned and not bob.assigned

        # Still the auto-responder's chat: it answers, nobody joined.
        await v.say_and_get_reply("My name is Ava Stone.")
        assert not system_said(v, "joined the chat"), v.seen()

        items = await amy.list_sessions()
        mine = [s for s in items if s.get("session") == v.session]
        assert len(mine) == 1 and mine[0].get("handler") == "bot", items
        await v.leave()

    run(body())
