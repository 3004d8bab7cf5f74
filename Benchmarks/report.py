#!/usr/bin/env python3
"""Turns the JSON lines of one Benchmarks/run-all run into the results files:
<date>-<commit>.json (every measurement, plus the machine) and .md (tables).

    python3 Benchmarks/report.py --lines runs.jsonl --commit abc1234 --json out.json --md out.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
from datetime import datetime, timezone

PEER_NOTE = {
    "nightdesk": "NightDesk (Swift, lws on libuv); acks after fsync; auto-responder; journal",
    "node": "Node.js `ws` peer; no journal, acks at once",
    "python": "Python `websockets` peer; no journal, acks at once",
    "c": "C libwebsockets-on-libuv peer (the floor); no journal, acks at once",
}


def machine() -> dict:
    info = {"kernel": platform.release(), "cores": os.cpu_count()}
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "Model name":
                info["cpu"] = value.strip()
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            info["memory_kb"] = int(f.readline().split()[1])
        with open("/proc/loadavg") as f:
            info["loadavg_at_end"] = f.read().split()[:3]
    except OSError:
        pass
    return info


def ms(v) -> str:
    return "–" if v is None else f"{v:.2f}"


def pct(v) -> str:
    return "–" if v is None else f"{v * 100:.0f}%"


def kb(v) -> str:
    return "–" if v is None or v < 0 else f"{v / 1024:.1f} MiB"


def flag(run: dict) -> str:
    """The run's status, the machine's load average when it started (the
    cores are shared: above 2, other work competed) and the CPU time the
    hypervisor gave other guests during it (steal: this machine's cores
    did not run at all; latency tails follow it)."""
    if run.get("valid") is False:
        status = "INVALID"
    elif run.get("error"):
        status = "FAILED"
    else:
        status = "ok" if run.get("ok") else "see JSON"
    notes = []
    load = run.get("loadavg_before")
    if load is not None:
        notes.append(f"load {load:.1f}")
    steal = run.get("machine", {}).get("steal_fraction")
    if steal is None:  # throughput: per step; the worst one
        steps = [st["machine_steal_fraction"] for st in run.get("steps", []) if st.get("machine_steal_fraction") is not None]
        steal = max(steps) if steps else None
    if steal is not None:
        notes.append(f"steal {steal * 100:.0f}%")
    return f"{status} ({', '.join(notes)})" if notes else status


def idle_table(runs: list[dict]) -> list[str]:
    out = ["| server | sessions | welcomed | sessions/s (ramp) | connect→welcome p50 / p99 ms | RSS settled | bytes/session | idle CPU | status |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in runs:
        s = r.get("server", {})
        hs = r.get("handshake_ms", {})
        bps = s.get("bytes_per_session")
        out.append(f"| {r['label']} | {r.get('sessions', '–')} | {r.get('welcomed', '–')} | {r.get('sessions_per_s', 0):,.0f} | "
                   f"{ms(hs.get('p50'))} / {ms(hs.get('p99'))} | {kb(s.get('rss_kb_settled'))} | "
                   f"{'–' if bps is None else f'{bps:,.0f}'} | {pct(s.get('idle_cpu_fraction'))} | {flag(r)} |")
    return out


def relay_table(runs: list[dict]) -> list[str]:
    out = ["| server | chats | msg/s offered | visitor→agent p50 / p99 / p99.9 / max ms | agent→visitor p50 / p99 / p99.9 / max ms | ack p50 / p99 ms | lost | reordered | server CPU | bench CPU | status |",
           "|---|---:|---:|---|---|---|---:|---:|---:|---:|---|"]
    for r in runs:
        if "latency_ms" not in r:
            out.append(f"| {r['label']} | {r.get('chats', '–')} | – | – | – | – | – | – | – | – | {flag(r)}: {r.get('error', '')} |")
            continue
        lat = r["latency_ms"]
        va, av, ack = lat["visitor_to_agent"], lat["agent_to_visitor"], lat["ack"]
        out.append(f"| {r['label']} | {r['chats']} | {r['offered_msgs_per_s']:,.0f} | "
                   f"{ms(va['p50'])} / {ms(va['p99'])} / {ms(va['p999'])} / {ms(va['max'])} | "
                   f"{ms(av['p50'])} / {ms(av['p99'])} / {ms(av['p999'])} / {ms(av['max'])} | "
                   f"{ms(ack['p50'])} / {ms(ack['p99'])} | {r['lost']} | {r['reordered']} | "
                   f"{pct(r['server'].get('cpu_fraction'))} | {pct(r['bench'].get('cpu_fraction'))} | {flag(r)} |")
    return out


def throughput_table(runs: list[dict]) -> list[str]:
    out = ["| server | chats | knee msg/s (p99 ≤ bound, no loss) | p99 at knee ms | server CPU per 10k msg/s | stopped by | steps (offered msg/s: p99 ms) | status |",
           "|---|---:|---:|---:|---:|---|---|---|"]
    for r in runs:
        steps = ", ".join(f"{s['offered_msgs_per_s']:,.0f}: {max(s['p99_ms']):.1f}{' lost ' + str(s['lost']) if s['lost'] else ''}"
                          f"{' (bench-bound)' if s['bench_limited'] else ''}" for s in r.get("steps", []))
        knee = r.get("knee_msgs_per_s")
        cpu = r.get("server_cpu_per_10k_msgs_per_s")
        out.append(f"| {r['label']} | {r.get('chats', '–')} | {'–' if knee is None else f'{knee:,.0f}'} | "
                   f"{ms(r.get('knee_p99_ms'))} | {'–' if cpu is None else f'{cpu * 100:.0f}% of a core'} | "
                   f"{r.get('stopped_by', r.get('error', '–'))} | {steps} | {flag(r)} |")
    return out


def churn_table(runs: list[dict]) -> list[str]:
    out = ["| server | chats | churn/s | churn done / failed | connect→welcome p99 ms | relay p99 v→a / a→v ms | lost | RSS before → after | status |",
           "|---|---:|---:|---:|---:|---|---:|---|---|"]
    for r in runs:
        c = r.get("churn", {})
        lat = r.get("latency_ms", {})
        s = r.get("server", {})
        out.append(f"| {r['label']} | {r.get('chats', '–')} | {c.get('rate', 0):.0f} | {c.get('completed', '–')} / {c.get('failed', '–')} | "
                   f"{ms(c.get('handshake_ms', {}).get('p99'))} | {ms(lat.get('visitor_to_agent', {}).get('p99'))} / "
                   f"{ms(lat.get('agent_to_visitor', {}).get('p99'))} | {r.get('lost', '–')} | "
                   f"{kb(s.get('rss_kb_before'))} → {kb(s.get('rss_kb_after'))} | {flag(r)} |")
    return out


def slow_table(runs: list[dict]) -> list[str]:
    out = ["| server | chats (stalled) | RSS at stall | RSS max | growth after stall | disconnected by server | others' p99 v→a / a→v ms | lost (others) | status |",
           "|---|---:|---:|---:|---:|---|---|---:|---|"]
    for r in runs:
        sr = r.get("slow_reader", {})
        lat = r.get("latency_ms", {})
        after = sr.get("disconnected_after_s")
        disc = f"yes, after {after:.1f} s" if sr.get("disconnected_by_server") and after is not None else "no"
        out.append(f"| {r['label']} | {r.get('chats', '–')} ({sr.get('chats_excluded', '–')}) | {kb(sr.get('rss_kb_at_stall'))} | "
                   f"{kb(sr.get('rss_kb_max'))} | {kb(sr.get('rss_growth_kb'))} | {disc} | "
                   f"{ms(lat.get('visitor_to_agent', {}).get('p99'))} / {ms(lat.get('agent_to_visitor', {}).get('p99'))} | "
                   f"{r.get('lost', '–')} | {flag(r)} |")
    return out


def bot_lines(runs: list[dict]) -> list[str]:
    """The auto-responder probe (ack_latency.py against site "bot") that ran
    alongside NightDesk's relay: a line, then the table of its numbers."""
    out = []
    for r in runs:
        n = r.get("relay_chats")
        size = "–" if n is None else f"{n:,}"
        lat = r.get("latency_ms")
        if not lat:
            out.append(f"Auto-responder reply under relay load ({size} chats): {flag(r)}: {r.get('error', 'no numbers')}")
            out.append("")
            continue
        bot = lat["bot_reply"]
        expected = r.get("expected")
        out.append(f"Auto-responder reply under relay load ({size} chats): **{ms(bot['p50'])} / {ms(bot['p99'])} / "
                   f"{ms(bot['max'])} ms** p50 / p99 / max ({bot['n']:,} replies of {'–' if expected is None else f'{expected:,}'} "
                   f"expected; target: p99 ≤ 50 ms); {flag(r)}.")
        out.append("")
    out += ["| server | relay chats | probe visitors × messages | echo p50 / p99 / max ms | ack p50 / p99 / max ms | bot reply p50 / p99 / max ms | replies | timed out / errors | status |",
            "|---|---:|---:|---|---|---|---:|---:|---|"]
    for r in runs:
        lat = r.get("latency_ms", {})
        cell = lambda k: " / ".join(ms(lat.get(k, {}).get(p)) for p in ("p50", "p99", "max"))  # noqa: E731
        out.append(f"| {r.get('label', '–')} | {r.get('relay_chats', '–')} | {r.get('visitors', '–')} × {r.get('messages', '–')} | "
                   f"{cell('echo')} | {cell('ack')} | {cell('bot_reply')} | {lat.get('bot_reply', {}).get('n', '–')} | "
                   f"{r.get('timeouts', '–')} / {len(r.get('errors', []))} | {flag(r)} |")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", required=True)
    ap.add_argument("--commit", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--md", required=True)
    ap.add_argument("--quick", default="0")
    args = ap.parse_args()
    with open(args.lines) as f:
        runs = [json.loads(line) for line in f if line.strip()]
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    mach = machine()
    # The auto-responder's reply latency under relay load, also on its own
    # (the whole probe result is among the runs, run "bot-relay-<n>").
    bot = [{"relay_chats": r.get("relay_chats"), "label": r.get("label"), "ok": r.get("ok"),
            **{k: r.get("latency_ms", {}).get("bot_reply", {}).get(k) for k in ("n", "p50", "p99", "max")}}
           for r in runs if r.get("run", "").startswith("bot-relay-")]
    with open(args.json, "w") as f:
        json.dump({"date": when, "commit": args.commit, "quick": args.quick == "1", "machine": mach,
                   "bot_reply_under_relay_ms": bot, "runs": runs}, f, indent=1)

    by = lambda prefix: [r for r in runs if r.get("run", "").startswith(prefix)]  # noqa: E731
    md = [f"# nightdesk-bench results, {when}, commit {args.commit}", "",
          f"Machine: {mach.get('cpu', '?')}, {mach.get('cores')} cores, {mach.get('memory_kb', 0) // 1024 // 1024} GiB, "
          f"kernel {mach.get('kernel')}; load average at the end {' '.join(mach.get('loadavg_at_end', []))}. "
          "Server pinned to core 0, generator to core 1 (`taskset`); the cores are shared with other work on this machine, "
          "and each run's status shows the load average when it began (above 2: other work competed for the cores). "
          + ("**QUICK run: small sizes.**" if args.quick == "1" else ""), "",
          "Servers: " + "; ".join(f"**{k}**: {v}" for k, v in PEER_NOTE.items()) + ".", "",
          "Latency is from a message's *scheduled* send time (open loop) to its arrival at the other side; "
          "ack latency from the scheduled time to the `ack`. INVALID: the generator used more than 80% of its core, "
          "so the numbers measure it, not the server. *steal*: the share of the machine's CPU time its hypervisor gave other "
          "guests during the run, when neither core ran at all; a few percent is usual here, and latency tails grow with it. Command: `bash Benchmarks/run-all` (see Benchmarks/README.md).", ""]
    for title, prefix, table in (("Idle sessions", "idle-", idle_table), ("Relay", "relay-", relay_table),
                                 ("Throughput", "throughput-", throughput_table), ("Churn", "churn-", churn_table),
                                 ("Slow reader", "slow-reader-", slow_table)):
        chosen = by(prefix)
        if chosen:
            md += [f"## {title}", ""] + table(chosen) + [""]
        if prefix == "relay-" and by("bot-relay-"):
            md += ["### Auto-responder under relay load", "",
                   "While NightDesk's relay ran at the size shown, `ack_latency.py` (Python `websockets`, on the generator's core) "
                   "played visitors of a second site, `bot`, that no agent covers, so the auto-responder answered every message. "
                   "Each visitor sends its next `say` only once the echo, the ack and the bot's first reply to the last one have "
                   "arrived; latency runs from the `say` to each. The client's own overhead is in the numbers. The probe's "
                   "messages (and the bot's replies) add a few percent to that relay run's load.", ""] + bot_lines(by("bot-relay-")) + [""]
    with open(args.md, "w") as f:
        f.write("\n".join(md))


if __name__ == "__main__":
    main()
