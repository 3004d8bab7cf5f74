"""The demo practice page with the one-tag widget: the launcher, the panel
(practice name, tagline, tel: link, honest office line), a chat with the
auto-responder with each message's pending state until its ack, hostile
visitor text kept as text, "End chat" leaving a lead, and a new session
after it. Screenshots of the closed and open states go to artifacts/."""

from __future__ import annotations

import re

from widget_e2e import Page, browser, console_errors, screenshot  # noqa: F401 (fixture)

HOSTILE = "<img src=x onerror=window.ndPwned=1> <b>do you do implants?</b>"
OFFICE = re.compile(
    r"^(We're open\. Ask us anything\."
    r"|We're closed, back at \d{1,2}:00\sAM( [A-Z]{2,5}| GMT[+-]\d+)? "
    r"(today|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"\. Leave your details and we'll call you first thing\.)$"
)


def test_demo_page_chat_with_the_auto_responder(server, browser):  # noqa: F811
    page = Page(browser).get(server.http_url)
    launcher = page.part(".launcher")
    assert launcher.is_displayed() and not page.shown(".panel")
    assert launcher.get_attribute("aria-expanded") == "false"
    assert not page.parts(".msg"), "a page view must not start a chat"
    screenshot(browser, "widget-closed")

    browser.find_element("css selector", "[data-nightdesk-open]").click()  # the page's own "Chat with us"
    page.until(lambda: page.shown(".panel"), "data-nightdesk-open did not open the chat")
    assert launcher.get_attribute("aria-expanded") == "true"
    page.wait_text("Thanks for contacting Demo Dental")
    assert page.part(".title").text == "Demo Dental"
    assert page.part(".tagline").text == "Gentle dentistry for the whole family"
    assert page.part(".phone").get_attribute("href") == "tel:+15550100"
    assert "Call +1 555 0100" in page.part(".phone").text
    office = page.part(".office").text
    assert OFFICE.match(office), f"office line: {office!r}"
    assert page.part(".launcher__label").text == "Chat with Demo Dental"
    assert page.root.find_element("css selector", ".msg--bot .tag").text == "auto-reply"

    page.say(HOSTILE)
    page.wait_text(HOSTILE)
    page.until(lambda: page.no_pending(), "the visitor's message stayed pending")
    page.until(lambda: len(page.messages("bot")) >= 2, "no auto-responder reply")
    assert page.count(HOSTILE) == 1
    assert not page.injected(), f"text rendered as HTML: {page.injected()}"

    page.say_and_wait_reply("Ava", "Nice to meet you, Ava.")
    page.say_and_wait_reply("existing patient, need a cleaning, 555 123 4567", "best time")
    page.say_and_wait_reply("mornings", "will call you at 555 123 4567")
    assert [m.get_attribute("class") for m in page.messages()][:2] == ["msg msg--bot", "msg msg--visitor"]
    screenshot(browser, "widget-open")

    page.end_chat()
    assert "You ended the chat." in page.part(".ended").text
    assert not page.shown(".form")
    leads = server.leads()
    assert len(leads) == 1 and [m["text"] for m in leads[0]["transcript"]].count(HOSTILE) == 1, leads
    assert leads[0]["source"]["page"] == server.http_url, leads[0]["source"]

    page.part(".ended .button").click()  # "Start a new chat"
    page.until(lambda: not page.shown(".ended") and not page.count(HOSTILE), "the old chat is still shown")
    page.wait_text("Thanks for contacting Demo Dental")
    assert page.root.find_element("css selector", ".input") == page.driver.execute_script(
        "return document.querySelector('nightdesk-chat').shadowRoot.activeElement"), "focus not in the box"
    assert not console_errors(browser), console_errors(browser)
