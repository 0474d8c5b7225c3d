"""Promises to pay: kept, broken or pending *as of* a date. Pure Python and pandas.

The rule (product spec): a promise made on ``made_on`` to pay ``amount`` by ``due`` is

* **kept** when the customer's payments dated from ``made_on`` to
  ``min(deadline, as_of)`` add up to at least ``amount``, where
  ``deadline = due + grace_days``; it is kept as soon as that happens, even before
  ``due`` (``kept_on`` is the date of the payment that completed the amount);
* **broken** when ``as_of > deadline`` and it was not kept;
* **pending** otherwise.

Payments after ``as_of`` have not happened yet. A payment counts for *every* promise
of the same customer whose window contains it: two overlapping promises of 500.00
are both kept by one payment of 500.00. This keeps the rule simple and explainable
(“did the customer pay what they promised, when they promised it?”) at the cost of
never splitting a payment between promises.

:func:`evaluate_promise` works on one promise and its payments (it can say when it
was kept); :func:`states_frame` applies the same rule to the frame returned by
:func:`data_access.promises.promise_states`, where ``paid`` was summed in SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

import pandas as pd

ZERO = Decimal("0.00")
RATE_PLACES = Decimal("0.0001")
PromiseStatus = Literal["kept", "broken", "pending"]


@dataclass(frozen=True)
class Promise:
    """A promise to pay ``amount`` by ``due``, made on ``made_on`` (a task's created_at day)."""

    id: int
    customer_id: int
    made_on: dt.date
    amount: Decimal
    due: dt.date


@dataclass(frozen=True)
class PromiseState:
    """How a promise stands as of a date.

    ``paid`` is what counted towards it (payments from ``made_on`` to
    ``min(deadline, as_of)``), which may exceed the amount; ``kept_on`` is set only
    when the promise is kept.
    """

    status: PromiseStatus
    paid: Decimal
    kept_on: dt.date | None
    deadline: dt.date


def promise_deadline(due: dt.date, grace_days: int = 0) -> dt.date:
    """The last day a payment still counts: ``due`` plus ``grace_days``.

    Raises:
        ValueError: when ``grace_days`` is negative.
    """
    if grace_days < 0:
        raise ValueError(f"grace_days must be >= 0, got {grace_days}")
    return due + dt.timedelta(days=grace_days)


def promise_status(
    *, amount: Decimal, paid: Decimal, deadline: dt.date, as_of: dt.date
) -> PromiseStatus:
    """The status from what was paid in the promise's window up to ``as_of``.

    Args:
        amount: what was promised.
        paid: payments from the day the promise was made to ``min(deadline, as_of)``.
        deadline: the promise date plus the grace days.
        as_of: the day the question is asked.

    Returns:
        ``"kept"`` if ``paid`` covers ``amount``, ``"broken"`` if the deadline has
        passed without that, ``"pending"`` otherwise.
    """
    if paid >= amount:
        return "kept"
    if as_of > deadline:
        return "broken"
    return "pending"


def evaluate_promise(
    promise: Promise,
    payments: Sequence[tuple[dt.date, Decimal]],
    *,
    as_of: dt.date,
    grace_days: int = 0,
) -> PromiseState:
    """Evaluate one promise against the customer's payments as of ``as_of``.

    Args:
        promise: the promise to pay.
        payments: ``(date, amount)`` of the promise's customer, in any order; those
            outside ``made_on .. min(deadline, as_of)`` are ignored.
        as_of: the day the question is asked.
        grace_days: days after the promise date that payments still count (>= 0).

    Returns:
        The state, with ``kept_on`` the date of the payment that completed the amount.

    Raises:
        ValueError: when the promise was made after ``as_of`` (it does not exist yet)
            or ``grace_days`` is negative.
    """
    if promise.made_on > as_of:
        raise ValueError(f"promise {promise.id} was made after {as_of.isoformat()}")
    deadline = promise_deadline(promise.due, grace_days)
    last_day = min(deadline, as_of)
    counted = sorted(
        (day, amount) for day, amount in payments if promise.made_on <= day <= last_day
    )
    paid, kept_on = ZERO, None
    for day, amount in counted:
        paid += amount
        if kept_on is None and paid >= promise.amount:
            kept_on = day
    status = promise_status(amount=promise.amount, paid=paid, deadline=deadline, as_of=as_of)
    return PromiseState(status=status, paid=paid, kept_on=kept_on, deadline=deadline)


def kept_rate(states: Iterable[PromiseState]) -> Decimal | None:
    """Share of decided promises that were kept: kept / (kept + broken).

    Pending promises are left out. Returns None when no promise is decided yet,
    else a Decimal between 0 and 1 rounded half-up to four places.
    """
    kept = broken = 0
    for state in states:
        kept += state.status == "kept"
        broken += state.status == "broken"
    if kept + broken == 0:
        return None
    return (Decimal(kept) / Decimal(kept + broken)).quantize(RATE_PLACES, ROUND_HALF_UP)


def states_frame(frame: pd.DataFrame, *, as_of: dt.date) -> pd.DataFrame:
    """Add a ``status`` column to a frame of promises with ``paid`` already summed.

    Args:
        frame: rows with at least ``amount``, ``paid`` and ``deadline`` (as returned
            by :func:`data_access.promises.promise_states` for the same ``as_of``).
        as_of: the day the question is asked.

    Returns:
        A copy of ``frame`` with ``status`` (kept, broken or pending). There is no
        ``kept_on`` here: use :func:`evaluate_promise` when the day matters.
    """
    result = frame.copy()
    result["status"] = pd.Series(
        [
            promise_status(amount=amount, paid=paid, deadline=deadline, as_of=as_of)
            for amount, paid, deadline in zip(
                result["amount"], result["paid"], result["deadline"], strict=True
            )
        ],
        index=result.index,
        dtype=object,
    )
    return result
