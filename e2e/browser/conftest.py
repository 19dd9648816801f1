import datetime
import os
import zoneinfo
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def agency_today():
    """Today where the agency is (HEARTH_TIMEZONE, as the server reads it): after 19:00 in New York it is already tomorrow
    in UTC, and a date the server takes as "in the future" is refused."""
    return datetime.datetime.now(zoneinfo.ZoneInfo(os.environ.get("HEARTH_TIMEZONE", "America/New_York"))).date()


@pytest.fixture()
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1024,1366"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(5)
    ARTIFACTS.mkdir(exist_ok=True)
    yield driver
    driver.quit()


def sign_in(browser, base, username, password="hearth-demo"):
    browser.get(base + "/login")
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.ID, "login-submit").click()
    # Wait for the next page: the home page's signed-in badge, or the log-in page's error. Explicitly, since a
    # test may have turned the implicit wait off.
    WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, "#signed-in-user, #login-error"))


def submit(browser, element):
    """Clicks and waits until the next page has replaced this one. Pages keep their ids across a submit, so the
    presence of an element proves nothing; the old page's root going away does. Chrome reports that either as a
    stale element or as "node does not belong to the document", both WebDriverExceptions."""
    page = browser.find_element(By.TAG_NAME, "html")
    # To the middle of the screen first: the driver scrolls a control above the view only to the top edge, where the
    # sticky top bar covers it (a page that brought a refused field into view is scrolled down).
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()

    def replaced(_):
        try:
            page.tag_name
            return False
        except WebDriverException:
            return True

    WebDriverWait(browser, 10).until(replaced)
