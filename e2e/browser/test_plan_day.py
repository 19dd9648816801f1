"""Issue 23 in the browser: the supervisor plans a day for the demo agency from the schedule on a phone, sees what the
plan changes (driving saved, each route in order, the routes drawn on a plain map under the list), applies all of it,
and the demo nurse's day then follows her planned route: the same visits, in the same order, at the planned times."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit

PHONE = (390, 844)
DESK = (1280, 900)
NURSE = "James Chen, RN"  # the demo's clinician user


def wait_for(browser, element_id, seconds=10):
    WebDriverWait(browser, seconds).until(EC.presence_of_element_located((By.ID, element_id)))


def next_weekday():
    """Tomorrow in the demo agency's zone, or Monday after a weekend: every field clinician works then."""
    day = datetime.now(ZoneInfo("America/New_York")).date() + timedelta(days=1)
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day.isoformat()


def test_supervisor_plans_a_day_applies_it_and_the_nurses_day_follows(hearth, browser):
    day = next_weekday()
    browser.set_window_size(*PHONE)
    sign_in(browser, hearth.base_url, "supervisor")
    browser.implicitly_wait(0)
    browser.get(hearth.base_url + "/schedule")
    submit(browser, browser.find_element(By.ID, "plan-day"))
    wait_for(browser, "plan-form")
    # A day the planner cannot read is refused by its field, the typing kept.
    browser.execute_script("document.getElementById('plan-date').type = 'text'")
    field = browser.find_element(By.ID, "plan-date")
    field.clear()
    field.send_keys("next tuesday")
    submit(browser, browser.find_element(By.ID, "plan-run"))
    assert "Give the day as YYYY-MM-DD" in browser.find_element(By.ID, "plan-form").text
    browser.execute_script("document.getElementById('plan-date').type = 'text'")
    field = browser.find_element(By.ID, "plan-date")
    field.clear()
    field.send_keys(day)
    seconds = browser.find_element(By.ID, "plan-seconds")
    seconds.clear()
    seconds.send_keys("3")
    submit(browser, browser.find_element(By.ID, "plan-run"))
    wait_for(browser, "plan-summary", 60)

    summary = browser.find_element(By.ID, "plan-summary").text
    assert f"Plan for {day}" in summary
    assert "min saved" in browser.find_element(By.ID, "plan-driving").text, browser.find_element(By.ID, "plan-driving").text
    assert browser.find_elements(By.CSS_SELECTOR, "#plan-map svg polyline"), "the routes are drawn"
    violations = browser.find_elements(By.ID, "plan-violations")
    assert not violations, violations[0].text
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE[0] + 1, f"the plan runs off a phone's screen ({width}px)"
    routes = browser.find_element(By.ID, "plan-routes")
    assert browser.find_element(By.ID, "plan-map").location["y"] > routes.location["y"], "on a phone the map comes under the list"
    browser.save_screenshot(str(ARTIFACTS / "plan-day-phone.png"))

    # Each demo clinician owes a 30-minute lunch: a route running past its window shows it in the timeline, between stops,
    # unnumbered, at a phone's width and a desk's.
    lunches = browser.find_elements(By.CSS_SELECTOR, "section.plan-route ol.plan-stops > li.plan-break")
    assert lunches, "a clinician's break is in the route's timeline"
    for size in (PHONE, DESK):
        browser.set_window_size(*size)
        lunch = lunches[0]
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", lunch)
        assert lunch.is_displayed() and lunch.text.split()[1] == "Break" and "30 min" in lunch.text, lunch.text
        assert lunch.location["x"] >= 0 and lunch.location["x"] + lunch.size["width"] <= size[0] + 1, "the break fits the screen"
        assert lunch.value_of_css_property("display") == "block", "the break takes no number in the route's order"
        browser.save_screenshot(str(ARTIFACTS / f"plan-day-break-{'phone' if size == PHONE else 'desk'}.png"))
    browser.set_window_size(*PHONE)

    # The nurse's route as planned: each visit and its time, in order.
    card = [c for c in browser.find_elements(By.CSS_SELECTOR, "section.plan-route") if c.find_element(By.TAG_NAME, "h2").text == NURSE][0]
    planned = [(li.get_attribute("data-visit"), li.find_element(By.TAG_NAME, "strong").text) for li in card.find_elements(By.CSS_SELECTOR, "ol.plan-stops > li[data-visit]")]
    assert planned, "the demo nurse has visits that day"
    changes = len(browser.find_elements(By.CSS_SELECTOR, "#plan-changes-table tbody tr"))
    assert changes > 0, "the demo's day leaves something worth changing"
    submit(browser, browser.find_element(By.ID, "plan-apply-all"))
    refused = browser.find_elements(By.ID, "plan-refused")
    assert not refused, refused[0].text
    wait_for(browser, "plan-applied")
    assert f"Applied {changes} visit" in browser.find_element(By.ID, "plan-applied").text
    browser.delete_all_cookies()

    sign_in(browser, hearth.base_url, "clinician")
    browser.implicitly_wait(0)
    browser.get(hearth.base_url + f"/visits?date={day}")
    wait_for(browser, "day-visits")
    shown = [(li.find_element(By.TAG_NAME, "a").get_attribute("href").rstrip("/").split("/")[-1], li.find_element(By.TAG_NAME, "strong").text)
             for li in browser.find_elements(By.CSS_SELECTOR, "#day-visits ol.visit-route > li")]
    assert shown == planned, f"her day {shown} follows the plan {planned}"
    browser.save_screenshot(str(ARTIFACTS / "plan-day-nurse.png"))


def test_a_nurse_who_calls_out_is_planned_around(hearth, browser):
    """7 am, a nurse is sick: the supervisor ticks her as called out on a phone and plans the day without her."""
    day = next_weekday()
    browser.set_window_size(*PHONE)
    sign_in(browser, hearth.base_url, "supervisor")
    browser.implicitly_wait(0)
    browser.get(hearth.base_url + f"/schedule/plan?date={day}&seconds=2")
    wait_for(browser, "plan-summary", 60)
    assert [c for c in browser.find_elements(By.CSS_SELECTOR, "section.plan-route") if c.find_element(By.TAG_NAME, "h2").text == NURSE]
    box = browser.find_element(By.XPATH, f"//fieldset[@id='out']//label[normalize-space()='{NURSE}']/input")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()
    submit(browser, browser.find_element(By.ID, "plan-run"))
    wait_for(browser, "plan-summary", 60)
    assert f"without {NURSE} (called out)" in browser.find_element(By.ID, "plan-summary").text
    assert not [c for c in browser.find_elements(By.CSS_SELECTOR, "section.plan-route") if c.find_element(By.TAG_NAME, "h2").text == NURSE], \
        "nothing is planned for the nurse who called out"
    assert browser.find_element(By.XPATH, f"//fieldset[@id='out']//label[normalize-space()='{NURSE}']/input").is_selected(), "the form keeps who is out"
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= PHONE[0] + 1, f"the form runs off a phone's screen ({width}px)"
    browser.execute_script("document.getElementById('out').scrollIntoView()")
    browser.save_screenshot(str(ARTIFACTS / "plan-day-call-out-phone.png"))
