"""Helpers for the staff API tests: staff tokens from the real CLI, leads
made by real chats, and requests over urllib (a client nobody here wrote)."""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request

from nightdesk_e2e import REPO, Visitor, run

TWO_SITES = """
[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
[sites.other]
name = "Other Clinic"
phone = "+1 555 0199"
timezone = "Europe/Berlin"
"""


def staff_token(server, staff_id: str, sites: str | None = None) -> str:
    cmd = [str(server.binary), "staff", "add", staff_id, "--data", str(server.data_dir)]
    if server.config is not None:
        cmd += ["--config", str(server.config)]
    if sites:
        cmd += ["--sites", sites]
    res = subprocess.run(cmd, cwd=REPO, capture_output=True, timeout=30, text=True)
    assert res.returncode == 0, res.stderr
    return res.stdout.strip()


def make_lead(server, *texts: str, site: str = "demo") -> str:
    """A real chat that says `texts`, then leaves; returns the session id."""
    async def body():
        v = await Visitor.connect(server)
        await v.hello(site=site)
        for text in texts:
            await v.say_and_get_reply(text)
        await v.leave()
        return v.session

    return run(body())


def api(server, path: str, token: str | None = None, method: str = "GET", body: bytes | None = None):
    """(status, headers, body bytes) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}{path}", data=body, method=method)
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def api_json(server, path: str, token: str | None = None, method: str = "GET", payload=None):
    status, _, raw = api(server, path, token, method, None if payload is None else json.dumps(payload).encode())
    return status, json.loads(raw)
