"""The activity page: clicking a hashtag in the feed filters the feed by it; "clear" undoes it."""

from __future__ import annotations

import datetime as dt

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from data_access.activity import add_note
from data_access.db import session_scope
from data_access.models import Customer, User
from data_access.scope import Scope
from tests.browser.conftest import sign_in

NOTES = (
    ("C1", "Promete pagar el viernes #promesa", 1),
    ("C1", "Se les traspapeló la factura #olvido #promesa", 2),
    ("C3", "Saldo a favor, confirmar con el banco #banco", 3),
)


def _click(dash_duo, element) -> None:  # type: ignore[no-untyped-def]
    """Click an element below the fold (the DOM click a tap on a phone also sends)."""
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    dash_duo.driver.execute_script("arguments[0].click()", element)


def _add_notes(app) -> None:  # type: ignore[no-untyped-def]
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        author = sess.query(User).filter_by(username="cobra1").one()
        for code, body, days in NOTES:
            customer = sess.query(Customer).filter_by(code=code).one()
            add_note(
                sess, scope=Scope.everything(), user_id=author.id, customer_id=customer.id,
                channel="call", reason="forgot", body=body, contact_name="Marisol",
                now=now - dt.timedelta(days=days),
            )  # fmt: skip


def test_clicking_a_hashtag_filters_the_feed(dash_duo, cartera_app):
    _add_notes(cartera_app)
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "admin")
    dash_duo.driver.get(dash_duo.server.url + "/language/en")
    dash_duo.driver.get(dash_duo.server.url + "/activity")
    dash_duo.wait_for_contains_text("#activity-feed", "Saldo a favor", timeout=15)
    dash_duo.wait_for_text_to_equal("#activity-feed-count", "Matching notes: 3")

    tag = dash_duo.driver.find_element(By.XPATH, "//button[normalize-space()='#olvido']")
    _click(dash_duo, tag)

    dash_duo.wait_for_text_to_equal("#activity-feed-count", "Matching notes: 1", timeout=15)
    feed = dash_duo.find_element("#activity-feed").text
    assert "Se les traspapeló la factura" in feed
    assert "Promete pagar" not in feed and "Saldo a favor" not in feed
    WebDriverWait(dash_duo.driver, 10).until(lambda d: "hashtag=olvido" in d.current_url)
    assert "#olvido" in dash_duo.find_element("#activity-hashtag").text

    # Clearing the filters clears the controls too, and the feed shows everything again.
    _click(dash_duo, dash_duo.find_element("#activity-reset"))
    dash_duo.wait_for_text_to_equal("#activity-feed-count", "Matching notes: 3", timeout=15)
    assert "#olvido" not in dash_duo.find_element("#activity-hashtag").text
    assert "hashtag=" not in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []
