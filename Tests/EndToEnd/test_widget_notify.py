"""Telling the visitor about a reply without nagging: with the panel closed
an agent's reply raises the unread badge (and the launcher's name says so);
with the visitor in another tab the page title flashes, and stops when the
visitor comes back; a reply the visitor is looking at changes nothing."""

from __future__ import annotations

from agent_e2e import agent_server
from widget_e2e import Page, agent, browser, console_errors  # noqa: F401 (fixtures)

TITLE = "Demo Dental: gentle family dentistry"
FLASH = "New message · Demo Dental"


def tab_titles(driver) -> list[str]:
    return [t["title"] for t in driver.execute_cdp_cmd("Target.getTargets", {})["targetInfos"] if t["type"] == "page"]


def test_badge_and_title_flash(make_server, browser, agent):  # noqa: F811
    server, creds = agent_server(make_server, [("amy", "Amy", ("demo",))])
    amy = agent.online(server, creds["amy"])
    page = Page(browser).get(server.http_url)
    page.open()
    page.say("Hello?")
    agent.call(amy.recv_until(lambda: amy.offers, what="an offer of the widget's chat"))
    session = amy.offers[0]["session"]
    agent.call(amy.accept(session))
    agent.call(amy.say(session, "Hi, this is Amy."))
    page.wait_text("Hi, this is Amy.")
    assert browser.title == TITLE, "the title flashed while the visitor was reading the chat"
    assert not page.shown(".badge")

    page.part(".icon-button").click()  # hide the panel
    page.until(lambda: not page.shown(".panel"), "the panel did not close")
    agent.call(amy.say(session, "Are you still there?"))
    page.until(lambda: page.shown(".badge") and page.part(".badge").text == "1", "no unread badge")
    assert page.part(".launcher").get_attribute("aria-label") == "Chat with Demo Dental (1 new message)"
    page.open()
    page.until(lambda: not page.shown(".badge"), "the badge outlived opening the panel")

    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    agent.call(amy.say(session, "I'll call you at 8."))
    page.until(lambda: FLASH in tab_titles(browser), "no title flash while the visitor is in another tab")
    browser.switch_to.window(first)
    page.until(lambda: browser.title == TITLE, "the title did not come back")
    page.wait_text("I'll call you at 8.")
    assert not console_errors(browser), console_errors(browser)
