"""`release` hands a chat back to the auto-responder; `takeover` takes one from it.

Proves:
- after `release` the visitor gets a `system` message, the bot answers the
  visitor's next message again, and the agent's `say` on it is `not_assigned`;
- an agent who is not available (so never offered the chat) sees a bot chat
  in `list` with `handler: bot`, takes it over with `takeover`, gets
  `assigned` with the whole history; the visitor sees "Amy joined the chat";
  from then on the visitor's words reach the agent and the bot is silent;
  `list` shows the chat as the agent's.
"""

from agent_e2e import (
    Agent,
    agent_server,
    assert_history_matches,
    bot_spoke_after,
    system_said,
    visitor_says,
)
from nightdesk_e2e import Visitor, run


def test_release_hands_back_to_bot(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"], available=True)
        v = await Visitor.connect(server, label="visitor")
        await v.hello()
        await v.say_and_get_reply("Do you take Delta Dental?")
        await amy.wait_offer(v.session)
        await amy.accept(v.session)
        await v.recv_until(lambda: system_said(v, "Amy joined the chat"), what="'Amy joined the chat'")
        seq = await amy.say(v.session, "Yes we do! Let me hand you to our assistant for the details.")
        await v.recv_until(lambda: seq in v.messages, what="Amy's message")
        vseq = await visitor_says(v, "Great, thanks.")
        await v.expect_silence(lambda: bot_spoke_after(v, vseq), seconds=0.5, what="bot answered Amy's chat")

        last = max(v.messages)
        await amy.release(v.session)
        await v.recv_until(
            lambda: any(s > last and m.get("from") == "system" for s, m in v.messages.items()),
            what="a system message after release",
        )
        await v.say_and_get_reply("My name is Ava Stone.")
        await amy.expect_error({"type": "say", "session": v.session, "id": "after-release", "text": "hi"},
                               "not_assigned")
        items = await amy.list_sessions()
        mine = [i for i in items if i.get("session") == v.session]
        assert len(mine) == 1 and mine[0].get("handler") == "bot", items
        await v.leave()

    run(body())


def test_takeover_of_a_bot_chat(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"])  # not available: never offered anything
        v = await Visitor.connect(server, label="visitor")
        await v.hello()
        await v.say_and_get_reply("Hi, is the office open tomorrow?")
        await v.say_and_get_reply("My name is Ava Stone.")

        items = await amy.list_sessions()
        mine = [i for i in items if i.get("session") == v.session]
        assert len(mine) == 1 and mine[0].get("handler") == "bot", items
        assert not amy.offers, amy.offers

        assigned = await amy.takeover(v.session)
        assert assigned.get("site") == "demo", assigned
        await v.recv_until(lambda: system_said(v, "Amy joined the chat"), what="'Amy joined the chat'")
        assert_history_matches(assigned["history"], v)

        vseq = await visitor_says(v, "Oh, hello Amy!")
        m = await amy.wait_message(v.session, lambda m: m.get("seq") == vseq, what="visitor message after takeover")
        assert m.get("from") == "visitor", m
        await v.expect_silence(lambda: bot_spoke_after(v, vseq), seconds=1.0, what="bot answered after takeover")
        seq = await amy.say(v.session, "Hi Ava, we open at 8 tomorrow.")
        await v.recv_until(lambda: seq in v.messages, what="Amy's message")

        items = await amy.list_sessions()
        mine = [i for i in items if i.get("session") == v.session]
        assert len(mine) == 1 and mine[0].get("handler") == "agent" and mine[0].get("agent") == "amy", items
        assert not amy.errors, amy.errors
        await v.leave()

    run(body())
