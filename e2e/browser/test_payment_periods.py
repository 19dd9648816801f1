"""The case manager reads a patient's 30-day payment periods, sees the LUPA count before the period ends, and records
the LUPA threshold from the grouper, at a desk and on a phone (issue 18)."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit


def open_patient_at_lupa_risk(browser, base):
    """From the caseload's LUPA risk flag to the patient's payment periods."""
    browser.get(base + "/patients")
    flag = browser.find_element(By.CSS_SELECTOR, "a.flag-lupa-at_risk")
    submit(browser, flag)
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "payment-periods")))


def record_threshold(browser, visits):
    current = browser.find_element(By.CSS_SELECTOR, "#payment-periods article.current")
    period = current.get_attribute("id")
    if current.find_element(By.TAG_NAME, "details").get_attribute("open") is None:
        current.find_element(By.TAG_NAME, "summary").click()
    field = browser.find_element(By.ID, period + "-threshold")
    field.clear()
    field.send_keys(visits)
    submit(browser, browser.find_element(By.ID, period + "-save"))
    return period


def test_case_manager_records_the_lupa_threshold_and_sees_the_visits_against_it(hearth, browser):
    sign_in(browser, hearth.base_url, "casemanager")
    open_patient_at_lupa_risk(browser, hearth.base_url)
    section = browser.find_element(By.ID, "payment-periods").text
    assert "Early" in section or "Late" in section
    assert "Final claim" in section

    # A threshold that is not a number is refused by the field, with the typing kept and the form open.
    period = record_threshold(browser, "four")
    assert "from 2 to 30" in browser.find_element(By.ID, period + "-threshold-error").text
    assert browser.find_element(By.ID, period + "-threshold").get_attribute("value") == "four"

    record_threshold(browser, "6")
    count = browser.find_element(By.ID, period + "-lupa").text
    assert "of 6 visits made" in count
    assert "days left" in count
    assert "Case-mix group" in browser.find_element(By.ID, period).text
    browser.save_screenshot(str(ARTIFACTS / "payment-periods-desk.png"))

    # On a phone the periods stack in the width of the screen, and the count still reads before the form.
    browser.set_window_size(390, 844)
    browser.get(browser.current_url.split("#")[0] + "#" + period)
    WebDriverWait(browser, 10).until(EC.visibility_of_element_located((By.ID, period + "-lupa")))
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
    assert "of 6 visits made" in browser.find_element(By.ID, period + "-lupa").text
    browser.save_screenshot(str(ARTIFACTS / "payment-periods-phone.png"))
    record_threshold(browser, "2")
    assert "of 2 visits made" in browser.find_element(By.ID, period + "-lupa").text
