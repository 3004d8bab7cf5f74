"""An on-call agent (the Python `Agent` client) takes the widget's chat:
"Amy joined" appears, her typing shows, her reply carries her name, her
HTML and script payloads show as text, and when she closes the chat the
visitor can start a new one."""

from __future__ import annotations

from agent_e2e import agent_server
from widget_e2e import Page, agent, browser, console_errors  # noqa: F401 (fixtures)

PAYLOAD = '<img src=x onerror="window.ndPwned=1"><script>window.ndPwned=2</script><b>Bold</b> & Co'


def test_agent_joins_types_replies_and_closes(make_server, browser, agent):  # noqa: F811
    server, creds = agent_server(make_server, [("amy", "Amy", ("demo",))])
    amy = agent.online(server, creds["amy"])
    page = Page(browser).get(server.http_url)
    page.open()
    page.wait_text("Thanks for contacting Demo Dental")
    assert page.part(".office").text.startswith("We're closed")

    page.say("I chipped a tooth")
    agent.call(amy.recv_until(lambda: amy.offers, what="an offer of the widget's chat"))
    session = amy.offers[0]["session"]
    agent.call(amy.accept(session))
    page.wait_text("Amy joined the chat")
    assert page.messages("system"), "'Amy joined' is not a system message"

    agent.call(amy.typing(session, True))
    page.until(lambda: page.shown(".typing") and "Amy is typing" in page.part(".typing").text, "no typing indicator")
    agent.call(amy.say(session, PAYLOAD))
    page.until(lambda: page.count(PAYLOAD) == 1, "the agent's reply did not show as text")
    reply = page.messages("agent")[-1]
    assert reply.find_element("css selector", ".name").text == "Amy"
    assert not page.injected(), f"agent text rendered as HTML: {page.injected()}"
    page.until(lambda: not page.shown(".typing"), "the typing indicator outlived the reply")

    agent.call(amy.close_session(session, "callback"))
    page.until(lambda: page.shown(".ended"), "the chat did not end")
    assert "The practice closed this chat." in page.part(".ended").text and not page.shown(".form")
    page.part(".ended .button").click()
    page.until(lambda: not page.count(PAYLOAD), "the old chat is still shown")
    page.wait_text("Thanks for contacting Demo Dental")
    assert not console_errors(browser), console_errors(browser)
