"""A person at a tablet: signs in, sees the home page, opens a chart, signs out; a wrong password is explained."""
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser.conftest import ARTIFACTS, sign_in


def test_case_manager_signs_in_sees_caseload_and_signs_out(hearth, browser):
    sign_in(browser, hearth.base_url, "casemanager")
    WebDriverWait(browser, 10).until(lambda b: not b.current_url.endswith("/login"))
    assert "casemanager" in browser.find_element(By.ID, "signed-in-user").text
    assert browser.find_element(By.TAG_NAME, "h1").text == "My caseload today"
    patients = browser.find_elements(By.CSS_SELECTOR, "table.patients tbody tr")
    assert len(patients) > 0, "the demo case manager has a caseload"
    browser.save_screenshot(str(ARTIFACTS / "home.png"))

    patients[0].find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".chart-header h1")))
    # Other browser tests change the first patient's chart; what every chart has is its sections.
    for section in ("episode", "deadlines", "assessments", "care-plan", "history"):
        assert browser.find_elements(By.ID, section), section
    browser.save_screenshot(str(ARTIFACTS / "chart.png"))

    browser.find_element(By.ID, "logout").click()
    WebDriverWait(browser, 10).until(EC.url_contains("/login"))
    assert "You have signed out" in browser.find_element(By.CSS_SELECTOR, ".notice").text
    browser.get(hearth.base_url + "/")
    WebDriverWait(browser, 10).until(EC.url_contains("/login"))


def test_wrong_password_shows_error_and_keeps_username(hearth, browser):
    sign_in(browser, hearth.base_url, "clinician", "wrong-password")
    assert browser.current_url.endswith("/login")
    error = browser.find_element(By.ID, "login-error")
    assert error.is_displayed()
    assert "Incorrect" in error.text
    assert browser.find_element(By.ID, "username").get_attribute("value") == "clinician"


def test_register_patient_form_shows_errors_beside_fields(hearth, browser):
    sign_in(browser, hearth.base_url, "casemanager")
    browser.get(hearth.base_url + "/patients/new")
    browser.find_element(By.ID, "givenName").send_keys("Adaeze")
    browser.find_element(By.ID, "register-submit").click()
    assert browser.find_element(By.ID, "familyName-error").text.startswith("Enter the patient's last name")
    assert browser.find_element(By.ID, "givenName").get_attribute("value") == "Adaeze"
    browser.find_element(By.ID, "familyName").send_keys("Okafor")
    browser.execute_script("document.getElementById('birthDate').value = '1948-06-02'")
    browser.find_element(By.CSS_SELECTOR, "#sex option[value=female]").click()
    browser.find_element(By.ID, "register-submit").click()
    assert browser.find_element(By.CSS_SELECTOR, ".chart-header h1").text == "Adaeze Okafor"


def test_login_page_is_accessible_and_self_hosted(hearth, browser):
    browser.get(hearth.base_url + "/login")
    assert browser.find_element(By.CSS_SELECTOR, "label[for=username]").text == "Username"
    assert browser.find_element(By.CSS_SELECTOR, "label[for=password]").text == "Password"
    for element in browser.find_elements(By.CSS_SELECTOR, "link[href], script[src]"):
        url = element.get_attribute("href") or element.get_attribute("src")
        assert url.startswith(hearth.base_url), f"{url} is not served by Hearth"
    with urllib.request.urlopen(hearth.base_url + "/css/hearth.css") as response:
        assert response.status == 200
