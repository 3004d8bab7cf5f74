"""Helpers for the agent side of the NightDesk end-to-end suite.

`Agent` is an asyncio WebSocket client speaking the agent side of
PROTOCOL.md (`nightdesk.v1`) through the third-party `websockets` library,
in the style of `Visitor` (and built on it: connection, close codes,
`recv_until`, `expect_close`, `expect_silence`). Every received frame is
absorbed into state (offers, assignments, messages per session, acks,
errors, status echoes, session lists, endings, typing), so the order in
which the server sends frames does not matter.

`agent_server` starts a server with the agent test config (offer expiry and
grace period 1.5 s, sites `demo` and `other`, both always closed so chats
route to on-call agents) and credentials created with `nightdesk agents add`.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from nightdesk_e2e import (
    DEFAULT_TIMEOUT,
    REPO,
    Server,
    Visitor,
    is_timestamp,
    new_id,
    parse_timestamp,
)

OFFER_TIMEOUT = 1.5
AGENT_GRACE = 1.5

AGENT_CONFIG_TOML = """\
[server]
offer_timeout_seconds = 1.5
agent_grace_seconds = 1.5

[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
hours = "closed"

[sites.other]
name = "Other Clinic"
phone = "+1 555 0199"
timezone = "Europe/Berlin"
hours = "closed"
"""

SITE_NAMES = {"demo": "Demo Dental", "other": "Other Clinic"}
SITE_PHONES = {"demo": "+1 555 0100", "other": "+1 555 0199"}


# --------------------------------------------------------------------------
# Credentials through the CLI
# --------------------------------------------------------------------------


@dataclass
class Cred:
    id: str
    name: str
    token: str


def _cli(server: Server, *args: str) -> subprocess.CompletedProcess:
    cmd = [str(server.binary), *args, "--data", str(server.data_dir)]
    if server.config is not None:
        cmd += ["--config", str(server.config)]
    res = subprocess.run(cmd, cwd=REPO, capture_output=True, timeout=30)
    server.log.append(f"--- $ {' '.join(cmd)} -> {res.returncode}; stderr: {res.stderr.decode('utf-8', 'replace')}")
    assert res.returncode == 0, (
        f"{' '.join(cmd)} exited {res.returncode}\nstdout: {res.stdout!r}\nstderr: {res.stderr!r}"
    )
    return res


def add_agent(server: Server, agent_id: str, name: str, sites: Iterable[str] = ("demo",),
              capacity: int | None = None) -> Cred:
    """`nightdesk agents add`: the token is printed alone on one stdout line."""
    args = ["agents", "add", agent_id, "--name", name, "--sites", ",".join(sites)]
    if capacity is not None:
        args += ["--capacity", str(capacity)]
    res = _cli(server, *args)
    lines = [line.strip() for line in res.stdout.decode("utf-8").splitlines() if line.strip()]
    assert len(lines) == 1, f"agents add must print the token alone on one line, printed {res.stdout!r}"
    token = lines[0]
    assert " " not in token and len(token) >= 22, f"implausible agent token {token!r}"
    return Cred(agent_id, name, token)


def revoke_agent(server: Server, agent_id: str) -> None:
    _cli(server, "agents", "revoke", agent_id)


def agent_server(make_server, agents: Iterable[tuple] = ()) -> tuple[Server, dict[str, Cred]]:
    """A server with the agent config; `agents` are (id, name, sites[, capacity])
    tuples, created before the server starts. Returns (server, {id: Cred})."""
    server = make_server(config=AGENT_CONFIG_TOML, start=False, name="nightdesk")
    creds = {}
    for spec in agents:
        agent_id, name, sites, *rest = spec
        creds[agent_id] = add_agent(server, agent_id, name, sites, rest[0] if rest else None)
    server.start()
    return server, creds


# --------------------------------------------------------------------------
# The agent client
# --------------------------------------------------------------------------


class Agent(Visitor):
    """An on-call agent's terminal: one WebSocket connection and what it has seen."""

    def __init__(self, ws, label: str):
        super().__init__(ws, label)
        self.offers: list[dict] = []
        self.assigned: list[dict] = []
        self.statuses: list[dict] = []
        self.session_lists: list[dict] = []
        self.endings: list[dict] = []
        self.typings: list[dict] = []
        self.chats: dict[str, dict[int, dict]] = {}  # session -> seq -> message

    @classmethod
    async def online(cls, server: Server, cred: Cred, available: bool = False, label: str | None = None) -> "Agent":
        """Connect, hello with the credential, optionally go available."""
        agent = await cls.connect(server, label=label or cred.id, compression=None)
        await agent.hello(cred.token)
        if available:
            await agent.set_available(True)
        return agent

    # -- hello -------------------------------------------------------------

    async def hello(self, token: str, timeout: float = DEFAULT_TIMEOUT, **fields: Any) -> dict:  # type: ignore[override]
        frame = {"type": "hello", "role": "agent", "token": token, **fields}
        errors_before = len(self.errors)
        self.welcome = None
        await self.send(frame)
        await self.recv_until(
            lambda: self.welcome is not None or len(self.errors) > errors_before, timeout=timeout, what="welcome"
        )
        assert self.welcome is not None, f"{self.label}: agent hello answered with error {self.errors[-1]}"
        return self.welcome

    async def hello_refused(self, token: str) -> tuple[dict, int]:
        """hello with a token that must be refused: returns (error, close code)."""
        errors_before = len(self.errors)
        await self.send({"type": "hello", "role": "agent", "token": token})
        await self.recv_until(lambda: len(self.errors) > errors_before or self.welcome is not None,
                              what="error for a bad token")
        assert self.welcome is None, f"{self.label}: bad token welcomed: {self.welcome}"
        code = await self.expect_close()
        return self.errors[errors_before], code

    # -- requests ----------------------------------------------------------

    async def request(self, frame: dict, done: Callable[[dict], bool], what: str,
                      timeout: float = DEFAULT_TIMEOUT) -> dict:
        """Send `frame`; return the first later frame for which `done` holds, or
        the first later error (one with this frame's id as ref when it has an id)."""
        start = len(self.frames)
        frame_id = frame.get("id")

        def answer() -> dict | None:
            for f in self.frames[start:]:
                if f.get("type") == "error" and (frame_id is None or f.get("ref") in (frame_id, None)):
                    return f
                if done(f):
                    return f
            return None

        await self.send(frame)
        await self.recv_until(lambda: answer() is not None, timeout=timeout, what=what)
        return answer()  # type: ignore[return-value]

    async def expect_error(self, frame: dict, code: str, timeout: float = DEFAULT_TIMEOUT) -> dict:
        """Send `frame` and require an `error` with `code` (and nothing that looks like success)."""
        kind = frame["type"]
        session = frame.get("session")

        def success(f: dict) -> bool:
            t = f.get("type")
            if t == "assigned" and f.get("session") == session:
                return True
            if t == "ack" and frame.get("id") is not None and f.get("id") == frame.get("id"):
                return True
            if t == "ended" and kind == "close" and f.get("session") == session:
                return True
            return False

        got = await self.request(frame, success, what=f"error {code} for {kind} {session}", timeout=timeout)
        assert got.get("type") == "error", f"{self.label}: {kind} on {session} succeeded ({got}), expected {code}"
        assert got.get("code") == code, f"{self.label}: {kind} on {session}: error {got}, expected code {code}"
        if frame.get("id") is not None:
            assert got.get("ref") == frame["id"], f"{self.label}: error for {frame['id']} has ref {got.get('ref')!r}"
        return got

    async def set_available(self, available: bool = True) -> dict:
        got = await self.request(
            {"type": "status", "available": available},
            lambda f: f.get("type") == "status" and f.get("available") is available,
            what=f"status echo available={available}",
        )
        assert got.get("type") == "status", f"{self.label}: status answered with {got}"
        return got

    async def accept(self, session: str) -> dict:
        got = await self.request({"type": "accept", "session": session},
                                 lambda f: f.get("type") == "assigned" and f.get("session") == session,
                                 what=f"assigned {session}")
        assert got.get("type") == "assigned", f"{self.label}: accept {session} answered with {got}"
        return got

    async def takeover(self, session: str) -> dict:
        got = await self.request({"type": "takeover", "session": session},
                                 lambda f: f.get("type") == "assigned" and f.get("session") == session,
                                 what=f"assigned {session} after takeover")
        assert got.get("type") == "assigned", f"{self.label}: takeover {session} answered with {got}"
        return got

    async def decline(self, session: str) -> None:
        await self.send({"type": "decline", "session": session})

    async def release(self, session: str) -> None:
        await self.send({"type": "release", "session": session})

    async def typing(self, session: str, on: bool = True) -> None:
        await self.send({"type": "typing", "session": session, "on": on})

    async def say(self, session: str, text: str, frame_id: str | None = None,  # type: ignore[override]
                  timeout: float = DEFAULT_TIMEOUT) -> int:
        """Send `say` and await its ack; returns the acknowledged seq."""
        frame_id = frame_id or new_id("a")
        got = await self.request(
            {"type": "say", "session": session, "id": frame_id, "text": text},
            lambda f: f.get("type") == "ack" and f.get("id") == frame_id,
            what=f"ack of {frame_id}", timeout=timeout,
        )
        assert got.get("type") == "ack", f"{self.label}: say {frame_id} answered with {got}"
        assert got.get("session") == session, f"{self.label}: ack without this session: {got}"
        seq = got.get("seq")
        assert isinstance(seq, int) and seq >= 1, f"{self.label}: ack without a valid seq: {got}"
        return seq

    async def lead(self, session: str, fields: dict, frame_id: str | None = None) -> dict:
        frame_id = frame_id or new_id("a")
        got = await self.request(
            {"type": "lead", "session": session, "id": frame_id, "fields": fields},
            lambda f: f.get("type") == "ack" and f.get("id") == frame_id,
            what=f"ack of lead {frame_id}",
        )
        assert got.get("type") == "ack", f"{self.label}: lead {frame_id} answered with {got}"
        assert got.get("session") == session, f"{self.label}: lead ack without this session: {got}"
        return got

    async def close_session(self, session: str, disposition: str) -> dict:
        """`close` with a disposition; returns the `ended` frame for the session."""
        got = await self.request({"type": "close", "session": session, "disposition": disposition},
                                 lambda f: f.get("type") == "ended" and f.get("session") == session,
                                 what=f"ended {session}")
        assert got.get("type") == "ended", f"{self.label}: close {session} answered with {got}"
        return got

    async def list_sessions(self) -> list[dict]:
        got = await self.request({"type": "list"}, lambda f: f.get("type") == "sessions", what="sessions")
        assert got.get("type") == "sessions", f"{self.label}: list answered with {got}"
        items = got.get("items")
        assert isinstance(items, list), f"{self.label}: sessions without items: {got}"
        return items

    # -- awaiting events ---------------------------------------------------

    def offers_for(self, session: str) -> list[dict]:
        return [o for o in self.offers if o.get("session") == session]

    async def wait_offer(self, session: str, timeout: float = DEFAULT_TIMEOUT) -> dict:
        await self.recv_until(lambda: self.offers_for(session), timeout=timeout, what=f"offer of {session}")
        return self.offers_for(session)[0]

    async def wait_message(self, session: str, pred: Callable[[dict], bool], what: str,
                           timeout: float = DEFAULT_TIMEOUT) -> dict:
        def found():
            return next((m for _, m in sorted(self.chats.get(session, {}).items()) if pred(m)), None)

        await self.recv_until(lambda: found() is not None, timeout=timeout, what=what)
        return found()  # type: ignore[return-value]

    def ended_for(self, session: str) -> dict | None:
        return next((e for e in self.endings if e.get("session") == session), None)

    def seen_in(self, session: str) -> list[tuple[int, str, str]]:
        return [(s, m.get("from"), m.get("text")) for s, m in sorted(self.chats.get(session, {}).items())]

    # -- receiving -----------------------------------------------------------

    def _absorb(self, data: str | bytes) -> dict:
        assert isinstance(data, str), f"{self.label}: server sent a binary frame {data[:100]!r}"
        try:
            frame = json.loads(data)
        except ValueError:
            raise AssertionError(f"{self.label}: server sent invalid JSON {data[:200]!r}") from None
        assert isinstance(frame, dict) and isinstance(frame.get("type"), str), f"not a frame: {data[:200]!r}"
        frame["_t"] = time.time()  # when it arrived (not part of the protocol)
        self.frames.append(frame)
        kind = frame["type"]
        if kind == "welcome":
            self.welcome = frame
        elif kind == "offer":
            self.offers.append(frame)
            self._add_history(frame)
        elif kind == "assigned":
            self.assigned.append(frame)
            self._add_history(frame)
        elif kind == "message":
            session = frame.get("session")
            assert isinstance(session, str) and session, f"{self.label}: agent message without session: {frame}"
            self._add_chat_message(session, {k: v for k, v in frame.items() if k not in ("type", "session", "_t")})
        elif kind == "ack":
            self.acks.append(frame)
        elif kind == "error":
            self.errors.append(frame)
        elif kind == "status":
            self.statuses.append(frame)
        elif kind == "sessions":
            self.session_lists.append(frame)
        elif kind == "ended":
            self.endings.append(frame)
            self.ended = frame
        elif kind == "typing":
            self.typings.append(frame)
        return frame

    def _add_history(self, frame: dict) -> None:
        session = frame.get("session")
        history = frame.get("history")
        assert isinstance(session, str) and isinstance(history, list), f"{self.label}: malformed {frame}"
        for message in history:
            self._add_chat_message(session, message)

    def _add_chat_message(self, session: str, message: dict) -> None:
        seq = message.get("seq")
        assert isinstance(seq, int), f"{self.label}: message without integer seq: {message}"
        chat = self.chats.setdefault(session, {})
        old = chat.get(seq)
        if old is not None:
            assert (old.get("from"), old.get("text")) == (message.get("from"), message.get("text")), (
                f"{self.label}: {session} seq {seq} delivered as {old} and as {message}"
            )
            return
        chat[seq] = message

    def recent(self, count: int = 10, limit: int = 300) -> str:
        parts = []
        for frame in self.frames[-count:]:
            text = json.dumps({k: v for k, v in frame.items() if k != "_t"}, ensure_ascii=False)
            parts.append(text if len(text) <= limit else text[:limit] + f"...(+{len(text) - limit})")
        return "[" + ", ".join(parts) + "]"


# --------------------------------------------------------------------------
# Several clients at once
# --------------------------------------------------------------------------


async def first_to(clients: list[Visitor], pred: Callable[[Visitor], Any], what: str,
                   timeout: float = DEFAULT_TIMEOUT) -> Visitor:
    """Receive on all `clients` at once until `pred(client)` holds for one; return it.
    (Cancelling a pending `recv` loses nothing in `websockets`.)"""
    for c in clients:
        if pred(c):
            return c
    tasks = {asyncio.ensure_future(c.recv_until(lambda c=c: pred(c), timeout=timeout, what=what)): c for c in clients}
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for t in tasks:
            if not t.done():
                t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    winners = [c for c in clients if pred(c)]
    if winners:
        return winners[0]
    for t in done:
        t.result()  # re-raise the timeout / close with its message
    raise AssertionError(f"none of {[c.label for c in clients]}: {what}")


async def quiet_all(clients: list[Visitor], pred: Callable[[Visitor], Any], seconds: float, what: str) -> None:
    """Absorb frames on all `clients` for `seconds`; fail if `pred(client)` becomes true for any."""
    await asyncio.gather(*(c.expect_silence(lambda c=c: pred(c), seconds=seconds, what=what) for c in clients))


# --------------------------------------------------------------------------
# Visitor-side helpers and shared assertions
# --------------------------------------------------------------------------


def system_said(visitor: Visitor, needle: str, after: int = 0) -> dict | None:
    return next(
        (m for s, m in sorted(visitor.messages.items())
         if s > after and m.get("from") == "system" and needle.lower() in str(m.get("text", "")).lower()),
        None,
    )


def bot_spoke_after(visitor: Visitor, seq: int) -> bool:
    return any(s > seq and m.get("from") == "bot" for s, m in visitor.messages.items())


async def visitor_says(visitor: Visitor, text: str) -> int:
    """A visitor `say` on a chat an agent holds: ack and own echo (no bot reply expected)."""
    seq = await visitor.say(text)
    await visitor.recv_until(lambda: seq in visitor.messages, what=f"echo of own message seq {seq}")
    assert visitor.messages[seq].get("from") == "visitor" and visitor.messages[seq].get("text") == text
    return seq


def assert_summary(summary: dict, session: str, site: str = "demo", handler: str | None = None,
                   agent: str | None = None) -> None:
    assert isinstance(summary, dict), summary
    assert summary.get("session") == session, f"summary of another session: {summary}"
    assert summary.get("site") == site, summary
    assert is_timestamp(summary.get("started_at")), summary
    assert summary.get("handler") in ("bot", "agent"), summary
    if handler is not None:
        assert summary.get("handler") == handler, f"handler {summary.get('handler')!r}, expected {handler!r}: {summary}"
    if agent is not None:
        assert summary.get("agent") == agent, f"summary agent {summary.get('agent')!r}, expected {agent!r}: {summary}"
    assert isinstance(summary.get("messages"), int), summary
    assert is_timestamp(summary.get("last_at")), summary
    assert isinstance(summary.get("visitor", {}), dict), summary
    if "score" in summary:
        assert summary["score"] in ("hot", "warm", "cold"), summary


def assert_offer(offer: dict, visitor: Visitor, site: str = "demo", page: str | None = None) -> None:
    assert offer.get("type") == "offer" and offer.get("session") == visitor.session, offer
    assert offer.get("site") == site, offer
    summary = offer.get("summary")
    assert_summary(summary, visitor.session, site, handler="bot")
    assert summary.get("site_name") == SITE_NAMES[site], f"offer summary without the practice name: {summary}"
    assert summary.get("site_phone") == SITE_PHONES[site], f"offer summary without the practice phone: {summary}"
    if page is not None:
        assert summary.get("page") == page, f"offer summary without the visitor's page: {summary}"
    history = offer.get("history")
    assert isinstance(history, list) and history, f"offer without history: {offer}"
    assert [m.get("seq") for m in history] == list(range(history[0]["seq"], history[0]["seq"] + len(history)))
    assert any(m.get("from") == "visitor" for m in history), f"offer history lacks the visitor's words: {history}"
    expires = offer.get("expires_at")
    assert is_timestamp(expires), offer
    left = parse_timestamp(expires) - offer["_t"]
    assert 0 < left <= OFFER_TIMEOUT + 0.5, f"offer expires {left:.2f}s after it arrived (timeout {OFFER_TIMEOUT}s)"


def assert_history_matches(history: list[dict], visitor: Visitor) -> None:
    """An `assigned` history: the whole transcript, seq 1..n, as the visitor saw it."""
    seqs = [m.get("seq") for m in history]
    assert seqs == list(range(1, len(history) + 1)), f"assigned history is not the whole transcript: {seqs}"
    view = [(m["seq"], m.get("from"), m.get("text")) for m in history]
    seen = [x for x in visitor.seen() if x[0] <= len(history)]
    assert view == seen, f"assigned history differs from the visitor's view\nagent:   {view}\nvisitor: {seen}"
