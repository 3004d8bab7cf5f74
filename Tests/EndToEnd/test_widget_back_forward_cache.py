"""A page the browser keeps in its back/forward cache must not keep the
chat's socket open: the widget closes it when the page goes (so a visitor who
never comes back idles into a lead), and resumes the same chat when the Back
button brings the page back.

Proves: after navigating away the server sees no visitor connection; after
Back, the restored page (its script state intact, so it came from the cache,
not a reload) reconnects, and the chat goes on in the same session with
nothing shown twice.
"""

from __future__ import annotations

import urllib.request

from widget_e2e import Page, browser, console_errors  # noqa: F401 (fixture)

RESUME = "return localStorage.getItem('nightdesk:demo:resume')"


def visitor_connections(server) -> int:
    text = urllib.request.urlopen(server.http_url + "metrics", timeout=5).read().decode()
    for line in text.splitlines():
        if line.startswith('nightdesk_connections{role="visitor"}'):
            return int(float(line.split()[-1]))
    raise AssertionError("no visitor connection count in /metrics")


def test_a_cached_page_lets_go_of_its_socket_and_resumes_on_back(server, browser):  # noqa: F811
    page = Page(browser).get(server.http_url)
    page.open()
    page.wait_text("Thanks for contacting Demo Dental")
    page.say_and_wait_reply("Ava", "Nice to meet you, Ava.")
    token = browser.execute_script(RESUME)
    browser.execute_script("window.__nightdeskKept = true")

    browser.get("about:blank")
    page.until(lambda: visitor_connections(server) == 0, "the hidden page kept its chat socket open")

    browser.back()
    page.until(lambda: browser.execute_script("return window.__nightdeskKept === true"),
               "Back reloaded the page instead of restoring it from the back/forward cache")
    page.until(lambda: visitor_connections(server) == 1, "the restored page did not reconnect")
    page.say_and_wait_reply("existing patient, need a cleaning, 555 123 4567", "best time")
    assert browser.execute_script(RESUME) == token, "the restored page started another chat"
    assert page.count("Ava") == 1, "a message was shown twice after the resume"
    assert not console_errors(browser), console_errors(browser)
