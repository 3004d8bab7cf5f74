#!/usr/bin/env python3
"""Crash survival: real chats under load while the server is `kill -9`ed.

    python3 Benchmarks/crash_survival.py --kills 300 --visitors 20 --seed 1

Starts the real `nightdesk serve` (.build/debug/nightdesk, or $NIGHTDESK_BIN)
on a fresh data directory and runs N concurrent visitors (the third-party
`websockets` client) that chat as fast as the server acks: hello, several
`say`s, sometimes a voluntary reconnect with `resume` + `last_seq`, then
either `leave` (the session becomes a lead) or a silent disconnect (the
session is left to idle out). At random moments the server is killed with
SIGKILL and restarted on the same data directory; every visitor reconnects
with `resume` + `last_seq` and re-sends every unacknowledged `say` with the
same id, as PROTOCOL.md requires of clients. A `say` whose connection died
before its ack is unacknowledged, whatever the server did with it.

At the end every visitor finishes its conversation, abandoned sessions are
resumed once more to read their whole history, the server is stopped
cleanly, restarted with a 1 s idle timeout so abandoned sessions end, and
stopped again. Then every invariant is checked:

  * every acknowledged message is in its session's transcript exactly once,
    with its acked seq: in welcome.history on resume and in the lead file
    DATA/leads/<id>.json "transcript";
  * seqs in every transcript (history, lead) are 1..n without gaps, and a seq
    never names two different messages;
  * a repeated `say` id is acked with its original seq;
  * every conversation that ended (`ended` seen, or the session gone after a
    `leave` was sent) and every abandoned one has exactly one lead;
  * every lead JSON parses, has its .txt, and no file in DATA/leads is
    partial or a leftover temporary;
  * the server never exits on its own, exits 0 on SIGTERM, and logs no crash.

Prints a summary and exits 1 on any violation. The only sleeps are the random
intervals before each kill; every other wait awaits an event with a timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "EndToEnd"))

from nightdesk_e2e import Server  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402
from websockets.exceptions import ConnectionClosed, InvalidHandshake  # noqa: E402

SUBPROTOCOL = "nightdesk.v1"
FRAME_TIMEOUT = 10.0  # an ack, a welcome or `ended` on a live connection
RECONNECT_DEADLINE = 60.0  # a visitor gives up reconnecting after this long

CONFIG = """\
[server]
frames_per_minute = 100000
hello_timeout_seconds = 10

[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
hours = "mon-fri 08:00-17:00"
idle_timeout_seconds = {idle}
"""

CRASH_RE = re.compile(
    r"fatal error|segmentation fault|illegal instruction|assertion failed|precondition failed|"
    r"panic|sigsegv|sigabrt|sigill|addresssanitizer|threadsanitizer|core dumped|stack dump|backtrace",
    re.I,
)

WORDS = (
    "implant crown cleaning whitening toothache filling braces Delta Aetna Cigna insurance "
    "tomorrow morning evening Saturday price cost x-ray wisdom root canal veneer sensitive "
    "bleeding gums kids appointment reschedule"
).split()


class Violations:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, what: str) -> None:
        self.items.append(what)


@dataclass
class Acked:
    session: str
    frame_id: str
    text: str
    seq: int


@dataclass
class Conversation:
    visitor: int
    number: int
    plan_says: int
    ending: str  # "leave" or "abandon"
    reconnect_after: int | None  # voluntary reconnect after this many says
    token: str | None = None
    session: str | None = None
    sessions: list[str] = field(default_factory=list)  # every session id this conversation had
    seen: dict[int, tuple[str, str]] = field(default_factory=dict)  # seq -> (from, text) of `session`
    acked: list[Acked] = field(default_factory=list)
    ack_by_id: dict[str, int] = field(default_factory=dict)
    pending: dict[str, str] = field(default_factory=dict)  # unacked says: id -> text, in send order
    errors: list[dict] = field(default_factory=list)
    leave_sent: bool = False
    ended: dict | None = None
    gone_after_leave: bool = False  # resumed:false after a leave: the session ended while we were away
    reconnects: int = 0
    resumes_checked: int = 0
    done: bool = False
    trace: list[str] = field(default_factory=list)  # what happened, for violation reports

    @property
    def label(self) -> str:
        return f"v{self.visitor}.c{self.number}"

    @property
    def last_seq(self) -> int:
        n = 0
        while n + 1 in self.seen:
            n += 1
        return n


class Harness:
    def __init__(self, args, violations: Violations) -> None:
        self.args = args
        self.v = violations
        self.base = Path(args.data) if args.data else Path(tempfile.mkdtemp(prefix="nightdesk-crash-"))
        self.base.mkdir(parents=True, exist_ok=True)
        self.config = self.base / "nightdesk.toml"
        self.config.write_text(CONFIG.format(idle=args.idle), "utf-8")
        self.server = Server(self.base / "data", config=self.config, label="crash")
        self.up = asyncio.Event()
        self.changed = asyncio.Event()  # set on every restart, for visitors waiting on a dead server
        self.generation = 0
        self.url = ""
        self.kills = 0
        self.conversations: list[Conversation] = []
        self.stop = asyncio.Event()
        self.acks_total = 0
        self.resends = 0

    # -- the server --------------------------------------------------------

    async def start(self) -> None:
        await asyncio.to_thread(self.server.start, self.args.start_timeout)
        self.url = self.server.ws_url
        self.generation += 1
        self.up.set()
        self.changed.set()
        self.changed = asyncio.Event()

    async def kill_loop(self, rng: random.Random) -> None:
        for _ in range(self.args.kills):
            await asyncio.sleep(rng.uniform(self.args.min_interval, self.args.max_interval))
            if not self.server.running:
                self.v.add(f"server exited on its own (code {self.server.proc.returncode}) before kill {self.kills + 1}")
            self.up.clear()
            self.server.kill9()
            self.kills += 1
            await self.start()
        self.stop.set()

    # -- one connection ------------------------------------------------------

    async def open(self, conv: Conversation):
        """Connect and hello (with resume + last_seq once we have a token); returns (ws, welcome)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + RECONNECT_DEADLINE
        while True:
            if loop.time() > deadline:
                raise RuntimeError(f"{conv.label}: could not reconnect within {RECONNECT_DEADLINE}s")
            if not self.up.is_set():
                await asyncio.wait_for(self.up.wait(), RECONNECT_DEADLINE)
            generation, changed = self.generation, self.changed
            try:
                ws = await connect(
                    self.url, subprotocols=[SUBPROTOCOL], proxy=None, compression=None,
                    ping_interval=None, open_timeout=5, close_timeout=2, max_queue=None,
                )
            except (OSError, InvalidHandshake, asyncio.TimeoutError, TimeoutError):
                # The server is down or dying: wait for the next start (or a short bound).
                if self.generation == generation:
                    try:
                        await asyncio.wait_for(changed.wait(), 1.0)
                    except asyncio.TimeoutError:
                        pass
                continue
            hello = {"type": "hello", "role": "visitor", "site": "demo"}
            if conv.token:
                hello.update(resume=conv.token, last_seq=conv.last_seq)
            try:
                await ws.send(json.dumps(hello))
                while True:
                    frame = json.loads(await asyncio.wait_for(ws.recv(), FRAME_TIMEOUT))
                    if frame.get("type") == "welcome":
                        return ws, frame
                    if frame.get("type") == "error":
                        self.v.add(f"{conv.label}: hello answered with {frame}")
                        raise RuntimeError(f"{conv.label}: hello refused: {frame}")
            except (ConnectionClosed, OSError):
                continue  # killed between the handshake and the welcome
            except asyncio.TimeoutError:
                self.v.add(f"{conv.label}: no welcome within {FRAME_TIMEOUT}s on a live connection")
                ws.transport.abort()
                continue

    def absorb_message(self, conv: Conversation, msg: dict, where: str) -> None:
        seq = msg.get("seq")
        if not isinstance(seq, int):
            self.v.add(f"{conv.label}: {where} message without integer seq: {msg}")
            return
        key = (msg.get("from"), msg.get("text"))
        old = conv.seen.get(seq)
        if old is not None and old != key:
            self.v.add(f"{conv.label} session {conv.session}: seq {seq} was {old}, now {where} says {key}")
        conv.seen.setdefault(seq, key)

    def absorb(self, conv: Conversation, frame: dict) -> None:
        kind = frame.get("type")
        conv.trace.append(
            f"gen{self.generation} <- {kind} " + json.dumps({k: frame[k] for k in ('id', 'seq', 'from', 'reason', 'code') if k in frame})
        )
        if kind == "message":
            self.absorb_message(conv, frame, "message frame")
        elif kind == "ack":
            fid, seq = frame.get("id"), frame.get("seq")
            if fid in conv.ack_by_id:
                if conv.ack_by_id[fid] != seq:
                    self.v.add(f"{conv.label}: id {fid} acked with seq {seq}, first with {conv.ack_by_id[fid]}")
                conv.pending.pop(fid, None)
                return
            if fid not in conv.pending:
                self.v.add(f"{conv.label}: ack for an id never sent or already acked: {frame}")
                return
            if not isinstance(seq, int) or seq < 1:
                self.v.add(f"{conv.label}: ack without a valid seq: {frame}")
                return
            text = conv.pending.pop(fid)
            for a in conv.acked:
                if a.session == conv.session and a.seq == seq:
                    self.v.add(f"{conv.label}: seq {seq} acked for both {a.frame_id} and {fid}")
            conv.ack_by_id[fid] = seq
            conv.acked.append(Acked(conv.session, fid, text, seq))
            self.acks_total += 1
            seen = conv.seen.get(seq)
            if seen is not None and seen != ("visitor", text):
                self.v.add(f"{conv.label}: {fid} acked as seq {seq}, but seq {seq} was delivered as {seen}")
        elif kind == "error":
            conv.errors.append(frame)
            self.v.add(f"{conv.label}: error frame {frame}")
        elif kind == "ended":
            conv.ended = frame

    async def recv_until(self, ws, conv: Conversation, pred, what: str) -> None:
        """Absorb frames until pred(); ConnectionClosed propagates (the caller reconnects)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + FRAME_TIMEOUT
        while not pred():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"{conv.label}: no {what} within {FRAME_TIMEOUT}s")
            data = await asyncio.wait_for(ws.recv(), remaining)
            self.absorb(conv, json.loads(data))

    def check_welcome(self, conv: Conversation, welcome: dict, asked_last_seq: int | None) -> str:
        """Returns "resumed", "new" or "gone" (the session ended while we were away)."""
        history = welcome.get("history", [])
        conv.trace.append(
            f"gen{self.generation} hello(resume={'yes' if conv.token else 'no'}, last_seq={asked_last_seq}) -> "
            f"welcome session={welcome.get('session')} resumed={welcome.get('resumed')} "
            f"history={[(m.get('seq'), m.get('from')) for m in history]}"
        )
        if conv.token is None:
            conv.token, conv.session = welcome["resume"], welcome["session"]
            conv.sessions.append(conv.session)
            for m in history:
                self.absorb_message(conv, m, "first welcome.history")
            return "new"
        if welcome.get("resumed") is True:
            if welcome.get("session") != conv.session:
                self.v.add(f"{conv.label}: resumed into {welcome.get('session')}, expected {conv.session}")
            seqs = [m.get("seq") for m in history]
            expected = list(range(asked_last_seq + 1, asked_last_seq + 1 + len(history)))
            if seqs != expected:
                self.v.add(f"{conv.label}: welcome.history after last_seq {asked_last_seq} has seqs {seqs}")
            for m in history:
                self.absorb_message(conv, m, "welcome.history")
            have = {m.get("seq"): (m.get("from"), m.get("text")) for m in history}
            for a in conv.acked:
                if a.session == conv.session and a.seq > asked_last_seq:
                    if have.get(a.seq) != ("visitor", a.text):
                        self.v.add(
                            f"{conv.label}: acked {a.frame_id} seq {a.seq} missing from welcome.history after "
                            f"restart (history has {have.get(a.seq)})"
                        )
            texts = [m.get("text") for m in history if m.get("from") == "visitor"]
            for a in conv.acked:
                if a.session == conv.session and texts.count(a.text) > 1:
                    self.v.add(f"{conv.label}: acked {a.frame_id} appears {texts.count(a.text)} times in history")
            conv.resumes_checked += 1
            conv.token = welcome.get("resume", conv.token)
            return "resumed"
        # resumed: false
        if conv.leave_sent:
            conv.gone_after_leave = True
            return "gone"
        if any(a.session == conv.session for a in conv.acked):
            self.v.add(
                f"{conv.label}: session {conv.session} with {len(conv.acked)} acked messages was not resumable "
                f"after reconnect (welcome {welcome.get('session')}, resumed false)"
            )
        # Nothing acked (so maybe nothing stored): carry on in the new session.
        conv.token, conv.session = welcome["resume"], welcome["session"]
        conv.sessions.append(conv.session)
        conv.seen = {}
        for m in history:
            self.absorb_message(conv, m, "welcome.history of a replacement session")
        return "new"

    # -- one conversation ----------------------------------------------------

    async def conversation(self, conv: Conversation, rng: random.Random) -> None:
        says_sent = 0
        voluntary_done = False
        while not conv.done:
            asked = conv.last_seq if conv.token else None
            ws, welcome = await self.open(conv)
            state = self.check_welcome(conv, welcome, asked if asked is not None else 0)
            if state == "gone":
                await self.close_quietly(ws)
                conv.done = True
                return
            try:
                # Re-send every unacknowledged say with its original id, in order.
                if conv.pending:
                    self.resends += len(conv.pending)
                    for fid, text in list(conv.pending.items()):
                        conv.trace.append(f"gen{self.generation} -> say {fid} (re-sent)")
                        await ws.send(json.dumps({"type": "say", "id": fid, "text": text}))
                    await self.recv_until(ws, conv, lambda: not conv.pending, "ack of re-sent says")
                while says_sent < conv.plan_says:
                    if conv.reconnect_after == says_sent and not voluntary_done:
                        voluntary_done = True
                        conv.reconnects += 1
                        if rng.random() < 0.5:
                            await self.close_quietly(ws)
                        else:
                            ws.transport.abort()  # a dropped network, no close handshake
                        raise ConnectionClosed(None, None)
                    fid = f"v{conv.visitor}-c{conv.number}-m{says_sent}"
                    text = f"{fid}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 12)))
                    conv.pending[fid] = text
                    says_sent += 1
                    conv.trace.append(f"gen{self.generation} -> say {fid}")
                    await ws.send(json.dumps({"type": "say", "id": fid, "text": text}))
                    await self.recv_until(ws, conv, lambda: fid not in conv.pending, f"ack of {fid}")
                if conv.ending == "leave" or self.args.all_leave:
                    conv.leave_sent = True
                    await ws.send(json.dumps({"type": "leave"}))
                    await self.recv_until(ws, conv, lambda: conv.ended is not None, "ended")
                    if conv.ended.get("reason") != "visitor_left":
                        self.v.add(f"{conv.label}: ended with {conv.ended}")
                    # ended, then close 1000
                    try:
                        while True:
                            self.absorb(conv, json.loads(await asyncio.wait_for(ws.recv(), FRAME_TIMEOUT)))
                    except ConnectionClosed:
                        pass
                    except asyncio.TimeoutError:
                        self.v.add(f"{conv.label}: connection still open {FRAME_TIMEOUT}s after ended")
                        ws.transport.abort()
                else:
                    await self.close_quietly(ws)
                conv.done = True
            except (ConnectionClosed, OSError):
                conv.trace.append(f"gen{self.generation} connection closed")
                conv.reconnects += 1  # killed (or our voluntary drop): reconnect and resume
            except (TimeoutError, asyncio.TimeoutError) as e:
                if self.server.running and self.up.is_set():
                    self.v.add(f"{e} while the server was up; pending {list(conv.pending)}")
                ws.transport.abort()
                conv.reconnects += 1

    async def close_quietly(self, ws) -> None:
        try:
            await asyncio.wait_for(ws.close(), 3)
        except Exception:
            ws.transport.abort()

    async def visitor_loop(self, index: int) -> None:
        rng = random.Random(f"{self.args.seed}-{index}")
        number = 0
        while not self.stop.is_set() or number == 0:
            conv = Conversation(
                visitor=index,
                number=number,
                plan_says=rng.randint(2, self.args.max_says),
                ending="abandon" if rng.random() < self.args.abandon else "leave",
                reconnect_after=rng.randint(1, 3) if rng.random() < 0.3 else None,
            )
            number += 1
            self.conversations.append(conv)
            try:
                await self.conversation(conv, rng)
            except Exception as e:  # noqa: BLE001 - recorded as a violation, the others go on
                self.v.add(f"{conv.label}: visitor failed: {type(e).__name__}: {e}")
                return

    # -- the end -------------------------------------------------------------

    async def reread_abandoned(self) -> None:
        """Resume every abandoned session from last_seq 0 and check its whole history."""
        for conv in self.conversations:
            if conv.ended is None and not conv.gone_after_leave and conv.token:
                saved_seen = conv.seen
                conv.seen = {}
                ws, welcome = await self.open(conv)
                self.check_welcome(conv, welcome, 0)
                for seq, key in saved_seen.items():
                    if conv.seen.get(seq, key) != key:
                        self.v.add(f"{conv.label}: seq {seq} seen as {key}, full history has {conv.seen[seq]}")
                conv.seen = {**saved_seen, **conv.seen}
                await self.close_quietly(ws)


def check_leads(h: Harness) -> dict:
    v = h.v
    leads_dir = h.server.leads_dir
    leads: dict[str, dict] = {}  # session -> lead
    files = sorted(leads_dir.iterdir()) if leads_dir.is_dir() else []
    stems: dict[str, set[str]] = {}
    for path in files:
        if not path.is_file() or path.suffix not in (".json", ".txt") or not path.name.startswith("l-"):
            v.add(f"unexpected (partial or temporary?) file in leads: {path.name}")
            continue
        stems.setdefault(path.stem, set()).add(path.suffix)
        if path.stat().st_size == 0:
            v.add(f"empty lead file {path.name}")
            continue
        if path.suffix == ".txt":
            try:
                path.read_text("utf-8")
            except UnicodeDecodeError:
                v.add(f"lead text {path.name} is not UTF-8")
            continue
        try:
            lead = json.loads(path.read_text("utf-8"))
        except ValueError as e:
            v.add(f"lead {path.name} does not parse: {e}")
            continue
        if lead.get("id") != path.stem:
            v.add(f"lead {path.name} has id {lead.get('id')}")
        session = lead.get("session")
        if session in leads:
            v.add(f"two leads for session {session}: {leads[session].get('id')} and {lead.get('id')}")
        leads[session] = lead
        transcript = lead.get("transcript")
        if not isinstance(transcript, list):
            v.add(f"lead {path.name} has no transcript list")
            continue
        seqs = [m.get("seq") for m in transcript]
        if seqs != list(range(1, len(seqs) + 1)):
            v.add(f"lead {path.name} transcript seqs are not 1..n: {seqs}")
    for stem, suffixes in stems.items():
        if suffixes != {".json", ".txt"}:
            v.add(f"lead {stem} has only {sorted(suffixes)}")

    acked_sessions = 0
    for conv in h.conversations:
        sessions_with_acks = {a.session for a in conv.acked}
        for session in conv.sessions:
            must = session in sessions_with_acks
            lead = leads.get(session)
            if lead is None:
                if must:
                    v.add(f"{conv.label}: no lead for session {session} with {len(conv.acked)} acked messages")
                continue
            transcript = lead.get("transcript") or []
            by_seq = {m.get("seq"): m for m in transcript}
            for a in conv.acked:
                if a.session != session:
                    continue
                hits = [m for m in transcript if m.get("from") == "visitor" and m.get("text") == a.text]
                if len(hits) != 1:
                    v.add(f"{conv.label}: acked {a.frame_id} appears {len(hits)} times in lead {lead.get('id')}")
                elif hits[0].get("seq") != a.seq:
                    v.add(f"{conv.label}: acked {a.frame_id} seq {a.seq} is seq {hits[0].get('seq')} in the lead")
            if session == conv.session:
                for seq, key in conv.seen.items():
                    m = by_seq.get(seq)
                    if m is None:
                        v.add(f"{conv.label}: seq {seq} delivered ({key}) but missing from lead {lead.get('id')}")
                    elif (m.get("from"), m.get("text")) != key:
                        v.add(f"{conv.label}: seq {seq} delivered as {key}, lead has {(m.get('from'), m.get('text'))}")
        if sessions_with_acks:
            acked_sessions += len(sessions_with_acks)
        if (conv.ended is not None or conv.gone_after_leave) and leads.get(conv.session) is None:
            v.add(f"{conv.label}: ended ({conv.ended or 'gone after leave'}) but no lead for {conv.session}")
    return {"leads": len(leads), "sessions_with_acks": acked_sessions}


def wait_for_leads(h: Harness, sessions: set[str], timeout: float) -> None:
    """Bounded polling: leads written by the idle timer have no event to await."""
    deadline = time.monotonic() + timeout
    while True:
        have = set()
        for path in h.server.leads_dir.glob("l-*.json"):
            try:
                have.add(json.loads(path.read_text("utf-8")).get("session"))
            except (ValueError, OSError):
                pass
        if sessions <= have or time.monotonic() > deadline:
            return
        time.sleep(0.1)


async def main_async(args) -> int:
    v = Violations()
    h = Harness(args, v)
    started = time.monotonic()
    print(f"data: {h.server.data_dir}  seed: {args.seed}  visitors: {args.visitors}  kills: {args.kills}", flush=True)
    await h.start()
    kill_rng = random.Random(f"{args.seed}-kills")
    visitors = [asyncio.create_task(h.visitor_loop(i)) for i in range(args.visitors)]
    killer = asyncio.create_task(h.kill_loop(kill_rng))
    try:
        await killer
        done, pending = await asyncio.wait(visitors, timeout=RECONNECT_DEADLINE * 2)
        for t in pending:
            v.add("a visitor did not finish its last conversation")
            t.cancel()
        if not h.server.running:
            v.add(f"server exited on its own (code {h.server.proc.returncode}) after the last kill")
            await h.start()
        await h.reread_abandoned()
    finally:
        for t in visitors:
            t.cancel()
    # Clean stop, then a start with a short idle timeout so abandoned sessions end.
    code = h.server.stop()
    if code != 0:
        v.add(f"server exited {code} on SIGTERM")
    h.config.write_text(CONFIG.format(idle=1), "utf-8")
    h.up.clear()
    await h.start()
    need = {a.session for c in h.conversations for a in c.acked}
    await asyncio.to_thread(wait_for_leads, h, need, 30.0)
    code = h.server.stop()
    if code != 0:
        v.add(f"server exited {code} on SIGTERM (final)")

    counts = check_leads(h)
    crash_lines = [line for line in h.server.log if "stderr]" in line and CRASH_RE.search(line)]
    for line in crash_lines[:20]:
        v.add(f"crash in server log: {line}")
    recovered = [line for line in h.server.log if re.search(r"recover|torn|corrupt|cut", line, re.I)]

    convs = h.conversations
    print(
        "\n".join(
            [
                f"elapsed:                 {time.monotonic() - started:.1f} s",
                f"kills (SIGKILL):         {h.kills}",
                f"server starts:           {h.generation}",
                f"conversations:           {len(convs)} "
                f"({sum(c.ended is not None for c in convs)} ended by leave, "
                f"{sum(c.gone_after_leave for c in convs)} ended while away, "
                f"{sum(c.ended is None and not c.gone_after_leave for c in convs)} abandoned to idle)",
                f"messages acked:          {h.acks_total}",
                f"says re-sent:            {h.resends}",
                f"reconnects:              {sum(c.reconnects for c in convs)} "
                f"({sum(c.resumes_checked for c in convs)} resumed histories checked)",
                f"sessions with acks:      {counts['sessions_with_acks']}",
                f"leads on disk:           {counts['leads']}",
                f"recovery log lines:      {len(recovered)}",
                f"server crash log lines:  {len(crash_lines)}",
                f"invariant violations:    {len(v.items)}",
            ]
        ),
        flush=True,
    )
    # Counted by kind (ids and numbers blanked), since only 50 are listed.
    kinds: dict[str, int] = {}
    for item in v.items:
        kind = re.sub(r"\b(v\d+\.c\d+|s-[0-9a-f]+|l-[0-9a-f]+|\d+)\b", "#", item)[:160]
        kinds[kind] = kinds.get(kind, 0) + 1
    for kind, count in sorted(kinds.items(), key=lambda kv: -kv[1])[:20]:
        print(f"  {count:6d} x {kind}", flush=True)
    for item in v.items[:50]:
        print(f"  VIOLATION: {item}", flush=True)
    if len(v.items) > 50:
        print(f"  ... and {len(v.items) - 50} more", flush=True)
    named = [c for c in convs if any(re.search(rf"\b{re.escape(c.label)}\b", item) for item in v.items)]
    for conv in named[: args.traces]:
        print(f"  trace of {conv.label} (sessions {conv.sessions}):", flush=True)
        for line in conv.trace[:40]:
            print(f"    {line}", flush=True)
    if v.items and args.log:
        Path(args.log).write_text("\n".join(h.server.log), "utf-8")
        print(f"server log written to {args.log}")
    if not v.items and not args.keep and not args.data:
        shutil.rmtree(h.base, ignore_errors=True)
    print("RESULT: " + ("FAIL" if v.items else "PASS"), flush=True)
    return 1 if v.items else 0


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kills", type=int, default=5)
    p.add_argument("--visitors", type=int, default=20)
    p.add_argument("--seed", type=int, default=int(os.environ.get("NIGHTDESK_CRASH_SEED", "1")))
    p.add_argument("--max-says", type=int, default=8, help="says per conversation: 2..N")
    p.add_argument("--abandon", type=float, default=0.25, help="share of conversations left to idle out")
    p.add_argument("--all-leave", action="store_true", help="every conversation ends with leave")
    p.add_argument("--min-interval", type=float, default=0.2, help="seconds, before each kill")
    p.add_argument("--max-interval", type=float, default=2.0)
    p.add_argument("--data", help="base directory to use (kept); default a temporary one")
    p.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    p.add_argument("--traces", type=int, default=5, help="print the event trace of this many failing visitors")
    p.add_argument("--log", help="write the server log here on failure")
    p.add_argument("--idle", type=float, default=900,
                   help="idle_timeout_seconds during the run; abandoned conversations are resumed at the end, "
                        "so a run longer than this reports every one abandoned earlier as not resumable")
    p.add_argument("--start-timeout", type=float, default=30.0,
                   help="seconds a restart may take to listen: recovery replays every live session, "
                        "and a debug build on a loaded machine needs more than 30 s past a few hundred")
    return p.parse_args(argv)


def main(argv=None) -> int:
    return asyncio.run(main_async(parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
