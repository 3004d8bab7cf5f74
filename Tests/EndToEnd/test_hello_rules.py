"""The first frame must be `hello`, it must come in time, and name a known site.

Proves: another first frame gets `hello_required` (with `ref`) and close 1008;
no frame within hello_timeout_seconds (1 s in the test config) closes with
1008; an unknown site gets `unknown_site` and close 1008.
"""

import asyncio

from nightdesk_e2e import Visitor, run


def test_hello_required(server):
    async def body():
        v = await Visitor.connect(server)
        await v.send({"type": "say", "id": "early-1", "text": "hi?"})
        await v.recv_until(lambda: v.errors, what="hello_required error")
        assert v.errors[0].get("code") == "hello_required", v.errors
        assert v.errors[0].get("ref") == "early-1", v.errors
        assert await v.expect_close() == 1008
        assert v.welcome is None and v.acks == []

    run(body())


def test_no_hello_timeout(config_server):
    async def body():
        loop = asyncio.get_running_loop()
        v = await Visitor.connect(config_server)
        started = loop.time()
        code = await v.expect_close(timeout=8)
        elapsed = loop.time() - started
        assert code == 1008, f"close code without hello: {code}"
        assert elapsed >= 0.5, f"closed after {elapsed:.2f}s, before the 1 s hello timeout"
        assert v.welcome is None

    run(body())


def test_unknown_site(server):
    async def body():
        v = await Visitor.connect(server)
        await v.send({"type": "hello", "role": "visitor", "site": "no-such-practice"})
        await v.recv_until(lambda: v.errors or v.welcome, what="unknown_site error")
        assert v.welcome is None, f"welcomed to an unknown site: {v.welcome}"
        assert v.errors[0].get("code") == "unknown_site", v.errors
        assert await v.expect_close() == 1008

    run(body())
