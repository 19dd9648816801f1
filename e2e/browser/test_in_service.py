"""The supervisor records an aide's in-service training on the aide's staff page, on a phone: hours that are not a number
are refused by the field with the typing kept, then saved; the aide reads her hours against the 12 owed in each 12-month
period [42 CFR 484.80(d)]; the compliance page's staff clock lists aides still short (issue 18). The case manager's older
Deadlines form (Record: Notice of Admission …) refuses a date in the future by the field and keeps the choice."""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import agency_today, ARTIFACTS, sign_in, submit


def sign_out(browser):
    submit(browser, browser.find_element(By.ID, "logout"))


def test_supervisor_records_in_service_hours_and_the_aide_reads_them_on_a_phone(hearth, browser):
    browser.set_window_size(390, 844)
    sign_in(browser, hearth.base_url, "supervisor")
    browser.get(hearth.base_url + "/compliance")
    staff_clock = browser.find_element(By.ID, "staff-clock").text
    assert "Aide in-service training" in staff_clock, "the demo's short aides are on the staff clock"

    browser.get(hearth.base_url + "/staff")
    submit(browser, browser.find_element(By.LINK_TEXT, "Tasha Williams, HHA"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "in-service-form")))
    aide_page = browser.current_url.split("#")[0]
    card = browser.find_element(By.ID, "in-service")
    assert "7.5 h taken in the period (3 sessions); 4.5 h still to take by" in card.get_attribute("textContent")

    topic = browser.find_element(By.ID, "in-service-topic")
    topic.send_keys("Body mechanics and safe transfers (browser test)")
    browser.find_element(By.ID, "in-service-hours").send_keys("two")
    submit(browser, browser.find_element(By.ID, "record-in-service"))
    assert "Give the hours as a number" in browser.find_element(By.ID, "in-service-hours-error").text
    assert browser.find_element(By.ID, "in-service-topic").get_attribute("value") == "Body mechanics and safe transfers (browser test)"
    assert browser.find_element(By.ID, "in-service-hours").get_attribute("value") == "two"
    browser.save_screenshot(str(ARTIFACTS / "in-service-refused-phone.png"))

    hours = browser.find_element(By.ID, "in-service-hours")
    hours.clear()
    hours.send_keys("2")
    submit(browser, browser.find_element(By.ID, "record-in-service"))
    card = browser.find_element(By.ID, "in-service")
    assert "9.5 h taken in the period (4 sessions)" in card.get_attribute("textContent")
    assert "Body mechanics and safe transfers (browser test)" in browser.find_element(By.ID, "in-service-list").text
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
    browser.save_screenshot(str(ARTIFACTS / "in-service-phone.png"))

    sign_out(browser)
    sign_in(browser, hearth.base_url, "aide")
    browser.get(aide_page)
    card = WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "in-service")))
    assert "9.5 h taken in the period" in card.get_attribute("textContent")
    assert not browser.find_elements(By.ID, "in-service-form"), "the aide reads her hours; the supervisor records them"


def test_case_manager_deadline_record_form_keeps_the_typing_on_a_refusal(hearth, browser):
    browser.set_window_size(1280, 900)
    sign_in(browser, hearth.base_url, "casemanager")
    browser.get(hearth.base_url + "/compliance?show=all&rule=oasis-submission")
    submit(browser, browser.find_element(By.CSS_SELECTOR, 'a[href*="#deadlines"]'))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "document-form")))
    tomorrow = (agency_today() + datetime.timedelta(days=1)).isoformat()
    Select(browser.find_element(By.ID, "document-kind")).select_by_value("face_to_face_encounter")
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "document-date"), tomorrow)
    browser.find_element(By.ID, "document-note").send_keys("Dr. Patel, hospitalist (browser test)")
    submit(browser, browser.find_element(By.ID, "record-document"))
    assert "no later than today" in browser.find_element(By.ID, "document-date-error").text
    assert Select(browser.find_element(By.ID, "document-kind")).first_selected_option.get_attribute("value") == "face_to_face_encounter"
    assert browser.find_element(By.ID, "document-date").get_attribute("value") == tomorrow
    assert browser.find_element(By.ID, "document-note").get_attribute("value") == "Dr. Patel, hospitalist (browser test)"
    browser.find_element(By.ID, "document-form").screenshot(str(ARTIFACTS / "deadline-record-refused-desk.png"))
