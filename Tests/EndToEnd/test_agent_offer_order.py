"""Which available agent is offered a chat first: least loaded, then longest idle.

Proves (two agents of site `demo`):
- with one agent holding a chat and the other holding none, a new chat is
  offered first to the one holding none, whoever had the first chat;
- with equal load (none), the agent who has been idle longer (connected and
  went available first, nothing since) is offered the chat first, even when
  the other's id sorts first.
"""

import asyncio

from agent_e2e import Agent, agent_server, first_to
from nightdesk_e2e import Visitor, run


def test_least_loaded_agent_first(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"]), ("bob", "Bob", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"], available=True)
        bob = await Agent.online(server, creds["bob"], available=True)
        agents = [amy, bob]

        v1 = await Visitor.connect(server, label="v1")
        await v1.hello()
        await v1.say_and_get_reply("First visitor here.")
        busy = await first_to(agents, lambda a: a.offers_for(v1.session), what="offer of the first chat")
        await busy.accept(v1.session)
        free = bob if busy is amy else amy

        v2 = await Visitor.connect(server, label="v2")
        await v2.hello()
        await v2.say_and_get_reply("Second visitor here.")
        got = await first_to(agents, lambda a: a.offers_for(v2.session), what="offer of the second chat")
        assert got is free, f"{busy.label} holds a chat and {free.label} none, yet {got.label} was offered it first"
        await v1.leave()
        await v2.leave()

    run(body())


def test_longest_idle_agent_first(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"]), ("bob", "Bob", ["demo"])])

    async def body():
        # Bob (the later id, so no alphabetical tie-break helps him) comes on first.
        bob = await Agent.online(server, creds["bob"], available=True)
        await asyncio.sleep(0.5)  # the time passing is the point: Bob has been idle longer
        amy = await Agent.online(server, creds["amy"], available=True)

        v = await Visitor.connect(server, label="visitor")
        await v.hello()
        await v.say_and_get_reply("Anyone there?")
        got = await first_to([amy, bob], lambda a: a.offers_for(v.session), what="offer")
        assert got is bob, "Bob went on duty 0.5 s before Amy and neither had a chat, yet Amy was offered first"
        await v.leave()

    run(body())
