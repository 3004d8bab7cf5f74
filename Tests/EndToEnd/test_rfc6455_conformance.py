"""RFC 6455 conformance of the /ws endpoint, with frames built byte by byte.

Each test breaks exactly one rule of RFC 6455 on a fresh connection and
checks the server's answer: a Close frame with the code the RFC asks for,
then the end of the TCP connection. The server is libwebsockets under our
transport layer; these codes are what lws 4.1.6 answers by itself, so a
different one means our layer got in the way.

Covered: text and ping/pong; reserved opcodes and RSV bits (1002);
fragmented control frames (1002); a continuation with no message started
(1002); a new data frame inside a fragmented message (1002); invalid UTF-8,
whole and split across fragments (1007), and a valid character split across
fragments (accepted); close codes (1000 echoed, 999/1005/1006/1015/a 1-byte
payload refused with 1002); control frames over 125 bytes (1002); messages
over max_frame_bytes, in one frame or announced by the header (1009);
unmasked client frames (1002); and what a visitor's close means for the
agent on the other side of the chat.
"""

from __future__ import annotations

import asyncio
import struct

import pytest

from agent_e2e import Agent, agent_server
from nightdesk_e2e import run
from rfc6455 import (
    BINARY, CLOSE, CONTINUATION, PING, PONG, TEXT, RawWebSocket, close_payload, encode_frame,
)


@pytest.fixture
def ws(server):
    sock = RawWebSocket(server.port)
    yield sock
    sock.close()


def assert_closed_with(ws: RawWebSocket, code: int) -> None:
    got = ws.expect_close()
    assert got == code, f"expected Close {code}, got {got}"
    ws.expect_eof()


def assert_failed(ws: RawWebSocket, code: int) -> None:
    """The connection is failed (RFC 6455 7.1.7): Close `code`, or the TCP
    connection ends with no Close frame. The RFC says SHOULD send a Close;
    lws 4.1.6 drops the socket without one for unmasked frames, control
    frames over 125 bytes and a Close whose reason is not UTF-8, before any
    callback of ours runs. What must never happen is a data frame after it."""
    while True:
        try:
            frame = ws.read_frame()
        except (EOFError, ConnectionResetError):
            return
        if frame.opcode == CLOSE:
            assert frame.close_code == code, f"expected Close {code}, got {frame.close_code}"
            ws.send(encode_frame(CLOSE, frame.payload[:2]))
            ws.expect_eof()
            return
        assert frame.opcode in (PING, PONG), f"the server went on after the error: {frame}"


# -- what must work ---------------------------------------------------------


def test_text_frames_carry_the_protocol(ws):
    welcome = ws.hello()
    ws.send_json({"type": "say", "id": "r-1", "text": "raw frames work"})
    seen = []
    while not any(f.get("type") == "ack" for f in seen):
        seen.append(ws.read_json())
    assert [f for f in seen if f.get("type") == "ack"][0]["id"] == "r-1"
    assert welcome["session"]


def test_ping_gets_a_pong_with_the_same_payload(ws):
    ws.hello()
    ws.send(encode_frame(PING, b"are you there?"))
    while True:
        frame = ws.read_frame()
        if frame.opcode == PONG:
            break
    assert frame.payload == b"are you there?" and frame.fin


def test_an_unsolicited_pong_is_ignored(ws):
    ws.send(encode_frame(PONG, b"heartbeat"))
    assert ws.hello()["type"] == "welcome"


def test_a_ping_between_fragments_is_answered_and_the_message_completes(ws):
    ws.hello()
    frame = b'{"type":"say","id":"f-1","text":"interleaved"}'
    ws.send(encode_frame(TEXT, frame[:10], fin=False))
    ws.send(encode_frame(PING, b"mid"))
    ws.send(encode_frame(CONTINUATION, frame[10:]))
    pong = ack = False
    while not (pong and ack):
        f = ws.read_frame()
        pong |= f.opcode == PONG and f.payload == b"mid"
        ack |= f.opcode == TEXT and f.json().get("type") == "ack" and f.json().get("id") == "f-1"


def test_a_character_split_across_fragments_is_valid(ws):
    ws.hello()
    frame = '{"type":"say","id":"u-1","text":"Zahnärztin 🦷"}'.encode()
    cut = frame.index("🦷".encode()) + 2  # inside the 4-byte sequence
    ws.send(encode_frame(TEXT, frame[:cut], fin=False))
    ws.send(encode_frame(CONTINUATION, frame[cut:]))
    while True:
        f = ws.read_json()
        if f.get("type") == "message" and f.get("from") == "visitor":
            assert f["text"] == "Zahnärztin 🦷"
            return
        assert f.get("type") != "error", f


# -- closing handshake -------------------------------------------------------


def test_close_1000_is_echoed(ws):
    ws.hello()
    ws.send(encode_frame(CLOSE, close_payload(1000, "bye")))
    assert_closed_with(ws, 1000)


def test_an_empty_close_is_answered(ws):
    ws.send(encode_frame(CLOSE, b""))
    got = ws.expect_close()
    assert got in (None, 1000), f"an empty Close answered with {got}"
    ws.expect_eof()


@pytest.mark.parametrize("code", [999, 1005, 1006, 1015, 1100, 2999])
def test_invalid_close_codes_are_protocol_errors(ws, code):
    ws.send(encode_frame(CLOSE, close_payload(code)))
    assert_closed_with(ws, 1002)


def test_a_one_byte_close_payload_is_a_protocol_error(ws):
    ws.send(encode_frame(CLOSE, b"\x03"))
    assert_closed_with(ws, 1002)


def test_close_with_an_invalid_utf8_reason_is_refused(ws):
    ws.send(encode_frame(CLOSE, struct.pack("!H", 1000) + b"\xff\xfe"))
    assert_failed(ws, 1007)


# -- framing errors ----------------------------------------------------------


@pytest.mark.parametrize("opcode", [0x3, 0x4, 0x5, 0x6, 0x7, 0xB, 0xC, 0xD, 0xE, 0xF])
def test_reserved_opcodes_close_1002(ws, opcode):
    ws.hello()
    ws.send(encode_frame(opcode, b"x"))
    assert_closed_with(ws, 1002)


@pytest.mark.parametrize("rsv", [1, 2, 4])
def test_rsv_bits_without_an_extension_close_1002(ws, rsv):
    ws.hello()
    ws.send(encode_frame(TEXT, b'{"type":"typing","on":true}', rsv=rsv))
    assert_closed_with(ws, 1002)


@pytest.mark.parametrize("opcode", [PING, PONG, CLOSE])
def test_fragmented_control_frames_close_1002(ws, opcode):
    ws.hello()
    ws.send(encode_frame(opcode, b"\x03\xe8" if opcode == CLOSE else b"x", fin=False))
    assert_closed_with(ws, 1002)


def test_control_frames_over_125_bytes_close_1002(ws):
    ws.hello()
    ws.send(encode_frame(PING, b"p" * 126))
    assert_failed(ws, 1002)


def test_a_continuation_without_a_start_closes_1002(ws):
    ws.hello()
    ws.send(encode_frame(CONTINUATION, b'{"type":"typing","on":true}'))
    assert_closed_with(ws, 1002)


def test_a_new_message_inside_a_fragmented_one_closes_1002(ws):
    ws.hello()
    ws.send(encode_frame(TEXT, b'{"type":', fin=False))
    ws.send(encode_frame(TEXT, b'"typing","on":true}'))
    assert_closed_with(ws, 1002)


@pytest.mark.xfail(strict=True, reason=(
    "lws 4.1.6 accepts unmasked client frames (RFC 6455 5.1 says the server MUST "
    "fail the connection); its parser keeps the mask bit private and no callback "
    "or option exposes it, so our layer cannot refuse them. strict: when lws is "
    "upgraded and starts refusing them, this XPASS fails and the mark must go."))
def test_an_unmasked_client_frame_closes_1002(ws):
    ws.hello()
    ws.send(encode_frame(TEXT, b'{"type":"say","id":"u","text":"unmasked"}', mask=False))
    assert_failed(ws, 1002)


# -- payload errors ----------------------------------------------------------


def test_invalid_utf8_closes_1007(ws):
    ws.hello()
    ws.send(encode_frame(TEXT, b'{"type":"say","id":"x","text":"\xc3\x28"}'))
    assert_closed_with(ws, 1007)


def test_invalid_utf8_split_across_fragments_closes_1007(ws):
    ws.hello()
    # Each fragment alone ends or starts mid-sequence; together they are invalid
    # (a lead byte of a 3-byte sequence followed by an ASCII byte).
    ws.send(encode_frame(TEXT, b'{"type":"say","id":"x","text":"\xe2\x82', fin=False))
    ws.send(encode_frame(CONTINUATION, b'("}'))
    assert_closed_with(ws, 1007)


def test_utf8_encoded_surrogates_close_1007(ws):
    ws.hello()
    ws.send(encode_frame(TEXT, b'{"type":"say","id":"x","text":"\xed\xa0\x80"}'))
    assert_closed_with(ws, 1007)


def test_a_binary_frame_with_any_bytes_is_not_a_utf8_error(ws):
    ws.hello()
    ws.send(encode_frame(BINARY, b"\xff\x00\xfe"))
    while True:
        frame = ws.read_json()
        if frame["type"] == "error":
            assert frame["code"] == "bad_request", frame
            return


# -- size limits ---------------------------------------------------------------


def test_a_message_over_the_limit_closes_1009(ws):
    ws.hello()
    ws.send(encode_frame(TEXT, b"x" * (16 * 1024 + 1)))
    assert_closed_with(ws, 1009)


def test_a_header_announcing_a_huge_frame_closes_1009(ws):
    ws.hello()
    # 2^40 bytes announced, 100 sent: the server must not wait for the rest.
    ws.send(encode_frame(TEXT, b"x" * 100, declared_length=1 << 40))
    assert_closed_with(ws, 1009)


def test_a_message_exactly_at_the_limit_is_accepted(ws):
    ws.hello()
    head = b'{"type":"typing","on":true,"pad":"'
    tail = b'"}'
    frame = head + b" " * (16 * 1024 - len(head) - len(tail)) + tail
    assert len(frame) == 16 * 1024
    ws.send(encode_frame(TEXT, frame))
    ws.send(encode_frame(PING, b"after"))
    while True:
        f = ws.read_frame()
        assert f.opcode != CLOSE, f"closed with {f.close_code} for a frame at the limit"
        if f.opcode == PONG:
            return


# -- the other side of the chat -----------------------------------------------


def test_a_visitor_close_leaves_the_chat_to_the_agent(make_server):
    """A visitor's disconnect does not end the session (PROTOCOL.md): the
    agent gets no `ended`, can keep writing, and the visitor finds it all on
    resume. A `leave` does end it: the agent sees `ended` visitor_left."""
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"])])

    async def body():
        amy = await Agent.online(server, creds["amy"])
        visitor = RawWebSocket(server.port)
        welcome = visitor.hello()
        session = welcome["session"]
        visitor.send_json({"type": "say", "id": "v-1", "text": "Is anyone there?"})
        while visitor.read_json().get("type") != "ack":
            pass
        await amy.takeover(session)
        visitor.send(encode_frame(CLOSE, close_payload(1000)))
        assert visitor.expect_close() == 1000
        visitor.expect_eof()
        visitor.close()

        seq = await amy.say(session, "Still here: call us at 8 if you like.")
        assert amy.ended_for(session) is None, amy.ended_for(session)

        back = RawWebSocket(server.port)
        back.send_json({"type": "hello", "role": "visitor", "site": "demo", "resume": welcome["resume"]})
        resumed = back.read_json()
        assert resumed["resumed"] is True, resumed
        assert any(m["seq"] == seq and m["from"] == "agent" for m in resumed["history"]), resumed["history"]

        back.send_json({"type": "leave"})
        await amy.recv_until(lambda: amy.ended_for(session) is not None, what="ended after leave")
        assert amy.ended_for(session)["reason"] == "visitor_left"
        assert back.expect_close() == 1000
        back.close()

    run(body())
