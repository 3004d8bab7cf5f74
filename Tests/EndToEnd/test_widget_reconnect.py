"""A server restart under an open chat: a message sent while the server is
frozen stays pending, the server stops (SIGTERM), a second message is typed
during the outage under a clear offline notice, the server starts again on
the same data and port, and the widget reconnects by itself (backoff with
jitter) and delivers each message exactly once: once on screen, once in the
lead."""

from __future__ import annotations

import os
import signal

from widget_e2e import Page, browser, console_errors, pin_port  # noqa: F401 (fixture)

FROZEN = "Sent while the server is frozen"
DOWN = "Sent while the server is down"


def test_widget_survives_a_server_restart(server, browser):  # noqa: F811
    pin_port(server)
    page = Page(browser).get(server.http_url)
    page.open()
    page.wait_text("Thanks for contacting Demo Dental")
    page.say_and_wait_reply("Ava", "Nice to meet you, Ava.")  # the session is now on disk

    os.kill(server.proc.pid, signal.SIGSTOP)
    try:
        page.say(FROZEN)
        page.until(lambda: "Sending…" in page.part(".msg--pending").text, "no pending state before the ack")
    finally:
        os.kill(server.proc.pid, signal.SIGCONT)
    assert server.stop() == 0

    page.until(lambda: page.shown(".notice--offline"), "no offline notice while the server is down")
    assert "Reconnecting" in page.part(".notice--offline").text
    page.say(DOWN)
    page.until(lambda: any("Waiting for connection" in m.text for m in page.parts(".msg--pending")),
               "a message typed offline is not shown as waiting")

    server.start()
    page.until(lambda: not page.shown(".notice--offline") and page.no_pending(),
               "the widget did not reconnect and deliver by itself", timeout=45)
    page.until(lambda: page.count(FROZEN) == 1 and page.count(DOWN) == 1, "each message shown exactly once")

    page.end_chat()
    texts = [m["text"] for lead in server.leads() for m in lead["transcript"]]
    assert texts.count(FROZEN) == 1 and texts.count(DOWN) == 1, texts
    assert not [e for e in console_errors(browser) if "/ws" not in e.get("message", "")], console_errors(browser)
