"""A case manager reconciles a demo patient's hospital discharge list against the home list, decides each line and sends
the result for signature; an aide records today's MAR; the adherence chart shows the trend."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit


def wait_for(browser, element_id):
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, element_id)))


def test_reconcile_discharge_list_then_mar_and_adherence(hearth, browser):
    sign_in(browser, hearth.base_url, "casemanager")
    browser.implicitly_wait(0)

    # The worklist on the home page leads to a discharge list waiting for decisions.
    links = browser.find_elements(By.PARTIAL_LINK_TEXT, "Reconcile medications")
    assert links, "the demo case manager's worklist has no medication reconciliation waiting"
    submit(browser, links[0])
    wait_for(browser, "reconciliation-lines")
    kinds = {row.get_attribute("class") for row in browser.find_elements(By.CSS_SELECTOR, "#reconciliation-lines tbody tr")}
    assert {"line-changed", "line-new", "line-discontinued"} <= kinds, kinds

    # Finishing before every line is decided is refused, with the reason.
    submit(browser, browser.find_element(By.ID, "finish-reconciliation"))
    wait_for(browser, "reconciliation-error")
    assert "not decided" in browser.find_element(By.ID, "reconciliation-error").text

    # Decide each line: take the hospital's version of changed and new lines, stop what the hospital stopped.
    for row in browser.find_elements(By.CSS_SELECTOR, "#reconciliation-lines tbody tr"):
        kind = row.get_attribute("class").replace("line-", "")
        wanted = {"changed": "take_incoming", "new": "take_incoming", "discontinued": "stop"}.get(kind, "keep_home")
        row.find_element(By.CSS_SELECTOR, f"input[type=radio][value={wanted}]").click()
    submit(browser, browser.find_element(By.ID, "save-decisions"))
    wait_for(browser, "undecided-count")
    assert browser.find_element(By.ID, "undecided-count").text == "0"
    submit(browser, browser.find_element(By.ID, "finish-reconciliation"))
    # A line taken from the hospital may conflict with an allergy or duplicate a medicine: finishing then needs a reason.
    if browser.find_elements(By.ID, "safety-warning"):
        browser.find_element(By.ID, "override-reason").send_keys("Discharging physician confirmed the list by phone")
        submit(browser, browser.find_element(By.ID, "override-submit"))
    wait_for(browser, "reconciliation-order")
    assert "awaiting signature" in browser.find_element(By.CSS_SELECTOR, "p.meta").text
    browser.save_screenshot(str(ARTIFACTS / "medication-reconciliation.png"))

    # The profile now shows the reconciled list; the adherence chart is drawn.
    submit(browser, browser.find_element(By.ID, "back-to-medications"))
    wait_for(browser, "medication-list")
    assert browser.find_elements(By.CSS_SELECTOR, "#adherence svg polyline"), "no adherence trend drawn"
    patient_medications = browser.current_url.split("#")[0]

    # An aide records today's MAR for a patient whose medicines the aide gives.
    browser.delete_all_cookies()
    sign_in(browser, hearth.base_url, "aide")
    browser.get(hearth.base_url + "/patients")
    for href in dict.fromkeys(a.get_attribute("href").split("#")[0].rstrip("/") for a in browser.find_elements(By.CSS_SELECTOR, "table.patients tbody tr a")):
        browser.get(href + "/medications/mar")
        if browser.find_elements(By.CSS_SELECTOR, "li.mar-slot form"):
            break
    else:
        raise AssertionError("no patient of the demo aide has an aide-given medicine to record")
    form = browser.find_element(By.CSS_SELECTOR, "li.mar-slot form")
    Select(form.find_element(By.NAME, "status")).select_by_value("given")
    before = len(browser.find_elements(By.CSS_SELECTOR, "li.mar-slot form"))
    submit(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    wait_for(browser, "mar-date")
    assert not browser.find_elements(By.ID, "mar-error")
    assert len(browser.find_elements(By.CSS_SELECTOR, "li.mar-slot form")) == before - 1
    assert browser.find_elements(By.CSS_SELECTOR, "span.status-given")
    browser.save_screenshot(str(ARTIFACTS / "mar.png"))
    assert patient_medications


def press(browser, element):
    """Submits with the control in the middle of the screen, clear of the sticky header."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    submit(browser, element)


def test_bactrim_for_a_sulfa_allergic_patient_is_stopped_until_a_reason_is_given(hearth, browser):
    """Issue 17 item 4: the drug-allergy check, at desktop and phone size."""
    sign_in(browser, hearth.base_url, "casemanager")
    browser.implicitly_wait(0)
    browser.get(hearth.base_url + "/patients")
    chart = browser.find_elements(By.CSS_SELECTOR, "table.patients tbody tr a")[0].get_attribute("href").split("#")[0].rstrip("/")

    # The case manager records a sulfa allergy on the chart.
    browser.get(chart + "#allergies")
    browser.find_element(By.ID, "allergy-substance").send_keys("Sulfa")
    browser.find_element(By.ID, "allergy-reaction").send_keys("Rash")
    Select(browser.find_element(By.ID, "allergy-severity")).select_by_value("moderate")
    press(browser, browser.find_element(By.ID, "add-allergy"))

    # Adding Bactrim DS is stopped with the finding in plain words, at the top of the page, the typing kept.
    browser.get(chart + "/medications")
    wait_for(browser, "add-medication")
    summary = browser.find_element(By.CSS_SELECTOR, "#add-medication summary")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    summary.click()
    browser.find_element(By.ID, "med-name").send_keys("Bactrim DS")
    browser.find_element(By.ID, "med-strength").send_keys("800-160 mg")
    browser.find_element(By.ID, "med-doseAmount").send_keys("1")
    Select(browser.find_element(By.ID, "med-doseUnit")).select_by_value("tablet")
    Select(browser.find_element(By.ID, "med-route")).select_by_value("oral")
    browser.find_element(By.ID, "med-timesPerDay").send_keys("2")
    Select(browser.find_element(By.ID, "med-administeredBy")).select_by_value("self")
    press(browser, browser.find_element(By.ID, "add-medication-submit"))
    wait_for(browser, "safety-warning")
    warning = browser.find_element(By.ID, "safety-warning")
    assert warning.get_attribute("role") == "alert"
    assert "patient is allergic to Sulfa" in warning.text and "sulfonamide antibiotic" in warning.text, warning.text
    assert warning.location["y"] < 400, "the warning is not at the top of the page"
    assert browser.find_element(By.ID, "med-name").get_attribute("value") == "Bactrim DS"
    browser.save_screenshot(str(ARTIFACTS / "medication-safety-warning.png"))
    browser.set_window_size(390, 844)
    browser.execute_script("window.scrollTo(0, 0)")
    warning = browser.find_element(By.ID, "safety-warning")
    assert warning.is_displayed() and warning.size["width"] <= 390
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 400
    browser.save_screenshot(str(ARTIFACTS / "medication-safety-warning-phone.png"))

    # With a reason it is saved, and the override shows beside the drug.
    browser.find_element(By.ID, "override-reason").send_keys("Dr. Okafor confirmed by phone: rash years ago")
    press(browser, browser.find_element(By.ID, "override-submit"))
    wait_for(browser, "medication-list")
    listing = browser.find_element(By.ID, "medication-list").text
    assert "Allergy conflict" in listing and "Dr. Okafor confirmed by phone" in listing, listing
    browser.save_screenshot(str(ARTIFACTS / "medication-safety-override-phone.png"))
