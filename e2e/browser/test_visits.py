"""A nurse opens today's visits, checks in without location (saying why), records vitals (an impossible value is
refused, an unusual one flagged), checks out and signs; a supervisor sees the staff list with expiring credentials."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit


def wait_for(browser, element_id):
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, element_id)))


def fill(browser, element_id, text):
    field = browser.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def test_a_nurses_visit_from_check_in_to_signed_note(hearth, browser):
    sign_in(browser, hearth.base_url, "clinician")
    browser.implicitly_wait(0)
    browser.get(hearth.base_url + "/visits")
    wait_for(browser, "day-visits")
    visits = browser.find_elements(By.CSS_SELECTOR, "li.visit-scheduled a")
    assert visits, "the demo nurse has visits scheduled today"
    submit(browser, visits[0])
    wait_for(browser, "evv")

    fill(browser, "no-location", "Location services off on this tablet")
    submit(browser, browser.find_element(By.ID, "check-in"))
    wait_for(browser, "checked-in")
    assert browser.find_element(By.ID, "checked-in").text != "not yet"

    fill(browser, "v-spo2", "104")
    submit(browser, browser.find_element(By.ID, "save-note"))
    wait_for(browser, "visit-error")
    assert "SpO2" in browser.find_element(By.ID, "visit-error").text or "oxygen" in browser.find_element(By.ID, "visit-error").text.lower()

    fill(browser, "v-spo2", "88")
    fill(browser, "v-systolic", "150")
    fill(browser, "v-diastolic", "90")
    fill(browser, "response", "Short of breath on exertion; physician called")
    submit(browser, browser.find_element(By.ID, "save-note"))
    wait_for(browser, "vital-flags")

    fill(browser, "no-location", "Location services off on this tablet")
    submit(browser, browser.find_element(By.ID, "check-out"))
    wait_for(browser, "sign-note")
    submit(browser, browser.find_element(By.ID, "sign-note"))
    wait_for(browser, "note-signed")
    browser.save_screenshot(str(ARTIFACTS / "visit-signed.png"))


def test_the_supervisor_sees_expiring_credentials(hearth, browser):
    sign_in(browser, hearth.base_url, "supervisor")
    browser.implicitly_wait(0)
    browser.get(hearth.base_url + "/staff")
    wait_for(browser, "credential-alerts")
    alerts = browser.find_elements(By.CSS_SELECTOR, "#credential-alerts li")
    assert alerts, "the demo has credentials expiring within 60 days"
    assert any("Expired" in a.text for a in alerts) and any("Expires in" in a.text for a in alerts)
