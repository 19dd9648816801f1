"""A case manager in the living room records who to call, the code status and the disaster plan."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import ARTIFACTS, sign_in


def open_first_patient(browser, base):
    browser.get(base + "/")
    browser.find_element(By.CSS_SELECTOR, "table.patients tbody tr a").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".chart-header h1")))


def test_case_manager_records_a_caregiver_and_code_status(hearth, browser):
    sign_in(browser, hearth.base_url, "casemanager")
    open_first_patient(browser, hearth.base_url)
    chart_url = browser.current_url
    browser.find_element(By.ID, "profile-link").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "add-contact")))

    # A contact without a phone is refused, with the message by the field and the name kept.
    browser.find_element(By.ID, "contact-name").send_keys("Grace Whitfield")
    Select(browser.find_element(By.ID, "contact-relationship")).select_by_value("daughter")
    browser.find_element(By.ID, "add-contact").click()
    assert "Enter a phone number" in browser.find_element(By.ID, "contact-phone-error").text
    assert browser.find_element(By.ID, "contact-name").get_attribute("value") == "Grace Whitfield"
    browser.find_element(By.ID, "contact-phone").send_keys("614-555-0166")
    browser.find_element(By.ID, "contact-isDecisionMaker").click()
    browser.find_element(By.ID, "add-contact").click()
    WebDriverWait(browser, 10).until(EC.text_to_be_present_in_element((By.ID, "contacts"), "Grace Whitfield"))

    Select(browser.find_element(By.ID, "codeStatus")).select_by_value("comfort_care")
    Select(browser.find_element(By.ID, "emergencyPriority")).select_by_value("1")
    browser.find_element(By.ID, "save-details").click()
    WebDriverWait(browser, 10).until(EC.url_to_be(chart_url))
    assert browser.find_element(By.ID, "code-status").text == "Comfort care only"
    assert "Grace Whitfield" in browser.find_element(By.ID, "people").text
    assert "Code status:" in browser.find_element(By.ID, "history").text
    browser.save_screenshot(str(ARTIFACTS / "profile-chart.png"))
