"""A case manager builds a care plan from assessment findings and sends it; the physician signs; a frequency change
shows as a diff, is a draft until sent, then an interim order waits in the aging report; the printable plan of care shows
every box of the signed version."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit


def wait_for(browser, element_id):
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, element_id)))


def fill(browser, element_id, text):
    field = browser.find_element(By.ID, element_id)
    field.clear()
    field.send_keys(text)


def find_patient_with_findings(browser, base_url):
    """A patient of the demo case manager with Dr. Robert Patel as physician, admitted, with no plan yet, whose signed assessments suggest problems."""
    browser.get(base_url + "/patients")
    # Each patient's chart once (a row's flags link to a section of the same chart: "#deadlines", "#payment-periods").
    links = dict.fromkeys(a.get_attribute("href").split("#")[0].rstrip("/") for a in browser.find_elements(By.CSS_SELECTOR, "table.patients tbody tr a"))
    for href in links:
        browser.get(href + "/care-plan")
        if browser.find_elements(By.ID, "plan-notice") or browser.find_elements(By.ID, "plan-version"):
            continue
        if browser.find_element(By.ID, "plan-physician").text != "Dr. Robert Patel":
            continue
        options = browser.find_elements(By.CSS_SELECTOR, "#problem-finding option")
        if len(options) > 1:
            return browser.current_url
    raise AssertionError("no patient in the demo caseload has assessment findings and Dr. Robert Patel as physician")


def test_care_plan_from_findings_to_signature_and_interim_order(hearth, browser):
    sign_in(browser, hearth.base_url, "casemanager")
    browser.implicitly_wait(0)
    plan_url = find_patient_with_findings(browser, hearth.base_url)

    # A problem suggested by the start-of-care assessment, a measurable goal, an intervention with its frequency.
    Select(browser.find_element(By.ID, "problem-finding")).select_by_index(1)
    submit(browser, browser.find_element(By.ID, "add-problem"))
    wait_for(browser, "plan-version")
    Select(browser.find_element(By.ID, "goal-problemID")).select_by_index(1)
    fill(browser, "goal-what", "Walks to the mailbox with a walker")
    fill(browser, "goal-measure", "150 feet without rest")
    target = browser.find_element(By.CSS_SELECTOR, "p.meta").text.split("Period ")[1].split(" – ")[1][:10]
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "goal-targetDate"), target)
    submit(browser, browser.find_element(By.ID, "add-goal"))
    wait_for(browser, "plan-version")
    assert not browser.find_elements(By.ID, "plan-error"), browser.find_element(By.ID, "plan-error").text
    Select(browser.find_element(By.ID, "intervention-discipline")).select_by_value("SN")
    fill(browser, "intervention-action", "Teach fall prevention and heart-failure self-care")
    # The plan is written mid-period for some patients: one week always fits what is left of it.
    fill(browser, "intervention-frequency", "2w1")
    submit(browser, browser.find_element(By.ID, "add-intervention"))
    wait_for(browser, "plan-version")
    assert not browser.find_elements(By.ID, "plan-error"), browser.find_element(By.ID, "plan-error").text
    assert browser.find_element(By.ID, "total-SN").text == "2"

    # The rest of the CMS-485, then send the plan of care.
    browser.find_element(By.CSS_SELECTOR, "input[name='mentalStatus[]'][value=oriented]").click()
    Select(browser.find_element(By.ID, "details-prognosis")).select_by_value("fair")
    fill(browser, "details-safetyMeasures", "Fall precautions; clear pathways")
    fill(browser, "details-rehabilitationPotential", "Good for stated goals")
    fill(browser, "details-dischargePlans", "Discharge to self-care when goals are met")
    fill(browser, "details-hospitalizationRisk", "Moderate; call-first plan on the refrigerator")
    submit(browser, browser.find_element(By.ID, "save-details"))
    wait_for(browser, "send-plan")
    submit(browser, browser.find_element(By.ID, "send-plan"))
    wait_for(browser, "orders")
    order_link = browser.find_element(By.CSS_SELECTOR, "#orders tbody a").get_attribute("href")

    # The physician signs with a password re-entry.
    submit(browser, browser.find_element(By.ID, "logout"))
    wait_for(browser, "login-submit")
    sign_in(browser, hearth.base_url, "physician")
    browser.get(order_link)
    fill(browser, "sign-password", "hearth-demo")
    submit(browser, browser.find_element(By.ID, "sign-order"))
    WebDriverWait(browser, 10).until(EC.text_to_be_present_in_element((By.ID, "order-status"), "Signed"))
    assert "SHA-256" in browser.find_element(By.ID, "signature-manifest").text
    browser.save_screenshot(str(ARTIFACTS / "order-signed.png"))

    # The case manager changes the frequency: a draft version with its diff; sent, it is an interim order awaiting signature.
    submit(browser, browser.find_element(By.ID, "logout"))
    wait_for(browser, "login-submit")
    sign_in(browser, hearth.base_url, "casemanager")
    browser.get(plan_url)
    browser.find_element(By.CSS_SELECTOR, ".intervention details summary").click()
    field = browser.find_element(By.CSS_SELECTOR, ".intervention input[name=frequency]")
    field.clear()
    field.send_keys("3w1")
    submit(browser, browser.find_element(By.CSS_SELECTOR, ".intervention button[id^=change-frequency]"))
    wait_for(browser, "versions")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "#versions li a"))
    wait_for(browser, "diff")
    assert "Frequency changed: SN 2w1 → SN 3w1" in browser.find_element(By.ID, "diff").text
    browser.get(plan_url)
    assert "Draft changes, not yet signed" in browser.find_element(By.ID, "plan-draft").text
    submit(browser, browser.find_element(By.ID, "send-changes"))
    wait_for(browser, "plan-awaiting")
    browser.get(hearth.base_url + "/orders")
    assert "Frequency changed: SN 2w1 → SN 3w1" in browser.find_element(By.ID, "unsigned-orders").text

    # The printable plan of care: the signed version, in force until the change is signed.
    browser.get(plan_url.rstrip("/") + "/print")
    text = browser.find_element(By.ID, "plan-of-care").text
    for box in ["Medications", "Principal diagnosis", "DME and supplies", "Safety measures", "Nutritional requirements", "Allergies",
                "Functional limitations", "Activities permitted", "Mental status", "Prognosis", "Orders for discipline and treatments",
                "Goals, rehabilitation potential, discharge plans", "signature and date", "SN 2w1"]:
        assert box in text, box
    assert "SN 3w1" not in text
    browser.save_screenshot(str(ARTIFACTS / "plan-of-care-print.png"))
