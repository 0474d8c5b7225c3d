"""Field mode on a phone: the day fits 390 px, a check-in is verified, and a note
written with the network blocked waits on the phone and is stored exactly once."""

from __future__ import annotations

import datetime as dt
import math
import time
from decimal import Decimal
from pathlib import Path

from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from dashboard.geo import EARTH_RADIUS_M
from data_access.db import session_scope
from data_access.models import Contact, Customer, Note, Visit
from tests.browser.conftest import sign_in

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}
C1_AT = (10.4806, -66.9036)
SCREENSHOTS = Path("/tmp")


def _click(dash_duo, element) -> None:  # type: ignore[no-untyped-def]
    """Click an element below the fold (the DOM click a tap on a phone also sends)."""
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    dash_duo.driver.execute_script("arguments[0].click()", element)


def _sessions(cartera_app):  # type: ignore[no-untyped-def]
    return cartera_app.server.extensions["cartera"].sessions


def _locate_c1(cartera_app) -> None:  # type: ignore[no-untyped-def]
    """C1 gets coordinates in Caracas and a primary contact with a phone."""
    with session_scope(_sessions(cartera_app)) as sess:
        c1 = sess.scalars(select(Customer).where(Customer.code == "C1")).one()
        c1.latitude, c1.longitude = Decimal("10.480600"), Decimal("-66.903600")
        c1.address, c1.city = (
            "Av. Urdaneta, Esquina de Animas, Edificio Centro Financiero",
            "Caracas",
        )
        sess.add(
            Contact(
                customer_id=c1.id, name="Marisol Pérez", phone="+58 212 555 0101", is_primary=True
            )
        )


def _open_field(dash_duo, cartera_app) -> None:  # type: ignore[no-untyped-def]
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "cobra1")
    dash_duo.driver.get(dash_duo.server.url + "/language/en?next=/field")
    dash_duo.wait_for_contains_text("#field-list", "Ferretería El Tornillo", timeout=20)
    dash_duo.wait_for_contains_text("#field-outbox", "Everything is sent.")


def _severe_logs(dash_duo) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Console errors, except those of a blocked network (expected here): failed requests,
    and Chromium's network location provider when the page asks where it is."""
    expected = ("ERR_INTERNET_DISCONNECTED", "Network location provider")
    return [
        entry
        for entry in dash_duo.get_logs()
        if not any(text in str(entry.get("message")) for text in expected)
    ]


def test_the_day_fits_a_phone_and_a_check_in_is_verified(dash_duo, cartera_app):
    _locate_c1(cartera_app)
    driver = dash_duo.driver
    # Every origin: dash_duo picks the server's port when it starts.
    driver.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["geolocation"]})
    here = C1_AT[0] + math.degrees(42 / EARTH_RADIUS_M)  # 42 m north of C1
    driver.execute_cdp_cmd(
        "Emulation.setGeolocationOverride", {"latitude": here, "longitude": C1_AT[1], "accuracy": 8}
    )
    _open_field(dash_duo, cartera_app)
    # Permission is granted: the list sorts itself by distance from the phone.
    dash_duo.wait_for_contains_text("#field-summary", "Nearest first", timeout=15)
    dash_duo.wait_for_contains_text("#field-list", "42 m from you")
    card = dash_duo.find_element("[data-field-card]")
    assert "Call Marisol Pérez" in card.text and "$1,250.00" in card.text
    call = card.find_element("css selector", "a.field-call")
    assert call.get_attribute("href") == "tel:+582125550101"
    width = driver.execute_script("return document.scrollingElement.scrollWidth")
    inner = driver.execute_script("return window.innerWidth")
    assert inner == PHONE["width"] and width <= inner, (width, inner)
    driver.save_screenshot(str(SCREENSHOTS / "field-390x844.png"))

    _click(dash_duo, card.find_element("css selector", "[data-field-action=checkin]"))
    dash_duo.wait_for_contains_text(
        "[data-field-result]", "Verified, 42 m from the address", timeout=15
    )
    with session_scope(_sessions(cartera_app)) as sess:
        (visit,) = sess.scalars(select(Visit)).all()
        assert visit.verified and round(visit.distance_m or 0) == 42
        assert visit.accuracy_m == 8
    dash_duo.wait_for_contains_text("#field-list", "Checked in at")
    # Open the note form too, and check the width again with it unfolded.
    _click(dash_duo, dash_duo.find_element(".field-note-toggle"))
    assert driver.execute_script("return document.scrollingElement.scrollWidth") <= inner
    driver.save_screenshot(str(SCREENSHOTS / "field-390x844-note.png"))
    assert dash_duo.get_logs() == []


def test_a_note_written_offline_is_sent_once_when_the_network_returns(dash_duo, cartera_app):
    _locate_c1(cartera_app)
    _open_field(dash_duo, cartera_app)
    driver = dash_duo.driver
    driver.set_network_conditions(
        offline=True, latency=0, download_throughput=0, upload_throughput=0
    )
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !navigator.onLine"))

    _click(dash_duo, dash_duo.find_element(".field-note-toggle"))
    dash_duo.find_element(".field-note-body").send_keys("No está el dueño; paga el viernes #cheque")
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    _click(dash_duo, dash_duo.find_element("[data-field-action=note]"))
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    dash_duo.wait_for_contains_text("#field-outbox", "1 note waiting to be sent")
    dash_duo.wait_for_contains_text("#field-outbox", "Offline")
    dash_duo.wait_for_contains_text("[data-field-result]", "Saved on this phone")
    assert dash_duo.find_element(".field-note-body").get_attribute("value") == ""
    # "Send now" with no network changes nothing: it stays on the phone.
    _click(dash_duo, dash_duo.find_element("[data-field-action=send]"))
    time.sleep(1)  # let the attempt fail
    with session_scope(_sessions(cartera_app)) as sess:
        assert sess.scalars(select(Note)).all() == []
    stored = driver.execute_script("return window.localStorage.getItem('cartera.field.outbox.v1')")
    assert "paga el viernes" in stored

    restored_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    driver.set_network_conditions(
        offline=False, latency=0, download_throughput=-1, upload_throughput=-1
    )
    dash_duo.wait_for_contains_text("#field-outbox", "Everything is sent.", timeout=30)
    dash_duo.wait_for_contains_text("[data-field-result]", "Note saved.")
    # More attempts (another "online" event) find nothing left to send.
    driver.execute_script("window.dispatchEvent(new Event('online'))")
    time.sleep(1)
    with session_scope(_sessions(cartera_app)) as sess:
        notes = sess.scalars(select(Note)).all()
    assert len(notes) == 1
    note = notes[0]
    assert note.body == "No está el dueño; paga el viernes #cheque"
    assert (note.channel, note.reason, note.contact_name) == ("visit", "forgot", "Marisol Pérez")
    assert before <= note.created_at <= after < restored_at  # the phone's time of writing
    assert (
        driver.execute_script("return window.localStorage.getItem('cartera.field.outbox.v1')")
        == "[]"
    )
    assert _severe_logs(dash_duo) == []
