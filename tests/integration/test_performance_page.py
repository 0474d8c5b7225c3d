"""The performance page through the real callback endpoint: who sees what, goals in place."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from data_access.audit import details_of, entries
from data_access.db import session_scope
from data_access.models import CollectionGoal, User
from data_access.users import add_user
from tests.factories import PASSWORD
from tests.integration.conftest import callback_text, login, render_request

MARCH = "?month=2024-03"
UPDATE_OUTPUTS = [
    {"id": "performance-period", "property": "children"},
    {"id": "performance-collectors", "property": "children"},
    {"id": "performance-sellers", "property": "children"},
    {"id": "performance-dso", "property": "figure"},
]
GOAL_OUTPUTS = [
    {"id": "performance-goal-message", "property": "children"},
    {"id": "performance-goal-message", "property": "color"},
    {"id": "performance-goal-message", "property": "is_open"},
    {"id": "performance-refresh", "property": "data"},
]


def _output(outputs: list[dict[str, str]]) -> str:
    return "...".join(f"{o['id']}.{o['property']}" for o in outputs).join(("..", ".."))


def update_request(search: str) -> dict[str, object]:
    """The body Dash posts when the page's URL changes."""
    return {
        "output": _output(UPDATE_OUTPUTS),
        "outputs": UPDATE_OUTPUTS,
        "inputs": [
            {"id": "performance-url", "property": "search", "value": search},
            {"id": "performance-refresh", "property": "data", "value": 0},
        ],
        "changedPropIds": ["performance-url.search"],
        "state": [],
    }


def goal_request(by: str, key: str, name: str, typed: object) -> dict[str, object]:
    """The body Dash posts after a goal cell of the ``by`` grid was edited."""
    grid = {"by": by, "type": "performance-grid"}
    change = {
        "rowIndex": 0,
        "rowId": key,
        "data": {"key": key, "name": name, "goal": typed},
        "oldValue": "",
        "value": typed,  # what dash-ag-grid 35 sends (not "newValue" as documented)
        "colId": "goal",
    }
    return {
        "output": _output(GOAL_OUTPUTS),
        "outputs": GOAL_OUTPUTS,
        "inputs": [[{"id": grid, "property": "cellValueChanged", "value": [change]}]],
        "changedPropIds": [json.dumps(grid, separators=(",", ":")) + ".cellValueChanged"],
        "state": [
            {"id": "performance-url", "property": "search", "value": MARCH},
            {"id": "performance-refresh", "property": "data", "value": 3},
        ],
    }


@pytest.fixture
def manager(app):  # type: ignore[no-untyped-def]
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        add_user(sess, "gina", role="manager", password=PASSWORD, full_name="Gina Gerente")
    return "gina"


def _goals(app) -> list[CollectionGoal]:  # type: ignore[no-untyped-def]
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        goals = list(sess.scalars(select(CollectionGoal)))
        sess.expunge_all()
    return goals


def _post(client, body):  # type: ignore[no-untyped-def]
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["response"]


def test_managers_see_every_collector_and_seller(client, manager):
    login(client, manager)
    client.get("/language/en")
    text = callback_text(client.post("/_dash-update-component", json=update_request(MARCH)))
    assert "From Mar 1, 2024 to Mar 31, 2024" in text
    for name in ("Carla Cobra", "Diego Cobra", "Pedro Vende", "Sally Sells"):
        assert name in text
    # cobra1 collected P-2 100.00 + P-5 75.00 in March (C1 and C3, current assignment).
    assert "$175.00" in text


def test_a_collector_sees_only_their_own_row(client):
    login(client, "cobra1")
    client.get("/language/en")
    text = callback_text(client.post("/_dash-update-component", json=update_request(MARCH)))
    assert "Carla Cobra" in text
    assert "Diego Cobra" not in text and "Sally Sells" not in text and "Pedro Vende" not in text


def test_the_page_renders_for_every_role(client, manager):
    for user in (manager, "cobra1", "mira", "admin"):
        login(client, user)
        response = client.post("/_dash-update-component", json=render_request("/performance"))
        assert response.status_code == 200
        assert "performance-month" in response.get_data(as_text=True)


def test_a_manager_sets_a_goal_in_place(app, client, manager):
    login(client, manager)
    client.get("/language/en")
    result = _post(client, goal_request("collector", "cobra1", "Carla Cobra", "1,250.50"))
    message = result["performance-goal-message"]
    assert message["children"] == "Goal of Carla Cobra for March 2024: $1,250.50."
    assert message["color"] == "success" and message["is_open"] is True
    assert result["performance-refresh"]["data"] == 4  # redraws the tables
    (goal,) = _goals(app)
    assert (goal.month, goal.amount) == (dt.date(2024, 3, 1), Decimal("1250.50"))
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        gina = sess.scalar(select(User).where(User.username == manager))
        (entry,) = entries(sess, entity="collection_goal")
        assert entry.user_id == gina.id and entry.action == "goal.set"
        assert details_of(entry)["to"] == "1250.50"
    # The table now shows the goal and its progress: 175.00 of 1,250.50 = 14.0 %.
    text = callback_text(client.post("/_dash-update-component", json=update_request(MARCH)))
    assert "$1,250.50" in text and "14.0%" in text
    # Emptying the cell removes it.
    cleared = _post(client, goal_request("collector", "cobra1", "Carla Cobra", ""))
    assert cleared["performance-goal-message"]["children"] == (
        "Goal of Carla Cobra for March 2024 removed."
    )
    assert _goals(app) == []


def test_a_manager_sets_a_seller_goal_in_spanish(app, client, manager):
    login(client, manager)
    client.get("/language/es")
    result = _post(client, goal_request("seller", "S1", "Pedro Vende", "2.500,75"))
    assert result["performance-goal-message"]["children"] == (
        "Meta de Pedro Vende para marzo 2024: 2.500,75\xa0US$."
    )
    (goal,) = _goals(app)
    assert goal.seller_id is not None and goal.amount == Decimal("2500.75")


@pytest.mark.parametrize("user", ["cobra1", "mira"])
def test_collectors_and_viewers_are_refused(app, client, user):
    login(client, user)
    client.get("/language/en")
    result = _post(client, goal_request("collector", "cobra1", "Carla Cobra", "500"))
    message = result["performance-goal-message"]
    assert message["children"] == "Only administrators and managers can set goals."
    assert message["color"] == "danger"
    assert _goals(app) == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "A goal must be more than zero."),
        ("-100", "A goal must be more than zero."),
        ("12.345", "A goal has at most two decimals."),
        ("lots", "“lots” is not an amount. Type a number such as 25000 or 25000.50."),
        ("1e3", "“1e3” is not an amount. Type a number such as 25000 or 25000.50."),
    ],
)
def test_bad_amounts_are_refused_with_a_message(app, client, manager, typed, message):
    login(client, manager)
    client.get("/language/en")
    result = _post(client, goal_request("collector", "cobra1", "Carla Cobra", typed))
    assert result["performance-goal-message"]["children"] == message
    assert result["performance-goal-message"]["color"] == "warning"
    assert _goals(app) == []


def test_an_unknown_collector_is_refused(app, client, manager):
    login(client, manager)
    client.get("/language/en")
    result = _post(client, goal_request("collector", "ghost", "Ghost", "100"))
    assert result["performance-goal-message"]["children"] == (
        "That collector or seller no longer exists."
    )
    assert _goals(app) == []


def test_anonymous_goal_callback_is_refused(client):
    response = client.post(
        "/_dash-update-component", json=goal_request("collector", "cobra1", "Carla Cobra", "5")
    )
    assert response.status_code == 401
