"""The language to write to a customer in, chosen on its wall, checked on the server."""

from __future__ import annotations

from sqlalchemy import select

from data_access.db import session_scope
from data_access.models import Customer
from tests.integration.conftest import callback_text, login


def language_request(code: str, language: str) -> dict[str, object]:
    """The body Dash posts when the wall's language select changes."""
    return {
        "output": "wall-language-message.children",
        "outputs": {"id": "wall-language-message", "property": "children"},
        "inputs": [{"id": "wall-language", "property": "value", "value": language}],
        "changedPropIds": ["wall-language.value"],
        "state": [{"id": "wall-customer", "property": "data", "value": code}],
    }


def _language(app, code: str) -> str | None:  # type: ignore[no-untyped-def]
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        return sess.scalar(select(Customer.language).where(Customer.code == code))


def test_a_collector_sets_their_customers_language_and_back_to_the_default(app, client):
    login(client, "cobra1")
    client.get("/language/en")
    answer = client.post("/_dash-update-component", json=language_request("C1", "en"))
    assert "Saved" in callback_text(answer)
    assert _language(app, "C1") == "en"
    client.post("/_dash-update-component", json=language_request("C1", ""))
    assert _language(app, "C1") is None


def test_another_collectors_customer_and_odd_values_are_refused(app, client):
    login(client, "cobra2")
    client.get("/language/en")
    answer = callback_text(
        client.post("/_dash-update-component", json=language_request("C1", "en"))
    )
    assert "Saved" not in answer and _language(app, "C1") is None
    answer = callback_text(
        client.post("/_dash-update-component", json=language_request("C2", "fr"))
    )
    assert "Saved" not in answer and _language(app, "C2") is None
