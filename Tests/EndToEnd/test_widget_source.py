"""Source tracking: a visitor arrives from another site on a campaign link,
moves to a second page of the practice site and only there opens the chat.
The lead records the page the chat started on, the outside referrer and the
campaign's UTM parameters, carried across the practice's pages."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from widget_e2e import Page, browser, console_errors, host_page, make_host_site, strict_csp  # noqa: F401


def test_page_referrer_and_utm_reach_the_lead(server, browser, make_host_site):  # noqa: F811
    site = make_host_site({}, strict_csp(server.port))
    campaign = site.url("index.html?utm_source=google&utm_campaign=implants&utm_medium=cpc&other=1")
    pages = {
        "from.html": f'<!doctype html><title>Search</title><a id="go" href="{campaign}">Riverside Smiles</a>',
        "index.html": host_page("Riverside Smiles", '<a id="next" href="/contact.html">Contact</a>', server.port),
        "contact.html": host_page("Contact Riverside Smiles", "<h1>Contact us</h1>", server.port),
    }
    for name, text in pages.items():
        (site.root / name).write_text(text, "utf-8")

    browser.get(site.url("from.html", host="localhost"))  # another origin: the referrer is external
    browser.find_element(By.ID, "go").click()
    Page(browser).until(lambda: browser.find_elements(By.ID, "next"), "the campaign page did not load")
    browser.find_element(By.ID, "next").click()
    page = Page(browser)
    page.until(lambda: browser.title == "Contact Riverside Smiles", "the contact page did not load")
    page.mounted()
    page.open()
    page.wait_text("Thanks for contacting Demo Dental")
    page.say_and_wait_reply("Ava", "Nice to meet you, Ava.")
    page.end_chat()

    (lead,) = server.leads()
    assert lead["source"] == {
        "page": site.url("contact.html"),
        "referrer": f"http://localhost:{site.port}/",
        "utm": {"source": "google", "campaign": "implants", "medium": "cpc"},
    }, lead["source"]
    assert not console_errors(browser), console_errors(browser)
