"""The wall's SMS modal through the real callback endpoint: scope, numbers, sending once.

The database holds tests.factories.build_portfolio (C1 collected by cobra1 with seller
S1 Pedro Vende, C2 by cobra2) plus, here, contacts with good and bad phones. The phone
region is US (the default for USD), so Venezuelan numbers carry their +58.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from dashboard import create_app
from dashboard.config import load_settings
from data_access.db import make_engine, session_factory, session_scope
from data_access.models import Contact, Customer, Message, Seller
from data_access.schema import upgrade
from tests.factories import build_portfolio
from tests.integration.conftest import callback_text, login
from tests.unit.test_sms_providers import FakeTwilio

TOKEN = "a-fresh-token-0123456789"


def _build(tmp_path: Path, **env: str) -> Any:
    url = f"sqlite:///{tmp_path / 'sms.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(session_factory(engine)) as sess:
        build_portfolio(sess)
        c1 = sess.scalars(select(Customer).where(Customer.code == "C1")).one()
        c2 = sess.scalars(select(Customer).where(Customer.code == "C2")).one()
        sess.add_all(
            [
                Contact(customer_id=c1.id, name="Ana Pérez", phone="+58 414 555 1234"),
                Contact(customer_id=c1.id, name="Juan Malo", phone="0000000"),
                Contact(customer_id=c2.id, name="Nora North", phone="(212) 555-0199"),
            ]
        )
        sess.get_one(Seller, c1.seller_id).phone = "+58 412 555 0000"
    engine.dispose()
    base = {"DATABASE_URL": url, "CARTERA_INSTANCE": str(tmp_path), "SECRET_KEY": "x" * 32}
    return create_app(load_settings(base | env, testing=True))


@pytest.fixture
def sms_app(tmp_path: Path) -> Any:
    return _build(tmp_path)


@pytest.fixture
def client(sms_app: Any) -> Iterator[FlaskClient]:
    with sms_app.server.test_client() as test_client:
        yield test_client


def _contact(app: Any, name: str) -> int:
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        return sess.scalars(select(Contact.id).where(Contact.name == name)).one()


def _messages(app: Any) -> list[Message]:
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        return list(sess.scalars(select(Message).order_by(Message.id)))


def _callback(client: FlaskClient, output: str, values: dict[str, Any], changed: str) -> Any:
    """Post what Dash's renderer posts for the callback whose outputs include ``output``.

    The callback's inputs and states come from ``/_dash-dependencies`` (so outputs with
    ``allow_duplicate`` keep their hashed names); ``values`` maps "id.property" to values.
    """

    def parts(spec: dict[str, Any]) -> list[dict[str, str]]:
        names = spec["output"].removeprefix("..").removesuffix("..").split("...")
        return [dict(zip(("id", "property"), n.rsplit(".", 1), strict=True)) for n in names]

    def filled(items: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [dict(i, value=values.get(f"{i['id']}.{i['property']}")) for i in items]

    graph = client.get("/_dash-dependencies").get_json()
    spec = next(s for s in graph if output in [f"{p['id']}.{p['property']}" for p in parts(s)])
    outputs = parts(spec)
    body = {
        "output": spec["output"],
        "outputs": outputs,
        "inputs": filled(spec["inputs"]),
        "state": filled(spec["state"]),
        "changedPropIds": [changed],
    }
    return client.post("/_dash-update-component", json=body)


def sign_in(client: FlaskClient, username: str) -> None:
    """Sign in and read the app in English."""
    login(client, username)
    client.get("/language/en")


def open_modal(client: FlaskClient, code: str) -> Any:
    return _callback(
        client,
        "sms-modal.is_open",
        {"wall-open-sms.n_clicks": 1, "wall-customer.data": code},
        "wall-open-sms.n_clicks",
    )


def send(client: FlaskClient, code: str, keys: list[str], *, audience: str = "contacts") -> Any:
    values = {
        "sms-send.n_clicks": 1,
        "wall-customer.data": code,
        "sms-token.data": TOKEN,
        "sms-audience.value": audience,
        "sms-recipients.value": keys,
        "sms-text.value": "Hola, le recordamos su saldo.",
    }
    return _callback(client, "sms-result.children", values, "sms-send.n_clicks")


def test_the_modal_offers_the_customers_contacts_and_refuses_bad_numbers(
    client: FlaskClient, sms_app: Any
) -> None:
    sign_in(client, "cobra1")
    answer = open_modal(client, "C1")
    assert answer.status_code == 200
    data = answer.get_json()["response"]
    form = data["sms-form"]["data"]
    labels = {o["label"]: o["disabled"] for o in form["contacts"]["options"]}
    assert labels == {
        "Ana Pérez · +58 414-5551234": False,
        "Juan Malo: “0000000” is not a valid phone number in US "
        "(write the country code, such as +57, if it is from elsewhere).": True,
    }
    assert form["contacts"]["value"] == [f"contact:{_contact(sms_app, 'Ana Pérez')}"]
    assert form["seller"]["options"][0]["label"] == "Pedro Vende · seller · +58 412-5550000"
    assert "drop by the office of Ferretería El Tornillo (C1)" in form["seller"]["texts"]["en"]
    assert "saved to the outbox, not sent" in callback_text(answer)
    assert len(data["sms-token"]["data"]) >= 16


def test_sending_twice_with_one_token_sends_once(client: FlaskClient, sms_app: Any) -> None:
    sign_in(client, "cobra1")
    keys = [f"contact:{_contact(sms_app, 'Ana Pérez')}"]
    first = callback_text(send(client, "C1", keys))
    second = callback_text(send(client, "C1", keys))  # the double click

    assert "saved to the outbox, not sent" in first
    assert "not sent again" in second
    (message,) = _messages(sms_app)
    assert (message.channel, message.status, message.recipient) == (
        "sms",
        "outbox",
        "+584145551234",
    )
    outbox = Path(sms_app.server.extensions["cartera"].settings.instance_path) / "outbox"
    assert [p.name for p in outbox.iterdir()] == [f"sms-{message.id}.txt"]
    assert "Ana Pérez: Hola, le recordamos su saldo." in first  # prepended to the timeline


def test_a_bad_number_is_refused_naming_the_recipient(client: FlaskClient, sms_app: Any) -> None:
    sign_in(client, "cobra1")
    keys = [f"contact:{_contact(sms_app, name)}" for name in ("Ana Pérez", "Juan Malo")]
    text = callback_text(send(client, "C1", keys))
    assert "Juan Malo" in text and "0000000" in text
    assert _messages(sms_app) == []


def test_a_collector_is_refused_another_collectors_customer(
    client: FlaskClient, sms_app: Any
) -> None:
    sign_in(client, "cobra1")
    nora = [f"contact:{_contact(sms_app, 'Nora North')}"]
    opened = open_modal(client, "C2").get_json()["response"]
    assert opened["sms-modal"]["is_open"] is False and "sms-form" not in opened
    text = callback_text(send(client, "C2", nora))
    assert "C2" in text and "Northwind" not in text  # "not found", as on the wall
    # C2's contact smuggled into a send for cobra1's own C1 is refused too.
    smuggled = callback_text(send(client, "C1", nora))
    assert "not one of this customer's contacts" in smuggled
    with session_scope(sms_app.server.extensions["cartera"].sessions) as sess:
        assert sess.scalar(select(func.count()).select_from(Message)) == 0


def test_a_viewer_cannot_send(client: FlaskClient, sms_app: Any) -> None:
    sign_in(client, "mira")
    keys = [f"contact:{_contact(sms_app, 'Ana Pérez')}"]
    text = callback_text(send(client, "C1", keys))
    assert "Your role cannot send messages." in text
    assert _messages(sms_app) == []


def test_with_a_provider_configured_the_sms_is_sent_through_its_api(tmp_path: Path) -> None:
    twilio = FakeTwilio()
    thread = threading.Thread(target=twilio.serve_forever, daemon=True)
    thread.start()
    try:
        app = _build(
            tmp_path,
            CARTERA_SMS_PROVIDER="twilio",
            CARTERA_SMS_ACCOUNT_SID="AC42",
            CARTERA_SMS_AUTH_TOKEN="secret",
            CARTERA_SMS_FROM="+15005550006",
            CARTERA_SMS_BASE_URL=twilio.base_url,
        )
        with app.server.test_client() as client:
            sign_in(client, "admin")
            seller = callback_text(open_modal(client, "C1"))
            assert "sent through the SMS provider (twilio)" in seller
            with session_scope(app.server.extensions["cartera"].sessions) as sess:
                seller_id = sess.scalars(select(Seller.id).where(Seller.code == "S1")).one()
            text = callback_text(send(client, "C1", [f"seller:{seller_id}"], audience="seller"))
    finally:
        twilio.shutdown()
        twilio.server_close()
        thread.join(timeout=5)
    assert "Pedro Vende (+58 412-5550000): sent." in text
    (request,) = twilio.requests
    assert request["path"] == "/2010-04-01/Accounts/AC42/Messages.json"
    assert request["form"]["To"] == ["+584125550000"]
    (message,) = _messages(app)
    assert (message.status, message.sent_at is not None) == ("sent", True)
