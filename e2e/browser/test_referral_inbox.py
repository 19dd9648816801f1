"""A hospital's system sends a discharge referral as a FHIR transaction; intake finds it in the referral inbox, reviews
it and accepts it into a new chart with the episode opened at referral, and the hospital's Task reads `accepted`. A
second referral is declined on a phone by the case manager: refused blank, then with a reason the hospital reads on
its Task (issue 21)."""
import json
import urllib.error
import urllib.request
import uuid

from selenium.webdriver.common.by import By

from browser.conftest import ARTIFACTS, sign_in, submit

RUN = uuid.uuid4().hex[:6]
HOSPITAL = "urn:oid:2.16.840.1.113883.19.5"


def fhir(hearth, method, path, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(hearth.base_url + path, data=data, method=method)
    request.add_header("Accept", "application/fhir+json")
    request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/fhir+json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def referral(family, given, number):
    patient_url, payer_url = f"urn:uuid:{uuid.uuid4()}", f"urn:uuid:{uuid.uuid4()}"
    subject = {"reference": patient_url}

    def entry(resource, full_url=None):
        item = {"resource": resource, "request": {"method": "POST", "url": resource["resourceType"]}}
        if full_url:
            item["fullUrl"] = full_url
        return item

    return {"resourceType": "Bundle", "type": "transaction", "entry": [
        entry({"resourceType": "Patient", "identifier": [{"system": HOSPITAL, "value": f"{RUN}-{number}"}],
               "name": [{"family": family, "given": [given]}], "gender": "female", "birthDate": "1946-02-11"}, patient_url),
        entry({"resourceType": "Condition", "subject": subject,
               "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "J44.1"}]}}),
        entry({"resourceType": "MedicationRequest", "status": "active", "intent": "order", "subject": subject,
               "medicationCodeableConcept": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "866924"}],
                                             "text": "Metoprolol tartrate 25 mg tablet"},
               "dosageInstruction": [{"text": "1 tablet by mouth twice a day"}]}),
        entry({"resourceType": "Organization", "name": "Riverside General Hospital"}),
        entry({"resourceType": "Organization", "name": "Lakeshore Health Plan"}, payer_url),
        entry({"resourceType": "Coverage", "status": "active", "beneficiary": subject, "subscriberId": f"LHP{number}",
               "payor": [{"reference": payer_url}]}),
        entry({"resourceType": "ServiceRequest", "status": "active", "intent": "order", "subject": subject,
               "code": {"text": "Home health skilled nursing"}, "occurrenceDateTime": "2026-12-08"}),
        entry({"resourceType": "Task", "status": "requested", "intent": "order", "for": subject}),
    ]}


def send(hearth, token, family, given, number):
    status, body = fhir(hearth, "POST", "/fhir", token, referral(family, given, number))
    assert status == 200, body
    return next(e["response"]["location"] for e in body["entry"] if e["response"].get("location", "").startswith("Task/"))


def open_referral(browser, hearth, name):
    browser.get(hearth.base_url + "/referrals/inbox")
    submit(browser, browser.find_element(By.LINK_TEXT, name))


def test_intake_accepts_a_hospital_referral_and_the_hospital_reads_accepted(hearth, browser):
    hospital = hearth.token("hospitalcm")
    task = send(hearth, hospital, "Lindqvist", "Greta", 1)
    assert fhir(hearth, "GET", "/fhir/" + task, hospital)[1]["status"] == "requested"

    sign_in(browser, hearth.base_url, "intake")
    assert "Referral inbox" in browser.find_element(By.CSS_SELECTOR, "header nav").text
    open_referral(browser, hearth, "Lindqvist, Greta")
    page = browser.find_element(By.ID, "main").text
    assert "Riverside General Hospital" in page and "Lakeshore Health Plan, member LHP1" in page and "J44.1" in page and "RxNorm 866924" in page and "2026-12-08" in page
    browser.save_screenshot(str(ARTIFACTS / "referral-inbox-intake-desk.png"))
    submit(browser, browser.find_element(By.ID, "accept-submit"))
    # The new chart, with the episode at referral and the payer the hospital named.
    assert "Lindqvist" in browser.find_element(By.TAG_NAME, "h1").text
    assert "Lakeshore Health Plan" in browser.find_element(By.ID, "main").text
    assert fhir(hearth, "GET", "/fhir/" + task, hospital)[1]["status"] == "accepted"
    browser.get(hearth.base_url + "/referrals/inbox")
    assert "Accepted" in browser.find_element(By.ID, "referrals-decided").text


def test_on_a_phone_the_case_manager_declines_with_a_reason_the_hospital_reads(hearth, browser):
    hospital = hearth.token("hospitalcm")
    task = send(hearth, hospital, "Marchetti", "Paola", 2)
    browser.set_window_size(390, 844)
    sign_in(browser, hearth.base_url, "casemanager")
    browser.get(hearth.base_url + "/referrals/inbox")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
    browser.save_screenshot(str(ARTIFACTS / "referral-inbox-phone.png"))
    open_referral(browser, hearth, "Marchetti, Paola")
    submit(browser, browser.find_element(By.ID, "decline-submit"))
    assert "Say why" in browser.find_element(By.ID, "decline-form").text
    browser.find_element(By.ID, "decline-reason").send_keys("Outside our service area")
    browser.save_screenshot(str(ARTIFACTS / "referral-decline-phone.png"))
    submit(browser, browser.find_element(By.ID, "decline-submit"))
    assert browser.current_url.endswith("/referrals/inbox")
    status, read = fhir(hearth, "GET", "/fhir/" + task, hospital)
    assert read["status"] == "rejected" and read["statusReason"]["text"] == "Outside our service area"
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
