#!/usr/bin/env python3
"""A comparison peer for nightdesk-bench: the part of PROTOCOL.md (nightdesk.v1)
the bench uses, on the `websockets` library (PyPI), written plainly. One asyncio
event loop, no per-message logging, no compression, and no journal: acks are
sent at once, not after an fsync as NightDesk does.

    python3 Benchmarks/peers/python/relay.py --port 9002 [--capacity 50]

Prints "listening on http://127.0.0.1:PORT/" to stderr once it accepts.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import signal
import sys
from datetime import datetime, timedelta, timezone

from websockets.asyncio.server import broadcast, serve
from websockets.exceptions import ConnectionClosed


def now_iso(delta: float = 0) -> str:
    t = datetime.now(timezone.utc) + timedelta(seconds=delta)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


class Session:
    def __init__(self, sid: str):
        self.id = sid
        self.visitors: set = set()
        self.agent: Agent | None = None
        self.offered: Agent | None = None
        self.seq = 0
        self.spoke = False


class Agent:
    def __init__(self, ws, aid: str):
        self.ws = ws
        self.id = aid
        self.available = False
        self.load = 0
        self.held: set[Session] = set()


class Relay:
    def __init__(self, capacity: int):
        self.capacity = capacity
        self.sessions: dict[str, Session] = {}
        self.agents: set[Agent] = set()
        self.session_ids = itertools.count(1)
        self.agent_ids = itertools.count(1)

    @staticmethod
    def send(ws, obj: dict) -> None:
        # broadcast() writes without awaiting and skips closed connections:
        # the library's own way to send from outside a connection's handler.
        broadcast([ws], json.dumps(obj, separators=(",", ":")))

    def fan_out(self, session: Session, msg: dict) -> None:
        targets = list(session.visitors)
        if session.agent is not None:
            targets.append(session.agent.ws)
        broadcast(targets, json.dumps(msg, separators=(",", ":")))

    def offer(self, session: Session) -> None:
        # The least loaded available agent with room, as NightDesk routes.
        candidates = [a for a in self.agents if a.available and a.load < self.capacity]
        if not candidates:
            return
        best = min(candidates, key=lambda a: a.load)
        best.load += 1
        session.offered = best
        self.send(best.ws, {
            "type": "offer", "session": session.id, "site": "demo",
            "summary": {"session": session.id, "site": "demo", "handler": "bot", "messages": session.seq},
            "history": [], "expires_at": now_iso(20),
        })

    def say(self, session: Session, who: str, frame: dict, ws, with_session: bool) -> None:
        session.seq += 1
        ack = {"type": "ack", "id": frame["id"], "seq": session.seq}
        if with_session:
            ack["session"] = session.id
        self.send(ws, ack)
        self.fan_out(session, {
            "type": "message", "session": session.id, "seq": session.seq, "from": who,
            "name": "Agent" if who == "agent" else "Visitor", "text": frame["text"], "at": now_iso(),
        })

    def on_visitor(self, ws, session: Session, frame: dict) -> None:
        kind = frame.get("type")
        if kind == "say" and isinstance(frame.get("id"), str) and isinstance(frame.get("text"), str):
            self.say(session, "visitor", frame, ws, False)
            if not session.spoke:
                session.spoke = True
                self.offer(session)
        elif kind == "leave":
            self.send(ws, {"type": "ended", "reason": "visitor_left"})
            asyncio.ensure_future(ws.close(1000))
        elif kind != "typing":
            self.send(ws, {"type": "error", "code": "bad_request", "message": "unknown frame"})

    def on_agent(self, ws, agent: Agent, frame: dict) -> None:
        kind = frame.get("type")
        session = self.sessions.get(frame.get("session")) if isinstance(frame.get("session"), str) else None
        if kind == "status":
            agent.available = frame.get("available") is True
            self.send(ws, {"type": "status", "available": agent.available})
            if agent.available:
                for s in list(self.sessions.values()):
                    if s.spoke and s.agent is None and s.offered is None:
                        self.offer(s)
        elif kind == "accept":
            if session is None or session.offered is not agent or session.agent is not None:
                self.send(ws, {"type": "error", "code": "conflict", "message": "not offered to you"})
                return
            session.agent = agent
            session.offered = None
            agent.held.add(session)
            self.send(ws, {"type": "assigned", "session": session.id, "site": "demo", "history": []})
        elif kind == "say":
            if session is None or session.agent is not agent:
                self.send(ws, {"type": "error", "code": "not_assigned", "message": "not yours", "ref": frame.get("id")})
                return
            if not isinstance(frame.get("id"), str) or not isinstance(frame.get("text"), str):
                self.send(ws, {"type": "error", "code": "bad_request", "message": "say needs id and text"})
                return
            self.say(session, "agent", frame, ws, True)
        elif kind == "close":
            if session is None or session.agent is not agent:
                return
            for v in list(session.visitors):
                self.send(v, {"type": "ended", "reason": "agent_closed"})
                asyncio.ensure_future(v.close(1000))
            agent.held.discard(session)
            agent.load -= 1
            self.sessions.pop(session.id, None)
            self.send(ws, {"type": "ended", "session": session.id, "reason": "agent_closed"})
        else:
            self.send(ws, {"type": "error", "code": "bad_request", "message": "unknown frame"})

    async def handler(self, ws) -> None:
        role = None
        session: Session | None = None
        agent: Agent | None = None
        try:
            async for data in ws:
                try:
                    frame = json.loads(data) if isinstance(data, str) else None
                except ValueError:
                    frame = None
                if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
                    self.send(ws, {"type": "error", "code": "bad_request", "message": "not a JSON object"})
                    continue
                if role == "visitor":
                    self.on_visitor(ws, session, frame)
                elif role == "agent":
                    self.on_agent(ws, agent, frame)
                elif frame["type"] != "hello":
                    self.send(ws, {"type": "error", "code": "hello_required", "message": "say hello first"})
                    await ws.close(1008)
                elif frame.get("role") == "visitor" and frame.get("site") == "demo":
                    sid = f"s{next(self.session_ids)}"
                    session = Session(sid)
                    session.visitors.add(ws)
                    self.sessions[sid] = session
                    role = "visitor"
                    self.send(ws, {
                        "type": "welcome", "session": sid, "resume": "r" + sid, "resumed": False,
                        "site": {"id": "demo", "name": "Demo Dental", "phone": "+1 555 0100"},
                        "office": {"open": False, "next_open": None}, "history": [],
                    })
                elif frame.get("role") == "agent" and isinstance(frame.get("token"), str) and frame["token"]:
                    # Any token is accepted: the peers measure relaying, not credentials.
                    agent = Agent(ws, f"a{next(self.agent_ids)}")
                    self.agents.add(agent)
                    role = "agent"
                    self.send(ws, {"type": "welcome", "agent": {"id": agent.id, "name": "Agent"},
                                   "available": False, "sessions": []})
                else:
                    self.send(ws, {"type": "error", "code": "unknown_site", "message": "unknown site or role"})
                    await ws.close(1008)
        except ConnectionClosed:
            pass
        finally:
            if role == "visitor" and session is not None:
                session.visitors.discard(ws)
                # A session nobody spoke in is forgotten with its last tab.
                if not session.visitors and not session.spoke:
                    self.sessions.pop(session.id, None)
            elif role == "agent" and agent is not None:
                self.agents.discard(agent)
                for s in agent.held:
                    s.agent = None
                for s in self.sessions.values():
                    if s.offered is agent:
                        s.offered = None


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=9002)
    parser.add_argument("--capacity", type=int, default=50)
    args = parser.parse_args()
    relay = Relay(args.capacity)
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))

    def select(connection, offered):
        return "nightdesk.v1" if "nightdesk.v1" in offered else None

    async with serve(relay.handler, "127.0.0.1", args.port, subprotocols=["nightdesk.v1"], select_subprotocol=select,
                     compression=None, max_size=16 * 1024, ping_interval=30, ping_timeout=60,
                     process_request=None) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        print(f"python peer: listening on http://127.0.0.1:{port}/", file=sys.stderr, flush=True)
        await stop


if __name__ == "__main__":
    asyncio.run(main())
