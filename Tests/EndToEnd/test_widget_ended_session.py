"""A chat that ended while the visitor was away (idle timeout, 1.5 s in the
test config) is not resumed: coming back, the widget forgets it without
starting a chat on its own (no badge, no messages), and opening the chat
starts a new session."""

from __future__ import annotations

from selenium.webdriver.support.ui import WebDriverWait

from widget_e2e import Page, browser, console_errors  # noqa: F401 (fixture)

RESUME = "return localStorage.getItem('nightdesk:demo:resume')"


def test_new_session_after_the_old_one_ended(config_server, browser):  # noqa: F811
    server = config_server
    page = Page(browser).get(server.http_url)
    page.open()
    page.wait_text("Thanks for contacting Demo Dental")
    page.say_and_wait_reply("Ava", "Nice to meet you, Ava.")
    old = browser.execute_script(RESUME)
    page.part(".icon-button").click()

    browser.get("about:blank")  # the visitor leaves; the chat idles out into a lead
    WebDriverWait(browser, 15).until(lambda _: server.leads(), "the idle chat never became a lead")

    page = Page(browser).get(server.http_url)
    page.until(lambda: browser.execute_script(RESUME) is None, "the ended chat's token was not forgotten")
    assert not page.parts(".msg") and not page.shown(".badge") and not page.shown(".panel")

    page.open()
    page.wait_text("Thanks for contacting Demo Dental")
    assert page.count("Ava") == 0, "the ended chat came back"
    page.until(lambda: browser.execute_script(RESUME) not in (None, old), "no new session token")
    assert len(server.leads()) == 1
    assert not console_errors(browser), console_errors(browser)
