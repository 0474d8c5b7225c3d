"""A collector sends a statement from the wall (no SMTP: the outbox) and sees it on the timeline."""

from __future__ import annotations

from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from data_access.db import make_engine, session_factory, session_scope
from data_access.models import Contact, Customer, Message
from tests.browser.conftest import sign_in
from tests.browser.test_wall import _click


def test_send_a_statement_from_the_wall_and_see_it_on_the_timeline(dash_duo, cartera_app, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'browser.db'}")
    with session_scope(session_factory(engine)) as sess:
        c1 = sess.scalar(select(Customer).where(Customer.code == "C1"))
        sess.add_all(
            [
                Contact(customer_id=c1.id, name="Ana Pérez", email="ana@tornillo.example.com",
                        is_primary=True),
                Contact(customer_id=c1.id, name="Sin Correo", email="no-es-correo"),
            ]
        )  # fmt: skip
    dash_duo.start_server(cartera_app, navigate=False)
    sign_in(dash_duo, "cobra1")
    dash_duo.driver.get(dash_duo.server.url + "/customers/C1")
    dash_duo.wait_for_text_to_equal("#customer-name", "Ferretería El Tornillo")
    _click(dash_duo, dash_duo.find_element("#wall-open-message"))

    # No SMTP configured: the modal says so before anything is sent.
    dash_duo.wait_for_contains_text("#message-outbox-note", "outbox, not sent", timeout=10)
    dash_duo.wait_for_contains_text("#message-contacts", "Ana Pérez <ana@tornillo.example.com>")
    dash_duo.wait_for_contains_text("#message-contacts-note", "Sin Correo is left out")
    dash_duo.wait_for_contains_text("#message-subject", "Cartera", timeout=15)
    srcdoc = "return document.getElementById('message-preview').getAttribute('srcdoc') || ''"
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: "Estimado Ferretería El Tornillo" in d.execute_script(srcdoc)
    )
    dash_duo.wait_for_contains_text("#message-attachments", "estado-de-cuenta-C1")
    subject = dash_duo.find_element("#message-subject").text

    _click(dash_duo, dash_duo.find_element("#message-send"))
    dash_duo.wait_for_contains_text("#message-result", "Saved to the outbox, not sent", timeout=15)
    _click(dash_duo, dash_duo.find_element("#message-cancel"))
    WebDriverWait(dash_duo.driver, 10).until(
        lambda d: subject in d.find_element("id", "wall-timeline").text
    )
    timeline = dash_duo.find_element("#wall-timeline").text
    assert "ana@tornillo.example.com" in timeline and "in the outbox, not sent" in timeline
    with session_scope(session_factory(engine)) as sess:
        assert sess.scalars(select(Message.status)).all() == ["outbox"]
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    engine.dispose()
    assert dash_duo.get_logs() == []
