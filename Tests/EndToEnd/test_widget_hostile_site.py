"""Markup from the server side stays text: a practice whose name and
tagline carry HTML and script payloads shows them literally on the
launcher, in the panel header and in every auto-responder message."""

from __future__ import annotations

from widget_e2e import Page, browser, console_errors  # noqa: F401 (fixture)

NAME = "<img src=x onerror=window.ndPwned=1><script>window.ndPwned=2</script> Dental & <b>Co</b>"
TAGLINE = "<u>Gentle</u> & <iframe src=/></iframe>kind"
CONFIG = f"""\
[sites.demo]
name = "{NAME}"
phone = "+1 555 0100"
tagline = "{TAGLINE}"
timezone = "America/New_York"
hours = "closed"
"""


def test_site_fields_and_bot_text_render_as_text(make_server, browser):  # noqa: F811
    server = make_server(config=CONFIG)
    page = Page(browser).get(server.http_url)
    page.open()
    page.wait_text(f"Thanks for contacting {NAME}")
    assert page.part(".title").text == NAME
    assert page.part(".tagline").text == TAGLINE
    assert page.part(".launcher__label").text == f"Chat with {NAME}"
    assert page.messages("bot")[0].find_element("css selector", ".name").text == NAME

    page.say("Ava")
    page.until(lambda: len(page.messages("bot")) >= 2, "no auto-responder reply")
    assert not page.injected(), f"server text rendered as HTML: {page.injected()}"

    browser.refresh()  # the cached site info and transcript are text too
    page = Page(browser).get(server.http_url)
    page.wait_text(f"Thanks for contacting {NAME}")
    assert page.part(".launcher__label").text == f"Chat with {NAME}"
    assert not page.injected(), f"cached text rendered as HTML: {page.injected()}"
    assert not console_errors(browser), console_errors(browser)
