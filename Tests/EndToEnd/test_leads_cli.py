"""`nightdesk leads show|mark|export|purge` work on the same data as the
running server: a mark from the terminal is seen by the API, exports
neutralise formulas, purge removes what is past the site's retention and
says so, and everything lands in the audit log."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import datetime, timedelta, timezone

from nightdesk_e2e import REPO
from staff_api import api_json, make_lead, staff_token

CONFIG = """
[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
retention_days = 1
"""


def cli(server, *args: str) -> subprocess.CompletedProcess:
    cmd = [str(server.binary), *args, "--data", str(server.data_dir), "--config", str(server.config)]
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=30)


def test_mark_show_export_and_purge(make_server):
    server = make_server(config=CONFIG)
    token = staff_token(server, "desk")
    lead_id = "l-" + make_lead(server, "=cmd|' /C calc'!A0 toothache, call me at 555 123 4567")[2:]

    marked = cli(server, "leads", "mark", lead_id, "booked", "--note", "Tue 8:30")
    assert marked.returncode == 0, marked.stderr
    _, lead = api_json(server, f"/api/leads/{lead_id}", token)
    assert lead["status"] == "booked" and lead["notes"][0]["text"] == "Tue 8:30", lead
    assert lead["history"][0]["by"].startswith("cli:")

    shown = cli(server, "leads", "show", lead_id)
    assert shown.returncode == 0 and "booked" in shown.stdout and "Tue 8:30" in shown.stdout, shown.stdout

    bad = cli(server, "leads", "mark", lead_id, "won")
    assert bad.returncode == 2 and "status must be" in bad.stderr

    exported = cli(server, "leads", "export")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert rows[0]["reason"].startswith("'="), rows[0]["reason"]

    soon = (datetime.now(timezone.utc) + timedelta(hours=12)).strftime("%Y-%m-%dT%H:%M:%SZ")
    later = (datetime.now(timezone.utc) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert "0 leads removed" in cli(server, "leads", "purge", "--as-of", soon).stderr
    dry = cli(server, "leads", "purge", "--as-of", later, "--dry-run")
    assert f"would remove {lead_id}" in dry.stdout
    assert api_json(server, f"/api/leads/{lead_id}", token)[0] == 200, "a dry run deletes nothing"
    purged = cli(server, "leads", "purge", "--as-of", later)
    assert f"removed {lead_id}" in purged.stdout, purged.stdout
    assert api_json(server, f"/api/leads/{lead_id}", token)[0] == 404

    lines = cli(server, "audit").stdout.splitlines()
    from_cli = [line.split()[2] for line in lines if line.split()[1].startswith("cli:")]
    assert from_cli == ["change", "view", "export", "purge"], lines
