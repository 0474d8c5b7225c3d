"""What "who to call today" needs per customer, read from the aging snapshot. Queries only.

Overdue amounts and days come from the per-customer aging snapshot of the date
(:mod:`data_access.snapshots`; the caller ensures it exists), so a collector's list
of a thousand customers is one indexed read, not an aging of their invoices. The
score itself is computed by :mod:`dashboard.worklist`; promises' states by
:mod:`dashboard.promises` from :func:`data_access.promises.promise_states`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import Select, case, func, select, type_coerce
from sqlalchemy.orm import Session

from data_access.models import CHARGE_KINDS, MONEY, AgingSnapshot, Customer, Document, Note, User
from data_access.scope import Scope

POSITION_COLUMNS = ["customer_id", "code", "name", "balance", "overdue", "overdue_day_amount"]
DISPUTE_COLUMNS = ["customer_id", "disputed_open", "disputed_overdue"]


def collector_customers(scope: Scope, collector_id: int | None) -> Select:
    """SELECT of the ids of one collector's customers that the scope may see.

    A restricted scope (a collector) always gets its own customers, whatever
    ``collector_id`` says; ``None`` means the customers nobody collects.
    """
    query = select(Customer.id).where(scope.customer_clause())
    if scope.restricted:
        return query
    if collector_id is None:
        return query.where(Customer.collector_id.is_(None))
    return query.where(Customer.collector_id == collector_id)


def overdue_positions(
    session: Session, *, as_of: dt.date, customers: Select, bands: int
) -> pd.DataFrame:
    """The customers owing something overdue as of ``as_of`` (snapshot rows).

    Only rows with overdue > 0 (buckets 1 … N) and balance > 0: a customer whose
    unapplied credit covers what it owes has nothing to collect.

    Args:
        session: an open session; the snapshot of ``as_of`` must exist.
        as_of: the snapshot date.
        customers: SELECT of the customer ids to consider (see :func:`collector_customers`).
        bands: how many aging bands the snapshot was built with (current included).

    Returns:
        Columns :data:`POSITION_COLUMNS`; money as Decimal, ``overdue_day_amount`` the
        sum of open amount × days overdue (a float).
    """
    overdue = type_coerce(
        sum((getattr(AgingSnapshot, f"b{i}") for i in range(2, bands)), AgingSnapshot.b1), MONEY
    )
    query = (
        select(
            AgingSnapshot.customer_id,
            Customer.code,
            Customer.name,
            AgingSnapshot.balance,
            overdue,
            AgingSnapshot.overdue_day_amount,
        )
        .join(Customer, Customer.id == AgingSnapshot.customer_id)
        .where(
            AgingSnapshot.as_of == as_of,
            AgingSnapshot.customer_id.in_(customers),
            AgingSnapshot.balance > 0,
            overdue > 0,
        )
    )
    rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=POSITION_COLUMNS)


def last_contacts(
    session: Session, customers: Select | Sequence[int], *, as_of: dt.date
) -> dict[int, dt.date]:
    """The day of each customer's latest note written on or before ``as_of``."""
    ids = customers if isinstance(customers, Select) else list(customers)
    cutoff = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    query = (
        select(Note.customer_id, func.max(Note.created_at))
        .where(Note.customer_id.in_(ids), Note.created_at < cutoff)
        .group_by(Note.customer_id)
    )
    return {customer_id: _day(at) for customer_id, at in session.execute(query)}


def _day(value: Any) -> dt.date:
    """A DATETIME aggregate as a date (SQLite's ``max`` returns the stored text)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def disputed_amounts(session: Session, customers: Select, *, as_of: dt.date) -> pd.DataFrame:
    """Open amounts of the disputed invoices and debit notes of each customer.

    ``disputed`` is a flag without history, so this is the open amount as it stands
    now of the charges issued on or before ``as_of``; ``disputed_overdue`` keeps
    those due before ``as_of``. Customers without disputes are left out.

    Returns:
        Columns :data:`DISPUTE_COLUMNS` (Decimal).
    """
    overdue = case((Document.due_date < as_of, Document.open_amount), else_=0)
    query = (
        select(
            Document.customer_id,
            type_coerce(func.sum(Document.open_amount), MONEY),
            type_coerce(func.sum(overdue), MONEY),
        )
        .where(
            Document.customer_id.in_(customers),
            Document.settled_on.is_(None),
            Document.kind.in_(CHARGE_KINDS),
            Document.disputed.is_(True),
            Document.open_amount > 0,
            Document.issue_date <= as_of,
        )
        .group_by(Document.customer_id)
    )
    rows = session.execute(query).all()
    return pd.DataFrame(rows, columns=DISPUTE_COLUMNS)


def collectors(session: Session, *, scope: Scope) -> list[tuple[int, str, str]]:
    """(id, username, name) of the users who collect customers the scope may see."""
    visible = select(Customer.collector_id).where(scope.customer_clause())
    rows = session.execute(
        select(User.id, User.username, User.full_name)
        .where(User.id.in_(visible))
        .order_by(User.full_name, User.username)
    )
    return [(user_id, username, name or username) for user_id, username, name in rows]
