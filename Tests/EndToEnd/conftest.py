"""Fixtures for the NightDesk end-to-end suite.

Each test gets its own `nightdesk serve` process on a free port with a fresh
data directory under tmp_path; the process is stopped afterwards, and its
stderr/stdout are attached to the report of a failing test.

Binary: $NIGHTDESK_BIN, else <repo>/.build/debug/nightdesk (build it first).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from selenium import webdriver

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also under --import-mode=importlib

from nightdesk_e2e import CONFIG_TOML, Server


@pytest.fixture
def make_server(tmp_path: Path, request):
    """Factory: make_server(config=False|True|"toml text", start=True) -> Server."""
    servers: list[Server] = []
    request.node._nightdesk_servers = servers

    def factory(config: bool | str = False, start: bool = True, name: str = "nightdesk") -> Server:
        base = tmp_path / f"{name}-{len(servers)}"
        base.mkdir()
        config_path = None
        if config:
            config_path = base / "nightdesk.toml"
            config_path.write_text(CONFIG_TOML if config is True else config, "utf-8")
        server = Server(base / "data", config=config_path, label=name)
        servers.append(server)
        return server.start() if start else server

    yield factory
    for server in servers:
        server.cleanup()
    # Under scripts/sanitize the server is built with ASan or TSan: a report
    # in its log fails the test even when every client-side check passed.
    reports = [line for server in servers for line in server.log if "Sanitizer" in line]
    if os.environ.get("NIGHTDESK_SANITIZER") and reports:
        pytest.fail("sanitizer report in the server log:\n" + "\n".join(
            line for server in servers for line in server.log[-400:]))


@pytest.fixture
def server(make_server) -> Server:
    """The server with its built-in demo site and no config file."""
    return make_server()


@pytest.fixture
def config_server(make_server) -> Server:
    """The server with the short-timer config (idle 1.5 s, hello 1 s, 120 frames/min, site `locked`)."""
    return make_server(config=True)


@pytest.fixture
def browser():
    """A headless Chromium (Debian's chromium and chromium-driver) for page tests."""
    chromium = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, "chromium and chromium-driver must be installed (scripts/test does it)"
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    options.binary_location = chromium
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
    yield driver
    driver.quit()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when in ("setup", "call") and report.failed:
        for server in getattr(item, "_nightdesk_servers", []):
            report.sections.append((f"{server.label} output ({server.data_dir})", server.output()))
