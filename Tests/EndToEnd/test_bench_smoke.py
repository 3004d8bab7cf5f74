"""nightdesk-bench against the real server: a few seconds of relay and of idle
visitors, with zero loss and one valid JSON object on stdout; and a bad agent
token, which must make the bench fail with a clear error (so these tests can
fail). Binary: $NIGHTDESK_BENCH_BIN, else .build/debug/nightdesk-bench.

Each run is one subprocess with a hard timeout: the test waits for it to exit,
never for a guessed time.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from agent_e2e import add_agent
from nightdesk_e2e import REPO, Server

# What the bench needs from the server; the same file Benchmarks/run-all uses.
BENCH_TOML = (REPO / "Benchmarks" / "bench.toml").read_text("utf-8")


def bench_bin() -> Path:
    env = os.environ.get("NIGHTDESK_BENCH_BIN")
    path = Path(env) if env else REPO / ".build" / "debug" / "nightdesk-bench"
    assert path.exists(), f"nightdesk-bench not found at {path}: run `swift build` or set NIGHTDESK_BENCH_BIN"
    return path


def run_bench(server: Server, tmp_path: Path, *args: str, tokens: list[str] = (), timeout: float = 60) -> tuple[int, dict, str]:
    token_file = tmp_path / "tokens"
    token_file.write_text("".join(t + "\n" for t in tokens))
    token_file.chmod(0o600)
    cmd = [str(bench_bin()), "--url", server.ws_url, "--server-pid", str(server.proc.pid),
           "--agent-token-file", str(token_file), "--setup-timeout", "20", *args]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    lines = [line for line in res.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one JSON line on stdout, got {res.stdout!r}\nstderr: {res.stderr}"
    return res.returncode, json.loads(lines[0]), res.stderr


def test_relay_loses_nothing(make_server, tmp_path):
    server = make_server(config=BENCH_TOML)
    tokens = [add_agent(server, f"bench{i}", f"Bench {i}", capacity=50).token for i in (1, 2)]
    code, result, stderr = run_bench(server, tmp_path, "--scenario", "relay", "--chats", "12", "--rate", "2",
                                     "--duration", "4", tokens=tokens)
    assert code == 0, f"bench exited {code}: {result}\n{stderr}"
    assert result["scenario"] == "relay" and result["ok"] and result["valid"]
    assert result["sent"] == 12 * 2 * 2 * 4, result  # chats x sides x rate x seconds
    assert result["delivered"] == result["sent"] and result["lost"] == 0 and result["duplicates"] == 0
    assert result["acked"] == result["sent"] and result["unacked"] == 0
    assert result["errors"]["count"] == 0, result["errors"]
    for direction in ("visitor_to_agent", "agent_to_visitor"):
        lat = result["latency_ms"][direction]
        assert lat["n"] == result["sent"] // 2
        assert 0 < lat["p50"] <= lat["p99"] <= lat["max"], lat
    assert result["server"]["rss_kb_before"] > 0 and result["server"]["cpu_s"] is not None


def test_idle_sessions_all_welcomed(make_server, tmp_path):
    server = make_server(config=BENCH_TOML)
    code, result, stderr = run_bench(server, tmp_path, "--scenario", "idle", "--sessions", "150",
                                     "--settle", "0.5", "--idle-window", "1")
    assert code == 0, f"bench exited {code}: {result}\n{stderr}"
    assert result["scenario"] == "idle" and result["ok"]
    assert result["welcomed"] == 150 and result["failed"] == 0 and result["dropped_while_idle"] == 0
    assert result["handshake_ms"]["n"] == 150
    assert result["server"]["rss_kb_settled"] >= result["server"]["rss_kb_baseline"] > 0
    assert result["server"]["idle_cpu_fraction"] is not None


def test_a_refused_agent_fails_the_run(make_server, tmp_path):
    server = make_server(config=BENCH_TOML)
    code, result, stderr = run_bench(server, tmp_path, "--scenario", "relay", "--chats", "2", "--duration", "1",
                                     tokens=["not-a-real-token-at-all-xxxx"])
    assert code == 1, f"expected exit 1, got {code}: {result}"
    assert result["ok"] is False and "unauthorized" in result["error"], result


def client_time_waits(server_port: int) -> int:
    """TIME_WAIT sockets whose peer is the server's port: the client side's.
    /proc/net/tcp gives addresses as hex; state 06 is TIME_WAIT."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            remote_port = int(fields[2].rsplit(":", 1)[1], 16)
            if fields[3] == "06" and remote_port == server_port:
                count += 1
    return count


def test_the_bench_leaves_no_time_wait_on_its_own_ports(make_server, tmp_path):
    # A client that closes first holds a TIME_WAIT on its port for a minute;
    # a full run's 50,000 handshakes used up the ephemeral ports that way,
    # and later runs measured the kernel's search for a free one. The bench
    # lets the server close first (churn) or resets (the end of a run).
    server = make_server(config=BENCH_TOML)
    tokens = [add_agent(server, "bench1", "Bench 1", capacity=50).token]
    code, result, stderr = run_bench(server, tmp_path, "--scenario", "churn", "--chats", "4", "--rate", "1",
                                     "--duration", "2", "--churn-rate", "20", tokens=tokens)
    assert code == 0, f"bench exited {code}: {result}\n{stderr}"
    assert result["churn"]["completed"] >= 20 and result["churn"]["failed"] == 0, result["churn"]
    assert client_time_waits(server.port) == 0
