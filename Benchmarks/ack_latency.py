#!/usr/bin/env python3
"""Ack latency with group commit: N visitors each send M messages, one at a
time, and time say -> own `message` echo (relay), say -> `ack` (fsync done)
and say -> the auto-responder's reply (its script ran, the reply is durable).

    python3 Benchmarks/ack_latency.py --url ws://127.0.0.1:8080/ws --visitors 100 --messages 20

A first measurement, not the benchmark suite (that is nightdesk-bench, issue 7):
Python is the client here, so its own overhead is in the numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time

from websockets.asyncio.client import connect


async def visitor(url: str, messages: int, acks: list[float], echoes: list[float], replies: list[float]) -> None:
    async with connect(url, subprotocols=["nightdesk.v1"], proxy=None, compression=None, ping_interval=None) as ws:
        await ws.send(json.dumps({"type": "hello", "role": "visitor", "site": "demo"}))
        while json.loads(await ws.recv())["type"] != "welcome":
            pass
        for i in range(messages):
            frame_id = f"b-{i}"
            start = time.perf_counter()
            await ws.send(json.dumps({"type": "say", "id": frame_id, "text": f"benchmark message {i}"}))
            echoed = acked = replied = False
            while not (echoed and acked and replied):
                frame = json.loads(await ws.recv())
                now = time.perf_counter()
                if frame["type"] == "message" and frame.get("from") == "visitor" and not echoed:
                    echoes.append(now - start)
                    echoed = True
                elif frame["type"] == "message" and frame.get("from") == "bot" and echoed and not replied:
                    replies.append(now - start)
                    replied = True
                elif frame["type"] == "ack" and frame.get("id") == frame_id:
                    acks.append(now - start)
                    acked = True
        await ws.send(json.dumps({"type": "leave"}))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="ws://127.0.0.1:8080/ws")
    parser.add_argument("--visitors", type=int, default=100)
    parser.add_argument("--messages", type=int, default=20)
    args = parser.parse_args()
    acks: list[float] = []
    echoes: list[float] = []
    replies: list[float] = []
    started = time.perf_counter()
    await asyncio.gather(*(visitor(args.url, args.messages, acks, echoes, replies) for _ in range(args.visitors)))
    elapsed = time.perf_counter() - started
    for name, values in (("echo (relay)", echoes), ("ack (durable)", acks), ("bot reply", replies)):
        print(f"{name:14} n={len(values)} p50={percentile(values, 50):.2f} ms p99={percentile(values, 99):.2f} ms "
              f"max={max(values) * 1000:.2f} ms mean={statistics.mean(values) * 1000:.2f} ms")
    print(f"{len(acks) / elapsed:.0f} acknowledged messages/s over {args.visitors} visitors")


if __name__ == "__main__":
    asyncio.run(main())
