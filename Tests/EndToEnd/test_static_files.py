"""Static files come from Public/ and nothing outside it is ever served.

Proves: `GET /` is the demo page (text/html, mentions Demo Dental) with a
Content-Security-Policy header; a missing file is 404; path traversal in
plain, percent-encoded, backslash and doubled-slash forms never returns
Package.swift or /etc/passwd, and does not take the server down. Requests go
over raw sockets so no client normalizes the path.
"""

from nightdesk_e2e import http_get_raw

TRAVERSALS = [
    "/../Package.swift",
    "/%2e%2e/Package.swift",
    "/%2E%2E/Package.swift",
    "/..%2fPackage.swift",
    "/..%2FPackage.swift",
    "/Public/../../Package.swift",
    "/./../Package.swift",
    "/..\\Package.swift",
    "/%2e%2e%5cPackage.swift",
    "/%252e%252e/Package.swift",
    "/ws/../../Package.swift",
    "//etc/passwd",
    "/%2e%2e%2f%2e%2e%2fetc/passwd",
    "/../../../../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd",
]


def test_index_page(server):
    res = http_get_raw(server.port, "/")
    assert res.status == 200, res.raw[:500]
    assert res.headers.get("content-type", "").startswith("text/html"), res.headers
    assert res.headers.get("content-security-policy"), f"no Content-Security-Policy: {res.headers}"
    assert b"Demo Dental" in res.body


def test_missing_file_is_404(server):
    res = http_get_raw(server.port, "/no-such-file.html")
    assert res.status == 404, res.raw[:500]


def test_no_path_traversal(server):
    leaks = []
    for path in TRAVERSALS:
        res = http_get_raw(server.port, path)
        if b"swift-tools-version" in res.raw or b"root:" in res.raw:
            leaks.append(f"{path} -> {res.status}: {res.raw[:200]!r}")
        # The server survives every attempt.
        assert http_get_raw(server.port, "/").status == 200, f"server stopped serving after {path}"
    assert not leaks, "files outside Public/ were served:\n" + "\n".join(leaks)


def test_content_types_and_security_headers(server):
    expected = {"/widget.js": "javascript", "/style.css": "text/css", "/logo.svg": "image/svg+xml"}
    for path, kind in expected.items():
        res = http_get_raw(server.port, path)
        assert res.status == 200, (path, res.raw[:300])
        assert kind in res.headers.get("content-type", ""), (path, res.headers)
        assert res.headers.get("x-content-type-options") == "nosniff", (path, res.headers)
    csp = http_get_raw(server.port, "/").headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp, csp


def test_the_widget_is_cached_then_revalidated_and_the_api_never(server):
    """Every page view of a practice's site loads widget.js: browsers keep
    it five minutes, then revalidate by ETag and get a 304 without a body."""
    import urllib.error
    import urllib.request

    url = f"http://127.0.0.1:{server.port}/widget.js"
    with urllib.request.urlopen(url, timeout=5) as res:
        body = res.read()
        etag = res.headers.get("etag")
        cache = res.headers.get("cache-control", "")
    assert len(body) > 10_000 and etag, (len(body), etag)
    assert "max-age=300" in cache and "no-store" not in cache, cache

    again = urllib.request.Request(url, headers={"If-None-Match": etag})
    try:
        urllib.request.urlopen(again, timeout=5)
        raise AssertionError("a matching ETag must get 304, not the file again")
    except urllib.error.HTTPError as not_modified:
        assert not_modified.code == 304, not_modified.code
        assert not_modified.read() == b""

    stale = urllib.request.Request(url, headers={"If-None-Match": "0000"})
    with urllib.request.urlopen(stale, timeout=5) as res:
        assert res.read() == body

    api = http_get_raw(server.port, "/api/leads")
    assert api.headers.get("cache-control") == "no-store", api.headers
