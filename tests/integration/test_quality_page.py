"""The data-quality page through the real app: checks, fixing a contact, refusals.

The database holds tests.factories.build_portfolio plus, here, C1's contact "Ana"
(phone "0414-555.12.34", e-mail "juan@") and a manager. The app reads phones without a
country code as Venezuelan (CARTERA_PHONE_REGION=VE).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from dashboard import create_app
from data_access import audit
from data_access.db import make_engine, session_factory, session_scope
from data_access.models import AuditEntry, Contact, Customer
from data_access.users import add_user
from tests.factories import PASSWORD
from tests.integration.conftest import callback_text, login, render_request

SAVE = "quality-fix-save"
DASH = "/_dash-update-component"
FIRST_LOAD = {("quality-contacts-version", "data"): 0}


@pytest.fixture
def app(app):  # type: ignore[no-untyped-def]
    """The portfolio app with a bad contact and a manager, phones read in Venezuela."""
    settings = app.server.extensions["cartera"].settings
    engine = make_engine(settings.database_url)
    with session_scope(session_factory(engine)) as sess:
        c1 = sess.scalar(select(Customer).where(Customer.code == "C1"))
        sess.add(Contact(customer_id=c1.id, name="Ana", phone="0414-555.12.34", email="juan@"))  # type: ignore[union-attr]
        sess.add(Customer(code="C9", name="FERRETERIA EL TORNILLO, C.A."))  # C1 again
        add_user(sess, "gerente", role="manager", password=PASSWORD)
    engine.dispose()
    return create_app(settings.with_overrides(phone_region="VE"))


def _contact(app) -> Contact:  # type: ignore[no-untyped-def]
    engine = make_engine(app.server.extensions["cartera"].settings.database_url)
    with session_scope(session_factory(engine)) as sess:
        contact = sess.scalar(select(Contact).where(Contact.name == "Ana"))
        sess.expunge(contact)
    engine.dispose()
    return contact  # type: ignore[return-value]


def _audit(app, action: str) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    engine = make_engine(app.server.extensions["cartera"].settings.database_url)
    with session_scope(session_factory(engine)) as sess:
        found = list(sess.scalars(select(AuditEntry).where(AuditEntry.action == action)))
        sess.expunge_all()
    engine.dispose()
    return found


def call(app, client, trigger: str, values: dict[tuple[str, str], Any], output: str = ""):  # type: ignore[no-untyped-def]
    """Post the callback that ``trigger`` (a component id) fires, as the renderer would
    (the one whose outputs include ``output`` when it fires several)."""
    key, spec = next(
        (key, spec)
        for key, spec in app.callback_map.items()
        if any(item["id"] == trigger for item in spec["inputs"]) and output in key
    )
    outputs = []
    for part in key.strip(".").split("..."):
        component, prop = part.rsplit(".", 1)
        outputs.append({"id": component, "property": prop.split("@")[0]})

    def filled(items: list[dict[str, str]]) -> list[dict[str, Any]]:
        return [{**item, "value": values.get((item["id"], item["property"]))} for item in items]

    changed = next(item for item in spec["inputs"] if item["id"] == trigger)
    body = {
        "output": key,
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": filled(spec["inputs"]),
        "changedPropIds": [f"{trigger}.{changed['property']}"],
        "state": filled(spec["state"]),
    }
    return client.post("/_dash-update-component", json=body)


def save(app, client, contact_id: int, phone: str, email: str, trigger: str = SAVE):  # type: ignore[no-untyped-def]
    values = {
        (trigger, "n_clicks"): 1,
        ("quality-fix-contact", "data"): contact_id,
        ("quality-fix-phone", "value"): phone,
        ("quality-fix-email", "value"): email,
        ("quality-contacts-version", "data"): 3,
    }
    return call(app, client, trigger, values)


def test_the_page_and_its_checks_for_a_manager(app, client):
    login(client, "gerente")
    client.get("/language/en")
    page = callback_text(client.post(DASH, json=render_request("/admin/quality")))
    assert "Data quality: clean your database" in page
    assert "as a number of VE" in page
    contacts = call(app, client, "quality-contacts-version", FIRST_LOAD)
    assert contacts.status_code == 200
    answer = contacts.get_json()["response"]
    rows = answer["quality-contacts-grid"]["rowData"]
    ana = next(row for row in rows if row["contact"] == "Ana")
    assert (ana["phone_problem"], ana["phone_suggestion"]) == ("No country code", "+584145551234")
    assert (ana["email_problem"], ana["email_suggestion"]) == ("Not valid", "")
    unreachable = [row["code"] for row in answer["quality-unreachable-grid"]["rowData"]]
    assert unreachable == ["C2", "C3", "C4", "C9"]  # C1 has Ana's phone, valid in Venezuela
    load = {("quality-load", "data"): 0}
    unapplied = callback_text(call(app, client, "quality-load", load, "quality-unapplied"))
    assert "P-4" in unapplied and "$988.99" in unapplied  # 988.99 of 999.00 unapplied
    dates = callback_text(call(app, client, "quality-load", load, "quality-dates"))
    assert "Impossible dates" in dates and '"rowData": []' in dates


def test_fixing_a_contact_in_place(app, client):
    login(client, "admin")
    client.get("/language/es")
    ana = _contact(app)
    refused = save(app, client, ana.id, "0414-555", "juan@")
    text = callback_text(refused)
    assert "Teléfono: «0414-555» no es un número válido" in text
    assert "No se guardó nada" in text
    assert "quality-contacts-version" not in text  # nothing to reload
    assert _contact(app).phone == "0414-555.12.34"
    bad_email = save(app, client, ana.id, "0414-555.12.34", "sin correo")
    assert "Correo: «sin correo» no es una dirección válida" in callback_text(bad_email)

    # The phone alone (the e-mail is still bad, and left as it is).
    saved = save(app, client, ana.id, "0414 555 12 34", "juan@").get_json()["response"]
    assert saved["quality-contacts-version"]["data"] == 4
    assert saved["quality-fix-message"]["color"] == "success"
    assert saved["quality-fix-phone"]["value"] == "+584145551234"
    assert (_contact(app).phone, _contact(app).email) == ("+584145551234", "juan@")
    entry = _audit(app, "contact.update")[0]
    assert audit.details_of(entry)["changes"] == {"phone": ["0414-555.12.34", "+584145551234"]}
    assert entry.user_id is not None

    # Then the e-mail: cleared, since nobody knows it.
    cleared = save(app, client, ana.id, "+584145551234", "").get_json()["response"]
    assert cleared["quality-fix-message"]["color"] == "success"
    assert _contact(app).email is None


def test_applying_a_suggestion(app, client):
    login(client, "gerente")
    ana = _contact(app)
    trigger = "quality-fix-phone-suggestion"
    answer = save(app, client, ana.id, "whatever the form says", "juan@", trigger=trigger)
    assert answer.get_json()["response"]["quality-fix-message"]["color"] == "success"
    assert _contact(app).phone == "+584145551234"


@pytest.mark.parametrize("who", ["cobra1", "mira"])
def test_collectors_and_viewers_are_refused(app, client, who):
    login(client, who)  # cobra1 collects C1, Ana's customer
    client.get("/language/en")
    assert client.get("/admin/quality").status_code == 403
    page = callback_text(client.post(DASH, json=render_request("/admin/quality")))
    assert "Data quality: clean your database" not in page
    ana = _contact(app)
    refused = save(app, client, ana.id, "+584145551234", "ana@empresa.com")
    assert "Only administrators and managers can fix data here." in callback_text(refused)
    assert (_contact(app).phone, _contact(app).email) == ("0414-555.12.34", "juan@")
    c1, c3 = 1, 3
    dismissed = call(
        app,
        client,
        "quality-dismiss",
        {
            ("quality-dismiss", "n_clicks"): 1,
            ("quality-duplicates-grid", "selectedRows"): [{"ids": [c1, c3]}],
        },
    )
    assert "Only administrators and managers" in callback_text(dismissed)
    assert _audit(app, "quality.not_duplicate") == []
    checks = call(app, client, "quality-contacts-version", FIRST_LOAD)
    assert "Ana" not in callback_text(checks)  # reads answer nothing either


def _duplicates(app, client) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    answer = call(app, client, "quality-duplicates-version", {})
    return answer.get_json()["response"]["quality-duplicates-grid"]["rowData"]  # type: ignore[no-any-return]


def test_marking_a_pair_not_a_duplicate(app, client):
    login(client, "admin")
    client.get("/language/en")
    [pair] = _duplicates(app, client)
    assert (pair["code"], pair["code2"], pair["reason"]) == ("C1", "C9", "Similar name")
    assert pair["similarity_text"] == "100%"
    answer = call(
        app,
        client,
        "quality-dismiss",
        {
            ("quality-dismiss", "n_clicks"): 1,
            ("quality-duplicates-grid", "selectedRows"): [pair],
            ("quality-duplicates-version", "data"): 0,
        },
    ).get_json()["response"]
    message = answer["quality-dismiss-message"]["children"]
    assert message == "Marked C1 and C9 as different customers."
    assert answer["quality-duplicates-version"]["data"] == 1
    assert len(_audit(app, "quality.not_duplicate")) == 1
    assert _duplicates(app, client) == []


def test_anonymous_callbacks_are_refused(app, client):
    response = save(app, client, 1, "+584145551234", "")
    assert response.status_code == 401
