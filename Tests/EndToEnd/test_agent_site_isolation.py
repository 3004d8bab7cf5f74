"""An agent of site `demo` can neither see nor touch the chats of site `other`.

Proves (Amy covers `demo`; Olga covers `other`; both available):
- each is offered only the chats of her own site;
- Amy's `say`, `lead`, `release`, `close` and `takeover` on an `other` chat
  (one held by Olga, one with the bot) each get `error` `not_assigned` (with
  the frame's id as `ref` where it has one), and her `accept` of it a
  `conflict`; none of them changes anything: Olga keeps her chat, the other
  visitor never hears from Amy, nobody joins the bot's chat;
- Amy's `list` holds her site's chats and nothing of `other`; Olga's the
  reverse; no frame about an `other` chat ever reaches Amy.
"""

from agent_e2e import Agent, agent_server, assert_summary, bot_spoke_after, system_said, visitor_says
from nightdesk_e2e import Visitor, run


def assert_nothing_leaked(agent: Agent, foreign: list[str]) -> None:
    leaked = [
        f for f in agent.frames
        if f.get("type") != "error" and (f.get("session") in foreign or f.get("site") == "other")
    ]
    assert not leaked, f"frames about site other reached {agent.label}: {leaked}"


def test_agent_cannot_see_or_touch_other_site(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"]), ("olga", "Olga", ["other"])])

    async def body():
        amy = await Agent.online(server, creds["amy"], available=True)
        olga = await Agent.online(server, creds["olga"], available=True)

        d = await Visitor.connect(server, label="demo-visitor")
        await d.hello(site="demo")
        await d.say_and_get_reply("Hi from the demo site.")
        o = await Visitor.connect(server, label="other-visitor")
        await o.hello(site="other")
        await o.say_and_get_reply("Hallo from the other site.")

        await amy.wait_offer(d.session)
        await olga.wait_offer(o.session)
        await olga.accept(o.session)
        await o.recv_until(lambda: system_said(o, "Olga joined the chat"), what="'Olga joined the chat'")

        # A second `other` chat that stays with the bot (Olga declines it).
        o2 = await Visitor.connect(server, label="other-visitor-2")
        await o2.hello(site="other")
        await o2.say_and_get_reply("Another question for the other clinic.")
        await olga.wait_offer(o2.session)
        await olga.decline(o2.session)

        foreign = [o.session, o2.session]
        for n, s in enumerate(foreign):
            await amy.expect_error({"type": "say", "session": s, "id": f"x-say-{n}", "text": "hi from Amy"},
                                   "not_assigned")
            await amy.expect_error({"type": "lead", "session": s, "id": f"x-lead-{n}",
                                    "fields": {"name": "Mallory", "score": "cold"}}, "not_assigned")
            await amy.expect_error({"type": "release", "session": s}, "not_assigned")
            await amy.expect_error({"type": "close", "session": s, "disposition": "spam"}, "not_assigned")
            await amy.expect_error({"type": "takeover", "session": s}, "not_assigned")
            await amy.expect_error({"type": "accept", "session": s}, "conflict")

        items = await amy.list_sessions()
        sessions = [i.get("session") for i in items]
        assert all(i.get("site") == "demo" for i in items), f"Amy's list shows another site: {items}"
        assert d.session in sessions and not set(foreign) & set(sessions), items
        for i in items:
            assert_summary(i, i["session"], site="demo")

        theirs = await olga.list_sessions()
        their_sessions = [i.get("session") for i in theirs]
        assert all(i.get("site") == "other" for i in theirs), f"Olga's list shows another site: {theirs}"
        assert set(foreign) <= set(their_sessions) and d.session not in their_sessions, theirs
        held = next(i for i in theirs if i["session"] == o.session)
        assert_summary(held, o.session, site="other", handler="agent", agent="olga")
        bot_held = next(i for i in theirs if i["session"] == o2.session)
        assert_summary(bot_held, o2.session, site="other", handler="bot")

        # Nothing changed: Olga still holds her chat and relays; the bot still has the other.
        vseq = await visitor_says(o, "Are you still there?")
        await olga.wait_message(o.session, lambda m: m.get("seq") == vseq, what="visitor message to Olga")
        await o.expect_silence(lambda: bot_spoke_after(o, vseq), seconds=0.5, what="bot answered Olga's chat")
        assert o.ended is None and o2.ended is None
        await o2.say_and_get_reply("Hello again?")

        # Typing on a foreign chat must not leak to its visitor (any error is fine).
        await amy.typing(o.session, True)
        await o.expect_silence(
            lambda: any(f.get("type") == "typing" and f.get("name") == "Amy" for f in o.frames),
            seconds=0.5, what="Amy's typing reached a visitor of another site",
        )

        for visitor in (o, o2):
            assert not any(m.get("from") == "agent" and m.get("name") == "Amy" for m in visitor.messages.values())
            assert not system_said(visitor, "Amy"), visitor.seen()
        assert_nothing_leaked(amy, foreign)

        for visitor in (d, o, o2):
            await visitor.leave()
        await olga.recv_until(lambda: olga.ended_for(o.session), what="ended of Olga's chat")
        assert_nothing_leaked(amy, foreign)

    run(body())
