"""Dead peers are found by ping/pong: a client that completed the handshake
but never answers the server's pings is dropped after ping_hangup_seconds;
a live client (Python's websockets answers pings by itself) stays."""

from __future__ import annotations

import asyncio
import base64
import os
import socket
import time

from nightdesk_e2e import Visitor, run

PING_CONFIG = """
[server]
ping_interval_seconds = 1
ping_hangup_seconds = 2
[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
"""


def raw_websocket(port: int) -> socket.socket:
    """A handshake by hand, so nothing answers pings afterwards."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: nightdesk.v1\r\n\r\n").encode()
    )
    response = b""
    while b"\r\n\r\n" not in response:
        chunk = sock.recv(4096)
        assert chunk, "server closed during the handshake"
        response += chunk
    assert response.startswith(b"HTTP/1.1 101"), response
    return sock


def test_a_peer_that_never_pongs_is_dropped(make_server):
    server = make_server(config=PING_CONFIG)
    sock = raw_websocket(server.port)
    started = time.monotonic()
    received = b""
    while True:  # read (pings arrive) but never answer; EOF is the drop
        try:
            chunk = sock.recv(4096)
        except (ConnectionResetError, socket.timeout):
            break
        if not chunk:
            break
        received += chunk
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"still connected after {elapsed:.1f}s"
    assert received[:1] == b"\x89", f"expected a ping frame first, got {received[:8]!r}"


def test_a_live_peer_that_pongs_stays(make_server):
    server = make_server(config=PING_CONFIG)

    async def body():
        v = await Visitor.connect(server)
        await v.hello()
        await asyncio.sleep(4)  # two hang-up periods: the point of the test is to let time pass
        seq = await v.say("still here")
        assert seq > 0

    run(body())
