"""The hospital case manager plans a discharge to home health: assesses the needs (LACE from the stay), shows the patient's
choice list (no preferred marks, quality data with its source and date), records the choice, sees the denial pre-flight
catch the missing face-to-face encounter, fixes it and sends the referral; the agency's intake sees it arrive in the
referral inbox and accepts it; the hospital case manager sees it accepted on the stay. At a desk and on a phone (issue 22)."""
import datetime

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser.conftest import agency_today, ARTIFACTS, sign_in, submit

ANSWERS = {"wound_or_drain": "no", "new_medication_teaching": "yes", "iv_at_home": "yes", "mobility": "device", "therapy_goal": "yes",
           "adl_help": "some", "caregiver": "able", "acute_admission": "yes"}


def click(browser, element):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", element)


def set_value(browser, element_id, value):
    browser.execute_script("document.getElementById(arguments[0]).value = arguments[1]", element_id, value)


def no_sideways_scroll(browser, width):
    if width < 500:
        assert browser.execute_script("return document.documentElement.scrollWidth") <= width + 2


def assess_needs(browser):
    for name, value in ANSWERS.items():
        click(browser, browser.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']"))
    click(browser, browser.find_element(By.CSS_SELECTOR, "input[name='equipment'][value='walker']"))
    for field, value in (("input-charlson", "2"), ("input-ed_visits", "1"), ("dp-addressLine", "40 Maple Court"), ("dp-city", "Columbus"),
                         ("dp-state", "OH"), ("dp-postalCode", "43215")):
        set_value(browser, field, value)
    submit(browser, browser.find_element(By.ID, "save-needs"))
    assert "IV therapy" in browser.find_element(By.ID, "discharge-needs").text
    assert "LACE" in browser.find_element(By.ID, "discharge-lace").text


def order_facts(browser, face_to_face=None):
    browser.execute_script("document.getElementById('order-details').open = true")
    soc = (agency_today() + datetime.timedelta(days=3)).isoformat()
    for field, value in (("o-startOfCare", soc), ("o-primaryDiagnosis", "K56.609"), ("o-homeboundOne", "Needs a walker and a person to leave home"),
                         ("o-homeboundTwo", "Leaving home is a taxing effort after surgery"), ("o-certifyingNPI", "1234567893"),
                         ("o-medications", "Metoprolol tartrate 25 mg tablet: 1 tablet by mouth twice a day")):
        set_value(browser, field, value)
    Select(browser.find_element(By.ID, "o-sex")).select_by_value("male")
    if face_to_face:
        set_value(browser, "o-faceToFaceDate", face_to_face)
        set_value(browser, "o-faceToFaceBy", "Dr. Sofia Reyes")
    submit(browser, browser.find_element(By.ID, "save-order"))


@pytest.mark.parametrize("size,name,family", [((1280, 900), "Umarov, Timur", "Umarov"), ((390, 844), "Russo, Vincent", "Russo")],
                         ids=["desk", "phone"])
def test_hospital_case_manager_plans_the_discharge_and_the_agency_accepts(hearth, browser, size, name, family):
    width, height = size
    label = "desk" if width > 500 else "phone"
    browser.set_window_size(width, height)
    sign_in(browser, hearth.base_url, "hospitalcm")
    submit(browser, browser.find_element(By.LINK_TEXT, name))
    assess_needs(browser)

    # The choice list: every agency serving the ZIP, in name order, with quality data and its date, the hospital's own
    # agency disclosed, nothing marked preferred.
    listed = browser.find_element(By.ID, "choice-list").text
    assert "Riverbend Home Health" in listed and "Owned by Riverside General Hospital" in listed and "preferred" not in listed.lower()
    assert "2026-10-01" in browser.find_element(By.ID, "choice-list-source").text
    no_sideways_scroll(browser, width)
    browser.save_screenshot(str(ARTIFACTS / f"discharge-choice-list-{label}.png"))
    Select(browser.find_element(By.ID, "c-first")).select_by_value("riverbend-hh")
    Select(browser.find_element(By.ID, "c-chooser")).select_by_value("patient")
    submit(browser, browser.find_element(By.ID, "record-choice"))
    assert "1. Riverbend Home Health" in browser.find_element(By.ID, "last-choice").text

    # The pre-flight catches the missing face-to-face encounter, and the referral is refused until it is fixed.
    order_facts(browser)
    assert browser.find_element(By.ID, "preflight-face-to-face-status").text == "Fix before discharge"
    set_value(browser, "r-deadlineHours", "24")
    submit(browser, browser.find_element(By.ID, "send-referrals"))
    assert "Face-to-face encounter" in browser.find_element(By.ID, "r-preflightOverride-error").text
    no_sideways_scroll(browser, width)
    browser.save_screenshot(str(ARTIFACTS / f"discharge-preflight-{label}.png"))
    order_facts(browser, face_to_face=(agency_today() - datetime.timedelta(days=1)).isoformat())
    assert browser.find_element(By.ID, "preflight-face-to-face-status").text == "Ready"
    submit(browser, browser.find_element(By.ID, "send-referrals"))
    assert "Waiting for an answer" in browser.find_element(By.ID, "post-acute-referrals").text
    stay_url = browser.current_url.split("#")[0]

    # The agency's intake sees it arrive in the referral inbox and accepts it.
    browser.delete_all_cookies()
    sign_in(browser, hearth.base_url, "intake")
    browser.get(hearth.base_url + "/referrals/inbox")
    submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, family))
    assert "Riverside General Hospital" in browser.find_element(By.ID, "main").text
    submit(browser, browser.find_element(By.ID, "accept-submit"))

    # Back at the hospital, the stay shows the agency's acceptance.
    browser.delete_all_cookies()
    sign_in(browser, hearth.base_url, "hospitalcm")
    browser.get(stay_url)
    referrals = browser.find_element(By.ID, "post-acute-referrals").text
    assert "Accepted" in referrals and "accepted, start of care being scheduled" in referrals
    browser.execute_script("document.getElementById('referrals-heading').scrollIntoView()")
    no_sideways_scroll(browser, width)
    browser.save_screenshot(str(ARTIFACTS / f"discharge-accepted-{label}.png"))
