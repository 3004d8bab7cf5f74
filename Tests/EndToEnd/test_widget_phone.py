"""On a phone-sized screen the open panel fills the viewport (the launcher
steps aside), Tab stays inside it, and closing it gives the page back.
Screenshots of the phone states go to artifacts/."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.keys import Keys

from widget_e2e import Page, chrome, console_errors, screenshot


@pytest.fixture
def phone():
    driver = chrome(390, 844, phone=True)
    yield driver
    driver.quit()


def active(page: Page):
    return page.driver.execute_script("return document.querySelector('nightdesk-chat').shadowRoot.activeElement")


def test_phone_gets_a_full_screen_panel(server, phone):
    page = Page(phone).get(server.http_url)
    width, height = phone.execute_script("return [innerWidth, innerHeight]")
    assert width == 390, width
    screenshot(phone, "widget-phone-closed")

    page.open()
    page.wait_text("Thanks for contacting Demo Dental")
    page.until(lambda: page.part(".panel").rect == {"x": 0, "y": 0, "width": width, "height": height},
               f"the panel is not full screen: {page.part('.panel').rect} in {width}x{height}")
    assert not page.part(".launcher").is_displayed(), "the launcher shows over the full-screen panel"
    assert page.part(".input").value_of_css_property("font-size") == "16px", "iOS zooms into smaller inputs"
    page.say("Hi from my phone")
    page.until(lambda: page.no_pending() and len(page.messages("bot")) >= 2, "no reply on the phone")
    screenshot(phone, "widget-phone")

    page.part(".phone").send_keys(Keys.SHIFT, Keys.TAB)  # the first control: the tel: link
    page.until(lambda: active(page) == page.part(".foot .link-button"),
               "Shift+Tab from the first control did not wrap to the last one")
    active(page).send_keys(Keys.TAB)
    page.until(lambda: active(page) == page.part(".phone"), "Tab from the last control did not wrap")

    active(page).send_keys(Keys.ESCAPE)
    page.until(lambda: not page.shown(".panel") and page.part(".launcher").is_displayed(), "Escape did not close")
    page.until(lambda: active(page) == page.part(".launcher"), "focus did not return to the launcher")
    assert not console_errors(phone), console_errors(phone)
