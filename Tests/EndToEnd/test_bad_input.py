"""Bad input gets an `error` frame and the connection stays usable.

Proves: invalid JSON, a binary frame, an unknown or missing `type`, a `say`
without `text`, with a numeric `text`, without an `id` or with an empty one,
and JSON that is not an object each get `error` code `bad_request` (with
`ref` = the frame's id when it had one), nothing of them is stored, and a
valid `say` is still acknowledged on the same connection after each. A
`text` of 4001 characters gets `too_large` with `ref`; 4000 characters (even
non-ASCII ones, two bytes each in UTF-8) are accepted.
"""

import json

from nightdesk_e2e import Visitor, run

BAD_FRAMES = [
    # (what is sent, the ref expected in the error or None)
    ('{"type": "say", "id": "j-1", "text": "unterminated', None),
    (b'{"type": "say", "id": "b-1", "text": "binary"}', None),
    (json.dumps({"type": "frobnicate", "id": "u-1"}), "u-1"),
    (json.dumps({"type": "say", "id": "m-1"}), "m-1"),
    (json.dumps({"type": "say", "id": "n-1", "text": 42}), "n-1"),
    (json.dumps({"type": "say", "text": "a say without id"}), None),
    (json.dumps({"type": "say", "id": "", "text": "an empty id"}), None),
    (json.dumps({"id": "t-1", "text": "no type"}), "t-1"),
    (json.dumps({"type": 7, "id": "t-2"}), "t-2"),
    (json.dumps([{"type": "say", "id": "a-1", "text": "in an array"}]), None),
    (json.dumps("just a string"), None),
    ("null", None),
]


def test_bad_input_keeps_connection(server):
    async def body():
        v = await Visitor.connect(server)
        await v.hello()
        await v.recv_until(lambda: v.bot_said("Demo Dental"), what="greeting")

        for data, ref in BAD_FRAMES:
            before = len(v.errors)
            await v.send_raw(data)
            await v.recv_until(lambda: len(v.errors) > before, what=f"error for {data!r}")
            error = v.errors[before]
            assert error.get("code") == "bad_request", f"{data!r} -> {error}"
            assert isinstance(error.get("message"), str), error
            if ref is not None:
                assert error.get("ref") == ref, f"{data!r} -> {error}"

            # Still open and working after each bad frame.
            seq = await v.say(f"still here after {len(v.errors)} errors")
            assert seq >= 1

        rejected = {"binary", "a say without id", "an empty id", "no type"}
        accepted = [m for m in v.messages.values() if m.get("text") in rejected]
        assert not accepted, f"rejected frames were stored: {accepted}"

        # Text length limit: characters, not bytes.
        before = len(v.errors)
        await v.send({"type": "say", "id": "big-1", "text": "a" * 4001})
        await v.recv_until(lambda: len(v.errors) > before, what="too_large")
        assert v.errors[before].get("code") == "too_large", v.errors[before]
        assert v.errors[before].get("ref") == "big-1", v.errors[before]
        assert v.acks_for("big-1") == []

        assert await v.say("a" * 4000, frame_id="max-1") >= 1
        assert await v.say("\u00e9" * 4000, frame_id="max-2") >= 1
        await v.leave()

    run(body())
