"""Issue 6 in the browser: a scheduler generates visits from a care plan; on a phone-sized window the nurse opens
today's route, checks in, records vitals with the aide present, signs the note and checks out; the supervisor sees the
14-day aide supervision due date move. Also: the supervisor's staff page lists expiring credentials."""
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


def supervision_due(browser):
    """The due date of the aide supervisory visit still owed, from the chart's deadlines."""
    for item in browser.find_elements(By.CSS_SELECTOR, "#deadlines li.deadline"):
        if item.get_attribute("data-key").startswith("aide-supervision") and item.get_attribute("data-outstanding") == "true":
            return item.get_attribute("data-due")
    return None


def test_scheduler_generates_then_nurse_visits_on_a_phone_and_supervision_moves(hearth, browser):
    # The nurse's patients, to find one whose care plan the scheduler can turn into visits.
    sign_in(browser, hearth.base_url, "clinician")
    browser.implicitly_wait(0)
    browser.get(hearth.base_url + "/patients")
    mine = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "table.patients tbody tr a")]
    browser.get(hearth.base_url + "/visits")
    # Her next visit still to be made today (not one under way): the demo's aide supervisory visit.
    first_today = [li.find_element(By.TAG_NAME, "a").get_attribute("href") for li in browser.find_elements(By.CSS_SELECTOR, "li.visit-scheduled")
                   if "In progress" not in li.text][0]
    browser.delete_all_cookies()

    sign_in(browser, hearth.base_url, "supervisor")
    browser.implicitly_wait(0)
    for href in mine:
        browser.get(href)
        if browser.find_elements(By.ID, "schedule-visits") and "Version" in browser.find_element(By.ID, "care-plan").text:
            break
    else:
        raise AssertionError("no patient of the demo nurse has a care plan to schedule from")
    submit(browser, browser.find_element(By.ID, "schedule-visits"))
    wait_for(browser, "visit-list")
    assert "James Chen" in browser.find_element(By.ID, "visit-list").text

    # The supervision clock of today's first patient, before the supervisory visit.
    browser.get(first_today)
    wait_for(browser, "back-to-chart")
    chart = browser.find_element(By.ID, "back-to-chart").get_attribute("href").split("#")[0]
    browser.get(chart)
    wait_for(browser, "deadlines")
    before = supervision_due(browser)
    assert before, "the demo's first patient of the day owes an aide supervisory visit"
    browser.delete_all_cookies()

    # The nurse on a phone: today's route, then the visit from check-in to signed note.
    browser.set_window_size(390, 844)
    sign_in(browser, hearth.base_url, "clinician")
    browser.implicitly_wait(0)
    browser.get(hearth.base_url + "/visits")
    wait_for(browser, "day-visits")
    assert browser.find_elements(By.CSS_SELECTOR, "small.travel"), "the route shows the drive between visits"
    browser.get(first_today)
    wait_for(browser, "evv")
    fill(browser, "no-location", "Location services off on this phone")
    submit(browser, browser.find_element(By.ID, "check-in"))
    wait_for(browser, "checked-in")
    fill(browser, "v-spo2", "104")
    submit(browser, browser.find_element(By.ID, "save-note"))
    wait_for(browser, "visit-error")
    fill(browser, "v-spo2", "88")
    fill(browser, "v-systolic", "150")
    fill(browser, "v-diastolic", "90")
    fill(browser, "v-pulse", "82")
    browser.find_element(By.ID, "aide-present").click()
    fill(browser, "response", "Aide gave a safe shower; short of breath on exertion, physician called")
    submit(browser, browser.find_element(By.ID, "save-note"))
    wait_for(browser, "vital-flags")
    # Checked out, then signed: the locked note records when the visit ended (issue 17).
    assert not browser.find_elements(By.ID, "sign-note")
    fill(browser, "no-location", "Location services off on this phone")
    submit(browser, browser.find_element(By.ID, "check-out"))
    WebDriverWait(browser, 10).until(lambda b: b.find_element(By.ID, "checked-out").text != "not yet")
    for reason in browser.find_elements(By.ID, "short-visit-reason"):  # checked out within the test's minute
        reason.send_keys("Test visit: checked out at once")
    submit(browser, browser.find_element(By.ID, "sign-note"))
    wait_for(browser, "note-signed")
    browser.save_screenshot(str(ARTIFACTS / "visit-signed-phone.png"))
    browser.delete_all_cookies()

    # The supervisor sees the next supervisory visit due 14 days from today.
    browser.set_window_size(1280, 1000)
    sign_in(browser, hearth.base_url, "supervisor")
    browser.implicitly_wait(0)
    browser.get(chart)
    wait_for(browser, "deadlines")
    after = supervision_due(browser)
    assert after and after > before, (before, after)


def test_the_supervisor_sees_expiring_credentials(hearth, browser):
    sign_in(browser, hearth.base_url, "supervisor")
    browser.implicitly_wait(0)
    browser.get(hearth.base_url + "/staff")
    wait_for(browser, "credential-alerts")
    alerts = browser.find_elements(By.CSS_SELECTOR, "#credential-alerts li")
    assert alerts, "the demo has credentials expiring within 60 days"
    assert any("Expired" in a.text for a in alerts) and any("Expires in" in a.text for a in alerts)
