"""An agent at capacity is not offered more chats.

Proves (agent `amy` with `--capacity 1`, offers expire after 1.5 s):
- holding one chat, Amy is not offered a second one, not even after it
  would have expired through her, and that chat stays with the bot;
- a second agent going available is offered that waiting chat.
"""

from agent_e2e import OFFER_TIMEOUT, Agent, agent_server, assert_offer
from nightdesk_e2e import Visitor, run


def test_agent_at_capacity_gets_no_offer(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"], 1), ("bob", "Bob", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"], available=True)
        bob = await Agent.online(server, creds["bob"])  # connected, not available yet

        v1 = await Visitor.connect(server, label="v1")
        await v1.hello()
        await v1.say_and_get_reply("Hi, I chipped a tooth.")
        assert_offer(await amy.wait_offer(v1.session), v1)
        await amy.accept(v1.session)

        v2 = await Visitor.connect(server, label="v2")
        await v2.hello()
        await v2.say_and_get_reply("Hello, do you see kids?")
        await amy.expect_silence(
            lambda: amy.offers_for(v2.session), seconds=OFFER_TIMEOUT * 2, what="offered a chat beyond capacity 1"
        )
        assert not bob.offers, f"bob is not available, yet was offered {bob.offers}"
        await v2.say_and_get_reply("My son is 6.")  # the bot keeps the waiting chat

        # A free agent coming on is offered the chat that waits.
        await bob.set_available(True)
        assert_offer(await bob.wait_offer(v2.session), v2)
        assert not amy.offers_for(v2.session)

        await v1.leave()
        await v2.leave()

    run(body())
