"""Promises to pay as of a date, on SQLite and PostgreSQL (data_access.promises).

As of 2024-03-31, worked by hand:

C1 (collector cobra1) payments: 02-20 300.00, 03-05 200.00, 03-12 300.00, 03-18 100.00,
   04-02 1000.00 (after the as-of date).
   T1 made 03-05 16:45 promises 500.00 by 03-12: 03-05 + 03-12 = 500.00 -> kept
      (the payment on the day it was made counts, even if made before the promise).
   T2 made 03-01 promises 600.00 by 03-15: 500.00 -> broken; with 3 grace days the
      03-18 payment makes 600.00 -> kept.
   T3 made 03-10 promises 500.00 by 04-05: 03-12 + 03-18 = 400.00 -> pending (the
      04-02 payment does not exist yet); as of 04-10: 1400.00 -> kept.
   T4 done, made 03-20, 50.00 by 03-25: nothing paid -> broken (done tasks count).
   T5 cancelled (never evaluated); T6 a task with no promise; T7 made 04-01 (does
      not exist as of 03-31), 1000.00 by 04-02 -> kept as of 04-10.
   The 02-20 payment is before every promise and never counts.
C2 (collector cobra2) payment 03-10 50.00.
   T8 made 03-01 promises 50.00 by 03-10 -> kept.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dashboard.promises import states_frame
from data_access.models import Customer, Payment, Task, User
from data_access.promises import PROMISE_COLUMNS, promise_states
from data_access.scope import Scope

AS_OF = dt.date(2024, 3, 31)
D = dt.date.fromisoformat
EVERYTHING = Scope.everything()


def _task(customer: Customer, key: str, made: str, amount: str | None, due: str, **extra):
    return Task(
        description=key,
        customer_id=customer.id,
        created_at=dt.datetime.fromisoformat(made),
        due_date=D(due),
        promise_amount=Decimal(amount) if amount else None,
        promise_date=D(due) if amount else None,
        **extra,
    )


def _pay(customer: Customer, reference: str, day: str, amount: str) -> Payment:
    money = Decimal(amount)
    return Payment(
        reference=reference, customer_id=customer.id, date=D(day), amount=money, unapplied=money
    )


@pytest.fixture
def book(session):
    cobra1 = User(username="cobra1", password_hash="-", role="collector")
    cobra2 = User(username="cobra2", password_hash="-", role="collector")
    session.add_all([cobra1, cobra2])
    session.flush()
    c1 = Customer(code="C1", name="Uno", collector_id=cobra1.id)
    c2 = Customer(code="C2", name="Dos", collector_id=cobra2.id)
    session.add_all([c1, c2])
    session.flush()
    payments = [("02-20", "300.00"), ("03-05", "200.00"), ("03-12", "300.00")]
    payments += [("03-18", "100.00"), ("04-02", "1000.00")]
    session.add_all(_pay(c1, f"P{n}", f"2024-{day}", amt) for n, (day, amt) in enumerate(payments))
    session.add(_pay(c2, "Q1", "2024-03-10", "50.00"))
    tasks = {
        "T1": _task(c1, "T1", "2024-03-05 16:45:12.123456", "500.00", "2024-03-12"),
        "T2": _task(c1, "T2", "2024-03-01 09:00", "600.00", "2024-03-15"),
        "T3": _task(c1, "T3", "2024-03-10 15:00", "500.00", "2024-04-05"),
        "T4": _task(c1, "T4", "2024-03-20 08:00", "50.00", "2024-03-25", status="done"),
        "T5": _task(c1, "T5", "2024-03-01 08:00", "100.00", "2024-03-12", status="cancelled"),
        "T6": _task(c1, "T6", "2024-03-01 08:00", None, "2024-03-12"),
        "T7": _task(c1, "T7", "2024-04-01 00:00", "1000.00", "2024-04-02"),
        "T8": _task(c2, "T8", "2024-03-01 23:59:59", "50.00", "2024-03-10"),
    }
    session.add_all(tasks.values())
    session.commit()
    return {"cobra1": cobra1, "cobra2": cobra2, "c1": c1, "c2": c2, "tasks": tasks}


def summary(book, frame, as_of=AS_OF):
    """{task key: (status, paid)} from a promise_states frame."""
    names = {task.id: key for key, task in book["tasks"].items()}
    states = states_frame(frame, as_of=as_of)
    return {
        names[row.task_id]: (row.status, str(row.paid)) for row in states.itertuples(index=False)
    }


def test_statuses_and_paid_as_of(session, book):
    frame = promise_states(session, as_of=AS_OF, scope=EVERYTHING)
    assert list(frame.columns) == PROMISE_COLUMNS
    assert summary(book, frame) == {
        "T8": ("kept", "50.00"),
        "T1": ("kept", "500.00"),
        "T2": ("broken", "500.00"),
        "T4": ("broken", "0.00"),
        "T3": ("pending", "400.00"),
    }
    ordered = [book["tasks"][key].id for key in ("T8", "T1", "T2", "T4", "T3")]
    assert list(frame["task_id"]) == ordered  # by due date


def test_columns_hold_dates_and_exact_money(session, book):
    frame = promise_states(session, as_of=AS_OF, scope=EVERYTHING)
    t1 = frame[frame["task_id"] == book["tasks"]["T1"].id].iloc[0]
    assert t1["customer_id"] == book["c1"].id
    assert (t1["made_on"], t1["due"], t1["deadline"]) == (
        D("2024-03-05"),
        D("2024-03-12"),
        D("2024-03-12"),
    )
    assert t1["amount"] == Decimal("500.00") and isinstance(t1["paid"], Decimal)
    assert str(t1["paid"]) == "500.00"


@pytest.mark.parametrize(
    ("grace", "expected"),
    [
        (3, {"T8": ("kept", "50.00"), "T1": ("kept", "500.00"), "T2": ("kept", "600.00"),
             "T4": ("broken", "0.00"), "T3": ("pending", "400.00")}),
        # T4's deadline moves to 04-04, past the as-of date: still pending; T1's to
        # 03-22, so the 03-18 payment counts for it too (paid can exceed the promise).
        (10, {"T8": ("kept", "50.00"), "T1": ("kept", "600.00"), "T2": ("kept", "600.00"),
              "T4": ("pending", "0.00"), "T3": ("pending", "400.00")}),
    ],
)  # fmt: skip
def test_grace_days(session, book, grace, expected):
    frame = promise_states(session, as_of=AS_OF, scope=EVERYTHING, grace_days=grace)
    assert summary(book, frame) == expected
    t4 = frame[frame["task_id"] == book["tasks"]["T4"].id].iloc[0]
    assert t4["deadline"] == D("2024-03-25") + dt.timedelta(days=grace)


def test_as_of_cut(session, book):
    later = D("2024-04-10")
    frame = promise_states(session, as_of=later, scope=EVERYTHING)
    assert summary(book, frame, later) == {
        "T8": ("kept", "50.00"),
        "T1": ("kept", "500.00"),
        "T2": ("broken", "500.00"),
        "T4": ("broken", "0.00"),
        "T7": ("kept", "1000.00"),
        "T3": ("kept", "1400.00"),
    }
    earlier = D("2024-03-12")  # T4 not made yet; T2 still has until 03-15
    frame = promise_states(session, as_of=earlier, scope=EVERYTHING)
    assert summary(book, frame, earlier) == {
        "T8": ("kept", "50.00"),
        "T1": ("kept", "500.00"),
        "T2": ("pending", "500.00"),
        "T3": ("pending", "300.00"),
    }


def test_made_on_is_the_first_day(session, book):
    made_day = D("2024-03-05")  # T1 is made at 16:45 that day and exists all of it
    frame = promise_states(session, as_of=made_day, scope=EVERYTHING)
    assert summary(book, frame, made_day)["T1"] == ("pending", "200.00")
    frame = promise_states(session, as_of=D("2024-03-04"), scope=EVERYTHING)
    assert book["tasks"]["T1"].id not in set(frame["task_id"])


def test_collectors_see_only_their_customers(session, book):
    mine = promise_states(session, as_of=AS_OF, scope=Scope(book["cobra2"].id, "collector"))
    assert list(mine["task_id"]) == [book["tasks"]["T8"].id]
    theirs = promise_states(session, as_of=AS_OF, scope=Scope(book["cobra1"].id, "collector"))
    assert set(summary(book, theirs)) == {"T1", "T2", "T3", "T4"}
    viewer = promise_states(session, as_of=AS_OF, scope=Scope(99, "viewer"))
    assert len(viewer) == 5


def test_customer_and_due_filters(session, book):
    only_c2 = promise_states(session, as_of=AS_OF, scope=EVERYTHING, customer_ids=[book["c2"].id])
    assert set(summary(book, only_c2)) == {"T8"}
    window = promise_states(
        session, as_of=AS_OF, scope=EVERYTHING, due_from=D("2024-03-12"), due_to=D("2024-03-25")
    )
    assert list(summary(book, window)) == ["T1", "T2", "T4"]  # both ends included
    due_today = promise_states(
        session, as_of=AS_OF, scope=EVERYTHING, due_from=D("2024-04-05"), due_to=D("2024-04-05")
    )
    assert set(summary(book, due_today)) == {"T3"}
    nobody = promise_states(session, as_of=AS_OF, scope=EVERYTHING, customer_ids=[])
    assert nobody.empty and list(nobody.columns) == PROMISE_COLUMNS


def test_negative_grace_is_refused(session):
    with pytest.raises(ValueError, match="grace_days"):
        promise_states(session, as_of=AS_OF, scope=EVERYTHING, grace_days=-1)
