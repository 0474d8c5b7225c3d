"""A collector texts a customer's contact from the wall: live counter, outbox, timeline."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from dashboard.sms import count_segments
from data_access.db import session_scope
from data_access.models import Contact, Customer
from tests.browser.conftest import sign_in
from tests.unit.sms_cases import CASES, NON_GSM


def _click(dash_duo, element) -> None:  # type: ignore[no-untyped-def]
    """Click an element below the fold (the DOM click a tap on a phone also sends)."""
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    dash_duo.driver.execute_script("arguments[0].click()", element)


def _add_contact(app) -> None:  # type: ignore[no-untyped-def]
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        c1 = sess.scalars(select(Customer).where(Customer.code == "C1")).one()
        sess.add(Contact(customer_id=c1.id, name="Ana Pérez", phone="+58 414 555 1234"))


def _counter(dash_duo) -> str:  # type: ignore[no-untyped-def]
    return str(dash_duo.find_element("#sms-counter").text)


def test_sms_counted_while_typing_saved_to_the_outbox_and_on_the_timeline(dash_duo, cartera_app):
    _add_contact(cartera_app)
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "cobra1")
    dash_duo.driver.get(dash_duo.server.url + "/customers/C1")
    dash_duo.wait_for_text_to_equal("#customer-name", "Ferretería El Tornillo")

    # The browser's counter agrees with Python's on every worked example.
    texts = [case[1] for case in CASES] + [text for text, _ in NON_GSM]
    counted = dash_duo.driver.execute_script(
        "return arguments[0].map(window.dash_clientside.cartera_sms.count)", texts
    )
    for text, got in zip(texts, counted, strict=True):
        count = count_segments(text)
        assert (got["encoding"], got["characters"], got["units"]) == (
            count.encoding,
            count.characters,
            count.units,
        ), text
        assert (got["segments"], got["remaining"], got["non_gsm"]) == (
            count.segments,
            count.remaining,
            list(count.non_gsm),
        ), text

    _click(dash_duo, dash_duo.find_element("#wall-open-sms"))
    dash_duo.wait_for_contains_text("#sms-notice", "saved to the outbox, not sent")
    dash_duo.wait_for_contains_text("#sms-recipients", "Ana Pérez · +58 414-5551234")
    box = dash_duo.wait_for_element("#sms-text")
    WebDriverWait(dash_duo.driver, 10).until(  # prefilled: the polite reminder
        lambda _: "Please confirm the payment date" in box.get_property("value")
    )
    dash_duo.wait_for_contains_text("#sms-counter", "SMS (Unicode)")  # "Ferretería"
    dash_duo.wait_for_contains_text("#sms-hint", "because of: í")

    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    box.send_keys("a" * 160)
    dash_duo.wait_for_contains_text("#sms-counter", "160 characters · 1 SMS (GSM-7) · 0 left")
    assert dash_duo.find_element("#sms-hint").text == ""
    box.send_keys("b")
    dash_duo.wait_for_contains_text("#sms-counter", "161 characters · 2 SMS (GSM-7) · 145 left")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    box.send_keys("Hola Ana, el pago {F-2} de 500 € ¿sale hoy?")
    dash_duo.wait_for_contains_text("#sms-counter", "43 characters · 1 SMS (GSM-7) · 114 left")

    _click(dash_duo, dash_duo.find_element("#sms-send"))
    dash_duo.wait_for_contains_text(
        "#sms-result", "Ana Pérez (+58 414-5551234): saved to the outbox, not sent"
    )
    WebDriverWait(dash_duo.driver, 10).until(
        lambda _: dash_duo.find_element("#sms-send").get_attribute("disabled")
    )
    _click(dash_duo, dash_duo.find_element("#sms-cancel"))
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: not d.find_elements(By.CSS_SELECTOR, ".modal-backdrop, .modal.show")
    )
    timeline = dash_duo.find_element("#wall-timeline").text
    assert "Ana Pérez: Hola Ana, el pago {F-2} de 500 € ¿sale hoy?" in timeline
    assert "+584145551234" in timeline and "outbox" in timeline
    assert dash_duo.get_logs() == []
