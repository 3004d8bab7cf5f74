"""Status changes keep who made them and when, survive a restart, nothing
is overwritten; two staff members changing a lead at once lose nothing;
bad requests get the right status codes; every access is in the audit log."""

from __future__ import annotations

import json
import subprocess
import threading

from nightdesk_e2e import REPO
from staff_api import TWO_SITES, api, api_json, make_lead, staff_token


def test_status_history_and_notes_survive_a_restart(make_server):
    server = make_server(config=TWO_SITES)
    amy, bob = staff_token(server, "amy"), staff_token(server, "bob")
    lead_id = "l-" + make_lead(server, "Call me at 555 123 4567 about implants")[2:]

    status, lead = api_json(server, f"/api/leads/{lead_id}", amy, "POST", {"status": "contacted", "note": "left voicemail"})
    assert status == 200 and lead["status"] == "contacted"
    api_json(server, f"/api/leads/{lead_id}", bob, "POST", {"status": "booked", "note": "Tue 8:30"})
    server.stop()
    server.start()
    _, lead = api_json(server, f"/api/leads/{lead_id}", amy)
    assert lead["status"] == "booked"
    assert [(h["by"], h["from"], h["status"]) for h in lead["history"]] == [("amy", "new", "contacted"), ("bob", "contacted", "booked")]
    assert [(n["by"], n["text"]) for n in lead["notes"]] == [("amy", "left voicemail"), ("bob", "Tue 8:30")]
    assert all(h["at"].endswith("Z") for h in lead["history"])


def test_concurrent_changes_from_two_staff_members_are_all_kept(make_server):
    server = make_server(config=TWO_SITES)
    tokens = {"amy": staff_token(server, "amy"), "bob": staff_token(server, "bob")}
    lead_id = "l-" + make_lead(server, "Call me at 555 123 4567")[2:]
    errors: list[str] = []

    def worker(name: str) -> None:
        for i in range(15):
            status, _ = api_json(server, f"/api/leads/{lead_id}", tokens[name], "POST", {"note": f"{name} {i}"})
            if status != 200:
                errors.append(f"{name} {i}: {status}")

    threads = [threading.Thread(target=worker, args=(name,)) for name in tokens]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    _, lead = api_json(server, f"/api/leads/{lead_id}", tokens["amy"])
    assert sorted(n["text"] for n in lead["notes"]) == sorted(f"{name} {i}" for name in tokens for i in range(15))


def test_bad_requests_get_clear_errors(make_server):
    server = make_server(config=TWO_SITES)
    token = staff_token(server, "desk")
    lead_id = "l-" + make_lead(server, "Call me at 555 123 4567")[2:]
    cases = [
        ("POST", f"/api/leads/{lead_id}", b"{not json", 400),
        ("POST", f"/api/leads/{lead_id}", json.dumps({"status": "won"}).encode(), 400),
        ("POST", f"/api/leads/{lead_id}", json.dumps({"note": 5}).encode(), 400),
        ("POST", f"/api/leads/{lead_id}", b"{}", 400),
        ("POST", f"/api/leads/{lead_id}", b'{"note":"' + b"x" * 70000 + b'"}', 413),
        ("GET", "/api/leads/l-does-not-exist", None, 404),
        ("GET", "/api/nothing-here", None, 404),
        ("POST", "/api/leads", b"{}", 405),
    ]
    for method, path, body, expected in cases:
        status, headers, raw = api(server, path, token, method, body)
        assert status == expected, (method, path, status, raw[:200])
        assert json.loads(raw)["error"], raw
    _, lead = api_json(server, f"/api/leads/{lead_id}", token)
    assert lead["status"] == "new" and lead["notes"] == [], "a refused change must change nothing"


def test_every_access_is_audited(make_server):
    server = make_server(config=TWO_SITES)
    token = staff_token(server, "desk")
    lead_id = "l-" + make_lead(server, "Call me at 555 123 4567")[2:]
    api(server, "/api/leads", token)
    api(server, f"/api/leads/{lead_id}", token)
    api_json(server, f"/api/leads/{lead_id}", token, "POST", {"status": "contacted"})
    api(server, "/api/leads.csv", token)
    res = subprocess.run([str(server.binary), "audit", "--data", str(server.data_dir)], cwd=REPO,
                         capture_output=True, text=True, timeout=30)
    actions = [line.split()[2] for line in res.stdout.splitlines()]
    assert actions == ["view", "change", "export"], res.stdout
    assert all(" desk " in f" {line} " for line in res.stdout.splitlines())
