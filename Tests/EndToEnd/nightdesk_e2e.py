"""Helpers for the NightDesk end-to-end suite: drive the real binary.

`Server` starts `nightdesk serve` on a free port with its own data directory,
and can SIGTERM it, `kill -9` it and restart it on the same data. `Visitor` is
an asyncio WebSocket client speaking the visitor side of PROTOCOL.md
(`nightdesk.v1`) through the third-party `websockets` library, so the server
is checked against a client that nobody on the project wrote.

Every wait is bounded and waits for an event (a frame, a close, a process
exit); the only polling is for files that appear with no event to await, and
it always has a deadline.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

REPO = Path(__file__).resolve().parents[2]
SUBPROTOCOL = "nightdesk.v1"
DEFAULT_TIMEOUT = 10.0
LISTENING_RE = re.compile(r"listening on (https?://[^\s/]+:(\d+))/?")
TIMESTAMP_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
MESSAGE_FROM = {"visitor", "bot", "agent", "system"}

# Short timers and a second, origin-locked site (see the suite's contract).
CONFIG_TOML = """\
[server]
hello_timeout_seconds = 1
frames_per_minute = 120

[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
hours = "mon-fri 08:00-17:00"
idle_timeout_seconds = 1.5

[sites.locked]
name = "Locked Clinic"
phone = "+1 555 0199"
timezone = "Europe/Berlin"
origins = ["https://locked.example"]
"""


def nightdesk_bin() -> Path:
    env = os.environ.get("NIGHTDESK_BIN")
    return Path(env) if env else REPO / ".build" / "debug" / "nightdesk"


def is_timestamp(value: Any) -> bool:
    """RFC 3339 UTC with milliseconds, as PROTOCOL.md requires."""
    return isinstance(value, str) and bool(TIMESTAMP_RE.match(value))


def parse_timestamp(value: str) -> float:
    from datetime import datetime, timezone

    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()


def run(coro, timeout: float = 60.0):
    """Run one async test body with a hard deadline (no pytest-asyncio)."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


# --------------------------------------------------------------------------
# The server process
# --------------------------------------------------------------------------


class Server:
    """One `nightdesk serve` process (and its restarts) on one data directory."""

    def __init__(self, data_dir: Path, config: Path | None = None, label: str = "nightdesk"):
        self.binary = nightdesk_bin()
        self.data_dir = Path(data_dir)
        self.config = config
        self.label = label
        self.proc: subprocess.Popen | None = None
        self.port: int | None = None
        self.log: list[str] = []  # stderr+stdout of every run, prefixed
        self._generation = 0
        self.data_dir.mkdir(parents=True, exist_ok=True)

    # -- lifecycle ---------------------------------------------------------

    def command(self) -> list[str]:
        cmd = [str(self.binary), "serve", "--data", str(self.data_dir), "--host", "127.0.0.1", "--port", "0"]
        if self.config is not None:
            cmd += ["--config", str(self.config)]
        return cmd

    def start(self, timeout: float = 30.0) -> "Server":
        if not self.binary.exists():
            raise AssertionError(
                f"nightdesk binary not found at {self.binary}: run `swift build` or set NIGHTDESK_BIN"
            )
        assert self.proc is None or self.proc.poll() is not None, "server already running"
        self._generation += 1
        gen = self._generation
        self.port = None
        listening = threading.Event()
        found: dict[str, int] = {}
        self.log.append(f"--- [{self.label}#{gen}] $ {' '.join(self.command())}")
        self.proc = subprocess.Popen(
            self.command(),
            cwd=REPO,  # static files are served from Public/ in the repository
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

        def pump(stream, name: str, watch: bool) -> None:
            for raw in iter(stream.readline, b""):
                line = raw.decode("utf-8", "replace").rstrip("\n")
                self.log.append(f"[{self.label}#{gen} {name}] {line}")
                if watch and not listening.is_set():
                    m = LISTENING_RE.search(line)
                    if m:
                        found["port"] = int(m.group(2))
                        listening.set()
            stream.close()

        for stream, name, watch in ((self.proc.stderr, "stderr", True), (self.proc.stdout, "stdout", False)):
            threading.Thread(target=pump, args=(stream, name, watch), daemon=True).start()

        deadline = time.monotonic() + timeout
        while not listening.wait(0.05):
            if self.proc.poll() is not None:
                time.sleep(0.1)  # let the pump threads drain the last lines
                raise AssertionError(
                    f"nightdesk exited with {self.proc.returncode} before listening\n{self.output()}"
                )
            if time.monotonic() > deadline:
                self.kill9()
                raise AssertionError(f"nightdesk did not print 'listening on' within {timeout}s\n{self.output()}")
        self.port = found["port"]
        return self

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM and wait; returns the exit code (fails if it hangs)."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
                raise AssertionError(f"nightdesk did not exit within {timeout}s of SIGTERM\n{self.output()}")
        return self.proc.returncode

    def kill9(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def restart(self) -> "Server":
        """Start again on the same data dir and config (the port may change)."""
        return self.start()

    def cleanup(self, grace: float = 5.0) -> None:
        """Teardown: SIGTERM, then SIGKILL after `grace` s (test_sigterm is where a hang fails)."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            self.log.append(f"--- [{self.label}] still running {grace}s after SIGTERM at teardown: SIGKILL")
            self.kill9()

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def output(self, last: int = 200) -> str:
        return "\n".join(self.log[-last:])

    # -- addresses ---------------------------------------------------------

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    # -- leads on disk and through the CLI ---------------------------------

    @property
    def leads_dir(self) -> Path:
        return self.data_dir / "leads"

    def leads(self) -> list[dict]:
        """Every lead JSON file in DIR/leads (complete files only)."""
        out = []
        if not self.leads_dir.is_dir():
            return out
        for path in sorted(self.leads_dir.glob("*.json")):
            out.append(json.loads(path.read_text("utf-8")))
        return out

    def lead_for_session(self, session: str) -> dict | None:
        found = [lead for lead in self.leads() if lead.get("session") == session]
        assert len(found) <= 1, f"{len(found)} leads for session {session}"
        return found[0] if found else None

    def wait_for_lead(self, session: str, timeout: float = 15.0) -> dict:
        """Bounded polling: a lead written by a timer has no event to await."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                lead = self.lead_for_session(session)
            except (ValueError, OSError):  # a file caught mid-write; look again
                lead = None
            if lead is not None:
                return lead
            if time.monotonic() > deadline:
                raise AssertionError(f"no lead for session {session} after {timeout}s\n{self.output()}")
            time.sleep(0.05)

    def lead_text(self, lead_id: str) -> str:
        path = self.leads_dir / f"{lead_id}.txt"
        assert path.is_file(), f"missing human-readable transcript {path}"
        return path.read_text("utf-8")

    def leads_cli(self, *extra: str) -> dict:
        cmd = [str(self.binary), "leads", "list", "--json", "--data", str(self.data_dir), *extra]
        res = subprocess.run(cmd, cwd=REPO, capture_output=True, timeout=30)
        assert res.returncode == 0, (
            f"{' '.join(cmd)} exited {res.returncode}\nstdout: {res.stdout!r}\nstderr: {res.stderr!r}"
        )
        try:
            return json.loads(res.stdout)
        except ValueError as e:
            raise AssertionError(f"leads list --json printed no JSON ({e}): {res.stdout[:2000]!r}") from None


# --------------------------------------------------------------------------
# Raw HTTP (no client library, so nothing normalizes the path)
# --------------------------------------------------------------------------


@dataclass
class RawResponse:
    status: int | None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    raw: bytes = b""


def http_get_raw(port: int, raw_path: str, timeout: float = 5.0) -> RawResponse:
    request = (
        f"GET {raw_path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUser-Agent: nightdesk-e2e\r\n"
        f"Accept: */*\r\nConnection: close\r\n\r\n"
    ).encode("latin-1")
    data = b""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                break
            except (ConnectionResetError, BrokenPipeError):
                break
            if not chunk:
                break
            data += chunk
            if _http_complete(data):
                break
    return _http_parse(data)


def _http_split(data: bytes):
    head, sep, rest = data.partition(b"\r\n\r\n")
    if not sep:
        return None
    lines = head.decode("latin-1").split("\r\n")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return lines[0], headers, rest


def _dechunk(body: bytes) -> tuple[bytes, bool]:
    out, pos = b"", 0
    while True:
        end = body.find(b"\r\n", pos)
        if end < 0:
            return out, False
        size = int(body[pos:end].split(b";")[0] or b"0", 16)
        if size == 0:
            return out, True
        start = end + 2
        if len(body) < start + size:
            return out + body[start:], False
        out += body[start : start + size]
        pos = start + size + 2


def _http_complete(data: bytes) -> bool:
    parts = _http_split(data)
    if parts is None:
        return False
    _, headers, rest = parts
    if "content-length" in headers:
        return len(rest) >= int(headers["content-length"])
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return _dechunk(rest)[1]
    return False


def _http_parse(data: bytes) -> RawResponse:
    parts = _http_split(data)
    if parts is None:
        return RawResponse(status=None, body=data, raw=data)
    status_line, headers, rest = parts
    m = re.match(r"HTTP/\d(?:\.\d)? (\d{3})", status_line)
    status = int(m.group(1)) if m else None
    body = rest
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(rest)[0]
    elif "content-length" in headers:
        body = rest[: int(headers["content-length"])]
    return RawResponse(status=status, headers=headers, body=body, raw=data)


# --------------------------------------------------------------------------
# The visitor client
# --------------------------------------------------------------------------

_ids = itertools.count(1)


def new_id(prefix: str = "c") -> str:
    return f"{prefix}-{next(_ids)}"


class Visitor:
    """A website widget: one WebSocket connection and what it has seen.

    Every received frame is absorbed into state (messages by seq, acks,
    errors, welcome, ended); `recv_until(pred)` receives until `pred()` holds,
    so the order in which the server sends acks and messages does not matter.
    """

    def __init__(self, ws, label: str):
        self.ws = ws
        self.label = label
        self.frames: list[dict] = []
        self.messages: dict[int, dict] = {}
        self.acks: list[dict] = []
        self.errors: list[dict] = []
        self.welcome: dict | None = None
        self.ended: dict | None = None
        self.closed = False

    # -- connection ------------------------------------------------------

    @classmethod
    async def connect(
        cls,
        server: Server | str,
        *,
        origin: str | None = None,
        compression: str | None = "deflate",
        label: str = "visitor",
        open_timeout: float = 10.0,
    ) -> "Visitor":
        url = server if isinstance(server, str) else server.ws_url
        ws = await connect(
            url,
            subprotocols=[SUBPROTOCOL],
            origin=origin,
            compression=compression,
            proxy=None,  # never route 127.0.0.1 through an environment proxy
            open_timeout=open_timeout,
            ping_interval=None,
            close_timeout=3,
        )
        assert ws.subprotocol == SUBPROTOCOL, f"server selected subprotocol {ws.subprotocol!r}"
        return cls(ws, label)

    @property
    def close_code(self) -> int | None:
        """The close code the server sent; 1006 when it closed without one."""
        if self.ws.protocol.close_rcvd is not None:
            return self.ws.protocol.close_rcvd.code
        return 1006 if self.closed else None

    def abort(self) -> None:
        """Drop the TCP connection with no close handshake (lost signal)."""
        self.ws.transport.abort()
        self.closed = True

    async def close(self) -> None:
        """A clean disconnect (tab closed): not a `leave`."""
        await asyncio.wait_for(self.ws.close(), DEFAULT_TIMEOUT)
        self.closed = True

    # -- sending -----------------------------------------------------------

    async def send(self, frame: dict) -> None:
        await self.ws.send(json.dumps(frame, ensure_ascii=False))  # UTF-8, as browsers send

    async def send_raw(self, data: str | bytes) -> None:
        await self.ws.send(data)

    async def hello(self, site: str = "demo", timeout: float = DEFAULT_TIMEOUT, **fields: Any) -> dict:
        """Send hello and return the welcome (fails on an error frame)."""
        frame = {"type": "hello", "role": "visitor", "site": site}
        frame.update({k: v for k, v in fields.items() if v is not None})
        errors_before = len(self.errors)
        self.welcome = None
        await self.send(frame)
        await self.recv_until(
            lambda: self.welcome is not None or len(self.errors) > errors_before, timeout=timeout, what="welcome"
        )
        assert self.welcome is not None, f"hello answered with error {self.errors[-1]}"
        return self.welcome

    @property
    def session(self) -> str:
        assert self.welcome is not None
        return self.welcome["session"]

    @property
    def resume_token(self) -> str:
        assert self.welcome is not None
        return self.welcome["resume"]

    def acks_for(self, frame_id: str) -> list[dict]:
        return [a for a in self.acks if a.get("id") == frame_id]

    def errors_for(self, frame_id: str) -> list[dict]:
        return [e for e in self.errors if e.get("ref") == frame_id]

    async def say(self, text: str, frame_id: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Send `say` and await its ack; returns the acknowledged seq."""
        frame_id = frame_id or new_id()
        before = len(self.acks_for(frame_id))
        await self.send({"type": "say", "id": frame_id, "text": text})
        await self.recv_until(
            lambda: len(self.acks_for(frame_id)) > before or self.errors_for(frame_id),
            timeout=timeout,
            what=f"ack of {frame_id}",
        )
        assert not self.errors_for(frame_id), f"say {frame_id} got error {self.errors_for(frame_id)}"
        seq = self.acks_for(frame_id)[-1].get("seq")
        assert isinstance(seq, int) and seq >= 1, f"ack without a valid seq: {self.acks_for(frame_id)[-1]}"
        return seq

    async def say_and_get_reply(self, text: str, frame_id: str | None = None) -> int:
        """say, await ack, own echo with the acked seq, and a bot reply after it."""
        seq = await self.say(text, frame_id)
        await self.recv_until(lambda: seq in self.messages, what=f"echo of own message seq {seq}")
        own = self.messages[seq]
        assert own.get("from") == "visitor" and own.get("text") == text, f"seq {seq} is {own}, not my say"
        await self.recv_until(
            lambda: any(s > seq and m.get("from") == "bot" for s, m in self.messages.items()),
            what=f"bot reply after seq {seq}",
        )
        return seq

    async def leave(self) -> int:
        """leave → ended(visitor_left) → close; returns the close code."""
        await self.send({"type": "leave"})
        await self.recv_until(lambda: self.ended is not None, what="ended")
        assert self.ended.get("reason") == "visitor_left", f"ended frame {self.ended}"
        return await self.expect_close()

    # -- receiving ---------------------------------------------------------

    def _absorb(self, data: str | bytes) -> dict:
        assert isinstance(data, str), f"{self.label}: server sent a binary frame {data[:100]!r}"
        try:
            frame = json.loads(data)
        except ValueError:
            raise AssertionError(f"{self.label}: server sent invalid JSON {data[:200]!r}") from None
        assert isinstance(frame, dict) and isinstance(frame.get("type"), str), f"not a frame: {data[:200]!r}"
        self.frames.append(frame)
        kind = frame["type"]
        if kind == "welcome":
            self.welcome = frame
            for message in frame.get("history", []):
                self._add_message(message)
        elif kind == "message":
            self._add_message({k: v for k, v in frame.items() if k != "type"})
        elif kind == "ack":
            self.acks.append(frame)
        elif kind == "error":
            self.errors.append(frame)
        elif kind == "ended":
            self.ended = frame
        return frame

    def _add_message(self, message: dict) -> None:
        seq = message.get("seq")
        assert isinstance(seq, int), f"{self.label}: message without integer seq: {message}"
        old = self.messages.get(seq)
        if old is not None:
            # The same seq delivered twice (history + frame, or fan-out) must be the same message.
            assert (old.get("from"), old.get("text")) == (message.get("from"), message.get("text")), (
                f"{self.label}: seq {seq} delivered as {old} and as {message}"
            )
            return
        self.messages[seq] = message

    async def recv_one(self, timeout: float = DEFAULT_TIMEOUT) -> dict:
        data = await asyncio.wait_for(self.ws.recv(), timeout)
        return self._absorb(data)

    async def recv_until(
        self, pred: Callable[[], Any], timeout: float = DEFAULT_TIMEOUT, what: str = "condition"
    ) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not pred():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"{self.label}: timed out after {timeout}s waiting for {what}; last frames: {self.recent()}"
                )
            try:
                data = await asyncio.wait_for(self.ws.recv(), remaining)
            except asyncio.TimeoutError:
                continue
            except ConnectionClosed:
                self.closed = True
                if pred():
                    return
                raise AssertionError(
                    f"{self.label}: connection closed ({self.close_code}) while waiting for {what}; "
                    f"last frames: {self.recent()}"
                ) from None
            self._absorb(data)

    async def expect_close(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Receive (absorbing frames) until the server closes; returns the close code."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"{self.label}: connection still open after {timeout}s; last frames: {self.recent()}"
                )
            try:
                data = await asyncio.wait_for(self.ws.recv(), remaining)
            except asyncio.TimeoutError:
                continue
            except ConnectionClosed:
                self.closed = True
                return self.close_code
            self._absorb(data)

    async def expect_silence(self, pred: Callable[[], Any], seconds: float, what: str) -> None:
        """Absorb frames for `seconds` and fail if `pred()` becomes true (a bounded negative check)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not pred():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            try:
                data = await asyncio.wait_for(self.ws.recv(), remaining)
            except asyncio.TimeoutError:
                continue
            except ConnectionClosed:
                self.closed = True
                break
            self._absorb(data)
        raise AssertionError(
            f"{self.label}: {what} (close code {self.close_code}); last frames: {self.recent()}"
        )

    def recent(self, count: int = 8, limit: int = 300) -> str:
        """The last frames, each cut to `limit` characters, for failure messages."""
        parts = []
        for frame in self.frames[-count:]:
            text = json.dumps(frame, ensure_ascii=False)
            parts.append(text if len(text) <= limit else text[:limit] + f"...(+{len(text) - limit})")
        return "[" + ", ".join(parts) + "]"

    # -- what was seen -----------------------------------------------------

    def bot_said(self, needle: str) -> bool:
        return any(m.get("from") == "bot" and needle in str(m.get("text", "")) for m in self.messages.values())

    def seen(self) -> list[tuple[int, str, str]]:
        return [(s, m.get("from"), m.get("text")) for s, m in sorted(self.messages.items())]


# --------------------------------------------------------------------------
# Shared assertions
# --------------------------------------------------------------------------


def assert_welcome(welcome: dict, *, site: str = "demo", site_name: str = "Demo Dental", resumed: bool = False):
    assert welcome["type"] == "welcome"
    assert isinstance(welcome.get("session"), str) and welcome["session"], welcome
    token = welcome.get("resume")
    # >= 128 random bits: at least 22 characters in any reasonable encoding.
    assert isinstance(token, str) and len(token) >= 22, f"resume token too short: {token!r}"
    assert welcome.get("resumed") is resumed, welcome
    site_block = welcome.get("site")
    assert isinstance(site_block, dict), welcome
    assert site_block.get("id") == site and site_block.get("name") == site_name, site_block
    assert isinstance(site_block.get("phone"), str) and site_block["phone"], site_block
    office = welcome.get("office")
    assert isinstance(office, dict) and isinstance(office.get("open"), bool), welcome
    assert "next_open" in office and (office["next_open"] is None or is_timestamp(office["next_open"])), office
    assert isinstance(welcome.get("history"), list), welcome


def assert_transcript_is_what_visitor_saw(
    transcript: list[dict], visitor: Visitor, trailing_system_ok: bool = False
) -> None:
    """seq 1..n without gaps, well-formed, and identical to the visitor's view.

    trailing_system_ok: the session ended while no visitor was connected
    (idle), so `system` messages recorded at the end were never delivered.
    """
    seqs = [m.get("seq") for m in transcript]
    assert seqs == list(range(1, len(transcript) + 1)), f"transcript seqs are not 1..n: {seqs}"
    for m in transcript:
        assert m.get("from") in MESSAGE_FROM, m
        assert isinstance(m.get("text"), str), m
        assert is_timestamp(m.get("at")), m
    lead_view = [(m["seq"], m["from"], m["text"]) for m in transcript]
    if trailing_system_ok:
        while len(lead_view) > len(visitor.seen()) and lead_view[-1][1] == "system":
            lead_view.pop()
    assert lead_view == visitor.seen(), (
        f"{visitor.label}: lead transcript differs from what the visitor saw\n"
        f"lead:    {lead_view}\nvisitor: {visitor.seen()}"
    )
