"""Field mode through the real app: the page, and the outbox's JSON endpoints.

The database holds tests.factories.build_portfolio (C1 and C3 collected by cobra1, C2
by cobra2); here C1 has coordinates in Caracas, a primary contact and a task due today.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import uuid
from decimal import Decimal
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from dashboard.geo import EARTH_RADIUS_M
from data_access.db import session_scope
from data_access.models import Contact, Customer, Note, Task, User, Visit
from tests.integration.conftest import callback_text, login, render_request

C1_AT = (10.4806, -66.9036)
CARDS_OUTPUTS = [
    {"id": "field-summary", "property": "children"},
    {"id": "field-list", "property": "children"},
]


def north(metres: float) -> float:
    """Latitude ``metres`` north of C1 (distances along a meridian are exact)."""
    return C1_AT[0] + math.degrees(metres / EARTH_RADIUS_M)


@pytest.fixture
def book(app) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        users = {u.username: u.id for u in sess.scalars(select(User))}
        customers = {c.code: c for c in sess.scalars(select(Customer))}
        c1 = customers["C1"]
        c1.latitude, c1.longitude = Decimal(str(C1_AT[0])), Decimal(str(C1_AT[1]))
        c1.address, c1.city = "Av. Urdaneta 12", "Caracas"
        sess.add(
            Contact(
                customer_id=c1.id, name="Marisol Pérez", phone="+58 212 555 0101", is_primary=True
            )
        )
        sess.add(
            Task(customer_id=c1.id, description="Pick up the cheque", assignee_id=users["cobra1"],
                 created_by_id=users["admin"], due_date=dt.date.today())
        )  # fmt: skip
        return users | {code: c.id for code, c in customers.items()}


def field_page(client: FlaskClient) -> str:
    response = client.post("/_dash-update-component", json=render_request("/field"))
    assert response.status_code == 200
    return callback_text(response)


def token_of(client: FlaskClient) -> str:
    found = re.search(r'"data-csrf": "([^"]+)"', field_page(client))
    assert found, "the page hands the script its token"
    return found.group(1)


def now_iso(delta: dt.timedelta = dt.timedelta()) -> str:
    return (dt.datetime.now(dt.UTC) + delta).isoformat().replace("+00:00", "Z")


def checkin(customer_id: int, **changes: Any) -> dict[str, Any]:
    return {
        "client_id": str(uuid.uuid4()),
        "customer_id": customer_id,
        "recorded_at": now_iso(-dt.timedelta(minutes=3)),
        "latitude": north(42),
        "longitude": C1_AT[1],
        "accuracy": 12.5,
    } | changes


def note(customer_id: int, **changes: Any) -> dict[str, Any]:
    return {
        "client_id": str(uuid.uuid4()),
        "customer_id": customer_id,
        "recorded_at": now_iso(-dt.timedelta(hours=5)),
        "reason": "cannot_pay",
        "contact_name": "Marisol",
        "body": "Pays Friday #cheque",
    } | changes


def post(client: FlaskClient, path: str, body: Any, token: str, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(f"/field/api/{path}", json=body, headers={"X-CSRF-Token": token} | headers)


def rows(app, model: Any) -> list[Any]:  # type: ignore[no-untyped-def]
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        return list(sess.scalars(select(model).order_by(model.id)))


def test_a_verified_check_in_once(app, client, book):
    login(client, "cobra1")
    client.get("/language/en")
    token = token_of(client)
    body = checkin(book["C1"], distance_m=1, verified=True)  # the phone's claims are ignored
    first = post(client, "checkins", body, token)
    assert first.status_code == 201, first.get_json()
    assert first.get_json() | {"id": 0} == {
        "status": "stored", "id": 0, "client_id": body["client_id"], "verdict": "verified",
        "verified": True, "distance_m": 42.0, "message": "Verified, 42 m from the address",
    }  # fmt: skip
    again = post(client, "checkins", body, token)
    assert again.status_code == 200
    assert again.get_json()["status"] == "repeat" and again.get_json()["distance_m"] == 42.0
    (stored,) = rows(app, Visit)
    assert stored.user_id == book["cobra1"] and stored.distance_m == pytest.approx(42.0)


def test_far_away_no_coordinates_and_the_radius_setting(app, client, book):
    login(client, "cobra1")
    client.get("/language/es")
    token = token_of(client)
    far = post(client, "checkins", checkin(book["C1"], latitude=north(2300)), token)
    assert far.get_json()["message"] == "No verificada, a 2,3 km"
    nowhere = post(client, "checkins", checkin(book["C3"]), token)  # C3 has no coordinates
    assert nowhere.status_code == 201
    assert nowhere.get_json()["message"] == "No verificada, el cliente no tiene coordenadas"
    assert nowhere.get_json()["distance_m"] is None
    app.server.config["CARTERA_VISIT_RADIUS_M"] = 40
    near = post(client, "checkins", checkin(book["C1"]), token).get_json()
    assert (near["verdict"], near["message"]) == ("too_far", "No verificada, a 42 m")
    assert [v.radius_m for v in rows(app, Visit)] == [300, 300, 40]


def test_a_collector_is_refused_another_collectors_customer(app, client, book):
    login(client, "cobra1")
    client.get("/language/en")
    token = token_of(client)
    for path, body in (("checkins", checkin(book["C2"])), ("notes", note(book["C2"]))):
        refused = post(client, path, body, token)
        assert refused.status_code == 404
        assert refused.get_json() == {"error": "Customer not found."}
    unknown = post(client, "notes", note(10**9), token)
    assert unknown.status_code == 404
    assert rows(app, Visit) == [] and rows(app, Note) == []


@pytest.mark.parametrize(
    ("delta", "english"),
    [
        (dt.timedelta(hours=2), "time: the time is in the future; check the phone's clock"),
        (-dt.timedelta(days=8), "time: older than 7 days; it can no longer be sent"),
    ],
)
def test_times_in_the_future_or_too_old_are_refused(app, client, book, delta, english):
    login(client, "cobra1")
    client.get("/language/en")
    token = token_of(client)
    for path, body in (("checkins", checkin(book["C1"])), ("notes", note(book["C1"]))):
        refused = post(client, path, body | {"recorded_at": now_iso(delta)}, token)
        assert refused.status_code == 400
        assert refused.get_json()["error"] == english
    assert rows(app, Visit) == [] and rows(app, Note) == []


def test_bad_positions_and_notes_name_each_problem(app, client, book):
    login(client, "cobra1")
    client.get("/language/en")
    token = token_of(client)
    bad = post(client, "checkins", checkin(book["C1"], latitude=95, accuracy="far"), token)
    assert bad.status_code == 400
    assert bad.get_json()["error"] == "accuracy: not valid; latitude: out of range"
    bad_note = post(client, "notes", note(book["C1"], body="", recorded_at="ayer"), token)
    assert bad_note.get_json()["error"] == "time: not valid"  # time first, then the note
    empty = post(client, "notes", note(book["C1"], body="   "), token)
    assert empty.get_json()["error"] == "what they said: missing"


def test_a_note_is_stored_once_with_its_time(app, client, book):
    login(client, "cobra1")
    client.get("/language/en")
    token = token_of(client)
    body = note(book["C1"])
    assert post(client, "notes", body, token).status_code == 201
    repeat = post(client, "notes", body, token)
    assert repeat.status_code == 200
    assert repeat.get_json()["message"] == "Already received earlier; stored once."
    (stored,) = rows(app, Note)
    sent_at = dt.datetime.fromisoformat(body["recorded_at"]).replace(tzinfo=None)
    assert stored.created_at == sent_at and stored.client_id == body["client_id"]
    assert stored.channel == "visit"


def test_the_endpoints_are_guarded(app, client, book):
    anonymous = client.post("/field/api/notes", json=note(book["C1"]))
    assert anonymous.status_code == 401
    login(client, "cobra1")
    client.get("/language/en")
    token = token_of(client)
    no_token = client.post("/field/api/notes", json=note(book["C1"]))
    assert no_token.status_code == 403
    assert no_token.get_json()["error"] == "The page is out of date; reload it and try again."
    assert post(client, "notes", note(book["C1"]), "wrong" + token).status_code == 403
    other_site = post(client, "notes", note(book["C1"]), token, Origin="https://evil.example")
    assert other_site.status_code == 403
    cross = post(client, "notes", note(book["C1"]), token, **{"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    not_json = client.post(
        "/field/api/notes", data="body=x", headers={"X-CSRF-Token": token},
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert not_json.status_code == 400
    assert post(client, "notes", [1, 2], token).status_code == 400
    assert rows(app, Note) == []
    same_site = post(client, "notes", note(book["C1"]), token, Origin="http://localhost")
    assert same_site.status_code == 201


def test_viewers_may_not_use_field_mode(app, client, book):
    login(client, "mira")
    assert client.get("/field").status_code == 403
    refused = client.post(
        "/field/api/checkins", json=checkin(book["C1"]), headers={"X-CSRF-Token": "x"}
    )
    assert refused.status_code == 403
    assert rows(app, Visit) == []


def cards_request(search: str = "", position: Any = None) -> dict[str, Any]:
    return {
        "output": "..field-summary.children...field-list.children..",
        "outputs": CARDS_OUTPUTS,
        "inputs": [
            {"id": "field-url", "property": "search", "value": search},
            {"id": "field-position", "property": "data", "value": position},
            {"id": "field-sync", "property": "data", "value": None},
        ],
        "changedPropIds": ["field-url.search"],
        "state": [],
    }


def test_the_collectors_day(app, client, book):
    login(client, "cobra1")
    client.get("/language/en")
    page = field_page(client)
    assert "Today in the field" in page and f'"data-user": "{book["cobra1"]}"' in page
    texts = json.loads(json.loads(re.search(r'"data-texts": ("(?:[^"\\]|\\.)*")', page).group(1)))
    assert texts["waiting"] == "{items} waiting to be sent"
    cards = callback_text(client.post("/_dash-update-component", json=cards_request()))
    assert "Ferretería El Tornillo" in cards and "Northwind" not in cards  # C2 is cobra2's
    assert "Task today: Pick up the cheque" in cards and "#1 on the call list" in cards
    assert "tel:+582125550101" in cards and "Call Marisol Pérez" in cards
    assert "/customers/C1" in cards and "$1,250.00" in cards
    assert "In order of priority" in cards
    assert "Crédito a Favor" in cards and "no coordinates" in cards  # C3 has none
    here = {"lat": north(1500), "lon": C1_AT[1], "accuracy": 20}
    near = callback_text(client.post("/_dash-update-component", json=cards_request("", here)))
    assert "1.5 km from you" in near and "Nearest first, from where you are (± 20 m)" in near
    # The check-in shows on the card and on the customer's wall.
    post(client, "checkins", checkin(book["C1"]), token_of(client))
    cards = callback_text(client.post("/_dash-update-component", json=cards_request()))
    assert "verified, 42 m from the address" in cards


def test_a_manager_picks_the_collector(app, client, book):
    login(client, "admin")
    client.get("/language/en")
    assert "field-collector" in field_page(client)
    carla = client.post("/_dash-update-component", json=cards_request("?collector=cobra1"))
    assert "Ferretería El Tornillo" in callback_text(carla)
    # cobra2's only customer, C2, is paid up as of today (P-4 of 2024-04-05 covered it).
    diego = client.post("/_dash-update-component", json=cards_request("?collector=cobra2"))
    assert "Ferretería" not in callback_text(diego)
    assert "0 customers to visit" in callback_text(diego)
