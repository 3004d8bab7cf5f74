"""Never lose a word across a reload or a second tab: after a reload the
whole conversation is back (the panel still open), and a second tab of the
same site shows the same chat and takes part in it live."""

from __future__ import annotations

from widget_e2e import Page, browser, console_errors  # noqa: F401 (fixture)


def test_reload_and_second_tab_share_the_chat(server, browser):  # noqa: F811
    page = Page(browser).get(server.http_url)
    page.open()
    page.wait_text("Thanks for contacting Demo Dental")
    page.say_and_wait_reply("Ava", "Nice to meet you, Ava.")
    page.say_and_wait_reply("555 123 4567", "Got it, I've noted that.")
    before = page.log_text()
    session = browser.execute_script("return localStorage.getItem('nightdesk:demo:resume')")
    assert session, "no resume token in localStorage"

    browser.refresh()
    page = Page(browser).get(server.http_url)
    page.until(lambda: page.shown(".panel"), "the panel did not stay open across the reload")
    page.until(lambda: page.log_text() == before, "the conversation did not come back after a reload")
    page.until(lambda: page.part(".foot .link-button").is_enabled(), "the widget did not reconnect after the reload")
    assert all(page.count(t) == 1 for t in ("Ava", "555 123 4567")), page.log_text()

    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    tab2 = Page(browser).get(server.http_url)
    assert not tab2.shown(".panel"), "a new tab opens with the chat closed"
    tab2.open()
    tab2.until(lambda: tab2.log_text() == before, "the second tab does not show the same chat")
    tab2.say("Is parking free?")
    tab2.until(lambda: tab2.no_pending() and tab2.count("Is parking free?") == 1, "tab 2's message")

    browser.switch_to.window(first)
    page.until(lambda: page.count("Is parking free?") == 1, "tab 1 did not see tab 2's message")
    assert browser.execute_script("return localStorage.getItem('nightdesk:demo:resume')") == session
    assert not console_errors(browser), console_errors(browser)
