"""Helpers for the widget's browser tests (no tests here).

`Page` drives the NightDesk widget (`Public/widget.js`) inside its shadow
root in headless Chromium; `host_site` serves third-party host pages from a
Python http.server on another port with their own CSP; `AgentThread` runs
an `Agent` client on its own event loop so Selenium steps and agent steps
interleave. Every wait is a WebDriverWait on a condition.
"""

from __future__ import annotations

import asyncio
import functools
import http.server
import re
import shutil
import threading
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from agent_e2e import Agent
from nightdesk_e2e import REPO, Server

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WAIT = 15


def chrome(width: int = 1280, height: int = 900, phone: bool = False) -> webdriver.Chrome:
    chromium = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, "chromium and chromium-driver must be installed (scripts/test does it)"
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(arg)
    options.binary_location = chromium
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
    if phone:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
        driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})
    return driver


@pytest.fixture
def browser():
    driver = chrome()
    yield driver
    driver.quit()


def console_errors(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


class Page:
    """The widget as a visitor sees it, through its open shadow root."""

    def __init__(self, driver, timeout: float = WAIT):
        self.driver = driver
        self.wait = WebDriverWait(driver, timeout)

    def get(self, url: str) -> "Page":
        self.driver.get(url)
        return self.mounted()

    def mounted(self) -> "Page":
        self.wait.until(lambda d: d.execute_script(
            "var h = document.querySelector('nightdesk-chat'); return !!(h && h.shadowRoot && "
            "h.shadowRoot.querySelector('.launcher'));"), "the widget did not mount")
        return self

    @property
    def root(self):
        return self.driver.find_element(By.CSS_SELECTOR, "nightdesk-chat").shadow_root

    def part(self, css: str):
        return self.root.find_element(By.CSS_SELECTOR, css)

    def parts(self, css: str):
        return self.root.find_elements(By.CSS_SELECTOR, css)

    def shown(self, css: str) -> bool:
        found = self.parts(css)
        return bool(found) and found[0].is_displayed()

    def log_text(self) -> str:
        return self.part(".log").text

    def until(self, pred, what: str, timeout: float | None = None):
        wait = self.wait if timeout is None else WebDriverWait(self.driver, timeout)
        return wait.until(lambda _: pred(), f"{what}\nlog now:\n{self.safe_log()}")

    def safe_log(self) -> str:
        try:
            return self.log_text()
        except Exception as e:  # noqa: BLE001 (a diagnostic only)
            return f"<no log: {e}>"

    def wait_text(self, needle: str, timeout: float | None = None) -> None:
        self.until(lambda: needle in self.log_text(), f"{needle!r} never appeared in the chat", timeout)

    def open(self) -> None:
        if not self.shown(".panel"):
            self.part(".launcher").click()
        self.until(lambda: self.shown(".panel"), "the panel did not open")

    def say(self, text: str) -> None:
        box = self.part(".input")
        self.until(lambda: box.is_enabled(), "the message box is disabled")
        box.send_keys(text, Keys.ENTER)

    def say_and_wait_reply(self, text: str, reply: str) -> None:
        self.say(text)
        self.wait_text(reply)

    def messages(self, kind: str | None = None) -> list:
        return self.parts(f".msg--{kind}" if kind else ".msg")

    def count(self, text: str) -> int:
        return sum(1 for m in self.parts(".msg .text") if m.text == text)

    def no_pending(self) -> bool:
        return not self.parts(".msg--pending")

    def end_chat(self) -> None:
        self.part(".foot .link-button").click()
        self.until(lambda: self.shown(".confirm"), "no confirmation to end the chat")
        self.part(".confirm .button--danger").click()
        self.until(lambda: self.shown(".ended"), "the chat did not end")

    def injected(self) -> list[str]:
        """Elements that only markup in a message or a site field could have made."""
        return self.driver.execute_script(
            "var r = document.querySelector('nightdesk-chat').shadowRoot;"
            "return Array.from(r.querySelectorAll('script, b, u, iframe, object, embed, img:not(.logo)'))"
            ".map(function (e) { return e.outerHTML.slice(0, 120); })"
            ".concat(window.ndPwned ? ['window.ndPwned = ' + window.ndPwned] : []);")


def pin_port(server: Server) -> None:
    """Make restarts reuse the running server's port: the widget on an open
    page reconnects to the address its script came from."""
    port, command = server.port, server.command

    def pinned() -> list[str]:
        cmd = command()
        cmd[cmd.index("--port") + 1] = str(port)
        return cmd

    server.command = pinned


# --------------------------------------------------------------------------
# Third-party host pages on their own origin
# --------------------------------------------------------------------------


class HostSite:
    def __init__(self, root: Path, csp: str):
        self.root = root
        self.csp = csp
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _bind_csp(csp, str(root)))
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str = "index.html", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}/{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _HostHandler(http.server.SimpleHTTPRequestHandler):
    csp = ""

    def end_headers(self):
        if self.path.split("?")[0].endswith(".html"):
            self.send_header("Content-Security-Policy", self.csp)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


def _bind_csp(csp: str, directory: str):
    class Handler(_HostHandler):
        pass

    Handler.csp = csp
    return functools.partial(Handler, directory=directory)


# The host page records CSP violations, and at `load` (which waits for async
# scripts, and comes before any WebDriver script) the globals added since it began.
PROBE_JS = """\
window.hostViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.hostViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});
(function () {
  var before = Object.keys(window);
  window.addEventListener('load', function () {
    window.hostAdded = Object.keys(window).filter(function (k) { return before.indexOf(k) < 0; });
  });
})();
"""


def host_page(title: str, body: str, nightdesk_port: int, extra_head: str = "", options: str = "") -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<script src="/probe.js"></script>
{extra_head}</head>
<body>
{body}
<script src="http://127.0.0.1:{nightdesk_port}/widget.js" data-site="demo"{options} async></script>
</body></html>
"""


@pytest.fixture
def make_host_site(tmp_path):
    sites: list[HostSite] = []

    def factory(pages: dict[str, str], csp: str) -> HostSite:
        root = tmp_path / f"host-{len(sites)}"
        root.mkdir()
        (root / "probe.js").write_text(PROBE_JS, "utf-8")
        (root / "favicon.ico").write_bytes((REPO / "Public" / "logo.svg").read_bytes())  # no 404 in the console
        for name, text in pages.items():
            (root / name).write_text(text, "utf-8")
        site = HostSite(root, csp)
        sites.append(site)
        return site

    yield factory
    for site in sites:
        site.close()


def strict_csp(nightdesk_port: int) -> str:
    """What a careful practice site sends: its own origin, plus NightDesk for
    the script and the socket; no inline styles or scripts anywhere."""
    return (f"default-src 'none'; script-src 'self' http://127.0.0.1:{nightdesk_port}; "
            f"connect-src ws://127.0.0.1:{nightdesk_port}; style-src 'self'; "
            f"img-src 'self' http://127.0.0.1:{nightdesk_port}; base-uri 'none'")


# --------------------------------------------------------------------------
# An agent on its own event loop
# --------------------------------------------------------------------------


class AgentThread:
    """Runs coroutines for an `Agent` on a private loop: `call(coro)` blocks
    until that coroutine finishes (each has its own bounded timeout)."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.agent: Agent | None = None

    def call(self, coro, timeout: float = 30.0):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def online(self, server: Server, cred) -> Agent:
        self.agent = self.call(Agent.online(server, cred, available=True))
        return self.agent

    def stop(self) -> None:
        if self.agent is not None and not self.agent.closed:
            try:
                self.call(self.agent.close(), timeout=10)
            except Exception:  # noqa: BLE001 (teardown)
                pass
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture
def agent():
    thread = AgentThread()
    yield thread
    thread.stop()


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio of two computed `rgb(...)`/`rgba(...)` colours."""

    def lum(css: str) -> float:
        r, g, b = (int(x) / 255 for x in re.findall(r"[\d.]+", css)[:3])
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


__all__ = ["ARTIFACTS", "REPO", "AgentThread", "Page", "agent", "browser", "chrome", "console_errors", "contrast",
           "host_page", "make_host_site", "pin_port", "screenshot", "strict_csp"]
