"""Keyboard only, focus, ARIA, contrast and reduced motion: Tab reaches the
launcher, Enter opens the panel with the focus in the message box, Enter
sends, Escape closes and gives the focus back; the messages are an ARIA live
log; text meets WCAG AA contrast; with prefers-reduced-motion nothing moves."""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from widget_e2e import Page, browser, console_errors, contrast  # noqa: F401 (fixture)

PAIRS = [  # (text element, element whose background it sits on)
    (".msg--visitor .text", ".msg--visitor .text"),
    (".msg--bot .text", ".msg--bot .text"),
    (".msg--bot .time", ".log"),
    (".title", ".head"),
    (".office", ".office"),
    (".foot", ".panel"),
    (".launcher__label", ".launcher"),
]


def focused(page: Page) -> str:
    return page.driver.execute_script(
        "var a = document.activeElement; if (a && a.shadowRoot) { a = a.shadowRoot.activeElement; }"
        "return a ? a.tagName + '.' + a.className : '';")


def test_keyboard_aria_contrast_and_reduced_motion(server, browser):  # noqa: F811
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
    page = Page(browser).get(server.http_url)

    def press(*keys):
        ActionChains(browser).send_keys(*keys).perform()

    for _ in range(40):  # Tab through the page until the launcher has the focus
        if focused(page) == "BUTTON.launcher":
            break
        press(Keys.TAB)
    assert focused(page) == "BUTTON.launcher", f"Tab never reached the launcher (at {focused(page)})"

    press(Keys.ENTER)
    page.until(lambda: page.shown(".panel") and focused(page) == "TEXTAREA.input", "Enter did not open with focus")
    panel = page.part(".panel")
    assert panel.get_attribute("role") == "dialog" and panel.get_attribute("aria-labelledby") == "nd-title"
    log = page.part(".log")
    assert log.get_attribute("role") == "log" and log.get_attribute("aria-live") == "polite"
    assert page.part(".error").get_attribute("role") == "alert"
    assert page.part("label[for=nd-input]").get_attribute("textContent") == "Your message"
    assert page.part(".send").get_attribute("aria-label") == "Send"
    assert panel.value_of_css_property("animation-name") == "none", "reduced motion still animates the panel"

    page.wait_text("Thanks for contacting Demo Dental")
    press("Ava", Keys.ENTER)
    page.wait_text("Nice to meet you, Ava.")
    ActionChains(browser).send_keys("Sorry, I'm").key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT) \
        .send_keys("busy", Keys.ENTER).perform()
    page.until(lambda: page.count("Sorry, I'm\nbusy") == 1, "Shift+Enter did not make a new line")
    page.part(".foot .link-button").click()  # End chat asks first; Escape keeps chatting
    page.until(lambda: focused(page) == "BUTTON.button button--danger", "no focus on the confirmation")
    press(Keys.ESCAPE)
    page.until(lambda: not page.shown(".confirm") and focused(page) == "TEXTAREA.input", "Escape did not cancel")

    for fg, bg in PAIRS:
        f = page.part(fg).value_of_css_property("color")
        b = page.part(bg).value_of_css_property("background-color")
        assert contrast(f, b) >= 4.5, f"{fg} on {bg}: {f} on {b} is {contrast(f, b):.2f}:1"

    press(Keys.ESCAPE)
    page.until(lambda: not page.shown(".panel") and focused(page) == "BUTTON.launcher", "Escape did not close")
    assert not console_errors(browser), console_errors(browser)
