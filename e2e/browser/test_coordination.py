"""Issue 8 in the browser: a case manager completes a home safety evaluation, sees the findings in the care plan,
refers the patient to a meals service from the directory, logs a call with the physician that creates a task, and
closes the loop when the service starts."""
import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import agency_today, ARTIFACTS, sign_in, submit


def fill(browser, element_id, text):
    field = browser.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def set_date(browser, element_id, day):
    """Date inputs take keys in the browser's locale order; setting the value is locale-proof."""
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, element_id), day)


def a_patient_with_an_editable_care_plan(browser, base):
    browser.get(base + "/patients")
    for href in [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "table.patients tbody tr a")][:40]:
        browser.get(href.split("#")[0] + "/care-plan")
        problems = browser.find_elements(By.ID, "problems")
        if browser.find_elements(By.ID, "problem-form") and problems and "Home safety / fall risk" not in problems[0].text:
            return href.split("#")[0]
    raise AssertionError("no patient of the demo case manager has a care plan open for changes")


def test_home_safety_to_care_plan_meals_referral_and_physician_call(hearth, browser):
    sign_in(browser, hearth.base_url, "casemanager")
    browser.implicitly_wait(0)
    chart = a_patient_with_an_editable_care_plan(browser, hearth.base_url)

    # The walk-through: every question answered, two hazards with what was seen.
    browser.get(chart + "/home-safety")
    submit(browser, browser.find_element(By.ID, "start-evaluation"))
    hazards = {"floors-clear-paths": "Phone cord across the hallway", "bathroom-grab-bars": "Nothing to hold by the toilet"}
    for radio in browser.find_elements(By.CSS_SELECTOR, "#evaluation-form input[type=radio][value=safe]"):
        browser.execute_script("arguments[0].checked = true", radio)
    for item, note in hazards.items():
        if not browser.find_elements(By.ID, f"{item}-hazard"):
            continue
        browser.find_element(By.ID, f"{item}-hazard").click()
        fill(browser, f"{item}-note", note)
    # A hazard without its note is refused next to the question, and the answers stay as typed.
    fill(browser, "floors-clear-paths-note", "")
    submit(browser, browser.find_element(By.ID, "save-evaluation"))
    assert "Say where and what you saw" in browser.find_element(By.ID, "q-floors-clear-paths").text
    assert browser.find_element(By.ID, "floors-clear-paths-hazard").is_selected()
    fill(browser, "floors-clear-paths-note", hazards["floors-clear-paths"])
    submit(browser, browser.find_element(By.ID, "save-evaluation"))

    # One finding per hazard: who fixes it and when to check.
    assert "Cords or clutter in walkways" in browser.find_element(By.ID, "findings-form").text
    for fieldset in browser.find_elements(By.CSS_SELECTOR, "#findings-form fieldset"):
        item = fieldset.get_attribute("id").removeprefix("hazard-")
        Select(browser.find_element(By.ID, f"{item}-responsible")).select_by_value("family")
        fill(browser, f"{item}-responsibleName", "Daughter Ana")
    submit(browser, browser.find_element(By.ID, "save-findings"))
    assert "open hazard" in browser.find_element(By.ID, "home-safety-headline").text
    assert "Cords or clutter in walkways" in browser.find_element(By.ID, "open-findings").text

    # The care plan suggests the home safety problem and, once added, shows the hazards under it.
    browser.get(chart + "/care-plan")
    Select(browser.find_element(By.ID, "problem-finding")).select_by_value("home-safety")
    submit(browser, browser.find_element(By.ID, "add-problem"))
    problem = [p for p in browser.find_elements(By.CSS_SELECTOR, "article.problem") if "Home safety / fall risk" in p.text][0]
    assert "from the home safety evaluation" in problem.text
    assert "Cords or clutter in walkways" in problem.find_element(By.CSS_SELECTOR, "div.hazards").text
    browser.save_screenshot(str(ARTIFACTS / "coordination-care-plan.png"))

    # A meals service from the directory, found by need.
    patient_id = chart.rstrip("/").split("/")[-1]
    browser.get(hearth.base_url + f"/resources?need=food&patient={patient_id}")
    meals = [r for r in browser.find_elements(By.CSS_SELECTOR, "li.resource") if "meal" in r.text.lower()][0]
    service = meals.find_element(By.TAG_NAME, "strong").text
    submit(browser, meals.find_element(By.CSS_SELECTOR, "button.refer"))
    referral = [r for r in browser.find_elements(By.CSS_SELECTOR, "article.referral") if service in r.text][0]
    referral_id = referral.get_attribute("id").removeprefix("referral-")
    assert "Draft" in referral.text

    # A call with the physician that makes a follow-up task on my worklist.
    browser.get(chart + "/communications")
    Select(browser.find_element(By.ID, "c-party")).select_by_value("physician")
    fill(browser, "c-partyName", "Dr. Adeyemi")
    fill(browser, "c-subject", "Meals on wheels and fall risk")
    fill(browser, "c-summary", "Physician agrees with the meals referral; asks for a PT evaluation for fall risk.")
    fill(browser, "c-followUpTitle", "Fax the PT evaluation order to Dr. Adeyemi")
    owners = Select(browser.find_element(By.ID, "c-followUpOwner"))
    owners.select_by_index(1)
    tomorrow = (agency_today() + datetime.timedelta(days=1)).isoformat()
    set_date(browser, "c-followUpDue", tomorrow)
    submit(browser, browser.find_element(By.ID, "log-communication-submit"))
    errors = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#log-communication .form-error, #log-communication .field-error")]
    assert not errors, errors
    assert "Meals on wheels and fall risk" in browser.find_element(By.ID, "communication-log").text
    browser.get(hearth.base_url + "/worklist")
    assert "Fax the PT evaluation order to Dr. Adeyemi" in browser.find_element(By.ID, "tasks").text

    # The loop: sent, accepted, service started, closed with its outcome.
    for action, note in [("send", "Faxed the referral"), ("accept", "Intake call done"), ("start_service", "First meal delivered"),
                         ("close", "Receiving meals Monday to Friday")]:
        browser.get(chart + "/referrals")
        Select(browser.find_element(By.ID, f"step-{referral_id}")).select_by_value(action)
        fill(browser, f"note-{referral_id}", note)
        submit(browser, browser.find_element(By.CSS_SELECTOR, f"#referral-{referral_id} button"))
    closed = browser.find_element(By.ID, f"referral-{referral_id}")
    assert "Closed" in closed.text and "First meal delivered" in closed.text and "Receiving meals Monday to Friday" in closed.text
    browser.get(chart)
    assert "open hazard" in browser.find_element(By.ID, "safety-summary").text
    browser.save_screenshot(str(ARTIFACTS / "coordination-chart.png"))
    WebDriverWait(browser, 5).until(lambda b: b.find_element(By.ID, "communications-summary"))
