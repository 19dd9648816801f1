"""Break-the-glass on a phone (issue 20; 45 CFR 164.312(a)(2)(ii)): the demo nurse, not on a patient's care team, finds
the patient by MRN, is refused without a reason, gives one and opens the chart with a banner on every page of it, then
ends it; the supervisor sees it on her home page, reviews it with a note and opens the patient's access report
(45 CFR 164.528) and its print version."""
from selenium.webdriver.common.by import By

from browser.conftest import ARTIFACTS, sign_in, submit

PHONE = (390, 844)
REASON = "Covering weekend call: the patient's daughter reports a fall"


def sign_out(browser):
    submit(browser, browser.find_element(By.ID, "logout"))


def patient_not_on_the_nurses_list(browser, base):
    """A demo patient from the supervisor's list whom the nurse cannot find on hers."""
    sign_in(browser, base, "supervisor")
    browser.get(base + "/patients?page=2")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.patients tbody tr")
    candidates = [(row.find_elements(By.TAG_NAME, "td")[1].text.strip(), row.find_element(By.TAG_NAME, "a").text.strip()) for row in rows]
    sign_out(browser)
    sign_in(browser, base, "clinician")
    for mrn, name in candidates:
        browser.get(base + "/patients?q=" + mrn)
        if "No patient you can see matches" in browser.page_source:
            return mrn, name
    raise AssertionError("every patient on the supervisor's second page is on the nurse's list")


def test_a_nurse_breaks_the_glass_on_a_phone_and_the_supervisor_reviews_it(hearth, browser):
    base = hearth.base_url
    browser.set_window_size(*PHONE)
    mrn, name = patient_not_on_the_nurses_list(browser, base)

    # The nurse's patient list leads to the emergency look-up; a part of a name finds no one.
    browser.get(base + "/patients")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#emergency-find-link a"))
    browser.find_element(By.ID, "family").send_keys(name.split(",")[0][:3])
    browser.find_element(By.ID, "dob").send_keys("01011940")
    submit(browser, browser.find_element(By.ID, "emergency-find-submit"))
    assert browser.find_elements(By.ID, "emergency-none")
    browser.find_element(By.ID, "family").clear()
    browser.find_element(By.ID, "mrn").send_keys(mrn)
    submit(browser, browser.find_element(By.ID, "emergency-find-submit"))
    card = browser.find_element(By.CSS_SELECTOR, "#emergency-matches .emergency-match")
    assert name in card.text and mrn in card.text
    browser.save_screenshot(str(ARTIFACTS / "break-glass-find-phone.png"))

    # No reason, no chart: the refusal is said by the field.
    submit(browser, card.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "Say why you need this chart now" in browser.find_element(By.CSS_SELECTOR, "#emergency-reason .field-error").text
    browser.find_element(By.ID, "reason").send_keys(REASON)
    submit(browser, browser.find_element(By.ID, "emergency-open"))

    # The chart opens with a banner that cannot be missed, at the top of the first screen and in a strip at its foot.
    banner = browser.find_element(By.ID, "emergency-banner")
    assert banner.is_displayed() and "Emergency access" in banner.text
    assert banner.location["y"] < PHONE[1] / 2, "the banner must be on the phone's first screen"
    assert browser.find_element(By.CSS_SELECTOR, ".emergency-strip").is_displayed()
    assert name.split(",")[0] in browser.find_element(By.TAG_NAME, "h1").text
    browser.save_screenshot(str(ARTIFACTS / "break-glass-chart-phone.png"))
    chart = browser.current_url
    browser.get(chart + "/medications")
    assert browser.find_element(By.ID, "emergency-banner").is_displayed()
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
    assert browser.find_element(By.CSS_SELECTOR, ".emergency-strip").is_displayed()
    browser.save_screenshot(str(ARTIFACTS / "break-glass-medications-phone.png"))

    # She ends it: the chart closes to her at once, and its "not found" offers emergency access again.
    submit(browser, browser.find_element(By.ID, "emergency-end"))
    assert browser.find_elements(By.ID, "emergency-ended")
    browser.get(chart)
    assert browser.find_elements(By.ID, "emergency-offer")
    assert not browser.find_elements(By.ID, "emergency-banner")
    sign_out(browser)

    # The supervisor's home counts it; she reviews it with a note.
    sign_in(browser, base, "supervisor")
    assert "Emergency access to review" in browser.find_element(By.ID, "emergency-review-panel").text
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#emergency-review-panel a"))
    access = [a for a in browser.find_elements(By.CSS_SELECTOR, "#emergency-to-review article") if REASON in a.text][0]
    access_id = access.get_attribute("id")
    browser.save_screenshot(str(ARTIFACTS / "break-glass-review-phone.png"))
    access.find_element(By.TAG_NAME, "textarea").send_keys("Justified: covering call, the fall was documented")
    submit(browser, access.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "Marked reviewed" in browser.find_element(By.CSS_SELECTOR, ".notice").text
    reviewed = browser.find_element(By.ID, access_id)
    assert "Justified: covering call" in reviewed.text
    assert reviewed.find_element(By.XPATH, "..").get_attribute("id") == "emergency-reviewed"

    # What the nurse opened, on the patient's access report, flagged as emergency access.
    submit(browser, reviewed.find_element(By.CSS_SELECTOR, "a.what-was-opened"))
    report = browser.find_element(By.ID, "access-report").text
    assert "Opened the chart in an emergency (break the glass)" in report
    assert "Ended emergency access" in report
    assert browser.find_elements(By.CSS_SELECTOR, "#access-report-rows .flag-emergency")
    browser.save_screenshot(str(ARTIFACTS / "access-report-phone.png"))

    # From the chart, the whole report and its print version.
    browser.get(chart)
    submit(browser, browser.find_element(By.ID, "access-report-link"))
    submit(browser, browser.find_element(By.ID, "access-report-print"))
    assert "Opened the chart" in browser.find_element(By.ID, "access-report").text
    browser.set_window_size(1280, 900)
    browser.save_screenshot(str(ARTIFACTS / "access-report-print-desk.png"))
