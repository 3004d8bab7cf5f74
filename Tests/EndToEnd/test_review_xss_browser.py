"""Hostile visitor text on the staff review page stays text.

Leads made by real chats carry XSS payloads everywhere a visitor (or an
agent copying what a visitor said) can put text: the name, phone and email
an agent recorded, the need, every message, the page, referrer and UTM
values of the hello. In headless Chromium, the queue and the open lead show
each payload as text, run nothing (`window.__xss` stays undefined), make no
<img> or <script> element from them and no `javascript:` link; the only
links are tel: and mailto: ones built from valid values. The page is also
marked booked with a hostile note, which comes back as text too."""

from __future__ import annotations


from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from agent_e2e import Agent, agent_server, system_said
from nightdesk_e2e import Visitor, run
from staff_api import make_lead, staff_token

IMG = "<img src=x onerror=window.__xss=1>"
SCRIPT = "<script>window.__xss=1</script>"
JS_URL = "javascript:window.__xss=1"
PAYLOADS = [IMG, SCRIPT, JS_URL]
WAIT = 15


def q(browser, name: str):
    return browser.find_element(By.CSS_SELECTOR, f'[data-review="{name}"]')


def hostile_lead_by_agent(server, cred) -> str:
    """A visitor types the payloads; the agent records them as the contact."""

    async def body():
        amy = await Agent.online(server, cred, available=True)
        v = await Visitor.connect(server, label="visitor")
        await v.hello(page=JS_URL, referrer=SCRIPT, utm={"source": IMG, "campaign": JS_URL})
        await v.say_and_get_reply(IMG)
        await amy.wait_offer(v.session)
        await amy.accept(v.session)
        await v.recv_until(lambda: system_said(v, "joined the chat"), what="the agent joining")
        for text in (SCRIPT, JS_URL):
            seq = await v.say(text)
            await amy.wait_message(v.session, lambda m, seq=seq: m.get("seq") == seq, what=f"visitor seq {seq}")
        seq = await amy.say(v.session, f"You wrote {IMG}")
        await v.recv_until(lambda: seq in v.messages, what="the agent's message")
        await amy.lead(v.session, {
            "name": IMG,
            "phone": JS_URL,
            "email": 'a@b.co"><img src=x onerror=window.__xss=1>',
            "reason": SCRIPT,
            "score": "hot",
        })
        await amy.close_session(v.session, "other")
        return v.session

    session = run(body())
    server.wait_for_lead(session)
    return "l-" + session[2:]


def assert_nothing_ran(browser, where: str):
    assert browser.execute_script("return typeof window.__xss") == "undefined", f"{where}: a payload ran"
    images = browser.execute_script(
        "return Array.from(document.images).map(i => i.getAttribute('src'))"
    )
    assert all(src == "/logo.svg" for src in images), f"{where}: an <img> came from visitor text: {images}"
    scripts = browser.execute_script(
        "return Array.from(document.scripts).map(s => s.getAttribute('src') || s.textContent)"
    )
    assert scripts == ["/review.js"], f"{where}: a <script> came from visitor text: {scripts}"
    hrefs = browser.execute_script(
        "return Array.from(document.querySelectorAll('[href]')).map(a => a.getAttribute('href'))"
    )
    assert not [h for h in hrefs if "javascript" in h.lower()], f"{where}: javascript: link: {hrefs}"
    content_links = browser.execute_script(
        "return Array.from(document.querySelectorAll('#app a[href]')).map(a => a.getAttribute('href'))"
    )
    assert all(h.startswith(("tel:", "mailto:")) for h in content_links), f"{where}: {content_links}"


def test_xss_payloads_show_as_text_and_run_nothing(make_server, browser):
    server, creds = agent_server(make_server, [("amy", "Amy", ["demo"])])
    token = staff_token(server, "desk")
    hostile = hostile_lead_by_agent(server, creds["amy"])
    # The visitor alone, with the bot: the payloads as the need and the name answer.
    by_bot = "l-" + make_lead(server, IMG, f"{SCRIPT} call 617 555 0142", JS_URL)[2:]
    wait = WebDriverWait(browser, WAIT)

    browser.get(f"{server.http_url}review.html")
    wait.until(lambda _: q(browser, "token").is_displayed())
    q(browser, "token").send_keys(token, Keys.ENTER)
    wait.until(lambda _: len(browser.find_elements(By.CSS_SELECTOR, '[data-review="queue"] li.row')) == 2)

    row = browser.find_element(By.CSS_SELECTOR, f'li.row[data-id="{hostile}"]')
    text = row.text
    for payload in PAYLOADS:
        assert payload in text, f"{payload!r} not shown as text in the row: {text!r}"
    assert row.find_element(By.CSS_SELECTOR, ".row__name").text == IMG
    # An invalid phone is text, not a link.
    assert not row.find_elements(By.CSS_SELECTOR, "a"), row.get_attribute("outerHTML")
    assert_nothing_ran(browser, "queue")

    row.click()
    wait.until(lambda _: q(browser, "lead").get_attribute("data-id") == hostile)
    wait.until(lambda _: len(q(browser, "transcript").find_elements(By.CSS_SELECTOR, "li.msg")) >= 5)
    said = [li.find_element(By.CSS_SELECTOR, ".msg__text").text
            for li in q(browser, "transcript").find_elements(By.CSS_SELECTOR, "li.msg[data-from=visitor]")]
    assert said == PAYLOADS, said
    agent_said = [li.text for li in q(browser, "transcript").find_elements(By.CSS_SELECTOR, "li.msg[data-from=agent]")]
    assert any(f"You wrote {IMG}" in t for t in agent_said), agent_said
    facts = q(browser, "facts").text
    for payload in PAYLOADS:
        assert payload in facts, f"{payload!r} not in the contact details: {facts!r}"
    assert q(browser, "lead-name").text == IMG
    assert not q(browser, "facts").find_elements(By.CSS_SELECTOR, "a"), q(browser, "facts").get_attribute("outerHTML")
    assert_nothing_ran(browser, "open lead")

    # A hostile note from staff comes back as text as well.
    q(browser, "note").send_keys(f"{IMG} {SCRIPT}")
    browser.find_element(By.CSS_SELECTOR, '[data-mark="booked"]').click()
    wait.until(lambda _: q(browser, "lead-status").text == "booked")
    wait.until(lambda _: f"{IMG} {SCRIPT}" in q(browser, "history").text)
    assert_nothing_ran(browser, "after the note")

    browser.find_element(By.CSS_SELECTOR, f'li.row[data-id="{by_bot}"]').click()
    wait.until(lambda _: q(browser, "lead").get_attribute("data-id") == by_bot)
    wait.until(lambda _: f"{SCRIPT} call 617 555 0142" in q(browser, "transcript").text)
    assert IMG in q(browser, "transcript").text and JS_URL in q(browser, "transcript").text
    assert_nothing_ran(browser, "lead by the bot")

    errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, f"console errors (a CSP violation shows here): {errors}"
