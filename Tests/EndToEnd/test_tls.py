"""TLS: with tls_cert/tls_key the server speaks https and wss only, with a
certificate the test makes itself with the `openssl` command. Every HTTPS
response (pages, the API, /healthz) carries Strict-Transport-Security;
plain HTTP never does (RFC 6797 7.2)."""

from __future__ import annotations

import asyncio
import json
import ssl
import subprocess
import urllib.error
import urllib.request

from websockets.asyncio.client import connect

from nightdesk_e2e import SUBPROTOCOL, run


def make_certificate(directory):
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


def tls_server(make_server, directory):
    cert, key = make_certificate(directory)
    server = make_server(config=f"""
[server]
tls_cert = "{cert}"
tls_key = "{key}"
[sites.demo]
name = "Demo Dental"
phone = "+1 555 0100"
timezone = "America/New_York"
""")
    return server, cert


def test_wss_conversation_and_https_page(make_server, tmp_path):
    server, cert = tls_server(make_server, tmp_path)
    context = ssl.create_default_context(cafile=str(cert))
    page = urllib.request.urlopen(f"https://127.0.0.1:{server.port}/", context=context, timeout=10)
    assert b"Demo Dental" in page.read()

    async def body():
        async with connect(f"wss://127.0.0.1:{server.port}/ws", ssl=context, subprotocols=[SUBPROTOCOL],
                           proxy=None, open_timeout=10) as ws:
            await ws.send(json.dumps({"type": "hello", "role": "visitor", "site": "demo"}))
            welcome = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert welcome["type"] == "welcome"
            await ws.send(json.dumps({"type": "say", "id": "t-1", "text": "over TLS"}))
            while True:
                frame = json.loads(await asyncio.wait_for(ws.recv(), 10))
                if frame["type"] == "ack":
                    assert frame["id"] == "t-1"
                    return

    run(body())


def test_plain_http_is_refused_on_a_tls_port(make_server, tmp_path):
    server, cert = tls_server(make_server, tmp_path)
    try:
        body = urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=5).read()
    except Exception:
        body = b""
    assert b"Demo Dental" not in body
    assert server.running, "a plain-text request must not take the server down"


HSTS = "max-age=31536000"


def https_headers(port: int, path: str, context) -> dict[str, str]:
    try:
        response = urllib.request.urlopen(f"https://127.0.0.1:{port}{path}", context=context, timeout=10)
    except urllib.error.HTTPError as e:
        response = e
    return {k.lower(): v for k, v in response.headers.items()}


def test_strict_transport_security_on_every_https_response(make_server, tmp_path):
    server, cert = tls_server(make_server, tmp_path)
    context = ssl.create_default_context(cafile=str(cert))
    for path in ("/", "/widget.js", "/review.html", "/api/leads", "/healthz", "/no-such-file"):
        headers = https_headers(server.port, path, context)
        assert headers.get("strict-transport-security") == HSTS, f"{path}: {headers}"
        # The security headers of plain HTTP stay with TLS (we give lws the list there).
        assert "default-src 'none'" in headers.get("content-security-policy", ""), f"{path}: {headers}"
        assert headers.get("x-frame-options") == "deny" and headers.get("x-content-type-options") == "nosniff", path


def test_no_strict_transport_security_over_plain_http(server):
    for path in ("/", "/api/leads", "/healthz"):
        try:
            response = urllib.request.urlopen(f"http://127.0.0.1:{server.port}{path}", timeout=10)
        except urllib.error.HTTPError as e:
            response = e
        assert "strict-transport-security" not in {k.lower() for k in response.headers}, path
