"""Browser tests: Debian's chromium + chromium-driver, headless, driven by dash[testing]."""

from __future__ import annotations

import os
import shutil

import pytest
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from dashboard import create_app
from dashboard.config import load_settings
from data_access.db import make_engine, session_factory, session_scope
from tests.conftest import IN_CI, migrated_sqlite_url
from tests.factories import PASSWORD, build_portfolio

CHROMIUM = os.environ.get("DASH_TEST_CHROMEPATH", "/usr/bin/chromium")


def pytest_setup_options() -> Options:
    """Chrome options for dash_duo: Debian's chromium, headless, no network chatter."""
    options = Options()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1366,900",
        "--lang=en-US",
    ):
        options.add_argument(argument)
    return options


@pytest.fixture(autouse=True)
def _browser_available() -> None:
    if shutil.which("chromedriver") is None or not os.path.exists(CHROMIUM):
        message = "chromium/chromedriver not installed (apt-get install chromium chromium-driver)"
        if IN_CI:
            pytest.fail(message + " (CI=true: the browser tier must run)")
        pytest.skip(message)


@pytest.fixture
def cartera_app(tmp_path):  # type: ignore[no-untyped-def]
    """The real app on a SQLite file holding the hand-worked portfolio."""
    url = migrated_sqlite_url(tmp_path / "browser.db")
    engine = make_engine(url)
    with session_scope(session_factory(engine)) as sess:
        build_portfolio(sess)
    engine.dispose()
    env = {"DATABASE_URL": url, "CARTERA_INSTANCE": str(tmp_path), "SECRET_KEY": "b" * 32}
    return create_app(load_settings(env, testing=True))


def sign_in(dash_duo, username: str = "admin", password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    """Open the sign-in page, fill the form, and wait for the app shell."""
    dash_duo.driver.get(dash_duo.server.url + "/login")
    dash_duo.wait_for_element("#username").send_keys(username)
    dash_duo.find_element("#password").send_keys(password)
    dash_duo.find_element("#login-submit").click()
    WebDriverWait(dash_duo.driver, 15).until(EC.presence_of_element_located((By.ID, "shell-page")))
