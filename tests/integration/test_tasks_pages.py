"""The tasks page, "who to call today" and `cartera report worklist` through the real app.

The database holds tests.factories.build_portfolio (C1 and C3 collected by cobra1, C2 by
cobra2) plus, here, open tasks due today.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from dashboard.cli import main
from data_access.db import session_scope
from data_access.models import AuditEntry, Customer, Task, User
from tests.integration.conftest import callback_text, login

ACTION_OUTPUTS = [
    {"id": "tasks-refresh", "property": "data"},
    {"id": "tasks-message", "property": "children"},
    {"id": "tasks-message", "property": "color"},
    {"id": "tasks-message", "property": "is_open"},
]
BOARD_OUTPUTS = [
    {"id": "tasks-list", "property": "children"},
    {"id": "tasks-view", "property": "children"},
    {"id": "tasks-promises", "property": "children"},
    {"id": "tasks-broken", "property": "children"},
]


def _output(outputs: list[dict[str, str]]) -> str:
    return "...".join(f"{o['id']}.{o['property']}" for o in outputs).join(("..", ".."))


def _key(component_id: dict[str, str]) -> str:
    """A dict id as Dash's renderer writes it (sorted keys, no spaces)."""
    return json.dumps(component_id, sort_keys=True, separators=(",", ":"))


def action_request(task_id: int, *, complete: bool, assignee: str = "") -> dict[str, Any]:
    """The body Dash posts when a task's button is clicked or its select changes."""
    button = {"id": str(task_id), "type": "tasks-complete"}
    select_ = {"id": str(task_id), "type": "tasks-reassign"}
    changed = f"{_key(button)}.n_clicks" if complete else f"{_key(select_)}.value"
    return {
        "output": _output(ACTION_OUTPUTS),
        "outputs": ACTION_OUTPUTS,
        "inputs": [
            [{"id": button, "property": "n_clicks", "value": 1 if complete else None}],
            [{"id": select_, "property": "value", "value": assignee}],
        ],
        "changedPropIds": [changed],
        "state": [{"id": "tasks-refresh", "property": "data", "value": 0}],
    }


def board_request(search: str) -> dict[str, Any]:
    return {
        "output": _output(BOARD_OUTPUTS),
        "outputs": BOARD_OUTPUTS,
        "inputs": [
            {"id": "tasks-url", "property": "search", "value": search},
            {"id": "tasks-refresh", "property": "data", "value": 0},
        ],
        "changedPropIds": ["tasks-url.search"],
        "state": [],
    }


def page_request(pathname: str, search: str = "") -> dict[str, Any]:
    return {
        "output": "shell-page.children",
        "outputs": {"id": "shell-page", "property": "children"},
        "inputs": [{"id": "shell-url", "property": "pathname", "value": pathname}],
        "changedPropIds": ["shell-url.pathname"],
        "state": [{"id": "shell-url", "property": "search", "value": search}],
    }


@pytest.fixture
def tasks(app) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """One open task due today on C1 (cobra1's customer) and one on C2 (cobra2's)."""
    today = dt.date.today()
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        users = {u.username: u.id for u in sess.scalars(select(User))}
        customers = {c.code: c.id for c in sess.scalars(select(Customer))}
        rows = {
            "c1": Task(customer_id=customers["C1"], description="Llamar a Ana",
                       assignee_id=users["cobra1"], created_by_id=users["admin"],
                       due_date=today),
            "c2": Task(customer_id=customers["C2"], description="Buscar el cheque",
                       assignee_id=users["cobra2"], created_by_id=users["admin"],
                       due_date=today),
        }  # fmt: skip
        sess.add_all(rows.values())
        sess.flush()
        return {key: row.id for key, row in rows.items()} | users


def _task(app, task_id: int) -> tuple[str, int | None]:  # type: ignore[no-untyped-def]
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        task = sess.get(Task, task_id)
        assert task is not None
        return task.status, task.assignee_id


def test_a_collector_cannot_complete_or_reassign_another_collectors_task(app, client, tasks):
    login(client, "cobra1")
    client.get("/language/en")
    refused = client.post(
        "/_dash-update-component", json=action_request(tasks["c2"], complete=True)
    )
    assert refused.status_code == 200
    assert "cannot be changed" in callback_text(refused)
    moved = action_request(tasks["c2"], complete=False, assignee=str(tasks["cobra1"]))
    assert "cannot be changed" in callback_text(client.post("/_dash-update-component", json=moved))
    assert _task(app, tasks["c2"]) == ("open", tasks["cobra2"])
    with session_scope(app.server.extensions["cartera"].sessions) as sess:
        assert sess.scalars(select(AuditEntry).where(AuditEntry.entity == "task")).all() == []
    # Their own customer's task: done, and the board no longer lists it as due today.
    done = client.post("/_dash-update-component", json=action_request(tasks["c1"], complete=True))
    assert "Task marked done." in callback_text(done)
    assert _task(app, tasks["c1"])[0] == "done"
    board = callback_text(client.post("/_dash-update-component", json=board_request("")))
    assert "Llamar a Ana" not in board and "Buscar el cheque" not in board


def test_a_manager_reassigns_and_the_board_respects_the_scope(app, client, tasks):
    login(client, "admin")
    client.get("/language/en")
    board = callback_text(client.post("/_dash-update-component", json=board_request("")))
    assert "Llamar a Ana" in board and "Buscar el cheque" in board and "Due today (2)" in board
    assert "tasks-complete" in board
    moved = action_request(tasks["c2"], complete=False, assignee=str(tasks["cobra1"]))
    assert "Task reassigned." in callback_text(client.post("/_dash-update-component", json=moved))
    assert _task(app, tasks["c2"]) == ("open", tasks["cobra1"])
    # A viewer may read the board but gets no buttons and cannot act.
    client.get("/logout")
    login(client, "mira")
    client.get("/language/en")
    board = callback_text(client.post("/_dash-update-component", json=board_request("")))
    assert "Buscar el cheque" in board and "tasks-complete" not in board
    refused = client.post(
        "/_dash-update-component", json=action_request(tasks["c1"], complete=True)
    )
    assert "cannot be changed" in callback_text(refused)
    assert _task(app, tasks["c1"])[0] == "open"


def test_collector_board_filtered_by_assignee_in_the_url(client, tasks):
    login(client, "cobra2")
    client.get("/language/en")
    mine = callback_text(client.post("/_dash-update-component", json=board_request("")))
    assert "Buscar el cheque" in mine and "Llamar a Ana" not in mine
    other = board_request("?assignee=cobra1")
    assert "Nothing is due today." in callback_text(
        client.post("/_dash-update-component", json=other)
    )


def test_pages_render_and_the_worklist_link_opens_the_note(client, tasks):
    login(client, "admin")
    client.get("/language/en")
    page = callback_text(client.post("/_dash-update-component", json=page_request("/worklist")))
    assert "Who to call today" in page and "worklist-collector" in page
    page = callback_text(client.post("/_dash-update-component", json=page_request("/tasks")))
    assert "Due today (2)" in page
    wall = client.post(
        "/_dash-update-component", json=page_request("/customers/C1", "?note=new")
    ).get_json()
    modal = _find(wall, "note-modal")
    assert modal is not None and modal["props"]["is_open"] is True
    closed = client.post("/_dash-update-component", json=page_request("/customers/C1")).get_json()
    assert _find(closed, "note-modal")["props"]["is_open"] is False  # type: ignore[index]


def _find(tree: Any, component_id: str) -> dict[str, Any] | None:
    """The component with this id anywhere in a callback's JSON answer."""
    if isinstance(tree, dict):
        if tree.get("props", {}).get("id") == component_id:
            return tree
        return next((f for v in tree.values() if (f := _find(v, component_id))), None)
    if isinstance(tree, list):
        return next((f for v in tree if (f := _find(v, component_id))), None)
    return None


def _cli(app, *args: str) -> Any:  # type: ignore[no-untyped-def]
    settings = app.server.extensions["cartera"].settings
    env = {
        "DATABASE_URL": settings.database_url,
        "CARTERA_INSTANCE": str(settings.instance_path),
        "SECRET_KEY": "x" * 32,
    }
    return CliRunner().invoke(main, ["report", "worklist", *args], env=env)


def test_cli_worklist_prints_rank_score_and_parts(app):
    # cobra1 as of 2024-03-31: C1 overdue 1000.00 (the only one, so the reference → 35.0),
    # 500 × 60 + 500 × 29 = 44500 → 44.5 → 45 weighted days → 10.0, never contacted → 15.0:
    # 60.0. C3 has a
    # credit balance and nothing promised: not listed.
    result = _cli(app, "--collector", "cobra1", "--as-of", "2024-03-31", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows == [
        {
            "rank": 1,
            "customer_code": "C1",
            "customer_name": "Ferretería El Tornillo",
            "score": "60.0",
            "overdue_points": "35.0",
            "days_points": "10.0",
            "promise_today_points": "0.0",
            "broken_points": "0.0",
            "contact_points": "15.0",
            "dispute_points": "0.0",
            "overdue": "1000.00",
            "days_overdue": 45,
            "promised_today": "0.00",
            "broken_promises": 0,
            "days_since_contact": "",
            "disputed_overdue": "0.00",
            "disputed": False,
        }
    ]
    csv_text = _cli(app, "--collector", "cobra2", "--as-of", "2024-03-31").output
    header, row = csv_text.splitlines()
    assert header.startswith("rank,customer_code,customer_name,score,overdue_points,days_points")
    # C2: 0.01 overdue 152 days: 35.0 + 20.0 + 15.0 (never contacted).
    assert row.startswith("1,C2,Northwind Supplies,70.0,35.0,20.0,0.0,0.0,15.0,0.0,0.01,152,")
    missing = _cli(app, "--collector", "nobody")
    assert missing.exit_code != 0 and "no user named 'nobody'" in missing.output
