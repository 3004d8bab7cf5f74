"""Connection limits: `max_connections_per_ip` and `max_connections`.

A WebSocket past either limit is refused at the handshake with HTTP 503,
`Retry-After` and a log line naming the limit; a flood from one address
(127.0.0.1) does not stop another (127.0.0.2, a distinct source on Linux)
from chatting; a closed connection frees its place.
"""

from __future__ import annotations

import time

import pytest

from rfc6455 import CLOSE, HandshakeRefused, RawWebSocket, close_payload, encode_frame

LIMITS = """
[server]
max_connections_per_ip = 3
max_connections = 5
[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
"""

FLOODER, NEIGHBOUR = "127.0.0.1", "127.0.0.2"


def refused(port: int, source: str) -> HandshakeRefused:
    with pytest.raises(HandshakeRefused) as caught:
        RawWebSocket(port, source=source)
    assert caught.value.status.split()[1] == "503", caught.value.status
    assert b"retry-after:" in caught.value.raw.lower(), caught.value.raw
    return caught.value


def close_cleanly(ws: RawWebSocket) -> None:
    ws.send(encode_frame(CLOSE, close_payload(1000)))
    assert ws.expect_close() == 1000
    ws.expect_eof()
    ws.close()


def chat(port: int, source: str, text: str) -> None:
    ws = RawWebSocket(port, source=source)
    ws.hello()
    ws.send_json({"type": "say", "id": "n-1", "text": text})
    while ws.read_json().get("type") != "ack":
        pass
    close_cleanly(ws)


def wait_for_log(server, needle: str, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not any(needle in line for line in server.log):
        assert time.monotonic() < deadline, f"no log line with {needle!r}\n{server.output()}"
        time.sleep(0.05)


def test_per_address_limit_refuses_the_flooder_only(make_server):
    server = make_server(config=LIMITS)
    mine = [RawWebSocket(server.port, source=FLOODER) for _ in range(3)]
    for _ in range(20):  # the flood: every further attempt is refused at once
        refused(server.port, FLOODER)
    wait_for_log(server, "limit=max_connections_per_ip")
    assert any("websocket refused: connection limit" in line for line in server.log)

    chat(server.port, NEIGHBOUR, "Hello from another address")
    for ws in mine:  # the flooder's own connections were never disturbed
        ws.hello()
    close_cleanly(mine.pop())
    admitted = None
    deadline = time.monotonic() + 5
    while admitted is None:  # the close is processed on the server's loop
        try:
            admitted = RawWebSocket(server.port, source=FLOODER)
        except HandshakeRefused:
            assert time.monotonic() < deadline, "a closed connection never freed its place"
            time.sleep(0.05)
    admitted.hello()


def test_total_limit_refuses_everyone_past_it(make_server):
    server = make_server(config=LIMITS)
    held = [RawWebSocket(server.port, source=FLOODER) for _ in range(3)]
    held += [RawWebSocket(server.port, source=NEIGHBOUR) for _ in range(2)]
    refused(server.port, NEIGHBOUR)  # 2 of 3 for this address, but 5 of 5 in all
    wait_for_log(server, "limit=max_connections ")
    for ws in held:
        ws.hello()
    close_cleanly(held.pop(0))
    deadline = time.monotonic() + 5
    while True:
        try:
            RawWebSocket(server.port, source=NEIGHBOUR).hello()
            break
        except HandshakeRefused:
            assert time.monotonic() < deadline, "a closed connection never freed its place"
            time.sleep(0.05)


def test_http_requests_are_not_counted(make_server):
    """Pages and the API are plain HTTP: the WebSocket limits do not apply."""
    import urllib.request

    server = make_server(config=LIMITS)
    held = [RawWebSocket(server.port, source=FLOODER) for _ in range(3)]
    page = urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=5)
    assert page.status == 200
    for ws in held:
        ws.close()
