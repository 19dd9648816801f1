"""The physician advisor's day, across the hand-offs (issue 22, 42 CFR 482.30): the UR nurse refers a stay to a member of
the hospital's UR committee; the advisor finds it in the queue on their home page, records the determination on the stay
(a "not necessary" against the attending's view without a second member is refused by the field, the rationale kept),
and finds it again among their latest determinations; the UR nurse sees it on the stay. The administrator changes a
member's declared financial interest in place. At a desk and on a phone."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser.conftest import ARTIFACTS, sign_in, submit

ADVISOR = "Dr. Miriam Ostrowski, MD"


def as_user(browser, base, username):
    """Another person at the same browser: the session cookie goes first, as when one signs out."""
    browser.get(base + "/login")
    browser.delete_all_cookies()
    sign_in(browser, base, username)


def fits(browser, width):
    return browser.execute_script("return document.documentElement.scrollWidth") <= width + 2


def open_from_queue(browser, family, link_class):
    link = browser.find_element(By.XPATH, f"//a[@class='{link_class}' and starts-with(normalize-space(text()), '{family},')]")
    submit(browser, link)


def determination_field(browser, name):
    return browser.find_element(By.CSS_SELECTOR, f"form[id^='determination-form-'] [name='{name}']")


def test_the_nurse_refers_a_stay_and_the_advisor_decides_it_at_a_desk(hearth, browser):
    browser.set_window_size(1280, 900)
    sign_in(browser, hearth.base_url, "urnurse")
    open_from_queue(browser, "Dubois", "queue-stay")
    Select(browser.find_element(By.ID, "pa-advisor")).select_by_visible_text(ADVISOR)
    browser.find_element(By.ID, "pa-question").send_keys("Day 4, off oxygen since yesterday: is the continued stay necessary?")
    submit(browser, browser.find_element(By.ID, "save-advisor"))
    history = browser.find_element(By.ID, "advisor-history").text
    assert ADVISOR in history and "Waiting for the advisor" in history

    # The advisor's home page is the queue: the new referral waits there, the demo's earlier determination below it.
    as_user(browser, hearth.base_url, "advisor")
    waiting = browser.find_element(By.ID, "advisor-queue").text
    assert "Dubois," in waiting and "off oxygen since yesterday" in waiting
    assert "Not medically necessary" in browser.find_element(By.ID, "advisor-answered").text
    browser.save_screenshot(str(ARTIFACTS / "advisor-queue-desk.png"))
    open_from_queue(browser, "Dubois", "advisor-stay")
    Select(determination_field(browser, "outcome")).select_by_value("necessary")
    Select(determination_field(browser, "attendingView")).select_by_value("concurs")
    determination_field(browser, "rationale").send_keys("Still on IV diuretics with a rising creatinine: meets continued-stay criteria.")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "button[id^='save-determination-']"))
    history = browser.find_element(By.ID, "advisor-history").text
    assert "Medically necessary" in history and "rising creatinine" in history
    assert not browser.find_elements(By.CSS_SELECTOR, "form[id^='determination-form-']")
    browser.save_screenshot(str(ARTIFACTS / "advisor-decided-desk.png"))

    browser.get(hearth.base_url + "/")
    assert "Dubois," not in browser.find_element(By.ID, "main").text.split("Your latest determinations")[0]
    assert "Dubois," in browser.find_element(By.ID, "advisor-answered").text

    # Back to the UR nurse: the answer is on the stay she referred.
    as_user(browser, hearth.base_url, "urnurse")
    open_from_queue(browser, "Dubois", "queue-stay")
    assert "Medically necessary" in browser.find_element(By.ID, "advisor-history").text


def test_on_a_phone_the_advisor_is_held_to_the_rule_and_the_typing_is_kept(hearth, browser):
    browser.set_window_size(390, 844)
    sign_in(browser, hearth.base_url, "advisor")
    assert fits(browser, 390)
    browser.save_screenshot(str(ARTIFACTS / "advisor-queue-phone.png"))
    open_from_queue(browser, "Evans", "advisor-stay")
    Select(determination_field(browser, "outcome")).select_by_value("not_necessary")
    Select(determination_field(browser, "attendingView")).select_by_value("disagrees")
    determination_field(browser, "rationale").send_keys("Syncope work-up negative overnight; telemetry quiet.")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "button[id^='save-determination-']"))
    error = browser.find_element(By.CSS_SELECTOR, "[id$='-secondMember-error']").text
    assert "at least two committee members" in error
    # Far down a long page on a phone, the refused field is brought into view and focused.
    in_view = "var r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight"
    assert browser.execute_script("return document.activeElement.name") == "secondMember" and browser.execute_script(in_view)
    assert "telemetry quiet" in determination_field(browser, "rationale").get_attribute("value")
    assert fits(browser, 390)
    browser.save_screenshot(str(ARTIFACTS / "advisor-refused-phone.png"))
    # With the attending's silence after being asked, one member decides.
    Select(determination_field(browser, "attendingView")).select_by_value("did_not_respond")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "button[id^='save-determination-']"))
    assert "Not medically necessary" in browser.find_element(By.ID, "advisor-history").text


def test_the_administrator_records_and_clears_a_members_financial_interest(hearth, browser):
    browser.set_window_size(1280, 900)
    sign_in(browser, hearth.base_url, "admin")
    browser.get(hearth.base_url + "/admin/ur-committee")
    row = browser.find_element(By.XPATH, "//tr[td[contains(., 'Dr. Sofia Reyes')]]")
    field = row.find_element(By.CSS_SELECTOR, "input[name='financialInterest']")
    field.send_keys("Medical director stipend from the hospital")
    submit(browser, row.find_element(By.CSS_SELECTOR, "form.member-interest button"))
    assert "Financial interest recorded" in browser.find_element(By.ID, "committee-notice").text
    row = browser.find_element(By.XPATH, "//tr[td[contains(., 'Dr. Sofia Reyes')]]")
    assert row.find_element(By.CSS_SELECTOR, "input[name='financialInterest']").get_attribute("value") == "Medical director stipend from the hospital"
    browser.save_screenshot(str(ARTIFACTS / "committee-interest-desk.png"))
    field = row.find_element(By.CSS_SELECTOR, "input[name='financialInterest']")
    field.clear()
    submit(browser, row.find_element(By.CSS_SELECTOR, "form.member-interest button"))
    assert "Financial interest cleared" in browser.find_element(By.ID, "committee-notice").text
    # On a phone the roster is cards, the interest field inside each.
    browser.set_window_size(390, 844)
    browser.get(hearth.base_url + "/admin/ur-committee")
    table = browser.find_element(By.CSS_SELECTOR, "table[id^='members-']")
    browser.execute_script("arguments[0].scrollIntoView()", table)
    assert fits(browser, 390)
    browser.save_screenshot(str(ARTIFACTS / "committee-phone.png"))
