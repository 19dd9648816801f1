"""A day at the agency across roles, on a phone-sized window (issue 17): intake registers a referral with its case
manager and the patient's own physician; the case manager's PHQ-9 shows suicide risk; the alert leads the case
manager's and the supervisor's home pages and the chart until the contact is recorded."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit

PHONE = (390, 844)


def sign_out(browser, base):
    browser.delete_all_cookies()
    browser.get(base + "/login")


def set_value(browser, element, value):
    browser.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", element, value)


def test_referral_to_safety_alert_across_roles_on_a_phone(hearth, browser):
    base = hearth.base_url
    browser.set_window_size(*PHONE)

    sign_in(browser, base, "casemanager")
    case_manager_name = browser.find_element(By.ID, "signed-in-user").text.split(" (")[0].strip()
    sign_out(browser, base)

    # Intake: the referral leaves with its case manager and the patient's own physician (by NPI, phone and fax).
    sign_in(browser, base, "intake")
    browser.get(base + "/patients/new")
    browser.find_element(By.ID, "givenName").send_keys("Mabel")
    browser.find_element(By.ID, "familyName").send_keys("Quarrington")
    set_value(browser, browser.find_element(By.ID, "birthDate"), "1946-04-12")
    Select(browser.find_element(By.ID, "sex")).select_by_value("female")
    Select(browser.find_element(By.ID, "caseManagerID")).select_by_visible_text(case_manager_name)
    browser.find_element(By.CSS_SELECTOR, "#outside-physician summary").click()
    browser.find_element(By.ID, "outside-physicianName").send_keys("Dr. Ana Ruiz")
    browser.find_element(By.ID, "outside-physicianNPI").send_keys("1234567893")
    browser.find_element(By.ID, "outside-physicianPhone").send_keys("614-555-0100")
    browser.find_element(By.ID, "outside-physicianFax").send_keys("614-555-0101")
    browser.save_screenshot(str(ARTIFACTS / "day-intake-phone.png"))
    submit(browser, browser.find_element(By.ID, "register-submit"))
    physician = browser.find_element(By.ID, "attending-physician").text
    assert "Dr. Ana Ruiz" in physician and "NPI 1234567893" in physician, physician
    chart_url = browser.current_url
    sign_out(browser, base)

    # The case manager finds the patient on her list and screens for depression: item 9 positive.
    sign_in(browser, base, "casemanager")
    browser.get(chart_url)
    Select(browser.find_element(By.ID, "assessment-kind")).select_by_value("follow_up")
    Select(browser.find_element(By.ID, "assessment-instrument")).select_by_value("phq9")
    submit(browser, browser.find_element(By.ID, "start-assessment"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "assessment-form")))
    browser.implicitly_wait(0)
    for _ in range(5):
        for fieldset in browser.find_elements(By.CSS_SELECTOR, "fieldset.item"):
            radios = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
            if fieldset.is_displayed() and radios:
                browser.execute_script("arguments[0].click()", radios[-1])
        buttons = browser.find_elements(By.ID, "next-section")
        if not buttons:
            break
        submit(browser, buttons[0])
    browser.find_element(By.ID, "save-review").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "sign-assessment")))
    browser.find_element(By.ID, "sign-assessment").click()
    WebDriverWait(browser, 10).until(EC.text_to_be_present_in_element((By.ID, "assessment-status"), "Signed"))
    browser.implicitly_wait(5)

    # Her home page leads with the alert, above everything else, on the first screen of a phone.
    browser.get(base + "/")
    alerts = browser.find_element(By.ID, "safety-alerts")
    assert "Quarrington" in alerts.text
    assert alerts.location["y"] < browser.find_element(By.TAG_NAME, "h1").location["y"]
    assert alerts.location["y"] < PHONE[1]
    browser.save_screenshot(str(ARTIFACTS / "day-case-manager-home-phone.png"))
    sign_out(browser, base)

    # The supervisor sees it at the top of the agency overview.
    sign_in(browser, base, "supervisor")
    assert "Quarrington" in browser.find_element(By.ID, "safety-alerts").text
    sign_out(browser, base)

    # The chart carries it until the case manager records the contact.
    sign_in(browser, base, "casemanager")
    browser.get(chart_url)
    assert browser.find_element(By.ID, "safety-alert-banner").is_displayed()
    browser.save_screenshot(str(ARTIFACTS / "day-chart-alert-phone.png"))
    note = browser.find_element(By.CSS_SELECTOR, "#safety-alerts textarea")
    note.send_keys("Called Mabel at 10:05: safe, daughter staying tonight, crisis line given, Dr. Ruiz's office told.")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#safety-alerts button[type=submit]"))
    browser.implicitly_wait(0)
    assert not browser.find_elements(By.ID, "safety-alert-banner")
    assert "Safety alert contact recorded" in browser.find_element(By.ID, "history").text


def test_a_visit_note_typed_when_the_session_ended_comes_back_after_signing_in(hearth, browser):
    """Issue 17 #5: saving a note after the idle sign-off was a 403 and the note was gone."""
    base = hearth.base_url
    browser.set_window_size(*PHONE)
    sign_in(browser, base, "clinician")
    browser.get(base + "/visits")
    links = browser.find_elements(By.CSS_SELECTOR, "ol.visit-route a, li.visit a")
    assert links, "the demo nurse has visits today"
    links[0].click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "visit-status")))
    if not browser.find_elements(By.ID, "save-note"):
        return  # the demo's first visit of the day is already signed: nothing to type into
    visit_url = browser.current_url
    note = "Ankles swollen; taught low-salt diet; daughter present."
    browser.find_element(By.ID, "response").send_keys(note)
    browser.delete_cookie("hearth_session")  # the session ends while she types (the idle sign-off)
    submit(browser, browser.find_element(By.ID, "save-note"))
    assert browser.find_elements(By.ID, "login-submit"), "an ended session goes to sign-in, not a 403"
    assert "kept on this device" in browser.page_source
    browser.find_element(By.ID, "username").send_keys("clinician")
    browser.find_element(By.ID, "password").send_keys("hearth-demo")
    submit(browser, browser.find_element(By.ID, "login-submit"))
    assert browser.current_url.split("#")[0] == visit_url.split("#")[0]
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "kept-typing")))
    assert browser.find_element(By.ID, "response").get_attribute("value") == note
    browser.save_screenshot(str(ARTIFACTS / "day-note-kept-phone.png"))
    # Signing out clears what this device kept, so the next person on a shared tablet sees none of it.
    submit(browser, browser.find_element(By.ID, "logout"))
    assert browser.execute_script("return Object.keys(localStorage).filter(k => k.startsWith('hearth-')).length") == 0
