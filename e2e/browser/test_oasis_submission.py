"""The case manager records an OASIS transmission to CMS from the chart's Deadlines card, on a phone: a rejection needs
CMS's reason and stays owed, an acceptance meets the 30-day deadline [42 CFR 484.45(a)] (issue 18)."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import agency_today, ARTIFACTS, sign_in, submit


def owed(browser):
    return browser.find_element(By.CSS_SELECTOR, 'li[data-key^="oasis-submission"][data-outstanding="true"]')


def record(browser, key, status, reason=""):
    item = browser.find_element(By.CSS_SELECTOR, f'li[data-key="{key}"]')
    details = item.find_element(By.TAG_NAME, "details")
    if details.get_attribute("open") is None:
        item.find_element(By.TAG_NAME, "summary").click()
    form = key.replace("#", "-")
    Select(browser.find_element(By.ID, form + "-status")).select_by_value(status)
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, form + "-date"),
                           agency_today().isoformat())
    browser.find_element(By.ID, form + "-reason").send_keys(reason)
    submit(browser, browser.find_element(By.ID, form + "-submit"))


def test_case_manager_records_a_rejected_then_accepted_transmission_on_a_phone(hearth, browser):
    browser.set_window_size(390, 844)
    sign_in(browser, hearth.base_url, "casemanager")
    browser.get(hearth.base_url + "/compliance?show=all&rule=oasis-submission")
    link = browser.find_element(By.CSS_SELECTOR, 'a[href*="#deadlines"]')
    submit(browser, link)
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "deadlines")))
    key = owed(browser).get_attribute("data-key")

    record(browser, key, "rejected")
    # Refused by the field, in the deadline's details re-opened, the choice and the date kept (issue 18).
    form = key.replace("#", "-")
    assert "Give the reason CMS gave" in browser.find_element(By.ID, form + "-reason-error").text
    assert Select(browser.find_element(By.ID, form + "-status")).first_selected_option.get_attribute("value") == "rejected"
    assert browser.find_element(By.ID, form + "-date").get_attribute("value") == agency_today().isoformat()

    record(browser, key, "rejected", "Fatal edit: M0090 before M0030 (browser test)")
    item = browser.find_element(By.CSS_SELECTOR, f'li[data-key="{key}"]')
    assert item.get_attribute("data-outstanding") == "true"
    item.find_element(By.TAG_NAME, "summary").click()
    assert "a rejected submission stays owed" in item.text
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
    browser.save_screenshot(str(ARTIFACTS / "oasis-submission-phone.png"))

    record(browser, key, "accepted")
    item = browser.find_element(By.CSS_SELECTOR, f'li[data-key="{key}"]')
    assert item.get_attribute("data-outstanding") == "false"
    assert "Met" in item.text
