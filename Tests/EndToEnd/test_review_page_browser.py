"""The staff review page (Public/review.html) in a real headless Chromium
against the real server, with leads made by real chats: sign in with a staff
token, the morning queue hot before warm before cold, open a lead and read
its transcript, mark it booked with a note, the change survives a reload;
keyboard use, filters, counts, new leads without a reload, a wrong or
revoked token back at the sign-in, the tablet layout, and no console error
under the strict CSP.

NIGHTDESK_REVIEW_SCREENSHOT=path additionally saves a screenshot of a
realistic night (test_screenshot_of_a_night, skipped otherwise)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait as _WebDriverWait

from staff_api import TWO_SITES, api_json, make_lead, staff_token

WAIT = 15


def WebDriverWait(browser, timeout):  # noqa: N802
    """Waits that look again when the queue re-rendered under them (it polls)."""
    return _WebDriverWait(browser, timeout, ignored_exceptions=(StaleElementReferenceException,))


# -- page helpers -----------------------------------------------------------


def q(browser, name: str):
    return browser.find_element(By.CSS_SELECTOR, f'[data-review="{name}"]')


def rows(browser):
    return browser.find_elements(By.CSS_SELECTOR, '[data-review="queue"] li.row')


def row_ids(browser) -> list[str]:
    """Read in one script, so a re-render between rows cannot make it stale."""
    return browser.execute_script(
        "return Array.from(document.querySelectorAll('[data-review=queue] li.row')).map(r => r.dataset.id)"
    )


def row(browser, lead_id: str):
    return browser.find_element(By.CSS_SELECTOR, f'[data-review="queue"] li.row[data-id="{lead_id}"]')


def open_page(server, browser, poll: int | None = None):
    url = f"{server.http_url}review.html" + (f"?poll={poll}" if poll else "")
    browser.get(url)
    WebDriverWait(browser, WAIT).until(lambda _: q(browser, "signin").is_displayed() or q(browser, "app").is_displayed())


def sign_in(browser, token: str, expect_rows: int | None = None):
    wait = WebDriverWait(browser, WAIT)
    wait.until(lambda _: q(browser, "token").is_displayed())
    box = q(browser, "token")
    box.clear()
    box.send_keys(token, Keys.ENTER)
    wait.until(lambda _: q(browser, "app").is_displayed())
    if expect_rows is not None:
        wait.until(lambda _: len(rows(browser)) == expect_rows)


def open_lead(browser, lead_id: str):
    def click(_):
        row(browser, lead_id).click()
        return True

    WebDriverWait(browser, WAIT).until(click)
    WebDriverWait(browser, WAIT).until(
        lambda _: q(browser, "lead").is_displayed() and q(browser, "lead").get_attribute("data-id") == lead_id
    )


def transcript(browser) -> list[tuple[str, str]]:
    out = []
    for li in q(browser, "transcript").find_elements(By.CSS_SELECTOR, "li.msg"):
        out.append((li.get_attribute("data-from"), li.find_element(By.CSS_SELECTOR, ".msg__text").text))
    return out


def severe_console_errors(browser) -> list[dict]:
    return [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]


def lead_id(session: str) -> str:
    return "l-" + session[2:]


# -- a night of leads ----------------------------------------------------------


def make_night(server) -> dict[str, str]:
    """Cold, warm and hot leads, made in that order so the queue must reorder them."""
    return {
        "cold": lead_id(make_lead(server, "hello?")),
        "warm": lead_id(make_lead(server, "Ben Ortiz", "ben.ortiz@example.com")),
        "hot": lead_id(make_lead(server, "My name is Ava Stone", "My crown broke, call me at 617 555 0142")),
    }


# -- the tests ---------------------------------------------------------------


def test_sign_in_queue_order_open_mark_booked_and_reload(server, browser):
    token = staff_token(server, "desk", "demo")
    night = make_night(server)
    wait = WebDriverWait(browser, WAIT)

    open_page(server, browser)
    sign_in(browser, token, expect_rows=3)
    assert row_ids(browser) == [night["hot"], night["warm"], night["cold"]]
    assert [r.get_attribute("data-score") for r in rows(browser)] == ["hot", "warm", "cold"]

    # The row: score and reasons, name, phone as a tel: link, need, source, handled by, status.
    hot_row = row(browser, night["hot"])
    assert "Ava Stone" in hot_row.text and "has phone" in hot_row.text, hot_row.text
    assert "My crown broke" in hot_row.text and "bot" in hot_row.text and "new" in hot_row.text, hot_row.text
    tel = hot_row.find_element(By.CSS_SELECTOR, "a.row__phone")
    assert tel.get_attribute("href") == "tel:6175550142", tel.get_attribute("href")
    assert tel.text == "617 555 0142"
    warm_row = row(browser, night["warm"])
    assert warm_row.find_element(By.CSS_SELECTOR, "a.row__phone").get_attribute("href") == "mailto:ben.ortiz@example.com"
    counts = q(browser, "counts")
    assert counts.find_element(By.CSS_SELECTOR, '[data-count="hot"]').text == "1 hot"
    assert counts.find_element(By.CSS_SELECTOR, '[data-count="new"]').text == "3 new"

    # Open the hot lead: the whole transcript, visitor and bot styled apart.
    open_lead(browser, night["hot"])
    said = transcript(browser)
    assert ("visitor", "My crown broke, call me at 617 555 0142") in said, said
    assert said[0][0] == "bot" and "Demo Dental" in said[0][1], said
    assert {who for who, _ in said} == {"visitor", "bot"}
    facts = q(browser, "facts").text
    assert "617 555 0142" in facts and "My crown broke" in facts, facts

    # Mark it booked with a note.
    q(browser, "note").send_keys("Booked Tue 3 pm with Dr. Lee")
    browser.find_element(By.CSS_SELECTOR, '[data-mark="booked"]').click()
    wait.until(lambda _: q(browser, "lead-status").text == "booked")
    wait.until(lambda _: row(browser, night["hot"]).get_attribute("data-status") == "booked")
    history = q(browser, "history").text
    assert "Booked Tue 3 pm with Dr. Lee" in history and "new → booked" in history and "desk" in history, history
    assert q(browser, "note").get_attribute("value") == ""

    # The server has it, by the signed-in staff member.
    status, lead = api_json(server, f"/api/leads/{night['hot']}", token)
    assert status == 200 and lead["status"] == "booked", lead
    assert [n["text"] for n in lead["notes"]] == ["Booked Tue 3 pm with Dr. Lee"] and lead["notes"][0]["by"] == "desk"

    # A reload: the tab's sessionStorage keeps the sign-in; the change is there.
    browser.refresh()
    wait.until(lambda _: q(browser, "app").is_displayed() and len(rows(browser)) == 3)
    assert row(browser, night["hot"]).get_attribute("data-status") == "booked"
    open_lead(browser, night["hot"])
    assert "Booked Tue 3 pm with Dr. Lee" in q(browser, "history").text

    # A new tab's worth of sessionStorage gone (sign-out): the token is forgotten.
    q(browser, "signout").click()
    wait.until(lambda _: q(browser, "signin").is_displayed())
    assert browser.execute_script("return sessionStorage.length") == 0
    browser.refresh()
    wait.until(lambda _: q(browser, "token").is_displayed())
    assert not q(browser, "app").is_displayed()
    sign_in(browser, token, expect_rows=3)
    assert row(browser, night["hot"]).get_attribute("data-status") == "booked"

    assert not severe_console_errors(browser), severe_console_errors(browser)


def test_keyboard_moves_opens_and_marks(server, browser):
    token = staff_token(server, "desk")
    night = make_night(server)
    wait = WebDriverWait(browser, WAIT)
    open_page(server, browser)
    sign_in(browser, token, expect_rows=3)

    active = lambda: browser.switch_to.active_element  # noqa: E731
    wait.until(lambda _: active().get_attribute("data-id") == night["hot"])
    active().send_keys("j")
    wait.until(lambda _: active().get_attribute("data-id") == night["warm"])
    active().send_keys(Keys.ARROW_DOWN)
    wait.until(lambda _: active().get_attribute("data-id") == night["cold"])
    active().send_keys("k")
    wait.until(lambda _: active().get_attribute("data-id") == night["warm"])
    # Visible focus: the focused row has an outline.
    outline = browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), outline

    active().send_keys(Keys.ENTER)
    wait.until(lambda _: q(browser, "lead").get_attribute("data-id") == night["warm"])
    wait.until(lambda _: ("visitor", "ben.ortiz@example.com") in transcript(browser))

    # n: write a note; Escape leaves the box; c marks contacted with it.
    active().send_keys("n")
    wait.until(lambda _: active() == q(browser, "note"))
    active().send_keys("Left a voicemail", Keys.ESCAPE)
    wait.until(lambda _: active() != q(browser, "note"))
    active().send_keys("c")
    wait.until(lambda _: q(browser, "lead-status").text == "contacted")
    wait.until(lambda _: "Left a voicemail" in q(browser, "history").text)
    wait.until(lambda _: row(browser, night["warm"]).get_attribute("data-status") == "contacted")
    # Typing a mark letter into the note box marks nothing.
    q(browser, "note").send_keys("x")
    assert q(browser, "lead-status").text == "contacted"
    status, lead = api_json(server, f"/api/leads/{night['warm']}", token)
    assert lead["status"] == "contacted" and len(lead["history"]) == 1, lead
    assert not severe_console_errors(browser), severe_console_errors(browser)


def test_filters_counts_and_new_leads_without_reload(make_server, browser):
    server = make_server(config=TWO_SITES)
    token = staff_token(server, "desk")
    night = make_night(server)
    other = lead_id(make_lead(server, "My name is Olga Berg", "Whitening please, +49 30 1234567", site="other"))
    wait = WebDriverWait(browser, WAIT)
    open_page(server, browser, poll=1)
    sign_in(browser, token, expect_rows=4)
    assert row_ids(browser) == [night["hot"], other, night["warm"], night["cold"]]

    def choose(name: str, value: str):
        select = q(browser, name)
        select.find_element(By.CSS_SELECTOR, f'option[value="{value}"]').click()

    choose("filter-site", "other")
    wait.until(lambda _: row_ids(browser) == [other])
    assert q(browser, "counts").find_element(By.CSS_SELECTOR, '[data-count="hot"]').text == "1 hot"
    assert q(browser, "counts").find_element(By.CSS_SELECTOR, '[data-count="cold"]').text == "0 cold"
    choose("filter-site", "")
    choose("filter-score", "hot")
    wait.until(lambda _: row_ids(browser) == [night["hot"], other])
    choose("filter-score", "")
    api_json(server, f"/api/leads/{night['cold']}", token, "POST", {"status": "spam"})
    choose("filter-status", "new")
    wait.until(lambda _: row_ids(browser) == [night["hot"], other, night["warm"]])
    choose("filter-status", "")
    wait.until(lambda _: len(rows(browser)) == 4)

    # Select a lead, then a new chat ends: it appears without a reload, the selection stays.
    open_lead(browser, night["warm"])
    newer = lead_id(make_lead(server, "My name is Cleo Park", "Emergency: my face is swelling, call 212 555 0199"))
    wait.until(lambda _: newer in row_ids(browser))
    assert row_ids(browser)[:3] == [night["hot"], other, newer], row_ids(browser)
    wait.until(lambda _: row(browser, newer).get_attribute("data-score") == "hot")
    wait.until(lambda _: "urgent" in row(browser, newer).text)
    assert q(browser, "lead").get_attribute("data-id") == night["warm"]
    wait.until(lambda _: row(browser, night["warm"]).get_attribute("aria-selected") == "true")
    wait.until(lambda _: q(browser, "counts").find_element(By.CSS_SELECTOR, '[data-count="hot"]').text == "3 hot")
    assert not severe_console_errors(browser), severe_console_errors(browser)


def test_wrong_token_and_revoked_token_show_the_sign_in(server, browser):
    token = staff_token(server, "desk")
    make_lead(server, "hello?")
    wait = WebDriverWait(browser, WAIT)
    open_page(server, browser, poll=1)

    q(browser, "token").send_keys("not-a-real-token", Keys.ENTER)
    wait.until(lambda _: q(browser, "signin-error").is_displayed())
    assert "not accepted" in q(browser, "signin-error").text
    assert not q(browser, "app").is_displayed()
    assert browser.execute_script("return sessionStorage.length") == 0

    sign_in(browser, token, expect_rows=1)
    assert not q(browser, "signin-error").is_displayed()
    # The token stops working mid-session (here: the tab's copy goes bad):
    # the next poll answers 401 and the page returns to the sign-in, saying so.
    browser.execute_script("sessionStorage.setItem('nightdesk.staffToken', 'revoked')")
    browser.refresh()
    wait.until(lambda _: q(browser, "signin-error").is_displayed())
    assert "401" in q(browser, "signin-error").text
    assert browser.execute_script("return sessionStorage.length") == 0
    # 401 answers show in the console as failed resource loads; nothing else may.
    errors = [e for e in severe_console_errors(browser) if "401" not in e.get("message", "")]
    assert not errors, errors


def test_tablet_layout_queue_then_lead_and_back(server, browser):
    token = staff_token(server, "desk")
    night = make_night(server)
    browser.set_window_size(768, 1024)
    wait = WebDriverWait(browser, WAIT)
    open_page(server, browser)
    sign_in(browser, token, expect_rows=3)
    assert not q(browser, "detail").is_displayed(), "portrait tablet: the queue alone first"
    open_lead(browser, night["hot"])
    wait.until(lambda _: not q(browser, "queue").is_displayed())
    button = browser.find_element(By.CSS_SELECTOR, '[data-mark="booked"]')
    assert button.size["height"] >= 44, button.size  # a finger-sized target
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 768, f"the page scrolls sideways on a tablet ({width}px)"
    q(browser, "back").click()
    wait.until(lambda _: q(browser, "queue").is_displayed() and not q(browser, "detail").is_displayed())
    assert not severe_console_errors(browser), severe_console_errors(browser)


@pytest.mark.skipif(not os.environ.get("NIGHTDESK_REVIEW_SCREENSHOT"), reason="set NIGHTDESK_REVIEW_SCREENSHOT=path")
def test_screenshot_of_a_night(server, browser):
    """A realistic night for the README: hot, warm and cold leads, an urgent one, one with notes."""
    token = staff_token(server, "frontdesk", "demo")

    from nightdesk_e2e import Visitor, run

    def chat(*texts, **hello):
        async def body():
            v = await Visitor.connect(server)
            await v.hello(site="demo", **hello)
            for text in texts:
                await v.say_and_get_reply(text)
            await v.leave()
            return v.session

        return lead_id(run(body()))

    google = {"source": "google", "medium": "cpc", "campaign": "emergency-dentist"}
    urgent = chat("My name is Maria Alvarez", "My face is swelling after an extraction yesterday, call 617 555 0142",
                  page="https://demodental.example/emergency", referrer="https://www.google.com/", utm=google)
    implants = chat("My name is Tom Becker", "I'd like a consultation for implants, my number is (617) 555-0187",
                    page="https://demodental.example/implants", referrer="https://www.bing.com/")
    crown = chat("My name is Priya Shah", "A crown fell out at dinner, can someone call me at 857 555 0110?",
                 page="https://demodental.example/", referrer="https://www.facebook.com/",
                 utm={"source": "facebook", "campaign": "new-patients"})
    chat("Ben Ortiz", "ben.ortiz@example.com", "Do you take Delta Dental insurance?",
         page="https://demodental.example/insurance")
    chat("Lena Fischer", "lena.fischer@example.org", page="https://demodental.example/whitening",
         utm={"source": "newsletter", "campaign": "spring-whitening"})
    chat("how much is a cleaning", page="https://demodental.example/pricing")
    chat("hello?", page="https://demodental.example/")
    api_json(server, f"/api/leads/{implants}", token, "POST",
             {"status": "contacted", "note": "Left a voicemail at 8:04, will try again at 10."})
    api_json(server, f"/api/leads/{crown}", token, "POST",
             {"status": "booked", "note": "Booked today 11:30 with Dr. Lee."})

    browser.set_window_size(1440, 1000)
    open_page(server, browser)
    sign_in(browser, token, expect_rows=7)
    open_lead(browser, urgent)
    q(browser, "note").send_keys("Called back 8:02, coming in at 9.")
    browser.find_element(By.CSS_SELECTOR, '[data-mark="contacted"]').click()
    WebDriverWait(browser, WAIT).until(lambda _: q(browser, "lead-status").text == "contacted")
    row(browser, urgent).click()
    WebDriverWait(browser, WAIT).until(lambda _: "Called back" in q(browser, "history").text)
    browser.execute_script("document.activeElement.blur()")
    path = Path(os.environ["NIGHTDESK_REVIEW_SCREENSHOT"])
    browser.save_screenshot(str(path))
    assert path.stat().st_size > 0
