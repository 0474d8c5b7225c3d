"""Promises to pay as of a date, with what was paid towards each. Queries only.

``paid`` is summed in SQL by a correlated scalar subquery per promise over the
customer's payments (an index range scan on ``ix_payments_customer_date_cover``), so no
payment row reaches Python. The kept / broken / pending rule itself lives in
:mod:`dashboard.promises` (``states_frame``), since data_access must not import
dashboard.

The deadline (promise date plus grace days) is needed inside the subquery. Date
arithmetic is not portable, so :func:`data_access.sqlfuncs.plus_days` compiles to
``date(d, '+N days')`` on SQLite (dates are ISO text there) and to ``d + N``
(date + integer) elsewhere, with ``N`` always a bound parameter. The day a promise
was made is ``date(created_at)``, which both SQLite and PostgreSQL understand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Select,
    func,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from data_access.models import MONEY, Customer, Payment, Task
from data_access.scope import Scope
from data_access.sqlfuncs import plus_days

PROMISE_COLUMNS = ["task_id", "customer_id", "made_on", "amount", "due", "deadline", "paid"]


def _paid_towards(as_of: dt.date, grace_days: int) -> ColumnElement[Decimal]:
    """Correlated sum of the task's customer's payments inside the promise window."""
    made_on = func.date(Task.created_at)
    deadline = plus_days(Task.promise_date, grace_days)
    paid = (
        select(func.coalesce(func.sum(Payment.amount), 0))
        .where(
            Payment.customer_id == Task.customer_id,
            Payment.date >= made_on,
            Payment.date <= deadline,
            Payment.date <= as_of,
        )
        .correlate(Task)
        .scalar_subquery()
    )
    return type_coerce(paid, MONEY)


def _promise_query(
    as_of: dt.date,
    scope: Scope,
    grace_days: int,
    customer_ids: Sequence[int] | None,
    due_from: dt.date | None,
    due_to: dt.date | None,
) -> Select:
    """The promises query of :func:`promise_states`, scope and filters applied."""
    next_day = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    query = (
        select(
            Task.id,
            Task.customer_id,
            Task.created_at,
            Task.promise_amount,
            Task.promise_date,
            _paid_towards(as_of, grace_days),
        )
        .join(Customer, Customer.id == Task.customer_id)
        .where(
            scope.customer_clause(),
            Task.promise_amount.is_not(None),
            Task.promise_date.is_not(None),
            Task.status != "cancelled",
            Task.created_at < next_day,
        )
        .order_by(Task.promise_date, Task.id)
    )
    if customer_ids is not None:
        query = query.where(Customer.id.in_(list(customer_ids)))
    if due_from is not None:
        query = query.where(Task.promise_date >= due_from)
    if due_to is not None:
        query = query.where(Task.promise_date <= due_to)
    return query


def promise_states(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    grace_days: int = 0,
    customer_ids: Sequence[int] | None = None,
    due_from: dt.date | None = None,
    due_to: dt.date | None = None,
) -> pd.DataFrame:
    """Promises to pay that exist as of ``as_of``, with what was paid towards each.

    A promise is a task with a ``promise_amount`` that is not cancelled and was made
    (``created_at``) on or before ``as_of``. ``paid`` sums the customer's payments
    dated from the day it was made to ``min(deadline, as_of)``; one payment counts
    for every overlapping promise of the customer. Pass the frame to
    :func:`dashboard.promises.states_frame` for the status.

    Args:
        session: an open session (nothing is written).
        as_of: the day the question is asked.
        scope: who is asking; collectors only get their customers' promises.
        grace_days: days after the promise date that payments still count (>= 0).
        customer_ids: only these customers, when given.
        due_from: only promises whose promise date is on or after this day.
        due_to: only promises whose promise date is on or before this day.

    Returns:
        Columns ``task_id, customer_id, made_on, amount, due, deadline, paid``
        ordered by due date then task id; money columns hold ``Decimal``.

    Raises:
        ValueError: when ``grace_days`` is negative.
    """
    if grace_days < 0:
        raise ValueError(f"grace_days must be >= 0, got {grace_days}")
    query = _promise_query(as_of, scope, grace_days, customer_ids, due_from, due_to)
    grace = dt.timedelta(days=grace_days)
    rows = [
        (task_id, customer_id, created.date(), amount, due, due + grace, paid)
        for task_id, customer_id, created, amount, due, paid in session.execute(query)
    ]
    return pd.DataFrame(rows, columns=PROMISE_COLUMNS)
