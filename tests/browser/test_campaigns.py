"""An admin creates a campaign (no SMTP: the outbox), sees who gets it and who is left out,
and watches its progress reach 100 %."""

from __future__ import annotations

import datetime as dt

from selenium.webdriver.support.ui import WebDriverWait

from data_access.db import make_engine, session_factory, session_scope
from tests.browser.conftest import sign_in
from tests.browser.test_wall import _click
from tests.data_access.campaign_fixtures import add_customers


def test_create_a_campaign_and_see_it_reach_100_percent(dash_duo, cartera_app, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'browser.db'}")
    with session_scope(session_factory(engine)) as sess:
        add_customers(sess, as_of=dt.date.today())
    engine.dispose()
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "admin")
    dash_duo.driver.get(dash_duo.server.url + "/language/en")
    dash_duo.driver.get(dash_duo.server.url + "/campaigns")
    dash_duo.wait_for_contains_text("#campaigns-summary", "Recipients: 5.", timeout=15)
    dash_duo.wait_for_contains_text("#campaigns-summary", "Left out: 5.")
    dash_duo.wait_for_contains_text("#campaigns-audience-excluded", "An invoice is in dispute")
    dash_duo.wait_for_contains_text("#campaigns-preview-subject", "Cartera", timeout=15)
    srcdoc = "return document.getElementById('campaigns-preview').getAttribute('srcdoc') || ''"
    WebDriverWait(dash_duo.driver, 10).until(lambda d: "Estimado" in d.execute_script(srcdoc))
    dash_duo.find_element("#campaigns-name").send_keys("Marzo")
    _click(dash_duo, dash_duo.find_element("#campaigns-send"))

    dash_duo.wait_for_contains_text("#campaigns-status", "Finished — 5 / 5", timeout=30)
    dash_duo.wait_for_contains_text("#campaigns-progress", "100 %")
    dash_duo.wait_for_contains_text("#campaigns-counts", "in the outbox, not sent: 5")
    assert len(list((tmp_path / "outbox").glob("*-campaign.eml"))) == 5
    assert dash_duo.get_logs() == []
