#!/usr/bin/env python3
"""Ack and auto-responder latency: N visitors each send M messages, one at a
time, and time say -> own `message` echo (relay), say -> `ack` (fsync done)
and say -> the auto-responder's first reply (its script ran, the reply left).

    python3 Benchmarks/ack_latency.py --url ws://127.0.0.1:8080/ws --visitors 100 --messages 20
    python3 Benchmarks/ack_latency.py --url ... --site bot --origin https://bench.nightdesk.invalid \\
        --visitors 20 --messages 30 --interval 0.5 --json

Benchmarks/run-all runs it with --json against the bench config's `bot`
site (no agent covers it, so the auto-responder answers every message) while
the 1,000-chat relay runs, and reports the bot reply latency under that load.

Every wait is on a frame: a visitor sends its next `say` only once the echo,
the ack and a bot reply to the previous one have arrived. `--interval` only
spaces a visitor's messages out (so the probe adds little load and spans the
run); no measurement depends on it. A frame awaited longer than `--timeout`
seconds counts as missing and the visitor stops.

Python is the client here, so its own overhead (and its scheduling on a
shared core) is in the numbers: they are an upper bound for the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time

from websockets.asyncio.client import connect


class Samples:
    def __init__(self) -> None:
        self.echoes: list[float] = []
        self.acks: list[float] = []
        self.replies: list[float] = []
        self.visitors_done = 0
        self.timeouts = 0
        self.errors: list[str] = []


async def visitor(args: argparse.Namespace, number: int, s: Samples) -> None:
    try:
        async with connect(args.url, subprotocols=["nightdesk.v1"], origin=args.origin, proxy=None,
                           compression=None, ping_interval=None, open_timeout=args.timeout) as ws:
            async def frame() -> dict:
                return json.loads(await asyncio.wait_for(ws.recv(), args.timeout))

            await ws.send(json.dumps({"type": "hello", "role": "visitor", "site": args.site}))
            while True:
                f = await frame()
                if f["type"] == "welcome":
                    break
                if f["type"] == "error":
                    raise RuntimeError(f"hello refused: {f.get('code')}: {f.get('message')}")
            # Visitors start at different moments within one interval, so
            # their says do not all land in the same millisecond.
            if args.interval > 0:
                await asyncio.sleep(random.uniform(0, args.interval))
            for i in range(args.messages):
                frame_id = f"p{number}-{i}"
                start = time.perf_counter()
                await ws.send(json.dumps({"type": "say", "id": frame_id, "text": f"benchmark message {i}"}))
                echo_seq = None
                acked = replied = False
                while not (echo_seq is not None and acked and replied):
                    f = await frame()
                    now = time.perf_counter()
                    kind = f.get("type")
                    if kind == "message" and f.get("from") == "visitor" and echo_seq is None:
                        s.echoes.append(now - start)
                        echo_seq = f.get("seq", 0)
                    elif (kind == "message" and f.get("from") == "bot" and echo_seq is not None
                          and f.get("seq", 0) > echo_seq and not replied):
                        # The first bot line after this message's echo; a
                        # greeting or a previous answer's further lines
                        # come before the echo and are not counted.
                        s.replies.append(now - start)
                        replied = True
                    elif kind == "ack" and f.get("id") == frame_id:
                        s.acks.append(now - start)
                        acked = True
                    elif kind == "error":
                        raise RuntimeError(f"error frame: {f.get('code')}: {f.get('message')}")
                    elif kind == "ended":
                        raise RuntimeError(f"session ended: {f.get('reason')}")
                if args.interval > 0 and i + 1 < args.messages:
                    await asyncio.sleep(args.interval)
            await ws.send(json.dumps({"type": "leave"}))
            s.visitors_done += 1
    except (asyncio.TimeoutError, TimeoutError):
        s.timeouts += 1
    except Exception as e:  # noqa: BLE001 - a probe reports, it does not crash the run
        s.errors.append(f"{type(e).__name__}: {e}")


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


def summary(values: list[float]) -> dict:
    def r(v: float | None) -> float | None:
        return None if v is None else round(v, 3)
    return {"n": len(values), "p50": r(percentile(values, 50)), "p99": r(percentile(values, 99)),
            "max": r(max(values) * 1000 if values else None),
            "mean": r(statistics.mean(values) * 1000 if values else None)}


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="ws://127.0.0.1:8080/ws")
    parser.add_argument("--site", default="demo", help="the site the visitors say hello to (default demo)")
    parser.add_argument("--origin", default=None,
                        help="Origin header at the handshake; needed when the site lists origins")
    parser.add_argument("--visitors", type=int, default=100)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.0,
                        help="seconds a visitor waits after a complete answer before its next say (default 0)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="seconds to wait for any one frame before giving the visitor up (default 10)")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout instead of text")
    args = parser.parse_args()
    s = Samples()
    started = time.perf_counter()
    await asyncio.gather(*(visitor(args, n, s) for n in range(args.visitors)))
    elapsed = time.perf_counter() - started
    expected = args.visitors * args.messages
    ok = s.visitors_done == args.visitors and len(s.replies) == expected
    if args.json:
        print(json.dumps({
            "scenario": "bot-reply", "site": args.site, "visitors": args.visitors, "messages": args.messages,
            "interval_s": args.interval, "elapsed_s": round(elapsed, 3), "expected": expected,
            "visitors_done": s.visitors_done, "timeouts": s.timeouts, "errors": s.errors[:5], "ok": ok,
            "latency_ms": {"echo": summary(s.echoes), "ack": summary(s.acks), "bot_reply": summary(s.replies)},
        }))
    else:
        for name, values in (("echo (relay)", s.echoes), ("ack (durable)", s.acks), ("bot reply", s.replies)):
            if not values:
                print(f"{name:14} n=0")
                continue
            print(f"{name:14} n={len(values)} p50={percentile(values, 50):.2f} ms p99={percentile(values, 99):.2f} ms "
                  f"max={max(values) * 1000:.2f} ms mean={statistics.mean(values) * 1000:.2f} ms")
        print(f"{len(s.acks) / elapsed:.0f} acknowledged messages/s over {args.visitors} visitors")
        if s.timeouts or s.errors:
            print(f"{s.timeouts} visitors timed out; errors: {s.errors[:5]}", file=sys.stderr)
    return 0 if ok else 3


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
