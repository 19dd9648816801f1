"""The case manager records a significant change and a planned discharge on the chart's Deadlines card and sees the
deadlines they start (a follow-up assessment in 2 days, the discharge notice 5 days before), then records the notice
delivered (the patient refused to sign) and sees it met; a blank description is refused by the field with the typing kept
(issue 18)."""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import agency_today, ARTIFACTS, sign_in, submit


def set_date(browser, element_id, day):
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, element_id), day.isoformat())


def record_change(browser, kind, day, detail):
    Select(browser.find_element(By.ID, "care-event-kind")).select_by_value(kind)
    set_date(browser, "care-event-date", day)
    field = browser.find_element(By.ID, "care-event-detail")
    field.clear()
    field.send_keys(detail)
    submit(browser, browser.find_element(By.ID, "care-event-submit"))


def deadline(browser, rule, due):
    return browser.find_element(By.CSS_SELECTOR, f'li[data-key^="{rule}#"][data-due="{due.isoformat()}"]')


def test_case_manager_records_a_significant_change_a_planned_discharge_and_its_notice(hearth, browser):
    today = agency_today()
    sign_in(browser, hearth.base_url, "casemanager")
    browser.get(hearth.base_url + "/compliance?show=all&rule=oasis-submission")
    submit(browser, browser.find_element(By.CSS_SELECTOR, 'a[href*="#deadlines"]'))
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "care-event-form")))

    record_change(browser, "significant_change", today, "fell at home, new hip pain (browser test)")
    follow_up = deadline(browser, "significant-change-assessment", today + datetime.timedelta(days=2))
    assert follow_up.get_attribute("data-outstanding") == "true"

    planned = today + datetime.timedelta(days=6)
    record_change(browser, "planned_discharge", planned, " ")
    assert "Say what is planned" in browser.find_element(By.ID, "care-event-detail-error").text
    assert browser.find_element(By.ID, "care-event-date").get_attribute("value") == planned.isoformat()
    record_change(browser, "planned_discharge", planned, "goals met (browser test)")
    notice = deadline(browser, "transfer-discharge-notice", today + datetime.timedelta(days=1))
    assert notice.get_attribute("data-outstanding") == "true"

    Select(browser.find_element(By.ID, "notice-change")).select_by_index(0)
    Select(browser.find_element(By.ID, "notice-kind")).select_by_value("transfer_discharge")
    set_date(browser, "notice-date", today)
    browser.find_element(By.ID, "notice-by").send_keys("Ana Ruiz, RN")
    Select(browser.find_element(By.ID, "notice-response")).select_by_value("refused")
    submit(browser, browser.find_element(By.ID, "notice-submit"))
    notice = deadline(browser, "transfer-discharge-notice", today + datetime.timedelta(days=1))
    assert notice.get_attribute("data-outstanding") == "false"
    notice.find_element(By.TAG_NAME, "summary").click()
    assert "the patient refused to sign" in notice.text
    browser.save_screenshot(str(ARTIFACTS / "notices-desk.png"))
    browser.set_window_size(390, 844)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
    browser.save_screenshot(str(ARTIFACTS / "notices-phone.png"))
