"""The utilization review nurse works her ranked queue: opens the stay at the top, sees why it is there, records a
review (a review dated before the arrival is refused by the field with the typing kept) and a payer call, and sees
both on the stay; then the avoidable-days and denials reports; at a desk and on a phone (issue 22)."""
from datetime import datetime, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit


def set_value(browser, element_id, value):
    browser.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element_id, value)


def fits(browser, width):
    return browser.execute_script("return document.documentElement.scrollWidth") <= width + 2


def work_the_queue(browser, base, size, patient):
    sign_in(browser, base, "urnurse")
    queue = browser.find_element(By.ID, "queue")
    rows = queue.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) >= 10
    text = browser.find_element(By.ID, "main").text
    for reason in ["may be the wrong status", "Observation nearing 24 hours", "Observation past 48 hours", "Review overdue",
                   "Review due today", "Payer days end today", "No expected discharge date", "Past the GMLOS"]:
        assert reason in text, reason
    assert "Patients" not in browser.find_element(By.CSS_SELECTOR, "header nav").text
    browser.save_screenshot(str(ARTIFACTS / f"ur-queue-{size}.png"))

    # A stay not reviewed yet: the queue says an admission review is due (each test takes its own patient: one server).
    submit(browser, browser.find_element(By.XPATH, f"//a[@class='queue-stay' and text()='{patient}']"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "review-form")))
    assert "review" in browser.find_element(By.ID, "queue-reasons").text
    assert "412.3" in browser.find_element(By.ID, "criteria-findings").text


def record_review(browser, drg, gmlos):
    # Dated before the patient arrived: refused by the field, the typing kept. (The form offers now on the hospital's clock.)
    now = browser.find_element(By.ID, "r-reviewedAt").get_attribute("value")
    set_value(browser, "r-reviewedAt", "2020-01-01T08:00")
    browser.find_element(By.ID, "r-drg").clear()
    browser.find_element(By.ID, "r-drg").send_keys(drg)
    Select(browser.find_element(By.ID, "r-criteriaMet")).select_by_value("met")
    browser.find_element(By.ID, "r-evidence").send_keys("Multilobar infiltrate, 4 L oxygen, IV ceftriaxone")
    submit(browser, browser.find_element(By.ID, "save-review"))
    assert "before the patient arrived" in browser.find_element(By.ID, "r-reviewedAt-error").text
    assert "IV ceftriaxone" in browser.find_element(By.ID, "r-evidence").get_attribute("value")

    set_value(browser, "r-reviewedAt", now)
    submit(browser, browser.find_element(By.ID, "save-review"))
    history = browser.find_element(By.ID, "review-history").text
    assert "Admission review" in history and "DRG " + drg in history and "Ursula Grant, RN" in history
    facts = browser.find_element(By.ID, "ur-facts").text
    # The demo's stand-in table, never CMS's own figures, named beside the number.
    assert "GMLOS " + gmlos in facts and "Demo values for the Hearth demo, not CMS's" in facts


def log_payer_call(browser):
    through = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%d")
    Select(browser.find_element(By.ID, "p-method")).select_by_value("phone")
    browser.find_element(By.ID, "p-contact").send_keys("K. Marsh, Medicare Advantage UM nurse")
    browser.find_element(By.ID, "p-daysApproved").send_keys("3")
    set_value(browser, "p-approvedThrough", through)
    browser.find_element(By.ID, "p-reference").send_keys("UM-55102")
    submit(browser, browser.find_element(By.ID, "save-payer"))
    log = browser.find_element(By.ID, "payer-history").text
    assert "UM-55102" in log and "through " + through in log


def test_ur_nurse_works_the_queue_records_a_review_and_a_payer_call_at_a_desk(hearth, browser):
    browser.set_window_size(1280, 900)
    work_the_queue(browser, hearth.base_url, "desk", "Alvarez, Rosa")
    record_review(browser, "194", "3.1")
    log_payer_call(browser)
    browser.save_screenshot(str(ARTIFACTS / "ur-stay-desk.png"))

    browser.get(hearth.base_url + "/hospital/reports/avoidable-days")
    assert browser.find_element(By.ID, "bar-chart")
    assert "Waiting on a post-acute provider to accept" in browser.find_element(By.ID, "by-reason").text
    browser.save_screenshot(str(ARTIFACTS / "ur-avoidable-days-desk.png"))
    browser.get(hearth.base_url + "/hospital/reports/denials")
    denials = browser.find_element(By.ID, "denials-table").text
    assert "Abbott, Frank" in denials and "Pending" in denials
    browser.save_screenshot(str(ARTIFACTS / "ur-denials-desk.png"))


def test_on_a_phone_she_records_a_review_and_a_payer_call(hearth, browser):
    browser.set_window_size(390, 844)
    work_the_queue(browser, hearth.base_url, "phone", "Fischer, Greta")
    assert fits(browser, 390)
    record_review(browser, "690", "2.6")
    log_payer_call(browser)
    assert fits(browser, 390)
    browser.save_screenshot(str(ARTIFACTS / "ur-stay-phone.png"))
    browser.get(hearth.base_url + "/hospital/reports/avoidable-days")
    assert fits(browser, 390)
    browser.save_screenshot(str(ARTIFACTS / "ur-avoidable-days-phone.png"))
    browser.get(hearth.base_url + "/hospital/reports/denials")
    assert fits(browser, 390)
    browser.save_screenshot(str(ARTIFACTS / "ur-denials-phone.png"))
