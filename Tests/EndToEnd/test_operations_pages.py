"""GET /healthz and GET /metrics against the real server.

/healthz: 200 with storage writable, loop alive and free disk bytes; 503
with the reason once the data directory cannot take a write.
/metrics: Prometheus text whose numbers move after a real chat with an
agent's offer (connections by role, sessions, offers, acks and their
latency, first-response time, leads by score, journal bytes, fsyncs) and
after a refused connection (limit hits). Without `metrics_token` only
loopback may scrape; with it, only a request bearing it.
"""

from __future__ import annotations

import json
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
import urllib.error
import urllib.request

from agent_e2e import AGENT_CONFIG_TOML, Agent, add_agent
from nightdesk_e2e import Visitor, run
from rfc6455 import HandshakeRefused, RawWebSocket


def get(port: int, path: str, token: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def samples(text: str) -> dict[str, float]:
    """`name{labels}` -> value, for every sample line."""
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            out[key] = float(value.replace("+Inf", "inf"))
    return out


def scrape(port: int, token: str | None = None) -> dict[str, float]:
    status, headers, body = get(port, "/metrics", token)
    assert status == 200, (status, body)
    assert headers.get("Content-Type", headers.get("content-type", "")).startswith("text/plain; version=0.0.4"), headers
    return samples(body.decode())


def test_healthz_reports_ok_then_a_broken_data_directory(make_server):
    server = make_server()
    status, headers, body = get(server.port, "/healthz")
    health = json.loads(body)
    assert status == 200, health
    assert health["status"] == "ok" and health["storage_writable"] is True and health["loop_alive"] is True, health
    assert isinstance(health["free_disk_bytes"], int) and health["free_disk_bytes"] > 0, health

    # The data directory vanishes under the running server (an unmounted
    # volume): the next probe cannot write there, and says so. A probe's
    # result is reused for a second (each is a write and an fsync), so the
    # change shows within a bounded wait.
    shutil.rmtree(server.data_dir)
    deadline = time.monotonic() + 5
    while True:
        status, _, body = get(server.port, "/healthz")
        health = json.loads(body)
        if status != 200 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert status == 503, health
    assert health["status"] == "unavailable" and health["storage_writable"] is False, health
    assert any("data directory" in p for p in health["problems"]), health


def test_metrics_move_after_a_chat(make_server):
    config = AGENT_CONFIG_TOML.replace("[server]\n", "[server]\nmax_connections_per_ip = 4\n", 1)
    server = make_server(config=config, start=False)
    amy = add_agent(server, "amy", "Amy")
    server.start()
    before = scrape(server.port)
    assert before["nightdesk_acks_total"] == 0
    assert before['nightdesk_limit_hits_total{limit="max_connections_per_ip"}'] == 0

    async def body():
        agent = await Agent.online(server, amy, available=True)
        v = await Visitor.connect(server)
        await v.hello()
        await v.say_and_get_reply("My tooth hurts, can someone call me at 555 201 7788?")
        await agent.wait_offer(v.session)
        live = scrape(server.port)
        assert live['nightdesk_connections{role="visitor"}'] == 1, live
        assert live['nightdesk_connections{role="agent"}'] == 1, live
        assert live["nightdesk_sessions_live"] == 1, live
        assert live["nightdesk_offers_total"] == 1, live
        await v.say("My name is Ava.")
        await v.leave()
        await v.recv_until(lambda: server.lead_for_session(v.session) is not None, what="the lead file")

    run(body())
    # Two more connections from this address fill max_connections_per_ip = 4 with the agent's.
    held = [RawWebSocket(server.port) for _ in range(3)]
    try:
        RawWebSocket(server.port)
        raise AssertionError("a fifth connection from one address was admitted")
    except HandshakeRefused:
        pass

    after = scrape(server.port)
    assert after["nightdesk_acks_total"] >= 2, after
    assert after["nightdesk_ack_latency_seconds_count"] == after["nightdesk_acks_total"], after
    assert after['nightdesk_ack_latency_seconds_bucket{le="+Inf"}'] == after["nightdesk_acks_total"], after
    assert after["nightdesk_first_response_seconds_count"] == 1, after
    assert sum(v for k, v in after.items() if k.startswith("nightdesk_leads_total{")) == 1, after
    lead = server.leads()[0]
    assert after[f'nightdesk_leads_total{{score="{lead["score"]}"}}'] == 1, after
    assert after["nightdesk_journal_bytes_written_total"] > before["nightdesk_journal_bytes_written_total"], after
    assert after["nightdesk_fsync_latency_seconds_count"] >= 1, after
    assert after['nightdesk_limit_hits_total{limit="max_connections_per_ip"}'] == 1, after
    assert after["nightdesk_sessions_live"] == 0, after
    for ws in held:
        ws.close()


def test_metrics_token_guards_the_page(make_server):
    token = "scrape-me-0123456789abcdef"
    server = make_server(config=f"""
[server]
metrics_token = "{token}"
[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
""")
    status, headers, _ = get(server.port, "/metrics")
    assert status == 401, status
    status, _, _ = get(server.port, "/metrics", token="wrong-" + token)
    assert status == 401, status
    assert scrape(server.port, token)["nightdesk_acks_total"] == 0
    status, _, _ = get(server.port, "/healthz")  # health stays open to any monitor
    assert status == 200


def test_loopback_scrapes_without_a_token(server):
    assert "nightdesk_sessions_live" in scrape(server.port)


def test_only_get_is_answered(server):
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}/healthz", data=b"{}", method="POST")
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("POST /healthz was answered")
    except urllib.error.HTTPError as e:
        assert e.code == 405, e.code


def test_a_burst_of_health_checks_shares_one_probe(server):
    """/healthz is open to anyone: a burst of 200 is answered in full while
    probes are shared (StorageProbeScheduleTests proves the sharing)."""
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: get(server.port, "/healthz"), range(200)))
    assert all(status == 200 and json.loads(body)["status"] == "ok" for status, _, body in answers)
