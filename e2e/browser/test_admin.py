"""The administrator off-boards in one step (issue 20 #2, issue 17 #14; 45 CFR 164.308(a)(3)(ii)(C)): she adds a
user, the user signs in and must choose their own password, then she disables them and the user's open session
ends at its next click. The admin pages are looked at on a desk and on a phone."""
import os
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit

DESK = (1280, 900)
PHONE = (390, 844)


def second_browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(5)
    return driver


def fhir_status(base, token):
    request = urllib.request.Request(base + "/fhir/Patient", headers={"Authorization": "Bearer " + token, "Accept": "application/fhir+json"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_admin_adds_a_user_then_disables_them_and_their_session_ends(hearth, browser):
    base = hearth.base_url
    browser.set_window_size(*DESK)
    sign_in(browser, base, "admin")
    browser.get(base + "/admin/users")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Users"

    # A common password is refused by its field, and what was typed stays.
    browser.find_element(By.CSS_SELECTOR, "#add-user-panel summary").click()
    browser.find_element(By.ID, "new-username").send_keys("e2enurse")
    browser.find_element(By.ID, "new-name").send_keys("Edie Tunde")
    Select(browser.find_element(By.ID, "new-role")).select_by_value("clinician")
    browser.find_element(By.ID, "new-password").send_keys("password1234")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#create-user button[type=submit]"))
    assert "commonly used" in browser.find_element(By.CSS_SELECTOR, "#create-user .field-error").text
    assert browser.find_element(By.ID, "new-name").get_attribute("value") == "Edie Tunde"
    browser.find_element(By.ID, "new-password").send_keys("river-stone-morning")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#create-user button[type=submit]"))
    assert "User created" in browser.find_element(By.CSS_SELECTOR, ".notice").text
    assert browser.find_elements(By.ID, "user-e2enurse")
    browser.save_screenshot(str(ARTIFACTS / "admin-users-desk.png"))

    token = hearth.token("e2enurse")
    assert fhir_status(base, token) == 200
    nurse = second_browser()
    try:
        sign_in(nurse, base, "e2enurse", "river-stone-morning")
        WebDriverWait(nurse, 10).until(EC.url_contains("/account/password"))
        assert nurse.find_element(By.ID, "password-required").is_displayed()
        nurse.find_element(By.ID, "current-password").send_keys("river-stone-morning")
        nurse.find_element(By.ID, "new-password").send_keys("my-own-harbor-light")
        nurse.find_element(By.ID, "repeat-password").send_keys("my-own-harbor-light")
        submit(nurse, nurse.find_element(By.CSS_SELECTOR, "#change-password button[type=submit]"))
        assert "e2enurse" in nurse.find_element(By.ID, "signed-in-user").text
        assert not nurse.current_url.endswith("/account/password")

        browser.get(base + "/admin/users")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", browser.find_element(By.ID, "user-e2enurse"))
        browser.save_screenshot(str(ARTIFACTS / "admin-users-desk-row.png"))
        submit(browser, browser.find_element(By.ID, "disable-e2enurse"))
        assert "sessions and tokens have ended" in browser.find_element(By.CSS_SELECTOR, ".notice").text
        assert browser.find_elements(By.ID, "enable-e2enurse")

        nurse.get(base + "/")
        WebDriverWait(nurse, 10).until(EC.url_contains("/login"))
        assert fhir_status(base, token) == 401
        sign_in(nurse, base, "e2enurse", "my-own-harbor-light")
        assert nurse.find_element(By.ID, "login-error").is_displayed()
    finally:
        nurse.quit()

    # The trail names who did what to whom; the actions can be found by their prefix.
    browser.get(base + "/admin/audit?action=user.")
    trail = browser.find_element(By.ID, "audit").text
    assert "user.create" in trail and "user.disable" in trail and "e2enurse" in trail
    browser.save_screenshot(str(ARTIFACTS / "admin-audit-desk.png"))
    browser.get(base + "/admin/tokens")
    row = [r for r in browser.find_elements(By.CSS_SELECTOR, "#tokens tbody tr") if "e2enurse" in r.text][0]
    assert "revoked" in row.text
    browser.save_screenshot(str(ARTIFACTS / "admin-tokens-desk.png"))

    browser.set_window_size(*PHONE)
    for page, name in (("/admin/users", "admin-users-phone"), ("/admin/audit", "admin-audit-phone"), ("/account/password", "account-password-phone")):
        browser.get(base + page)
        assert browser.find_element(By.TAG_NAME, "h1").is_displayed()
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= PHONE[0] + 1, f"{page} runs off a phone's screen ({width}px)"
        browser.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_every_page_carries_the_security_headers(hearth):
    with urllib.request.urlopen(hearth.base_url + "/login") as response:
        assert response.headers["Cache-Control"] == "no-store"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Frame-Options"] == "DENY"
