"""Reads behind the collections page: payments summed in SQL, lateness, open charges.

Every read takes the user's :class:`~data_access.scope.Scope` and a
:class:`~data_access.portfolio.CustomerFilter` (seller, collector); payment sums
are grouped in SQL (per day, per customer, per method) over the covering index
``ix_payments_date_cover``, so no payment row reaches Python. Nothing here writes.

*Days late* of money applied to a charge is ``effective_date - due_date`` of the
allocation (the day the money met the charge: the payment's date, or the charge's
issue date for credit applied later), negative when early.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy import Select, func, select, type_coerce
from sqlalchemy.orm import Session

from data_access.models import CHARGE_KINDS, MONEY, Allocation, Customer, Document, Payment
from data_access.portfolio import CustomerFilter, customer_ids
from data_access.scope import Scope
from data_access.sqlfuncs import day_number, unindexed

SelectT = TypeVar("SelectT", bound=Select)
DAILY_COLUMNS = ["day", "amount", "payments"]
CUSTOMER_COLUMNS = ["customer_id", "amount", "payments"]
METHOD_COLUMNS = ["method", "amount", "payments"]
LATEST_COLUMNS = [
    "payment_id",
    "date",
    "reference",
    "method",
    "amount",
    "unapplied",
    "customer_code",
    "customer_name",
]
APPLIED_COLUMNS = ["payment_id", "number", "due_date", "effective_date", "amount"]
LATENESS_COLUMNS = ["customer_id", "applied", "day_amount"]
OPEN_COLUMNS = ["customer_id", "due_date", "issue_date", "open"]
AFTER_COLUMNS = ["customer_id", "due_date", "issue_date", "effective_date", "amount"]
# Wider than this, and with no customer restriction, the method breakdown reads the
# table once instead of an index lookup per payment (most rows qualify anyway).
SCAN_DAYS = 62


def _limit(query: SelectT, column: Any, scope: Scope, filters: CustomerFilter) -> SelectT:
    """``query`` restricted to the customers of ``scope`` and ``filters``."""
    if scope.restricted or filters.active:
        return query.where(column.in_(customer_ids(scope, filters)))
    return query


def daily_collections(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
) -> pd.DataFrame:
    """Payments received per day from ``first`` to ``last`` (days with none are absent).

    Returns:
        Columns ``day, amount`` (Decimal) ``, payments`` (count), oldest day first.
    """
    query = (
        select(Payment.date, type_coerce(func.sum(Payment.amount), MONEY), func.count())
        .where(Payment.date >= first, Payment.date <= last)
        .group_by(Payment.date)
        .order_by(Payment.date)
    )
    query = _limit(query, Payment.customer_id, scope, filters or CustomerFilter())
    return pd.DataFrame(session.execute(query).all(), columns=DAILY_COLUMNS)


def collections_by_customer(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
) -> pd.DataFrame:
    """Payments received from ``first`` to ``last`` per customer (customers with some only).

    Returns:
        Columns ``customer_id, amount`` (Decimal) ``, payments``.
    """
    query = (
        select(Payment.customer_id, type_coerce(func.sum(Payment.amount), MONEY), func.count())
        .where(Payment.date >= first, Payment.date <= last)
        .group_by(Payment.customer_id)
    )
    query = _limit(query, Payment.customer_id, scope, filters or CustomerFilter())
    return pd.DataFrame(session.execute(query).all(), columns=CUSTOMER_COLUMNS)


def collections_by_method(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
) -> pd.DataFrame:
    """Payments received from ``first`` to ``last`` per payment method ('' when none).

    Returns:
        Columns ``method, amount`` (Decimal) ``, payments``, largest amount first.
    """
    filters = filters or CustomerFilter()
    day = Payment.date
    if not (scope.restricted or filters.active) and (last - first).days > SCAN_DAYS:
        day = unindexed(Payment.date)  # type: ignore[assignment]
    query = (
        select(Payment.method, type_coerce(func.sum(Payment.amount), MONEY), func.count())
        .where(day >= first, day <= last)
        .group_by(Payment.method)
    )
    query = _limit(query, Payment.customer_id, scope, filters)
    frame = pd.DataFrame(session.execute(query).all(), columns=METHOD_COLUMNS)
    frame["method"] = frame["method"].fillna("")
    return frame.sort_values("amount", ascending=False, kind="stable").reset_index(drop=True)


def latest_payments(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
    limit: int = 200,
) -> pd.DataFrame:
    """The newest ``limit`` payments dated ``first`` .. ``last``, newest first.

    Returns:
        Columns ``payment_id, date, reference, method, amount, unapplied,
        customer_code, customer_name``.
    """
    query = (
        select(
            Payment.id,
            Payment.date,
            Payment.reference,
            Payment.method,
            Payment.amount,
            Payment.unapplied,
            Customer.code,
            Customer.name,
        )
        .join(Customer, Customer.id == Payment.customer_id)
        .where(Payment.date >= first, Payment.date <= last)
        .order_by(Payment.date.desc(), Payment.id.desc())
        .limit(limit)
    )
    query = _limit(query, Payment.customer_id, scope, filters or CustomerFilter())
    return pd.DataFrame(session.execute(query).all(), columns=LATEST_COLUMNS)


def payment_applications(session: Session, payment_ids: Sequence[int]) -> pd.DataFrame:
    """What the given payments were applied to: one row per allocation.

    The caller passes ids it read within the user's scope (:func:`latest_payments`).

    Returns:
        Columns ``payment_id, number, due_date, effective_date, amount``.
    """
    if not payment_ids:
        return pd.DataFrame(columns=APPLIED_COLUMNS)
    query = (
        select(
            Allocation.payment_id,
            Document.number,
            Document.due_date,
            Allocation.effective_date,
            Allocation.amount,
        )
        .join(Document, Document.id == Allocation.invoice_id)
        .where(Allocation.payment_id.in_(list(payment_ids)))
        .order_by(Allocation.payment_id, Document.due_date, Document.number)
    )
    return pd.DataFrame(session.execute(query).all(), columns=APPLIED_COLUMNS)


def lateness_by_customer(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
) -> pd.DataFrame:
    """Per customer, payments applied to charges from ``first`` to ``last`` and their lateness.

    Counts allocations *from payments* (not credit notes) effective in the window
    (the customer is read from the charge, which the join reads anyway, so the
    allocations are served by their covering index alone).
    ``day_amount`` is the sum of ``amount x (effective_date - due_date)``, in money
    units times days (exact), so amount-weighted days late = day_amount / applied.

    Returns:
        Columns ``customer_id, applied, day_amount`` (both Decimal).
    """
    days = day_number(Allocation.effective_date) - day_number(Document.due_date)
    query = (
        select(
            Document.customer_id,
            type_coerce(func.sum(Allocation.amount), MONEY),
            type_coerce(func.sum(Allocation.amount * days), MONEY),
        )
        .join(Document, Document.id == Allocation.invoice_id)
        .where(
            Allocation.effective_date >= first,
            Allocation.effective_date <= last,
            Allocation.payment_id.is_not(None),
        )
        .group_by(Document.customer_id)
    )
    query = _limit(query, Document.customer_id, scope, filters or CustomerFilter())
    return pd.DataFrame(session.execute(query).all(), columns=LATENESS_COLUMNS)


def open_charges(
    session: Session, *, scope: Scope, filters: CustomerFilter | None = None
) -> pd.DataFrame:
    """What is open *now* of invoices and debit notes, per customer, due date and issue date.

    Returns:
        Columns ``customer_id, due_date, issue_date, open`` (Decimal).
    """
    query = (
        select(
            Document.customer_id,
            Document.due_date,
            Document.issue_date,
            type_coerce(func.sum(Document.open_amount), MONEY),
        )
        .where(Document.settled_on.is_(None), Document.kind.in_(CHARGE_KINDS))
        .group_by(Document.customer_id, Document.due_date, Document.issue_date)
    )
    query = _limit(query, Document.customer_id, scope, filters or CustomerFilter())
    return pd.DataFrame(session.execute(query).all(), columns=OPEN_COLUMNS)


def allocations_after(
    session: Session, *, after: dt.date, scope: Scope, filters: CustomerFilter | None = None
) -> pd.DataFrame:
    """Money applied to charges with effect after ``after`` (payments and credit notes).

    Adding these back to :func:`open_charges` rewinds open amounts to any day from
    ``after`` on: open as of D = open now + applied with effect after D, for charges
    issued by D (the rule of :mod:`data_access.portfolio`).

    Returns:
        Columns ``customer_id, due_date, issue_date, effective_date, amount`` (Decimal).
    """
    query = (
        select(
            Document.customer_id,
            Document.due_date,
            Document.issue_date,
            Allocation.effective_date,
            type_coerce(func.sum(Allocation.amount), MONEY),
        )
        .join(Document, Document.id == Allocation.invoice_id)
        .where(Allocation.effective_date > after)
        .group_by(
            Document.customer_id,
            Document.due_date,
            Document.issue_date,
            Allocation.effective_date,
        )
    )
    query = _limit(query, Document.customer_id, scope, filters or CustomerFilter())
    return pd.DataFrame(session.execute(query).all(), columns=AFTER_COLUMNS)
