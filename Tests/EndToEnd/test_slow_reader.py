"""The queued-output cap: a connection that stops reading is dropped.

A second tab of the same chat stops reading (its receive buffer kept tiny)
while the first tab writes large messages, each of which the server must
also send to the silent tab. Once more than `max_queued_bytes` (256 KiB here) waits for the silent
tab, the server logs it, counts a `max_queued_bytes` limit hit, stops
queueing for it, and the writing tab goes on being served.
"""

from __future__ import annotations

import socket
import time
import urllib.request

from nightdesk_e2e import Visitor, run
from rfc6455 import RawWebSocket

BIG = """
[server]
frames_per_minute = 100000
max_text_chars = 100000
max_frame_bytes = 1048576
max_queued_bytes = 262144
[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
"""


class TinyBufferWebSocket(RawWebSocket):
    """A raw client whose kernel receive buffer is as small as Linux allows."""

    def __init__(self, port: int):
        original = socket.create_connection

        def create_connection(address, timeout=None, source_address=None):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.settimeout(timeout)
            sock.connect(address)
            return sock

        socket.create_connection = create_connection
        try:
            super().__init__(port)
        finally:
            socket.create_connection = original


def visitor_connections_reach(server, count: int, seconds: float) -> bool:
    """Bounded polling of /metrics: a server-side close has no event to await."""
    deadline = time.monotonic() + seconds
    wanted = f'nightdesk_connections{{role="visitor"}} {count}'
    while time.monotonic() < deadline:
        page = urllib.request.urlopen(f"http://127.0.0.1:{server.port}/metrics", timeout=10).read().decode()
        if wanted in page.splitlines():
            return True
        time.sleep(0.2)
    return False


def test_a_tab_that_stops_reading_is_dropped_and_the_chat_goes_on(make_server):
    server = make_server(config=BIG)

    async def body():
        writer = await Visitor.connect(server, compression=None, label="writer")
        await writer.hello()
        silent = TinyBufferWebSocket(server.port)
        silent.send_json({"type": "hello", "role": "visitor", "site": "demo", "resume": writer.resume_token})
        # From here on `silent` reads nothing.
        text = "z" * 90_000
        deadline = time.monotonic() + 60
        sent = 0
        while not any("dropping a connection that does not read" in line for line in server.log):
            assert time.monotonic() < deadline and sent < 400, f"never dropped after {sent} messages\n{server.output()}"
            await writer.say(text, timeout=20)
            sent += 1
        assert sent * len(text) > 1 << 18, f"dropped after only {sent} messages of {len(text)}"
        await writer.say_and_get_reply("Still served after the silent tab was dropped")
        # Dropped means closed by the server, not left open with its backlog
        # waiting for a drain that never comes. The silent tab still reads
        # nothing here: reading would let the old backlog drain.
        assert visitor_connections_reach(server, 1, seconds=15), "the server never closed the silent tab"
        silent.close()

    run(body())
    page = urllib.request.urlopen(f"http://127.0.0.1:{server.port}/metrics", timeout=10).read().decode()
    assert 'nightdesk_limit_hits_total{limit="max_queued_bytes"} 1' in page, page
