"""Transport limits: a connection that never finishes its handshake is
dropped after hello_timeout_seconds; a message sent in fragments is
reassembled, and fragments adding up past the frame limit close with 1009."""

from __future__ import annotations

import socket
import time

from websockets.exceptions import ConnectionClosed

from nightdesk_e2e import Visitor, run

SHORT_HELLO = """
[server]
hello_timeout_seconds = 1
[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
"""


def test_a_silent_tcp_connection_is_dropped(make_server):
    server = make_server(config=SHORT_HELLO)
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=15)
    started = time.monotonic()
    try:
        data = sock.recv(1024)  # blocks until the server gives up on us
    except ConnectionResetError:
        data = b""
    assert data == b"", data
    assert time.monotonic() - started < 5, "the handshake timeout should follow hello_timeout_seconds, not lws's default 10 s"
    assert server.running


def test_fragments_are_reassembled(server):
    async def body():
        v = await Visitor.connect(server, compression=None)
        await v.hello()
        text = "x" * 3000
        frame = '{"type":"say","id":"frag-1","text":"' + text + '"}'
        await v.ws.send(iter([frame[:1000], frame[1000:2000], frame[2000:]]))
        await v.recv_until(lambda: v.acks_for("frag-1"), what="ack of the fragmented say")
        assert any(m["text"] == text for m in v.messages.values())

    run(body())


def test_fragments_past_the_limit_close_1009(server):
    async def body():
        v = await Visitor.connect(server, compression=None)
        await v.hello()
        chunk = "y" * 8000
        try:
            await v.ws.send(iter(['{"type":"say","id":"big","text":"', chunk, chunk, chunk, '"}']))
        except ConnectionClosed:
            pass
        await v.recv_until(lambda: v.closed, what="close 1009")
        assert v.close_code == 1009, v.close_code

    run(body())
