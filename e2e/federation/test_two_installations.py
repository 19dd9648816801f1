"""Two installations (issue 22, "the hand-off"): a hospital and a home health agency each run their own Hearth, on their
own SQLite file, on their own port. The agency issues the hospital a token held to the referral scopes; the hospital's
administrator records the agency as a referral partner; the hospital case manager sends a demo stay's referral, which
crosses to the agency over HTTP and lands in its intake inbox; intake accepts it there; the hospital reads the agency's
Task (`hearth referrals poll`) and its case manager sees "accepted" on the stay. The patient then chooses elsewhere: the
case manager withdraws the referral, the agency's Task is cancelled over HTTP and its intake sees the withdrawal as an
alert. Then the agency goes away: the next referral is kept on the stay as not delivered, with the reason and a retry. Run: `cd e2e && .venv/bin/python -m pytest
federation/` (HEARTH_BIN as for the other suites)."""
import datetime
import os
import shutil
import signal
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from browser.conftest import browser, sign_in, submit  # noqa: F401 (the browser fixture)
from hearth_process import Hearth, start_demo
from browser.test_discharge_plan import agency_today, assess_needs, order_facts, set_value

REPO = Path(__file__).resolve().parent.parent.parent


def start(name: str, extra_env: dict) -> tuple[Hearth, str]:
    workdir = tempfile.mkdtemp(prefix=f"hearth-{name}-")
    database = os.path.join(workdir, "hearth.sqlite")
    log = open(os.path.join(workdir, "server.log"), "w+")
    env = dict(os.environ, **extra_env)
    env.pop("HEARTH_E2E_DATABASE_URL", None)
    return start_demo(database, log, env, name=name, wait=180), workdir


def stop(hearth: Hearth, workdir: str, check: bool = True):
    if hearth.process.poll() is None:
        hearth.process.send_signal(signal.SIGTERM)
        try:
            hearth.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            hearth.process.kill()
    if check:
        verify = hearth.cli("audit", "verify")
        assert verify.returncode == 0, verify.stdout + verify.stderr
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def installations():
    agency, agency_dir = start("agency", {"HEARTH_AGENCY_NAME": "Riverside Home Care"})
    hospital, hospital_dir = start("hospital", {"HEARTH_PARTNER_TIMEOUT_SECONDS": "3"})
    yield hospital, agency
    stop(hospital, hospital_dir)
    stop(agency, agency_dir, check=False)


def fhir_get(base, path, token):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token, "Accept": "application/fhir+json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def send_referral(browser, hospital, name):
    """The hospital case manager plans the stay's discharge to Riverside at Home (the agency on the other installation) and sends it."""
    sign_in(browser, hospital.base_url, "hospitalcm")
    submit(browser, browser.find_element(By.LINK_TEXT, name))
    assess_needs(browser)
    Select(browser.find_element(By.ID, "c-first")).select_by_value("riverside-at-home")
    Select(browser.find_element(By.ID, "c-chooser")).select_by_value("patient")
    submit(browser, browser.find_element(By.ID, "record-choice"))
    order_facts(browser, face_to_face=(agency_today() - datetime.timedelta(days=1)).isoformat())
    set_value(browser, "r-deadlineHours", "24")
    if browser.find_elements(By.ID, "r-networkOverride"):
        set_value(browser, "r-networkOverride", "The patient's choice; the plan covers out-of-network home health after review")
    submit(browser, browser.find_element(By.ID, "send-referrals"))
    return browser.current_url.split("#")[0]


def test_a_referral_crosses_to_the_agency_on_another_installation_and_its_acceptance_comes_back(installations, browser):
    hospital, agency = installations
    browser.set_window_size(1280, 900)

    # The agency: a sender account for the hospital, and a token held to sending referrals and reading their Tasks.
    made = agency.cli("user", "create", "--role", "hospital-case-manager", "--username", "riverside-general",
                      "--name", "Riverside General Hospital", stdin="partner-hospital-sends-referrals\n")
    assert made.returncode == 0, made.stdout + made.stderr
    issued = agency.cli("token", "create", "--username", "riverside-general", "--name", "Riverside General referrals", "--scopes", "referral")
    assert issued.returncode == 0, issued.stdout + issued.stderr
    token = [line for line in issued.stdout.splitlines() if line.startswith("hth_")][-1]
    assert "held to" in issued.stdout and "system/Task.cru" in issued.stdout
    # The token reaches no chart: a search for patients is refused, whatever the account's role.
    assert fhir_get(agency.base_url, "/fhir/Patient", token) == 403

    # The hospital's administrator records the agency: a wrong address is refused by its field, then saved.
    sign_in(browser, hospital.base_url, "admin")
    browser.get(hospital.base_url + "/admin/referral-partners")
    Select(browser.find_element(By.ID, "rp-provider")).select_by_value("riverside-at-home")
    browser.find_element(By.ID, "rp-baseURL").send_keys("http://agency.example/fhir")
    browser.find_element(By.ID, "rp-token").send_keys(token)
    submit(browser, browser.find_element(By.ID, "save-partner"))
    assert "Use https://" in browser.find_element(By.ID, "rp-baseURL-error").text
    browser.find_element(By.ID, "rp-baseURL").clear()
    browser.find_element(By.ID, "rp-baseURL").send_keys(agency.base_url + "/fhir")
    browser.find_element(By.ID, "rp-token").send_keys(token)
    submit(browser, browser.find_element(By.ID, "save-partner"))
    partners = browser.find_element(By.ID, "partners").text
    assert agency.base_url in partners and token not in browser.page_source and token[-4:] in partners

    # The hospital case manager sends the referral: it crosses to the agency and the stay shows the agency's Task.
    browser.delete_all_cookies()
    stay_url = send_referral(browser, hospital, "Umarov, Timur")
    referrals = browser.find_element(By.ID, "post-acute-referrals").text
    assert "Hearth over HTTP: waiting for the agency's intake" in referrals and "inbound-" not in referrals, referrals

    # The agency's intake sees it arrive in its inbox, from the hospital, and accepts it.
    browser.delete_all_cookies()
    sign_in(browser, agency.base_url, "intake")
    browser.get(agency.base_url + "/referrals/inbox")
    submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Umarov"))
    assert "Riverside General Hospital" in browser.find_element(By.ID, "main").text
    submit(browser, browser.find_element(By.ID, "accept-submit"))

    # The hospital's operator polls (as cron would); the stay shows the acceptance and when it was checked.
    polled = hospital.cli("referrals", "poll")
    assert polled.returncode == 0 and "1 changed status" in polled.stdout, polled.stdout + polled.stderr
    browser.delete_all_cookies()
    sign_in(browser, hospital.base_url, "hospitalcm")
    browser.get(stay_url)
    referrals = browser.find_element(By.ID, "post-acute-referrals").text
    assert "Accepted" in referrals and "accepted, start of care being scheduled" in referrals and "Status last checked" in referrals, referrals
    # The accepted agency is not offered a second referral.
    assert not browser.find_elements(By.ID, "send-form")
    # On the case manager's phone the acceptance reads the same, nothing wider than the screen.
    browser.set_window_size(390, 844)
    browser.get(stay_url)
    browser.execute_script("document.getElementById('post-acute-referrals').scrollIntoView()")
    assert "accepted, start of care being scheduled" in browser.find_element(By.ID, "post-acute-referrals").text
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
    browser.save_screenshot(str(REPO / "e2e" / "browser" / "artifacts" / "partner-accepted-phone.png"))

    # The patient chooses another agency: the case manager withdraws the referral, on her phone.
    table = browser.find_element(By.ID, "post-acute-referrals")
    Select(table.find_element(By.CSS_SELECTOR, "select[name='answer']")).select_by_value("withdrawn")
    table.find_element(By.CSS_SELECTOR, "input[name='reason']").send_keys("The patient chose another agency")
    submit(browser, table.find_element(By.CSS_SELECTOR, "button[type='submit']"))
    referrals = browser.find_element(By.ID, "post-acute-referrals").text
    assert "Withdrawn" in referrals and "withdrawn, and the agency has been told" in referrals, referrals
    assert "Withdrawal not delivered" not in referrals
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
    browser.save_screenshot(str(REPO / "e2e" / "browser" / "artifacts" / "partner-withdrawn-phone.png"))
    browser.set_window_size(1280, 900)

    # The agency's intake sees the withdrawal in its inbox and, on the referral, an alert: it had been accepted.
    browser.delete_all_cookies()
    sign_in(browser, agency.base_url, "intake")
    browser.get(agency.base_url + "/referrals/inbox")
    assert "Withdrawn by the hospital" in browser.find_element(By.ID, "main").text
    browser.save_screenshot(str(REPO / "e2e" / "browser" / "artifacts" / "agency-inbox-withdrawn-desktop.png"))
    submit(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Umarov"))
    notice = browser.find_element(By.ID, "referral-decision")
    assert notice.get_attribute("role") == "alert" and "after the agency had accepted it" in notice.text, notice.text
    assert "The patient chose another agency" in notice.text
    assert not browser.find_elements(By.ID, "accept-submit")
    browser.set_window_size(390, 844)
    browser.get(browser.current_url)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
    browser.save_screenshot(str(REPO / "e2e" / "browser" / "artifacts" / "agency-referral-withdrawn-phone.png"))
    browser.set_window_size(1280, 900)
    # Whoever accepted it (the new patient has no case manager yet) has an urgent task to call the hospital.
    browser.get(agency.base_url + "/worklist")
    assert "The hospital withdrew the referral the agency accepted" in browser.find_element(By.ID, "main").text
    browser.save_screenshot(str(REPO / "e2e" / "browser" / "artifacts" / "agency-worklist-withdrawn-desktop.png"))

    # Another patient's referral reaches the agency before it goes away.
    browser.delete_all_cookies()
    later_url = send_referral(browser, hospital, "Dubois, Marie")
    assert "waiting for the agency's intake" in browser.find_element(By.ID, "post-acute-referrals").text

    # The agency goes away: the next referral is kept, not delivered, with the reason and a retry, never a 500.
    stop(agency, "", check=False)
    browser.delete_all_cookies()
    stay_url = send_referral(browser, hospital, "Russo, Vincent")
    referrals = browser.find_element(By.ID, "post-acute-referrals").text
    assert "Not delivered: retry" in referrals and "could not be reached" in referrals, referrals
    retry = browser.find_element(By.CSS_SELECTOR, "button[id^='retry-']")
    submit(browser, retry)
    assert "Not delivered: retry" in browser.find_element(By.ID, "post-acute-referrals").text
    browser.save_screenshot(str(REPO / "e2e" / "browser" / "artifacts" / "partner-not-delivered.png"))

    # A withdrawal the agency cannot hear stands at the hospital, says so, and is retried from the stay or by cron.
    browser.get(later_url)
    table = browser.find_element(By.ID, "post-acute-referrals")
    Select(table.find_element(By.CSS_SELECTOR, "select[name='answer']")).select_by_value("withdrawn")
    submit(browser, table.find_element(By.CSS_SELECTOR, "button[type='submit']"))
    referrals = browser.find_element(By.ID, "post-acute-referrals").text
    assert "Withdrawal not delivered: retry" in referrals and "the agency has not been told yet" in referrals, referrals
    browser.save_screenshot(str(REPO / "e2e" / "browser" / "artifacts" / "partner-withdrawal-not-delivered-desktop.png"))
    browser.set_window_size(390, 844)
    browser.get(later_url)
    browser.execute_script("document.getElementById('post-acute-referrals').scrollIntoView()")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 392
    browser.save_screenshot(str(REPO / "e2e" / "browser" / "artifacts" / "partner-withdrawal-not-delivered-phone.png"))
    browser.set_window_size(1280, 900)
    retried = hospital.cli("referrals", "poll", "--retry")
    assert retried.returncode == 0 and "0 withdrawals delivered" in retried.stdout and "could not reach" in retried.stdout, retried.stdout + retried.stderr
