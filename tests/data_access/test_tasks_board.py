"""The tasks board and the worklist's queries, on SQLite and PostgreSQL.

The portfolio is tests.factories.build_portfolio as of 2024-03-31 (C1 and C3 collected
by cobra1, C2 by cobra2). Here it also gets tasks in every state and view, notes and
promises to pay:

  t1  C1  open, due 04-03 (pending)    assignee cobra1, supervisor admin
  t2  C1  open, due 03-31 (today)      assignee admin,  supervisor cobra1
  t3  C2  open, due 03-26 (overdue)    assignee cobra1 (on cobra2's customer)
  t4  C2  open, due 03-31 (today)      assignee cobra2
  t5  C1  done 03-21 (done, recent)    assignee cobra1
  t6  C1  done 02-15 (done 45 days ago: not on the board)
  t7  C1  cancelled, due 03-31         (never on the board)
  p1  C1  promise 300.00 for 03-15, made 03-01: nothing paid by then → broken;
          a note on 03-21 followed it up
  p2  C1  promise 200.00 for 03-25, made 03-01: P-2 paid 100.00 on 03-20 → broken,
          no note since (the last is 03-21) → needs a contact
  p3  C3  promise 50.00 for 03-31, made 03-28: nothing paid → pending, due today
  F-2 (C1, 500.00 open, due 03-02) is disputed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.aging import AgingBuckets
from dashboard.worklist_service import load_promise_panels, load_worklist
from data_access.models import Document, Note, Task
from data_access.scope import Scope
from data_access.snapshots import ensure_snapshot
from data_access.tasks_board import TaskFilter, board_people, task_board, task_counts
from data_access.worklist import (
    collector_customers,
    collectors,
    disputed_amounts,
    last_contacts,
    overdue_positions,
)
from tests.factories import AS_OF, build_portfolio

D = Decimal


def _at(day: str, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour))


def _task(customer: Any, created_by: Any, description: str, due: str, **extra: Any) -> Task:
    return Task(
        customer_id=customer.id,
        description=description,
        created_by_id=created_by.id,
        created_at=extra.pop("created_at", _at("2024-03-01")),
        due_date=dt.date.fromisoformat(due),
        status=extra.pop("status", "open"),
        **extra,
    )


@pytest.fixture
def book(session: Session) -> dict[str, Any]:
    data: dict[str, Any] = build_portfolio(session)
    c1, c2, c3, _ = data["customers"]
    admin, cobra1, cobra2 = data["admin"], data["cobra1"], data["cobra2"]
    tasks = {
        "t1": _task(c1, admin, "Llamar", "2024-04-03", assignee_id=cobra1.id,
                    supervisor_id=admin.id),
        "t2": _task(c1, admin, "Visitar", "2024-03-31", assignee_id=admin.id,
                    supervisor_id=cobra1.id),
        "t3": _task(c2, admin, "Buscar cheque", "2024-03-26", assignee_id=cobra1.id),
        "t4": _task(c2, admin, "Confirmar", "2024-03-31", assignee_id=cobra2.id),
        "t5": _task(c1, admin, "Hecha", "2024-03-20", assignee_id=cobra1.id, status="done",
                    completed_at=_at("2024-03-21")),
        "t6": _task(c1, admin, "Vieja", "2024-02-10", assignee_id=cobra1.id, status="done",
                    completed_at=_at("2024-02-15")),
        "t7": _task(c1, admin, "Anulada", "2024-03-31", assignee_id=cobra1.id,
                    status="cancelled"),
        "p1": _task(c1, cobra1, "Promesa 1", "2024-03-15", assignee_id=cobra1.id,
                    status="done", completed_at=_at("2024-03-16"),
                    promise_amount=D("300.00"), promise_date=dt.date(2024, 3, 15)),
        "p2": _task(c1, cobra1, "Promesa 2", "2024-03-25", assignee_id=cobra1.id,
                    status="done", completed_at=_at("2024-03-26"),
                    promise_amount=D("200.00"), promise_date=dt.date(2024, 3, 25)),
        "p3": _task(c3, cobra1, "Promesa 3", "2024-03-31", assignee_id=cobra1.id,
                    status="done", completed_at=_at("2024-03-28"), created_at=_at("2024-03-28"),
                    promise_amount=D("50.00"), promise_date=dt.date(2024, 3, 31)),
    }  # fmt: skip
    session.add_all(tasks.values())
    for customer, day in ((c1, "2024-03-01"), (c1, "2024-03-21"), (c1, "2024-04-02")):
        session.add(
            Note(customer_id=customer.id, author_id=cobra1.id, channel="call", reason="forgot",
                 body="Llamada", created_at=_at(day))
        )  # fmt: skip
    f2 = session.scalars(select(Document).where(Document.number == "F-2")).one()
    f2.disputed = True
    session.flush()
    return {**data, "tasks": {key: task.id for key, task in tasks.items()}}


def _ids(frame: Any, book: dict[str, Any]) -> list[str]:
    names = {task_id: key for key, task_id in book["tasks"].items()}
    return [names[task_id] for task_id in frame["task_id"]]


def test_views_split_open_tasks_by_due_date_and_list_recent_done(session, book):
    everyone = Scope.everything()
    views = {
        view: _ids(task_board(session, scope=everyone, today=AS_OF, view=view), book)
        for view in ("pending", "today", "overdue", "done")
    }
    assert views == {
        "pending": ["t1"],
        "today": ["t2", "t4"],
        "overdue": ["t3"],
        "done": ["p3", "p2", "t5", "p1"],  # newest first; t6 (02-15) is too old
    }
    assert task_counts(session, scope=everyone, today=AS_OF) == {
        "pending": 1,
        "today": 2,
        "overdue": 1,
        "done": 4,
    }
    row = task_board(session, scope=everyone, today=AS_OF, view="pending").iloc[0]
    assert (row["customer_code"], row["assignee_name"], row["supervisor_name"]) == (
        "C1",
        "Carla Cobra",
        "Ada Admin",
    )
    assert bool(row["can_act"]) is True


def test_a_collector_sees_tasks_assigned_to_them_or_on_their_customers(session, book):
    cobra1 = Scope(user_id=book["cobra1"].id, role="collector")
    today = task_board(session, scope=cobra1, today=AS_OF, view="today")
    overdue = task_board(session, scope=cobra1, today=AS_OF, view="overdue")
    # t2 is on C1 (theirs, assigned to admin); t4 is cobra2's task on cobra2's customer.
    assert _ids(today, book) == ["t2"]
    # t3 is assigned to cobra1 on C2: listed, but activity.complete_task would refuse it.
    assert _ids(overdue, book) == ["t3"]
    assert list(today["can_act"]) == [True] and list(overdue["can_act"]) == [False]
    cobra2 = Scope(user_id=book["cobra2"].id, role="collector")
    assert _ids(task_board(session, scope=cobra2, today=AS_OF, view="today"), book) == ["t4"]
    assert task_counts(session, scope=cobra2, today=AS_OF) == {
        "pending": 0,
        "today": 1,
        "overdue": 1,
        "done": 0,
    }
    viewer = Scope(user_id=book["viewer"].id, role="viewer")
    assert not task_board(session, scope=viewer, today=AS_OF, view="today")["can_act"].any()


def test_filters_by_assignee_and_supervisor(session, book):
    everyone = Scope.everything()
    mine = TaskFilter(assignee="cobra1")
    assert _ids(task_board(session, scope=everyone, today=AS_OF, view="overdue", filters=mine),
                book) == ["t3"]  # fmt: skip
    supervised = TaskFilter(supervisor="cobra1")
    assert task_counts(session, scope=everyone, today=AS_OF, filters=supervised) == {
        "pending": 0,
        "today": 1,
        "overdue": 0,
        "done": 0,
    }
    nobody = TaskFilter(assignee="nobody-by-that-name")
    assert task_board(session, scope=everyone, today=AS_OF, view="today", filters=nobody).empty
    assert ("cobra1", "Carla Cobra") in board_people(session)
    assert "mira" not in [username for username, _ in board_people(session)]


def test_worklist_queries_read_the_snapshot_notes_and_disputes(session, book):
    cobra1 = Scope(user_id=book["cobra1"].id, role="collector")
    c1, _, c3, _ = book["customers"]
    ensure_snapshot(session, as_of=AS_OF, boundaries=(30, 60, 90, 120))
    customers = collector_customers(cobra1, None)  # a collector always gets their own
    positions = overdue_positions(session, as_of=AS_OF, customers=customers, bands=6)
    # C1: F-1 500.00 × 60 days + F-2 500.00 × 29 days; C3 has a credit balance: left out.
    assert positions[["code", "balance", "overdue"]].values.tolist() == [
        ["C1", D("1250.00"), D("1000.00")]
    ]
    assert positions.iloc[0]["overdue_day_amount"] == pytest.approx(44500.0)
    # The note of 04-02 is after the date: not yet written.
    assert last_contacts(session, customers, as_of=AS_OF) == {c1.id: dt.date(2024, 3, 21)}
    disputes = disputed_amounts(session, customers, as_of=AS_OF)
    assert disputes.values.tolist() == [[c1.id, D("500.00"), D("500.00")]]
    assert [username for _, username, _ in collectors(session, scope=Scope.everything())] == [
        "cobra1",
        "cobra2",
    ]
    assert c3.id not in set(positions["customer_id"])


def test_worklist_ranks_the_hand_worked_customers(session, book):
    # C1: overdue 1000.00 is the only one, so the reference → 35.0; 44500/1000 = 44.5 → 45
    #     days → 10.0; p2 broken without a contact since → 15.0; 10 days since 03-21 →
    #     15 × 3/8 = 5.625 → 5.6;
    #     F-2 disputed: −15 × 500/1000 = −7.5                        → 58.1
    # C3: p3 due today, pending → 15.0; never contacted → 15.0       → 30.0
    ranked = load_worklist(
        session,
        as_of=AS_OF,
        scope=Scope.everything(),
        collector_id=book["cobra1"].id,
        buckets=AgingBuckets(),
        grace_days=0,
    )
    assert [(r.customer.code, r.score) for r in ranked] == [("C1", D("58.1")), ("C3", D("30.0"))]
    c1 = ranked[0]
    assert (c1.customer.days_overdue, c1.customer.broken, c1.customer.days_since_contact) == (
        45,
        1,
        10,
    )
    assert c1.parts.dispute == D("-7.5") and c1.customer.disputed
    assert ranked[1].customer.promised_today == D("50.00")
    # cobra2's list: C2 owes 0.01 for 152 days; a collector's scope ignores the id asked for.
    cobra2 = Scope(user_id=book["cobra2"].id, role="collector")
    theirs = load_worklist(
        session,
        as_of=AS_OF,
        scope=cobra2,
        collector_id=book["cobra1"].id,
        buckets=AgingBuckets(),
        grace_days=0,
    )
    assert [(r.customer.code, r.customer.days_overdue) for r in theirs] == [("C2", 152)]


def test_promise_panels_due_today_and_broken_waiting_for_a_contact(session, book):
    panels = load_promise_panels(session, today=AS_OF, scope=Scope.everything(), grace_days=0)
    assert panels.due_today[["code", "amount", "status"]].values.tolist() == [
        ["C3", D("50.00"), "pending"]
    ]
    assert panels.broken[["code", "amount", "paid", "last_contact"]].values.tolist() == [
        ["C1", D("200.00"), D("100.00"), dt.date(2024, 3, 21)]
    ]
    # With 10 grace days p2's deadline is 04-04 (still pending) and p1's is 03-25: it
    # broke after the note of 03-21, so now p1 is the one waiting for a contact.
    graced = load_promise_panels(session, today=AS_OF, scope=Scope.everything(), grace_days=10)
    assert graced.broken[["code", "amount"]].values.tolist() == [["C1", D("300.00")]]
    cobra2 = Scope(user_id=book["cobra2"].id, role="collector")
    theirs = load_promise_panels(session, today=AS_OF, scope=cobra2, grace_days=0)
    assert theirs.due_today.empty and theirs.broken.empty
