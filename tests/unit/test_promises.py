"""Promises to pay: kept, broken or pending, worked by hand (dashboard.promises)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from dashboard.promises import (
    Promise,
    PromiseState,
    evaluate_promise,
    kept_rate,
    promise_deadline,
    states_frame,
)

D = dt.date.fromisoformat
# Promised on 2024-03-01 to pay 500.00 by 2024-03-15.
PROMISE = Promise(
    id=1, customer_id=7, made_on=D("2024-03-01"), amount=Decimal("500.00"), due=D("2024-03-15")
)


def pays(text: str) -> list[tuple[dt.date, Decimal]]:
    """'03-05 200.00, 03-10 100.00' -> dated payments in 2024."""
    pairs = [item.split() for item in text.split(",") if item.strip()]
    return [(D(f"2024-{day}"), Decimal(amount)) for day, amount in pairs]


# name, payments (2024), as_of (2024), grace days, status, paid, kept_on (2024)
CASES = [
    ("no payments", "", "03-31", 0, "broken", "0.00", None),
    ("kept exactly on the date", "03-15 500.00", "03-31", 0, "kept", "500.00", "03-15"),
    ("kept by several, any order", "03-15 200.00, 03-05 200.00, 03-10 100.00", "03-31", 0,
     "kept", "500.00", "03-15"),
    ("overpaid: kept on first covering day", "03-10 500.00, 03-12 100.00", "03-31", 0,
     "kept", "600.00", "03-10"),
    ("partially paid is broken", "03-10 300.00", "03-31", 0, "broken", "300.00", None),
    ("a cent short is broken", "03-10 499.99", "03-31", 0, "broken", "499.99", None),
    ("paid a day late, no grace", "03-16 500.00", "03-31", 0, "broken", "0.00", None),
    ("paid within grace is kept", "03-18 500.00", "03-31", 3, "kept", "500.00", "03-18"),
    ("paid after grace is broken", "03-19 500.00", "03-31", 3, "broken", "0.00", None),
    ("as_of inside grace is pending", "", "03-17", 3, "pending", "0.00", None),
    ("as_of on the deadline is pending", "", "03-18", 3, "pending", "0.00", None),
    ("day after deadline is broken", "", "03-19", 3, "broken", "0.00", None),
    ("due today is pending", "", "03-15", 0, "pending", "0.00", None),
    ("payment before made_on ignored", "02-29 500.00", "03-31", 0, "broken", "0.00", None),
    ("payment on made_on counts", "03-01 500.00", "03-31", 0, "kept", "500.00", "03-01"),
    ("payment after as_of ignored", "03-12 500.00", "03-10", 0, "pending", "0.00", None),
    ("partial before due is pending", "03-05 200.00", "03-10", 0, "pending", "200.00", None),
    ("kept before the due date", "03-08 500.00", "03-10", 0, "kept", "500.00", "03-08"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("payments", "as_of", "grace", "status", "paid", "kept_on"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_evaluate_promise(payments, as_of, grace, status, paid, kept_on):
    state = evaluate_promise(PROMISE, pays(payments), as_of=D(f"2024-{as_of}"), grace_days=grace)
    assert state == PromiseState(
        status=status,
        paid=Decimal(paid),
        kept_on=D(f"2024-{kept_on}") if kept_on else None,
        deadline=PROMISE.due + dt.timedelta(days=grace),
    )


@pytest.mark.parametrize(
    ("due", "grace", "deadline"),
    [("2024-03-15", 0, "2024-03-15"), ("2024-03-15", 3, "2024-03-18"),
     ("2024-02-28", 1, "2024-02-29"), ("2024-03-30", 2, "2024-04-01"),
     ("2023-12-31", 1, "2024-01-01")],
)  # fmt: skip
def test_promise_deadline(due, grace, deadline):
    assert promise_deadline(D(due), grace) == D(deadline)


def test_grace_crosses_a_leap_day():
    promise = Promise(2, 7, D("2024-02-27"), Decimal("10.00"), D("2024-02-28"))
    state = evaluate_promise(promise, pays("02-29 10.00"), as_of=D("2024-03-31"), grace_days=1)
    assert (state.status, state.kept_on) == ("kept", D("2024-02-29"))


def test_promise_made_after_as_of_does_not_exist_yet():
    with pytest.raises(ValueError, match="made after 2024-02-29"):
        evaluate_promise(PROMISE, [], as_of=D("2024-02-29"))


def test_negative_grace_is_refused():
    with pytest.raises(ValueError, match="grace_days"):
        evaluate_promise(PROMISE, [], as_of=D("2024-03-31"), grace_days=-1)
    with pytest.raises(ValueError, match="grace_days"):
        promise_deadline(D("2024-03-15"), -1)


def state(status):
    return PromiseState(status, paid=Decimal("0.00"), kept_on=None, deadline=D("2024-03-15"))


@pytest.mark.parametrize(
    ("statuses", "rate"),
    [
        ([], None),
        (["pending", "pending"], None),
        (["kept"], "1.0000"),
        (["broken"], "0.0000"),
        (["kept", "broken", "pending"], "0.5000"),
        (["kept", "broken", "broken"], "0.3333"),
        (["kept", "kept", "broken"], "0.6667"),
    ],
)
def test_kept_rate(statuses, rate):
    expected = None if rate is None else Decimal(rate)
    assert kept_rate(state(s) for s in statuses) == expected


def test_states_frame_applies_the_same_rule():
    frame = pd.DataFrame(
        {
            "task_id": [1, 2, 3, 4],
            "amount": [Decimal("500.00")] * 4,
            "deadline": [D("2024-03-15"), D("2024-03-15"), D("2024-03-31"), D("2024-04-15")],
            "paid": [Decimal("500.00"), Decimal("499.99"), Decimal("0.00"), Decimal("600.00")],
        }
    )
    result = states_frame(frame, as_of=D("2024-03-31"))
    assert list(result["status"]) == ["kept", "broken", "pending", "kept"]
    assert "status" not in frame.columns  # the input is left alone


def test_states_frame_on_no_promises():
    empty = pd.DataFrame(columns=["task_id", "amount", "deadline", "paid"])
    result = states_frame(empty, as_of=D("2024-03-31"))
    assert result.empty
    assert list(result.columns) == ["task_id", "amount", "deadline", "paid", "status"]
