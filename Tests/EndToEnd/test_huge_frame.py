"""A frame over the 16 KiB limit closes the connection with 1009, and only
that connection: the server goes on serving new visitors.
"""

import json

from websockets.exceptions import ConnectionClosed

from nightdesk_e2e import Visitor, run


def test_huge_frame(server):
    async def body():
        # No permessage-deflate, so the frame really is 1 MiB on the wire.
        v = await Visitor.connect(server, compression=None, label="huge")
        await v.hello()
        try:
            await v.send({"type": "say", "id": "huge-1", "text": "x" * (1024 * 1024)})
        except ConnectionClosed:
            pass  # the server may close while we are still writing
        code = await v.expect_close()
        # A server that closes properly (sends close 1009 and waits for the
        # client's close) always lets the client see 1009. 1006 would mean it
        # dropped the TCP connection with unread data (RST), which can destroy
        # the close frame in flight; that is not accepted here.
        assert code == 1009, f"expected close 1009 for a 1 MiB frame, got {code}"
        assert v.acks_for("huge-1") == []

        w = await Visitor.connect(server, label="after")
        await w.hello()
        assert await w.say("hello after the huge frame") >= 1
        await w.leave()

    run(body())
