"""The activity page through the real callback endpoint: a collector's scope holds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from data_access.activity import add_note
from data_access.db import session_scope
from data_access.models import Customer, User
from data_access.scope import Scope
from tests.integration.conftest import callback_text, login, render_request

FEED = [
    {"id": "activity-feed", "property": "children"},
    {"id": "activity-cursor", "property": "data"},
    {"id": "activity-more", "property": "style"},
    {"id": "activity-feed-count", "property": "children"},
]
COVERAGE = [
    {"id": "activity-coverage-tile", "property": "children"},
    {"id": "activity-uncovered", "property": "children"},
    {"id": "activity-due-soon", "property": "children"},
]


def _body(outputs: list[dict[str, str]], inputs: list[dict[str, Any]], state=()) -> dict:  # type: ignore[no-untyped-def]
    return {
        "output": "...".join(f"{o['id']}.{o['property']}" for o in outputs).join(("..", "..")),
        "outputs": outputs,
        "inputs": inputs,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
        "state": list(state),
    }


def feed_request(search: str, cursor: int | None = None) -> dict[str, object]:
    """What Dash posts for the feed; with a cursor it is a "load more" click."""
    url = {"id": "activity-url", "property": "search", "value": search}
    more = {"id": "activity-more", "property": "n_clicks", "value": 1 if cursor else None}
    body = _body(FEED, [more, url] if cursor else [url, more])
    body["inputs"] = [url, more]
    body["state"] = [{"id": "activity-cursor", "property": "data", "value": cursor}]
    return body


def coverage_request(search: str) -> dict[str, object]:
    return _body(COVERAGE, [{"id": "activity-url", "property": "search", "value": search}])


@pytest.fixture
def notes(app) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """One recent note on C1 (cobra1's) and one on C2 (cobra2's), written by their collectors."""
    sessions = app.server.extensions["cartera"].sessions
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    found = {}
    with session_scope(sessions) as sess:
        for code, author, body, days in (
            ("C1", "cobra1", "Tornillo promete pagar #promesa", 10),
            ("C2", "cobra2", "Northwind sin caja #sinliquidez", 2),
        ):
            customer = sess.query(Customer).filter_by(code=code).one()
            user = sess.query(User).filter_by(username=author).one()
            note = add_note(
                sess, scope=Scope.everything(), user_id=user.id, customer_id=customer.id,
                channel="call", reason="cannot_pay", body=body, contact_name="Marisol",
                now=now - dt.timedelta(days=days),
            )  # fmt: skip
            sess.flush()
            found[code] = note.id
    return found


def test_a_collector_sees_only_their_customers_notes(client, notes):
    login(client, "cobra2")
    client.get("/language/en")
    text = callback_text(client.post("/_dash-update-component", json=feed_request("")))
    assert "Northwind sin caja" in text and "C2" in text
    assert "Tornillo" not in text and "C1" not in text
    assert "Matching notes: 1" in text
    # Filtering by the other collector does not widen the scope.
    text = callback_text(
        client.post("/_dash-update-component", json=feed_request("?collector=cobra1"))
    )
    assert "Tornillo" not in text and "No notes match" in text
    # A "load more" cursor naming someone else's note reveals nothing.
    text = callback_text(
        client.post("/_dash-update-component", json=feed_request("", cursor=notes["C1"] + 1))
    )
    assert "Tornillo" not in text


def test_a_manager_sees_every_note_and_filters_by_hashtag(client, notes):
    login(client, "admin")
    client.get("/language/en")
    text = callback_text(client.post("/_dash-update-component", json=feed_request("")))
    assert "Tornillo promete pagar" in text and "Northwind sin caja" in text
    text = callback_text(
        client.post("/_dash-update-component", json=feed_request("?hashtag=promesa"))
    )
    assert "Tornillo promete pagar" in text and "Northwind" not in text


def test_coverage_follows_the_collector_scope(client, notes):
    # As of today C1 (1250.00) and C3 (25.00 of F-6), both cobra1's, are overdue;
    # C2 (cobra2's) has a credit balance since P-4. C1 was contacted 10 days ago
    # (due for a contact soon), C3 never (uncovered).
    login(client, "cobra1")
    client.get("/language/en")
    text = callback_text(client.post("/_dash-update-component", json=coverage_request("")))
    assert "1 of 2 overdue customers" in text and "50.0%" in text
    uncovered, due_soon = text.split("Due for a contact soon")
    assert '"code": "C3"' in uncovered and '"days_since_text": "never"' in uncovered
    assert '"code": "C1"' in due_soon and '"days_since_text": "10"' in due_soon
    assert '"code": "C2"' not in text
    login(client, "cobra2")
    client.get("/language/en")
    text = callback_text(client.post("/_dash-update-component", json=coverage_request("")))
    assert "0 of 0 overdue customers" in text
    assert '"code": "C1"' not in text and '"code": "C3"' not in text


def test_page_renders_for_a_collector(client, notes):
    login(client, "cobra1")
    client.get("/language/es")
    response = client.post("/_dash-update-component", json=render_request("/activity"))
    assert response.status_code == 200
    text = callback_text(response)
    assert "Actividad: las notas" in text
    assert '"cobra2"' not in text  # another collector is not offered as an author


def test_anonymous_activity_callback_is_refused(client):
    assert client.post("/_dash-update-component", json=feed_request("")).status_code == 401
