"""A site with allowed origins refuses every other browser Origin.

With the test config, site `locked` allows only https://locked.example:
from that Origin a visitor is welcomed; from another Origin the handshake is
refused or the hello gets `unauthorized` and close 1008. Sites without an
origin list (demo) are not affected by the lock.
"""

from websockets.exceptions import InvalidStatus

from nightdesk_e2e import Visitor, assert_welcome, run


def test_allowed_origin_is_welcomed(config_server):
    async def body():
        v = await Visitor.connect(config_server, origin="https://locked.example")
        welcome = await v.hello(site="locked")
        assert_welcome(welcome, site="locked", site_name="Locked Clinic")
        assert await v.say("hello from the allowed origin") >= 1
        await v.leave()

    run(body())


def test_other_origin_is_refused(config_server):
    async def body():
        for origin in ("https://evil.example", "http://locked.example", "https://locked.example.evil.test"):
            try:
                v = await Visitor.connect(config_server, origin=origin, label=origin)
            except InvalidStatus as e:
                status = e.response.status_code
                assert 400 <= status < 500, f"{origin}: handshake answered {status}"
                continue
            await v.send({"type": "hello", "role": "visitor", "site": "locked", "id": "h-1"})
            await v.recv_until(lambda: v.errors or v.welcome, what=f"unauthorized for {origin}")
            assert v.welcome is None, f"{origin} was welcomed to a locked site"
            assert v.errors[0].get("code") == "unauthorized", v.errors
            assert await v.expect_close() == 1008

    run(body())


def test_unlocked_site_accepts_any_origin(config_server):
    async def body():
        v = await Visitor.connect(config_server, origin="https://locked.example")
        welcome = await v.hello(site="demo")
        assert_welcome(welcome)
        await v.leave()

    run(body())
