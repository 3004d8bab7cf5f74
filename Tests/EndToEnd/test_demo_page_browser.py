"""The demo practice page in a real headless Chromium against the real
server: a visitor chats with the auto-responder, hostile text stays text,
a reload brings the conversation back, the strict CSP raises no console
error, and "End chat" leaves a lead on disk."""

from __future__ import annotations

import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

HOSTILE = "<img src=x onerror=alert(1)> do you do implants?"


@pytest.fixture
def browser():
    chromium = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, "chromium and chromium-driver must be installed (scripts/test does it)"
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    options.binary_location = chromium
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=driver_path), options=options)
    yield driver
    driver.quit()


def test_visitor_chats_reloads_and_ends(server, browser):
    wait = WebDriverWait(browser, 15)
    log = lambda: browser.find_element(By.CSS_SELECTOR, '[data-chat="log"]')  # noqa: E731
    browser.get(server.http_url)
    wait.until(lambda _: "Thanks for contacting Demo Dental" in log().text)

    box = browser.find_element(By.CSS_SELECTOR, '[data-chat="input"]')
    box.send_keys(HOSTILE, Keys.ENTER)
    wait.until(lambda _: HOSTILE in log().text and log().text.count("Demo Dental") >= 2)
    assert not log().find_elements(By.TAG_NAME, "img"), "visitor text was rendered as HTML"

    box.send_keys("Ava", Keys.ENTER)
    wait.until(lambda _: "Thanks, Ava." in log().text)
    box.send_keys("555 123 4567", Keys.ENTER)
    wait.until(lambda _: "will call you at 555 123 4567" in log().text)

    browser.refresh()
    wait.until(lambda _: "will call you at 555 123 4567" in log().text)
    assert HOSTILE in log().text, "the conversation did not survive a reload"

    browser.find_element(By.CSS_SELECTOR, '[data-chat="leave"]').click()
    wait.until(lambda _: browser.find_element(By.CSS_SELECTOR, '[data-chat="ended"]').is_displayed())
    leads = server.leads()
    assert len(leads) == 1 and any(m["text"] == HOSTILE for m in leads[0]["transcript"]), leads

    errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert not errors, f"console errors (a CSP violation shows here): {errors}"
