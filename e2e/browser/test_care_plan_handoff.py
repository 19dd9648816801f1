"""Issue 17, the care plan → physician → case manager hand-off: a signed plan stays in force while a change is a draft
that goes to the physician as one interim order; a returned order leads the case manager's home page with the
physician's reason, and its task cannot be closed with "Done" — it closes when the order is resent or withdrawn."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit


def sign_out(browser):
    submit(browser, browser.find_element(By.ID, "logout"))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "login-submit")))


def signed_plan(browser, base_url):
    """A care plan of the demo case manager's whose version in force was signed by Dr. Robert Patel."""
    browser.get(base_url + "/patients")
    links = dict.fromkeys(a.get_attribute("href").split("#")[0].rstrip("/") for a in browser.find_elements(By.CSS_SELECTOR, "table.patients tbody tr a"))
    for href in links:
        browser.get(href + "/care-plan")
        if browser.find_elements(By.ID, "plan-in-force") and browser.find_element(By.ID, "plan-physician").text == "Dr. Robert Patel" \
                and not browser.find_elements(By.ID, "plan-draft") and not browser.find_elements(By.ID, "plan-awaiting"):
            return browser.current_url
    raise AssertionError("no signed care plan of Dr. Robert Patel in the demo caseload")


def test_a_change_to_a_signed_plan_is_a_draft_until_the_physician_signs_it(hearth, browser):
    sign_in(browser, hearth.base_url, "casemanager")
    browser.implicitly_wait(0)
    plan_url = signed_plan(browser, hearth.base_url)
    assert "in force" in browser.find_element(By.ID, "plan-in-force").text
    given, family = browser.find_element(By.TAG_NAME, "h1").text.split(": care plan")[0].rsplit(" ", 1)
    patient = f"{family}, {given}"  # as the order list names her
    old = browser.find_element(By.CSS_SELECTOR, ".intervention code.frequency").text

    browser.find_element(By.CSS_SELECTOR, ".intervention details summary").click()
    field = browser.find_element(By.CSS_SELECTOR, ".intervention input[name=frequency]")
    field.clear()
    field.send_keys("1w1")  # one week always fits what is left of the period
    browser.find_element(By.CSS_SELECTOR, ".intervention input[name=prnTrigger]").clear()
    submit(browser, browser.find_element(By.CSS_SELECTOR, ".intervention button[id^=change-frequency]"))
    assert not browser.find_elements(By.ID, "plan-error"), browser.find_element(By.ID, "plan-error").text
    draft = browser.find_element(By.ID, "plan-draft").text
    assert "Draft changes, not yet signed" in draft and "1w1" in draft
    browser.set_window_size(390, 844)
    browser.save_screenshot(str(ARTIFACTS / "care-plan-draft-phone.png"))
    browser.set_window_size(1280, 1000)
    browser.get(plan_url.rstrip("/") + "/print")
    assert old in browser.find_element(By.ID, "plan-of-care").text  # the print is the signed version

    browser.get(plan_url)
    submit(browser, browser.find_element(By.ID, "send-changes"))
    assert "awaiting signature" in browser.find_element(By.ID, "plan-awaiting").text
    sign_out(browser)

    sign_in(browser, hearth.base_url, "physician")
    browser.get(hearth.base_url + "/orders")
    # This patient's interim order: other suites send interim orders to the same physician.
    interim = [a.get_attribute("href") for row in browser.find_elements(By.CSS_SELECTOR, "#unsigned-orders tbody tr") if patient in row.text
               for a in row.find_elements(By.TAG_NAME, "a") if "Interim (version" in a.text]
    assert interim, f"no interim order for {patient} awaits the physician"
    browser.get(interim[0])
    assert "stays in force" in browser.find_element(By.ID, "order-document").text
    browser.find_element(By.ID, "sign-password").send_keys("hearth-demo")
    submit(browser, browser.find_element(By.ID, "sign-order"))
    WebDriverWait(browser, 10).until(EC.text_to_be_present_in_element((By.ID, "order-status"), "Signed"))
    sign_out(browser)

    sign_in(browser, hearth.base_url, "casemanager")
    browser.get(plan_url)
    assert not browser.find_elements(By.ID, "plan-draft")
    browser.get(plan_url.rstrip("/") + "/print")
    assert "1w1" in browser.find_element(By.ID, "plan-of-care").text


def test_a_returned_order_leads_the_home_page_and_closes_only_when_withdrawn_with_a_reason(hearth, browser):
    # The physician returns one of the case manager's orders awaiting his signature.
    sign_in(browser, hearth.base_url, "casemanager")
    browser.implicitly_wait(0)
    browser.get(hearth.base_url + "/orders")
    waiting = [row.find_element(By.TAG_NAME, "a").get_attribute("href") for row in browser.find_elements(By.CSS_SELECTOR, "#unsigned-orders tbody tr")
               if "Awaiting signature" in row.text and "Dr. Robert Patel" in row.text]
    sign_out(browser)
    sign_in(browser, hearth.base_url, "physician")
    order = None
    for href in waiting:
        browser.get(href)
        if browser.find_elements(By.ID, "reject-comment"):
            order = href
            break
    assert order, "no order of the case manager's awaits Dr. Robert Patel's signature"
    browser.find_element(By.ID, "reject-comment").send_keys("Add a PT evaluation for gait")
    submit(browser, browser.find_element(By.ID, "reject-order"))
    sign_out(browser)

    # First on her home page, with the reason; "Correct and resend" leads to the order, and there is no "Done".
    sign_in(browser, hearth.base_url, "casemanager")
    returned = browser.find_element(By.ID, "returned-orders")
    assert "Add a PT evaluation for gait" in returned.text and "Dr. Robert Patel" in returned.text
    assert browser.find_element(By.CSS_SELECTOR, "main section.card, section.card").get_attribute("id") in ("returned-orders", "safety-alerts")
    assert not returned.find_elements(By.CSS_SELECTOR, "button")
    browser.set_window_size(390, 844)
    browser.save_screenshot(str(ARTIFACTS / "home-returned-order-phone.png"))
    browser.set_window_size(1280, 1000)
    item = next(li for li in returned.find_elements(By.TAG_NAME, "li") if "Add a PT evaluation for gait" in li.text)
    submit(browser, item.find_element(By.LINK_TEXT, "Correct and resend"))
    assert browser.current_url == order
    assert browser.find_element(By.ID, "correct-and-resend")

    # Withdrawn with a reason, the order and its task close.
    browser.find_element(By.CSS_SELECTOR, "#withdraw summary").click()
    browser.find_element(By.ID, "withdraw-reason").send_keys("Replaced by the verbal order taken today")
    submit(browser, browser.find_element(By.ID, "withdraw-order"))
    assert browser.find_element(By.ID, "order-status").text == "Withdrawn"
    assert "Replaced by the verbal order taken today" in browser.find_element(By.ID, "withdrawal").text
    browser.get(hearth.base_url + "/")
    assert not browser.find_elements(By.ID, "returned-orders")
