"""A tiny RFC 6455 client over a raw socket, for the conformance suite.

Nothing here is clever on purpose: every frame the tests send is built byte
by byte by `encode_frame`, so a test can break exactly one rule (an RSV bit,
a reserved opcode, an unmasked frame, a fragmented ping) and see how the
server answers. Every read has a deadline; nothing sleeps.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import struct
import time
from dataclasses import dataclass

SUBPROTOCOL = "nightdesk.v1"

CONTINUATION, TEXT, BINARY, CLOSE, PING, PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA


def encode_frame(opcode: int, payload: bytes = b"", *, fin: bool = True, rsv: int = 0,
                 mask: bool = True, declared_length: int | None = None) -> bytes:
    """One frame. `rsv` is the 3 RSV bits (0..7); `declared_length` lies about
    the length in the header (to announce a huge frame without sending it)."""
    length = len(payload) if declared_length is None else declared_length
    first = (0x80 if fin else 0) | ((rsv & 7) << 4) | (opcode & 0xF)
    mask_bit = 0x80 if mask else 0
    if length < 126:
        header = struct.pack("!BB", first, mask_bit | length)
    elif length < 1 << 16:
        header = struct.pack("!BBH", first, mask_bit | 126, length)
    else:
        header = struct.pack("!BBQ", first, mask_bit | 127, length)
    if not mask:
        return header + payload
    key = os.urandom(4)
    return header + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def close_payload(code: int, reason: str = "") -> bytes:
    return struct.pack("!H", code) + reason.encode()


@dataclass
class Frame:
    fin: bool
    rsv: int
    opcode: int
    payload: bytes

    @property
    def close_code(self) -> int | None:
        return struct.unpack("!H", self.payload[:2])[0] if len(self.payload) >= 2 else None

    def json(self) -> dict:
        return json.loads(self.payload.decode("utf-8"))


class RawWebSocket:
    """One handshaken connection; `send` raw frames, `read_frame` the server's."""

    def __init__(self, port: int, host: str = "127.0.0.1", origin: str | None = None,
                 source: str | None = None, timeout: float = 10.0):
        self.sock = socket.create_connection((host, port), timeout=timeout,
                                             source_address=(source, 0) if source else None)
        self.buffer = b""
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET /ws HTTP/1.1", f"Host: {host}:{port}", "Upgrade: websocket", "Connection: Upgrade",
                 f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13", f"Sec-WebSocket-Protocol: {SUBPROTOCOL}"]
        if origin:
            lines.append(f"Origin: {origin}")
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.handshake = self._read_until(b"\r\n\r\n", timeout)
        status = self.handshake.split(b"\r\n", 1)[0]
        if not status.startswith(b"HTTP/1.1 101"):
            raise HandshakeRefused(status.decode("latin-1"), self.handshake)

    def _read_until(self, marker: bytes, timeout: float) -> bytes:
        deadline = time.monotonic() + timeout
        while marker not in self.buffer:
            self._fill(deadline)
        head, self.buffer = self.buffer.split(marker, 1)
        return head + marker

    def _fill(self, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no data from the server in time")
        self.sock.settimeout(remaining)
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("the server closed the TCP connection")
        self.buffer += chunk

    def _take(self, n: int, deadline: float) -> bytes:
        while len(self.buffer) < n:
            self._fill(deadline)
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def send(self, frame: bytes) -> None:
        self.sock.sendall(frame)

    def send_text(self, text: str | bytes, **kw) -> None:
        self.send(encode_frame(TEXT, text.encode() if isinstance(text, str) else text, **kw))

    def send_json(self, obj: dict) -> None:
        self.send_text(json.dumps(obj))

    def read_frame(self, timeout: float = 10.0) -> Frame:
        deadline = time.monotonic() + timeout
        b0, b1 = self._take(2, deadline)
        assert not b1 & 0x80, "the server masked a frame (RFC 6455 5.1 forbids it)"
        length = b1 & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", self._take(2, deadline))
        elif length == 127:
            (length,) = struct.unpack("!Q", self._take(8, deadline))
        return Frame(bool(b0 & 0x80), (b0 >> 4) & 7, b0 & 0xF, self._take(length, deadline))

    def read_json(self, timeout: float = 10.0) -> dict:
        """The next text frame as JSON, answering pings on the way."""
        deadline = time.monotonic() + timeout
        while True:
            frame = self.read_frame(max(0.01, deadline - time.monotonic()))
            if frame.opcode == PING:
                self.send(encode_frame(PONG, frame.payload))
                continue
            assert frame.opcode == TEXT and frame.fin, f"expected a text frame, got {frame}"
            return frame.json()

    def hello(self, site: str = "demo") -> dict:
        """hello, its welcome and the auto-responder's greeting after it, so
        that nothing the hello caused is still on its way afterwards."""
        self.send_json({"type": "hello", "role": "visitor", "site": site})
        welcome = self.read_json()
        assert welcome["type"] == "welcome", welcome
        if not welcome["history"]:
            greeting = self.read_json()
            assert greeting["type"] == "message" and greeting["from"] == "bot", greeting
        return welcome

    def expect_close(self, timeout: float = 10.0) -> int | None:
        """Reads until the server's Close frame; returns its code (None for an
        empty Close). Fails if the TCP connection ends with no Close frame."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                frame = self.read_frame(max(0.01, deadline - time.monotonic()))
            except (EOFError, ConnectionResetError) as e:
                raise AssertionError(f"the server dropped the connection without a Close frame ({e})") from None
            if frame.opcode == CLOSE:
                # Complete the closing handshake as a client must (RFC 6455
                # 5.5.1), so the server can end the TCP connection at once.
                try:
                    self.send(encode_frame(CLOSE, frame.payload[:2]))
                except OSError:
                    pass
                return frame.close_code

    def expect_eof(self, timeout: float = 10.0) -> None:
        """After the closing handshake the server must end the TCP connection."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._fill(deadline)
            except (EOFError, ConnectionResetError):
                return

    def close(self) -> None:
        self.sock.close()


class HandshakeRefused(Exception):
    def __init__(self, status: str, raw: bytes):
        super().__init__(status)
        self.status = status
        self.raw = raw
