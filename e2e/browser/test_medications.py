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
    for href in [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "table.patients tbody tr a")]:
        browser.get(href.rstrip("/") + "/medications/mar")
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
