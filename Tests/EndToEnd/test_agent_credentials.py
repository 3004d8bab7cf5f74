"""Agent credentials: bad tokens are refused, new ones work without a restart,
and revoking one closes the agent's open socket.

Proves:
- a wrong token gets `error` `unauthorized` and close 1008;
- an agent added with `nightdesk agents add` while the server runs is
  welcomed by that running server;
- `nightdesk agents revoke` makes the running server send the connected agent
  `error` `unauthorized` and close 1008 within a few seconds; the revoked
  token is refused afterwards, and the other agent stays connected.
"""

import time

from agent_e2e import Agent, add_agent, agent_server, revoke_agent
from nightdesk_e2e import run


def test_bad_token_is_refused(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"])])

    async def body():
        a = await Agent.connect(server, label="forger", compression=None)
        err, code = await a.hello_refused(creds["amy"].token[:-2] + "xx")
        assert err.get("code") == "unauthorized", err
        assert code == 1008, f"close code {code}"

        b = await Agent.connect(server, label="empty", compression=None)
        err, code = await b.hello_refused("")
        assert err.get("code") == "unauthorized", err
        assert code == 1008, f"close code {code}"

    run(body())


def test_agent_added_while_running_is_accepted(make_server):
    server, _ = agent_server(make_server)
    cred = add_agent(server, "cleo", "Cleo", ["demo", "other"], capacity=2)

    async def body():
        cleo = await Agent.online(server, cred)
        assert cleo.welcome["agent"].get("id") == "cleo" and cleo.welcome["agent"].get("name") == "Cleo"
        await cleo.set_available(True)
        await cleo.set_available(False)

    run(body())


def test_revocation_closes_the_socket(make_server):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"]), ("bob", "Bob", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"], available=True)
        bob = await Agent.online(server, creds["bob"], available=True)

        revoke_agent(server, "amy")
        revoked = time.monotonic()
        code = await amy.expect_close(timeout=6)
        took = time.monotonic() - revoked
        assert code == 1008, f"close code {code} after revocation"
        assert any(e.get("code") == "unauthorized" for e in amy.errors), (
            f"no unauthorized error before the close: {amy.recent()}"
        )
        assert took < 5, f"socket closed {took:.1f}s after revocation"

        again = await Agent.connect(server, label="amy-again", compression=None)
        err, code = await again.hello_refused(creds["amy"].token)
        assert err.get("code") == "unauthorized" and code == 1008, (err, code)

        # Bob is untouched.
        await bob.set_available(False)
        assert not bob.closed and not bob.errors, bob.recent()

    run(body())
