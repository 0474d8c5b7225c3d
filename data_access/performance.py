"""Per collector and per seller figures for the performance page. Queries only.

Every figure is aggregated in SQL with one ``GROUP BY`` over the owner's id (never one
query per collector or seller). Who owns what:

* **Work** (contacts, customers covered, promises obtained) belongs to the user who did
  it when grouping by collector (the note's author, the promise's creator), and to the
  customer's seller when grouping by seller.
* **Money** (collections, the portfolio) belongs to the customer's *current* collector or
  seller: a customer reassigned last week counts entirely for its new collector.

A collector's scope (:class:`~data_access.scope.Scope`) keeps them to their customers
and, grouped by collector, to their own row. Monthly goals are in :mod:`data_access.goals`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import case, func, select, type_coerce
from sqlalchemy.orm import Session

from data_access.models import (
    MONEY,
    AgingSnapshot,
    Customer,
    Document,
    Note,
    Payment,
    Seller,
    Task,
    User,
)
from data_access.portfolio import exposure_select, needs_rewind, unapplied_by_customer
from data_access.promises import PROMISE_COLUMNS, promise_states
from data_access.scope import Scope
from data_access.snapshots import missing_snapshots

BY = ("collector", "seller")
ZERO = Decimal("0.00")

DailyAmounts = dict[int, dict[dt.date, Decimal]]


@dataclass(frozen=True)
class Owner:
    """A collector (a user) or a seller: id, key (username or seller code) and name."""

    id: int
    key: str
    name: str


def check_by(by: str) -> None:
    """Refuse a grouping other than ``"collector"`` or ``"seller"`` (ValueError)."""
    if by not in BY:
        raise ValueError(f"cannot group by {by!r}: use collector or seller")


def _customer_owner(by: str) -> Any:
    return Customer.collector_id if by == "collector" else Customer.seller_id


def _restrict(query: Any, owner: Any, scope: Scope, by: str) -> Any:
    """Scope the customers; a collector grouped by collector sees only their own row."""
    query = query.where(scope.customer_clause())
    if scope.restricted and by == "collector":
        query = query.where(owner == scope.user_id)
    return query


def _days(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The timestamps ``[first 00:00, day after last 00:00)`` of a period of whole days."""
    return dt.datetime.combine(first, dt.time()), dt.datetime.combine(
        last + dt.timedelta(days=1), dt.time()
    )


def owners(session: Session, *, by: str) -> dict[int, Owner]:
    """Every collector candidate (any user) or every seller, by id."""
    check_by(by)
    if by == "collector":
        query = select(User.id, User.username, User.full_name)
    else:
        query = select(Seller.id, Seller.code, Seller.name)
    return {oid: Owner(oid, key, name or key) for oid, key, name in session.execute(query)}


def collector_ids(session: Session, *, scope: Scope) -> list[int]:
    """Users who collect: active users with the collector role, and anyone assigned customers.

    A collector's scope gives only themselves.
    """
    if scope.restricted:
        return [scope.user_id] if scope.user_id is not None else []
    role = select(User.id).where(User.role == "collector", User.active.is_(True))
    assigned = select(Customer.collector_id).where(Customer.collector_id.is_not(None)).distinct()
    return sorted({*session.scalars(role), *session.scalars(assigned)})


def seller_ids(session: Session, *, scope: Scope) -> list[int]:
    """Every seller (for a collector: the sellers of their customers)."""
    if scope.restricted:
        query = select(Customer.seller_id).where(
            scope.customer_clause(), Customer.seller_id.is_not(None)
        )
        return sorted(set(session.scalars(query.distinct())))
    return sorted(session.scalars(select(Seller.id)))


def contacts_by_owner(
    session: Session, *, first: dt.date, last: dt.date, scope: Scope, by: str
) -> dict[int, tuple[int, int]]:
    """Notes written from ``first`` to ``last`` (UTC days): ``owner id -> (notes, customers)``.

    ``customers`` counts the distinct customers with at least one of those notes.
    """
    check_by(by)
    owner = Note.author_id if by == "collector" else Customer.seller_id
    start, end = _days(first, last)
    query = (
        select(owner, func.count(Note.id), func.count(func.distinct(Note.customer_id)))
        .join(Customer, Customer.id == Note.customer_id)
        .where(Note.created_at >= start, Note.created_at < end, owner.is_not(None))
        .group_by(owner)
    )
    rows = session.execute(_restrict(query, owner, scope, by))
    return {oid: (int(notes), int(customers)) for oid, notes, customers in rows}


def _promise_owner(by: str) -> Any:
    return Task.created_by_id if by == "collector" else Customer.seller_id


def promises_made_by_owner(
    session: Session, *, first: dt.date, last: dt.date, scope: Scope, by: str
) -> dict[int, int]:
    """Promises to pay (tasks with an amount, not cancelled) made from ``first`` to ``last``."""
    check_by(by)
    owner = _promise_owner(by)
    start, end = _days(first, last)
    query = (
        select(owner, func.count(Task.id))
        .join(Customer, Customer.id == Task.customer_id)
        .where(
            Task.promise_amount.is_not(None),
            Task.status != "cancelled",
            Task.created_at >= start,
            Task.created_at < end,
            owner.is_not(None),
        )
        .group_by(owner)
    )
    return {oid: int(count) for oid, count in session.execute(_restrict(query, owner, scope, by))}


def promises_due_by_owner(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    scope: Scope,
    by: str,
    grace_days: int = 0,
) -> pd.DataFrame:
    """Promises whose deadline (promise date + grace days) falls from ``first`` to ``last``.

    The rows of :func:`data_access.promises.promise_states` as of ``last`` plus an
    ``owner_id`` column (the promise's creator, or its customer's seller); promises
    without an owner are left out. Pass it to ``dashboard.promises.states_frame``.
    """
    check_by(by)
    due_from = first - dt.timedelta(days=grace_days)
    frame = promise_states(
        session, as_of=last, scope=scope, grace_days=grace_days, due_from=due_from, due_to=last
    )
    owner = _promise_owner(by)
    query = _restrict(
        select(Task.id, owner)
        .join(Customer, Customer.id == Task.customer_id)
        .where(
            Task.promise_amount.is_not(None),
            Task.promise_date >= due_from,
            Task.promise_date <= last,
            owner.is_not(None),
        ),
        owner,
        scope,
        by,
    )
    owner_of = {oid: value for oid, value in session.execute(query)}
    frame["owner_id"] = [owner_of.get(task_id) for task_id in frame["task_id"]]
    in_period = (frame["deadline"] >= first) & (frame["deadline"] <= last)
    kept = frame[frame["owner_id"].notna() & in_period]
    result = kept.reset_index(drop=True)
    result["owner_id"] = result["owner_id"].astype(int)
    return result.reindex(columns=[*PROMISE_COLUMNS, "owner_id"])


def _daily(session: Session, query: Any) -> DailyAmounts:
    daily: DailyAmounts = {}
    for oid, day, amount in session.execute(query):
        daily.setdefault(oid, {})[day] = amount
    return daily


def daily_sales_by_owner(
    session: Session, *, first: dt.date, last: dt.date, scope: Scope, by: str
) -> DailyAmounts:
    """Net credit sales (invoices + debit notes - credit notes) per owner and issue day."""
    check_by(by)
    owner = _customer_owner(by)
    signed = case((Document.kind == "credit_note", -Document.amount), else_=Document.amount)
    query = (
        select(owner, Document.issue_date, type_coerce(func.sum(signed), MONEY))
        .join(Customer, Customer.id == Document.customer_id)
        .where(Document.issue_date >= first, Document.issue_date <= last, owner.is_not(None))
        .group_by(owner, Document.issue_date)
    )
    return _daily(session, _restrict(query, owner, scope, by))


def daily_collected_by_owner(
    session: Session, *, first: dt.date, last: dt.date, scope: Scope, by: str
) -> DailyAmounts:
    """Payments per owner (the customer's current collector or seller) and payment day."""
    check_by(by)
    owner = _customer_owner(by)
    query = (
        select(owner, Payment.date, type_coerce(func.sum(Payment.amount), MONEY))
        .join(Customer, Customer.id == Payment.customer_id)
        .where(Payment.date >= first, Payment.date <= last, owner.is_not(None))
        .group_by(owner, Payment.date)
    )
    return _daily(session, _restrict(query, owner, scope, by))


POSITION_COLUMNS = [
    "customer_id",
    "collector_id",
    "seller_id",
    "receivable",
    "overdue",
    "open_total",
]


def _overdue_sum(columns: Sequence[Any]) -> Any:
    return type_coerce(sum(columns[1:], columns[0]), MONEY)


def _snapshot_positions(as_of: dt.date, scope: Scope, bands: int) -> Any:
    overdue = _overdue_sum([getattr(AgingSnapshot, f"b{i}") for i in range(1, bands)])
    return (
        select(
            Customer.id,
            Customer.collector_id,
            Customer.seller_id,
            AgingSnapshot.balance,
            overdue,
            AgingSnapshot.open_total,
        )
        .join(Customer, Customer.id == AgingSnapshot.customer_id)
        .where(AgingSnapshot.as_of == as_of, scope.customer_clause())
    )


def _computed_positions(
    session: Session, as_of: dt.date, scope: Scope, boundaries: Sequence[int]
) -> list[tuple[Any, ...]]:
    rewind = needs_rewind(session, as_of)
    exposure = exposure_select(as_of, scope=scope, boundaries=boundaries, rewind=rewind).subquery()
    bands = len(boundaries) + 2
    overdue = _overdue_sum([exposure.c[f"b{i}"] for i in range(1, bands)])
    query = select(
        Customer.id, Customer.collector_id, Customer.seller_id, exposure.c.open_total, overdue
    ).join(Customer, Customer.id == exposure.c.customer_id)
    credit = unapplied_by_customer(session, as_of=as_of, scope=scope, rewind=rewind)
    rows = {
        cid: [cid, collector, seller, open_total - credit.get(cid, ZERO), due, open_total]
        for cid, collector, seller, open_total, due in session.execute(query)
    }
    missing = [cid for cid in credit if cid not in rows]
    if missing:
        owners_of = select(Customer.id, Customer.collector_id, Customer.seller_id).where(
            Customer.id.in_(missing)
        )
        for cid, collector, seller in session.execute(owners_of):
            rows[cid] = [cid, collector, seller, -credit[cid], ZERO, ZERO]
    return [tuple(row) for row in rows.values()]


def customer_positions(
    session: Session, *, as_of: dt.date, scope: Scope, boundaries: Sequence[int]
) -> pd.DataFrame:
    """Each visible customer's receivable, overdue and open charges as of ``as_of``.

    Read from the aging snapshot when that day has a current one, otherwise computed
    with the same query the snapshot is built from
    (:func:`data_access.portfolio.exposure_select`), without writing anything: a past
    day costs one read, and a read-only database works.

    Returns:
        Columns ``customer_id, collector_id, seller_id`` (None when unassigned),
        ``receivable`` (open charges - unapplied credit), ``overdue`` (past due) and
        ``open_total`` (all open charges); money as Decimal. Customers with nothing
        open and no credit are left out.
    """
    if missing_snapshots(session, [as_of], boundaries=boundaries):
        rows = _computed_positions(session, as_of, scope, boundaries)
    else:
        query = _snapshot_positions(as_of, scope, len(boundaries) + 2)
        rows = [tuple(row) for row in session.execute(query)]
    return pd.DataFrame(rows, columns=POSITION_COLUMNS)
