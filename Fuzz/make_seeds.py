#!/usr/bin/env python3
"""Makes the fuzzers' seed corpora (Fuzz/corpus/<target>/) from real data.

    NIGHTDESK_BIN=.build/debug/nightdesk python3 Fuzz/make_seeds.py

- frame:   the client frames of PROTOCOL.md, as conversations (one frame a line)
- config:  `nightdesk example-config` (the demo) and the README's example
- journal: a real segment the server wrote during a short chat (and its prefixes)
- json:    the frames, plus every journal record's JSON payload
Idempotent: files are named by content hash.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "EndToEnd"))
from nightdesk_e2e import Server, Visitor, nightdesk_bin  # noqa: E402

CORPUS = REPO / "Fuzz" / "corpus"

# From PROTOCOL.md, with real-looking values.
VISITOR = [
    '{"type": "hello", "role": "visitor", "site": "demo", "page": "https://practice.example/implants", '
    '"referrer": "https://www.google.com/", "utm": {"source": "google", "campaign": "implants"}}',
    '{"type": "say", "id": "c-1", "text": "Do you take Delta Dental?"}',
    '{"type": "typing", "on": true}',
    '{"type": "say", "id": "c-2", "text": "My name is Ava Reyes, call me at 555-0143 \\u00e9 \\ud83e\\uddb7"}',
    '{"type": "say", "id": "c-2", "text": "My name is Ava Reyes, call me at 555-0143"}',
    '{"type": "say", "id": "c-3", "text": "I have severe pain and swelling"}',
    '{"type": "leave"}',
]
RESUME = [
    '{"type": "hello", "role": "visitor", "site": "demo"}',
    '{"type": "say", "id": "r-1", "text": "hello"}',
    '2\t{"type": "hello", "role": "visitor", "site": "demo", "resume": "secret-1-0123456789abcdef", "last_seq": 1}',
    '2\t{"type": "say", "id": "r-1", "text": "hello"}',
    '2\t{"type": "say", "id": "r-2", "text": "again"}',
]
AGENT = [
    '{"type": "hello", "role": "visitor", "site": "demo"}',
    '{"type": "say", "id": "c-1", "text": "Hi, I need a cleaning. Ava, 555-0143"}',
    '3\t{"type": "hello", "role": "agent", "token": "agent-secret"}',
    '3\t{"type": "status", "available": true}',
    '3\t{"type": "accept", "session": "s-2"}',
    '3\t{"type": "say", "session": "s-2", "id": "a-1", "text": "Hi, this is Amy"}',
    '{"type": "typing", "on": true}',
    '3\t{"type": "typing", "session": "s-2", "on": true}',
    '3\t{"type": "lead", "session": "s-2", "id": "a-2", "fields": {"name": "Ava", "phone": "555-0143", "score": "hot"}}',
    '3\t{"type": "list"}',
    '3\t{"type": "release", "session": "s-2"}',
    '3\t{"type": "takeover", "session": "s-2"}',
    '3\t{"type": "decline", "session": "s-2"}',
    '3\t{"type": "close", "session": "s-2", "disposition": "booked"}',
]
BAD = ['{"type": "say"}', "[1,2,3]", '{"type": 7}', '"\\ud800"', '{"a":' * 70, "1e999999", '{"type":"hello","role":"visitor","site":"demo","last_seq":-1}']

README_CONFIG = '''[server]
host = "0.0.0.0"
port = 8080
data = "/var/lib/nightdesk"
max_frame_bytes = 16384
max_text_chars = 4000
hello_timeout_seconds = 10
ping_interval_seconds = 30
frames_per_minute = 120
offer_timeout_seconds = 20
agent_grace_seconds = 30

[sites.smile]
name = "Smile Dental"
phone = "+1 555 0123"
emergency_phone = "911"
tagline = "Family dentistry since 1998"
logo = "/smile-logo.svg"
timezone = "America/Chicago"
hours = "mon-thu 08:00-12:00 13:00-18:00; fri 08:00-14:00"
closed = ["2026-12-24", "2026-12-25"]
origins = ["https://smiledental.example"]   # exact match; empty = any origin
'''


def put(target: str, data: bytes) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def journal_records(segment: bytes) -> list[bytes]:
    """The JSON payloads of a segment: [len u32][crc u32][type u8][payload]."""
    out, offset = [], 0
    while offset + 9 <= len(segment):
        length = int.from_bytes(segment[offset : offset + 4], "little")
        out.append(segment[offset + 9 : offset + 9 + length])
        offset += 9 + length
    return out


async def chat(server: Server) -> None:
    v = await Visitor.connect(server)
    await v.hello(page="https://practice.example/implants", utm={"source": "google"})
    await v.say("Hi, I chipped a tooth. I'm Ava, 555-0143")
    await v.say("Tomorrow morning if possible")
    w = await Visitor.connect(server)
    await w.hello()
    await w.say("Do you take Delta Dental?")
    await w.leave()


def main() -> None:
    for conversation in (VISITOR, RESUME, AGENT):
        put("frame", "\n".join(conversation).encode())
        for frame in conversation:
            put("frame", frame.encode())
            put("json", frame.split("\t")[-1].encode())
    for bad in BAD:
        put("frame", bad.encode())
        put("json", bad.encode())
    demo = subprocess.run([str(nightdesk_bin()), "example-config"], capture_output=True, check=True).stdout
    put("config", demo)
    put("config", README_CONFIG.encode())
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp) / "data")
        server.start()
        try:
            asyncio.run(asyncio.wait_for(chat(server), 60))
        finally:
            server.cleanup()
        for segment in sorted((Path(tmp) / "data" / "journal").glob("*.journal")):
            data = segment.read_bytes()
            put("journal", data)
            put("journal", data[: len(data) * 2 // 3])  # a torn tail
            for payload in journal_records(data):
                put("json", payload)


if __name__ == "__main__":
    main()
