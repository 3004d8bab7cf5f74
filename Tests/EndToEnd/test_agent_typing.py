"""Typing indicators both ways on a chat an agent holds.

Proves: the visitor's `typing` reaches the agent as
{"type": "typing", "session": S, "from": "visitor", "on": ...}; the agent's
`typing` reaches the visitor as {"type": "typing", "from": "agent",
"name": "Amy", "on": ...}; neither side gets an error.
"""

from agent_e2e import Agent, agent_server, system_said
from nightdesk_e2e import Visitor, run


def typing_frames(client, **match):
    return [f for f in client.frames if f.get("type") == "typing" and all(f.get(k) == v for k, v in match.items())]


def test_typing_both_ways(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"], available=True)
        v = await Visitor.connect(server, label="visitor")
        await v.hello()
        await v.say_and_get_reply("Hi, quick question about my bill.")
        await amy.wait_offer(v.session)
        await amy.accept(v.session)
        await v.recv_until(lambda: system_said(v, "Amy joined the chat"), what="'Amy joined the chat'")

        await v.send({"type": "typing", "on": True})
        await amy.recv_until(lambda: typing_frames(amy, session=v.session, on=True), what="visitor typing on")
        got = typing_frames(amy, session=v.session, on=True)[0]
        assert got.get("from") == "visitor", got
        await v.send({"type": "typing", "on": False})
        await amy.recv_until(lambda: typing_frames(amy, session=v.session, on=False), what="visitor typing off")

        await amy.typing(v.session, True)
        await v.recv_until(lambda: typing_frames(v, on=True, **{"from": "agent"}), what="agent typing on")
        got = typing_frames(v, on=True, **{"from": "agent"})[0]
        assert got.get("name") == "Amy", got
        await amy.typing(v.session, False)
        await v.recv_until(lambda: typing_frames(v, on=False, **{"from": "agent"}), what="agent typing off")

        assert not amy.errors and not v.errors, (amy.errors, v.errors)
        await v.leave()

    run(body())
