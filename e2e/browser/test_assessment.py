"""A case manager completes and signs a start-of-care assessment on a tablet, section by section."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser.conftest import ARTIFACTS, sign_in, submit


def answer_visible_questions(browser):
    """The plainest answers: "No", the first choice, the lowest number; follow-ups that appear are answered too."""
    for _ in range(3):
        for fieldset in browser.find_elements(By.CSS_SELECTOR, "fieldset.item"):
            if not fieldset.is_displayed():
                continue
            radios = fieldset.find_elements(By.CSS_SELECTOR, "input[type=radio]")
            if radios:
                if not any(r.is_selected() for r in radios):
                    no = [r for r in radios if r.get_attribute("value") == "no"]
                    (no[0] if no else radios[0]).click()
                continue
            boxes = fieldset.find_elements(By.CSS_SELECTOR, "input[type=checkbox]")
            if boxes:
                if not any(b.is_selected() for b in boxes):
                    boxes[0].click()
                continue
            for field in fieldset.find_elements(By.CSS_SELECTOR, "input[type=number]"):
                if not field.get_attribute("value"):
                    field.send_keys(field.get_attribute("max") or "1")
            for field in fieldset.find_elements(By.CSS_SELECTOR, "input[type=date]"):
                browser.execute_script("arguments[0].value = '2026-11-01'; arguments[0].dispatchEvent(new Event('change', {bubbles: true}))", field)
            for field in fieldset.find_elements(By.TAG_NAME, "textarea"):
                if not field.get_attribute("value"):
                    field.send_keys("Reviewed with the patient")


def test_case_manager_completes_and_signs_a_start_of_care_assessment(hearth, browser):
    sign_in(browser, hearth.base_url, "casemanager")
    browser.get(hearth.base_url + "/")
    browser.find_element(By.CSS_SELECTOR, "table.patients tbody tr a").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "start-assessment")))
    Select(browser.find_element(By.ID, "assessment-kind")).select_by_value("start_of_care")
    browser.find_element(By.ID, "start-assessment").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "assessment-form")))
    # From here on, looking for what may be absent must not wait: every wait below is explicit.
    browser.implicitly_wait(0)

    # Autosave: an answer reaches the server without pressing a button.
    first = browser.find_elements(By.CSS_SELECTOR, "fieldset.item input[type=radio]")[0]
    first.click()
    WebDriverWait(browser, 10).until(EC.text_to_be_present_in_element((By.ID, "autosave-status"), "Saved"))

    checked_follow_up = False
    for _ in range(20):
        if browser.find_elements(By.ID, "item-has_wound"):
            # A follow-up question appears only when the answer calls for it.
            wound_type = browser.find_element(By.ID, "item-wound_type")
            assert not wound_type.is_displayed()
            browser.find_element(By.CSS_SELECTOR, "#item-has_wound input[value=yes]").click()
            assert wound_type.is_displayed()
            browser.find_element(By.CSS_SELECTOR, "#item-has_wound input[value=no]").click()
            assert not wound_type.is_displayed()
            checked_follow_up = True
        answer_visible_questions(browser)
        buttons = browser.find_elements(By.ID, "next-section")
        if not buttons:
            break
        submit(browser, buttons[0])  # the next section has the same form id
        WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.ID, "assessment-form")))
        assert not browser.find_elements(By.CSS_SELECTOR, ".field-error"), browser.find_element(By.CSS_SELECTOR, ".field-error").text
    assert checked_follow_up
    browser.save_screenshot(str(ARTIFACTS / "assessment-section.png"))
    browser.find_element(By.ID, "save-review").click()
    WebDriverWait(browser, 30).until(EC.presence_of_element_located((By.ID, "sign-assessment")))  # a loaded CI machine saves slowly
    assert not browser.find_elements(By.ID, "sign-problems")
    browser.find_element(By.ID, "sign-assessment").click()
    WebDriverWait(browser, 10).until(EC.text_to_be_present_in_element((By.ID, "assessment-status"), "Signed"))
    assert browser.find_elements(By.ID, "amend-assessment"), "a signed assessment can only be amended"
    browser.save_screenshot(str(ARTIFACTS / "assessment-signed.png"))
