"""A client flooding frames is rate limited without hurting anyone else.

With frames_per_minute = 120 (test config), 200 `say` frames sent at once get
at least one `error` code `rate_limited` (with `ref`), fewer than 200 are
accepted, the flooding connection is either kept or closed with 1008, and a
new connection is served normally.
"""

from websockets.exceptions import ConnectionClosed

from nightdesk_e2e import Visitor, run

FLOOD = 200


def test_rate_limited(config_server):
    async def body():
        v = await Visitor.connect(config_server, label="flood")
        await v.hello()
        ids = [f"f-{i}" for i in range(FLOOD)]
        for frame_id in ids:
            try:
                await v.send({"type": "say", "id": frame_id, "text": f"spam {frame_id}"})
            except ConnectionClosed:
                break  # closed for policy; the frames already received are still read below

        limited = lambda: [e for e in v.errors if e.get("code") == "rate_limited"]  # noqa: E731
        await v.recv_until(lambda: limited() or v.closed, timeout=15, what="rate_limited error")
        assert limited(), f"no rate_limited error (close code {v.close_code}); errors: {v.errors[:5]}"
        assert limited()[0].get("ref") in ids, limited()[0]
        assert len({a["id"] for a in v.acks}) < FLOOD

        # The flooding connection may stay open or be closed for policy; nothing else.
        if v.closed:
            assert v.close_code == 1008, f"flooding connection closed with {v.close_code}"

        w = await Visitor.connect(config_server, label="neighbour")
        await w.hello()
        assert await w.say("I'm a normal visitor") >= 1
        await w.leave()

    run(body())
