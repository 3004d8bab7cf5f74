"""A site with allowed origins refuses every other browser Origin.

With the test config, site `locked` allows only https://locked.example:
from that Origin a visitor is welcomed; from another Origin the handshake is
refused or the hello gets `unauthorized` and close 1008. Sites without an
origin list (demo) are not affected by the lock. When every site has a
list, the handshake itself (FILTER_PROTOCOL_CONNECTION) refuses any Origin
that is not exactly one of them, with HTTP 403: never a substring match.
"""

from websockets.exceptions import InvalidStatus

from rfc6455 import HandshakeRefused, RawWebSocket

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
        for origin in ("https://evil.example", "http://locked.example", "https://locked.example.evil.test",
                       "https://locked.example.evil.com", "https://evil.com/?https://locked.example",
                       "https://evil.com/https://locked.example", "https://locked.example:8443", "null"):
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


ONLY_LOCKED = """
[sites.locked]
name = "Locked Clinic"
phone = "+1 555 0199"
timezone = "Europe/Berlin"
origins = ["https://locked.example", "https://www.locked.example"]
"""


def test_the_handshake_matches_origins_exactly(make_server):
    server = make_server(config=ONLY_LOCKED)
    for origin in ("https://locked.example.evil.com", "https://evil.com/?https://locked.example",
                   "https://evil.com/https://locked.example", "https://xlocked.example",
                   "https://locked.exampl", "https://locked.example:443", "http://locked.example",
                   "https://www.locked.example.evil.com", "null", ""):
        try:
            RawWebSocket(server.port, origin=origin or None).close()
            if origin:
                raise AssertionError(f"{origin!r} passed the handshake")
        except HandshakeRefused as e:
            assert e.status.startswith("HTTP/1.1 403"), f"{origin}: {e.status}"
    for origin in ("https://locked.example", "https://www.locked.example"):
        ws = RawWebSocket(server.port, origin=origin)
        assert ws.hello(site="locked")["site"]["id"] == "locked"
        ws.close()
    assert any("origin not allowed" in line for line in server.log), server.output()
