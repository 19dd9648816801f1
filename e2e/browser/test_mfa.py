"""Two-step sign-in on a phone (issue 20, MFA; RFC 6238; HHS proposed 45 CFR 164.312(d); ONC 170.315(d)(13)): a user
created for this test sets up an authenticator from the account page, keeps the recovery codes, signs out, signs in
with the password and then a code computed here as an authenticator app would, and a replayed code is refused; a
recovery code signs in once; an administrator resets the lost authenticator. Codes come from the standard library
(hmac, hashlib, base64, struct), not pyotp."""
import base64
import hashlib
import hmac
import struct
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit

PHONE = (390, 844)
PASSWORD = "lantern-orchard-quiet"


def totp(secret_base32: str, step: int) -> str:
    """RFC 6238 with HMAC-SHA1, 30-second steps and 6 digits (dynamic truncation, RFC 4226 section 5.3)."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 1_000_000).zfill(6)


def now_step() -> int:
    return int(time.time() // 30)


def sign_out(browser):
    submit(browser, browser.find_element(By.ID, "logout"))


def password_step(browser, base, username):
    browser.get(base + "/login")
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    submit(browser, browser.find_element(By.ID, "login-submit"))


def test_a_user_sets_up_two_step_sign_in_on_a_phone_and_signs_in_with_a_code(hearth, browser):
    base = hearth.base_url
    for name, role in (("e2emfa", "clinician"), ("e2emfaadmin", "admin")):
        made = hearth.cli("user", "create", "--role", role, "--username", name, stdin=PASSWORD + "\n")
        assert made.returncode == 0, made.stdout + made.stderr
    browser.set_window_size(*PHONE)
    sign_in(browser, base, "e2emfa", PASSWORD)

    # From the account's link in the top bar: off, then set up.
    browser.find_element(By.ID, "two-step-link").click()
    assert "Off." in browser.find_element(By.ID, "two-step-status").text
    browser.find_element(By.ID, "set-up-two-step").click()
    secret = browser.find_element(By.CSS_SELECTOR, "#totp-secret code").text.replace(" ", "")
    assert len(secret) == 32
    uri = browser.find_element(By.ID, "otpauth-link").get_attribute("href")
    assert uri.startswith("otpauth://totp/Hearth:e2emfa?secret=" + secret)
    # Nothing sticks out sideways on a phone.
    assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE[0]
    browser.save_screenshot(str(ARTIFACTS / "mfa-setup-phone.png"))

    # A wrong code is said by the form, and the key stays the same.
    browser.find_element(By.ID, "setup-code").send_keys("000000")
    submit(browser, browser.find_element(By.ID, "confirm-submit"))
    assert "does not match" in browser.find_element(By.ID, "setup-error").text
    assert browser.find_element(By.CSS_SELECTOR, "#totp-secret code").text.replace(" ", "") == secret
    step = now_step()
    browser.find_element(By.ID, "setup-code").send_keys(totp(secret, step))
    submit(browser, browser.find_element(By.ID, "confirm-submit"))
    codes = [item.text for item in browser.find_elements(By.CSS_SELECTOR, "#recovery-codes code")]
    assert len(codes) == 10
    browser.save_screenshot(str(ARTIFACTS / "mfa-recovery-codes-phone.png"))
    browser.find_element(By.ID, "codes-saved").click()
    sign_out(browser)

    # The password alone does not sign in: the code page follows, and no other page opens.
    password_step(browser, base, "e2emfa")
    assert browser.current_url.startswith(base + "/login/code")
    browser.get(base + "/patients")
    assert "/login" in browser.current_url and not browser.find_elements(By.ID, "signed-in-user")
    browser.get(base + "/login/code")
    code = totp(secret, step + 1)  # the enrolment used this step's code: the next one
    browser.find_element(By.ID, "code").send_keys(code)
    browser.save_screenshot(str(ARTIFACTS / "mfa-code-phone.png"))
    submit(browser, browser.find_element(By.ID, "code-submit"))
    assert "e2emfa" in browser.find_element(By.ID, "signed-in-user").text
    sign_out(browser)

    # The same code again is refused (a replay), then a recovery code signs in, once.
    password_step(browser, base, "e2emfa")
    browser.find_element(By.ID, "code").send_keys(code)
    submit(browser, browser.find_element(By.ID, "code-submit"))
    assert "already used" in browser.find_element(By.ID, "code-error").text
    browser.find_element(By.CSS_SELECTOR, "#use-recovery-code summary").click()
    browser.find_element(By.ID, "recovery-code").send_keys(codes[0])
    submit(browser, browser.find_element(By.ID, "recovery-submit"))
    assert "e2emfa" in browser.find_element(By.ID, "signed-in-user").text
    browser.get(base + "/account/two-step")
    assert "9 of 10 recovery codes left" in browser.find_element(By.ID, "two-step-status").text
    sign_out(browser)

    # The phone is lost: an administrator resets it, and the nurse signs in with her password alone.
    sign_in(browser, base, "e2emfaadmin", PASSWORD)
    browser.get(base + "/admin/users")
    assert browser.find_element(By.ID, "two-step-e2emfa").text == "On"
    submit(browser, browser.find_element(By.ID, "reset-two-step-e2emfa"))
    assert "Two-step sign-in reset" in browser.find_element(By.CSS_SELECTOR, ".notice").text
    assert browser.find_element(By.ID, "two-step-e2emfa").text == "Off"
    sign_out(browser)
    sign_in(browser, base, "e2emfa", PASSWORD)
    assert browser.find_elements(By.ID, "signed-in-user")
    WebDriverWait(browser, 5).until(lambda b: b.current_url.rstrip("/") == base)
