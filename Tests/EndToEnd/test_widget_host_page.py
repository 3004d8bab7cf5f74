"""A third-party practice page on another origin, with a strict CSP (no
inline style or script; NightDesk allowed for script, socket and images
only) and hostile global CSS (`* { all: unset }`, hidden buttons, huge lime
text): the widget loads with no CSP violation, looks as it should, chats,
adds one global (NightDesk) and changes none of the page's styles. The
page's data-color and data-position options apply."""

from __future__ import annotations

from widget_e2e import (  # noqa: F401 (fixtures)
    Page, browser, console_errors, host_page, make_host_site, screenshot, strict_csp,
)

HOST_CSS = """\
* { all: unset; }
html, body { display: block; font: 40px/3 cursive; color: rgb(200, 0, 0); background: #ffe; }
head, script, style, title { display: none; }
button, [hidden] { display: none !important; }
div, section, ol, li, p, span, textarea, a { color: lime !important; font-size: 40px !important; }
* { box-sizing: content-box !important; transition: all 9s !important; }
p.probe { display: block; color: rgb(10, 20, 30) !important; font-size: 21px !important; }
"""


def test_strict_csp_and_hostile_css(server, browser, make_host_site):  # noqa: F811
    body = '<p class="probe">Riverside Smiles: a host page</p><button>Host button</button>'
    site = make_host_site({
        "index.html": host_page("Riverside Smiles", body, server.port, '<link rel="stylesheet" href="/host.css">',
                                ' data-color="#ffd400" data-position="left"'),
        "host.css": HOST_CSS,
    }, strict_csp(server.port))
    page = Page(browser).get(site.url())
    probe = browser.find_element("css selector", "p.probe")
    launcher = page.part(".launcher")
    assert launcher.is_displayed() and launcher.size["height"] >= 40, launcher.size
    assert launcher.value_of_css_property("font-size") == "16px", "host CSS reached the launcher"
    assert launcher.value_of_css_property("background-color") == "rgba(255, 212, 0, 1)", "data-color ignored"
    assert launcher.value_of_css_property("color") == "rgba(17, 17, 17, 1)", "no readable text on a light colour"
    assert launcher.rect["x"] < 100, f"data-position=left ignored: {launcher.rect}"

    page.open()
    page.wait_text("Thanks for contacting Demo Dental")
    panel = page.part(".panel")
    assert 300 <= panel.size["width"] <= 400, panel.size
    bubble = page.part(".msg--bot .text")
    assert bubble.value_of_css_property("color") == "rgba(27, 36, 48, 1)", "host CSS reached the messages"
    assert bubble.value_of_css_property("font-size") != "40px"
    assert page.part(".send").is_displayed(), "host `button { display: none }` hid the send button"
    page.say("Do you see me?")
    page.until(lambda: page.no_pending() and len(page.messages("bot")) >= 2, "no reply on the host page")
    screenshot(browser, "widget-hostile-host-page")
    page.part(".icon-button").click()  # close: the page's own [hidden] rule must not matter
    page.until(lambda: not page.shown(".panel"), "the panel did not close under the host CSS")

    # Nothing leaks out: the page's own styles, stylesheets and globals are as they were.
    assert probe.value_of_css_property("color") == "rgba(10, 20, 30, 1)"
    assert probe.value_of_css_property("font-size") == "21px"
    state = browser.execute_script(
        "return {sheets: document.styleSheets.length, adopted: (document.adoptedStyleSheets || []).length,"
        " added: window.hostAdded,"
        " violations: window.hostViolations,"
        " hostStyle: document.querySelector('nightdesk-chat').getAttribute('style')};")
    assert state["sheets"] == 1 and state["adopted"] == 0, state
    assert sorted(state["added"]) == ["NightDesk"], f"globals added besides NightDesk: {state['added']}"
    assert not state["violations"], f"CSP violations: {state['violations']}"
    assert state["hostStyle"] is None, "the widget set inline styles in the host document"
    assert not console_errors(browser), console_errors(browser)
