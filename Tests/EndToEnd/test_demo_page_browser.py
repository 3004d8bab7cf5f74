"""The demo practice page in a real headless Chromium against the real
server: the page embeds the widget with the one tag a customer uses; a
visitor chats with the auto-responder, hostile text stays text, a reload
brings the conversation back, the strict CSP raises no console error, and
"End chat" leaves a lead on disk."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from widget_e2e import Page, browser, console_errors  # noqa: F401 (fixture)

HOSTILE = "<img src=x onerror=alert(1)> do you do implants?"


def test_visitor_chats_reloads_and_ends(server, browser):  # noqa: F811
    page = Page(browser).get(server.http_url)
    tags = browser.find_elements(By.CSS_SELECTOR, "script")
    assert [(t.get_attribute("src"), t.get_attribute("data-site"), t.get_attribute("async")) for t in tags] == [
        (server.http_url + "widget.js", "demo", "true")], "the demo page must embed only the one widget tag"

    page.open()
    page.wait_text("Thanks for contacting Demo Dental")
    page.say(HOSTILE)
    page.until(lambda: page.count(HOSTILE) == 1 and len(page.messages("bot")) >= 2, "no reply to the hostile text")
    assert not page.injected(), "visitor text was rendered as HTML"

    page.say_and_wait_reply("Ava", "Nice to meet you, Ava.")
    page.say_and_wait_reply("existing patient, need a cleaning, 555 123 4567", "best time")
    page.say_and_wait_reply("mornings", "will call you at 555 123 4567")

    browser.refresh()
    page = Page(browser).mounted()
    page.wait_text("will call you at 555 123 4567")
    assert page.count(HOSTILE) == 1, "the conversation did not survive a reload"

    page.until(lambda: page.part(".foot .link-button").is_enabled(), "not reconnected after the reload")
    page.end_chat()
    leads = server.leads()
    assert len(leads) == 1 and any(m["text"] == HOSTILE for m in leads[0]["transcript"]), leads
    assert not console_errors(browser), f"console errors (a CSP violation shows here): {console_errors(browser)}"
