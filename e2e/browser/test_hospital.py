"""The hospital case manager signs in to her units' stays, opens a new inpatient whose Important Message from Medicare
is due, records it delivered and signed, and sees the obligation met; a notice dated before the admission is refused
with the reason and the typing kept; at a desk and on a phone (issue 22)."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit


def open_stay(browser, name):
    submit(browser, browser.find_element(By.LINK_TEXT, name))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "notices")))


def deliver(browser, kind, when=None):
    """Follows the notice's "Record delivery" link (which chooses it in the form) and records it signed by the patient."""
    link = browser.find_element(By.CSS_SELECTOR, "#notice-" + kind + " a.deliver-link")
    browser.get(link.get_attribute("href"))
    assert Select(browser.find_element(By.ID, "n-kind")).first_selected_option.get_attribute("value") == kind
    if when is not None:
        browser.execute_script("document.getElementById('n-deliveredAt').value = arguments[0]", when)
    Select(browser.find_element(By.ID, "n-outcome")).select_by_value("signed")
    submit(browser, browser.find_element(By.ID, "record-notice"))


def check_unit_list(browser):
    units = browser.find_element(By.ID, "main").text
    assert "My units" in units and "4W" in units and "CDU" in units
    # Her units only: the ICU's patients are not hers, and neither is the agency's caseload.
    assert "Vance" not in units and "Weiss" not in units
    assert "Patients" not in browser.find_element(By.CSS_SELECTOR, "header nav").text
    row = browser.find_element(By.CSS_SELECTOR, "#stays-4W tr[id^=stay-]").text
    assert row


def test_hospital_case_manager_delivers_the_important_message_and_sees_it_met(hearth, browser):
    sign_in(browser, hearth.base_url, "hospitalcm")
    check_unit_list(browser)
    alvarez = browser.find_element(By.XPATH, "//tr[.//a[text()='Alvarez, Rosa']]").text
    assert "IM: due" in alvarez
    browser.save_screenshot(str(ARTIFACTS / "hospital-units-desk.png"))

    open_stay(browser, "Alvarez, Rosa")
    assert browser.find_element(By.ID, "notice-im_initial-status").text.startswith("Due")
    assert "405.1205" in browser.find_element(By.ID, "notice-im_initial").text

    # A notice dated before the inpatient admission order is refused by the field, with the typing kept.
    deliver(browser, "im_initial", when="2020-01-01T08:00")
    assert "before the patient arrived" in browser.find_element(By.ID, "n-deliveredAt-error").text
    assert browser.find_element(By.ID, "n-deliveredAt").get_attribute("value") == "2020-01-01T08:00"
    assert browser.find_element(By.ID, "notice-im_initial-status").text.startswith("Due")

    browser.get(browser.current_url.split("/notices")[0])
    deliver(browser, "im_initial")
    assert browser.find_element(By.ID, "notice-im_initial-status").text == "Met"
    delivered = browser.find_element(By.ID, "delivered-notices").text
    assert "Signed" in delivered and "Hannah Brooks, RN" in delivered
    browser.save_screenshot(str(ARTIFACTS / "hospital-stay-desk.png"))

    # Back on the unit list the IM is no longer due for her.
    browser.get(browser.find_element(By.ID, "back-to-units").get_attribute("href"))
    assert "IM: due" not in browser.find_element(By.XPATH, "//tr[.//a[text()='Alvarez, Rosa']]").text


def test_on_a_phone_she_delivers_the_moon_to_an_observation_patient(hearth, browser):
    browser.set_window_size(390, 844)
    sign_in(browser, hearth.base_url, "hospitalcm")
    check_unit_list(browser)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
    browser.save_screenshot(str(ARTIFACTS / "hospital-units-phone.png"))

    open_stay(browser, "Lee, Daniel")
    assert "MOON" in browser.find_element(By.ID, "notice-moon").text
    deliver(browser, "moon")
    assert browser.find_element(By.ID, "notice-moon-status").text == "Met"
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
    browser.save_screenshot(str(ARTIFACTS / "hospital-stay-phone.png"))


def test_an_agency_case_manager_does_not_see_the_hospital(hearth, browser):
    sign_in(browser, hearth.base_url, "casemanager")
    browser.get(hearth.base_url + "/hospital")
    assert "Not found" in browser.find_element(By.TAG_NAME, "h1").text
