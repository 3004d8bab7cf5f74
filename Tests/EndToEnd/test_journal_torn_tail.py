"""A torn or corrupt journal tail is cut at the last good record, and said so.

README (Data directory): recovery stops a segment at its first torn or
corrupt record, keeps everything before it and logs what it cut. Here the
server is `kill -9`ed after acked messages, garbage is written after the
last record of its segment, into the space the journal reserved there (a
record cut short by a crash, or a whole record whose checksum is wrong),
and the restart must: log the cut at exactly the old file length,
still hold every acked message, append after the cut (a message acked after
the restart survives a second `kill -9`), and log no cut the second time.
"""

from __future__ import annotations

import struct
import zlib

import pytest

from nightdesk_e2e import Visitor, run

TEXTS = ["I'm Ava, 555-0143.", "A crown came off.", "Tomorrow at 9?"]


def torn_record() -> bytes:
    # A header promising 200 bytes of payload, and only 50 of them.
    return struct.pack("<II", 200, 0) + bytes([2]) + b'{"session":"s-x","seq":9,' + b"x" * 25


def corrupt_record() -> bytes:
    # A whole record of a known type whose CRC does not match its bytes.
    payload = b'{"session":"s-x","seq":9,"from":"visitor","name":"x","text":"x","at":0}'
    crc = zlib.crc32(bytes([2]) + payload) ^ 0xFFFFFFFF
    return struct.pack("<II", len(payload), crc) + bytes([2]) + payload


def log_since(server, start: int) -> str:
    return "\n".join(server.log[start:])


@pytest.mark.parametrize("damage,word", [(torn_record, "torn record"), (corrupt_record, "corrupt record")])
def test_damaged_tail_is_cut_and_logged(server, damage, word):
    async def chat():
        v = await Visitor.connect(server)
        await v.hello()
        return v, {await v.say(text): text for text in TEXTS}

    v, acked = run(chat())
    server.kill9()
    segments = sorted((server.data_dir / "journal").glob("*.journal"))
    assert segments, f"no journal segment in {server.data_dir}"
    segment = segments[-1]
    # The killed server left space reserved past its last record (zeros):
    # a crash tears the write that was filling it, so the damage goes there.
    contents = segment.read_bytes()
    good = len(contents.rstrip(b"\0"))
    assert len(contents) > good, "no space reserved past the last record"
    with open(segment, "r+b") as f:
        f.seek(good)
        f.write(damage())

    mark = len(server.log)
    server.restart()
    log = log_since(server, mark)
    assert f"{word} at byte {good}" in log and f"kept the {good} bytes before it" in log, (
        f"no recovery line naming the cut at byte {good}:\n{log}")

    async def resume_and_say():
        w = await Visitor.connect(server)
        welcome = await w.hello(resume=v.resume_token, last_seq=0)
        assert welcome["resumed"] is True, welcome
        history = {m["seq"]: m["text"] for m in welcome["history"]}
        for seq, text in acked.items():
            assert history.get(seq) == text, f"acked seq {seq} lost after the cut: {history}"
        return await w.say("Still there after the cut?")

    after_seq = run(resume_and_say())
    server.kill9()
    mark = len(server.log)
    server.restart()
    log = log_since(server, mark)
    assert "torn record" not in log and "corrupt record" not in log, f"the damaged tail was not cut:\n{log}"

    async def check():
        x = await Visitor.connect(server)
        welcome = await x.hello(resume=v.resume_token, last_seq=0)
        history = {m["seq"]: m["text"] for m in welcome["history"]}
        assert history.get(after_seq) == "Still there after the cut?", history
        assert sorted(history) == list(range(1, len(history) + 1)), sorted(history)

    run(check())
