"""Portfolio aggregates as of a date, computed in SQL so a million invoices stay fast.

Open amounts are kept current on every write (``documents.open_amount`` and
``settled_on``, ``payments.unapplied``), so *today* is one pass over the open
charges. A past date rewinds them: open as of D = open now + allocations effective
after D. Nothing here writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    and_,
    case,
    func,
    literal,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from data_access.models import (
    CHARGE_KINDS,
    MONEY,
    Allocation,
    Customer,
    Document,
    Payment,
    Seller,
    Tag,
    User,
    customer_tags,
)
from data_access.scope import Scope
from data_access.sqlfuncs import day_number, money_number, unindexed

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class CustomerFilter:
    """Which customers a portfolio view covers, besides the user's scope."""

    seller_code: str | None = None
    collector: str | None = None
    tag: str | None = None

    @property
    def active(self) -> bool:
        """Whether any filter is set."""
        return any((self.seller_code is not None, self.collector, self.tag))


def customer_ids(scope: Scope, filters: CustomerFilter) -> Select[Any]:
    """SELECT of the ids of the customers in ``scope`` matching ``filters``."""
    query = select(Customer.id).where(scope.customer_clause())
    if filters.seller_code == "":
        query = query.where(Customer.seller_id.is_(None))
    elif filters.seller_code is not None:
        query = query.where(
            Customer.seller_id.in_(select(Seller.id).where(Seller.code == filters.seller_code))
        )
    if filters.collector:
        query = query.where(
            Customer.collector_id.in_(select(User.id).where(User.username == filters.collector))
        )
    if filters.tag:
        tagged = (
            select(customer_tags.c.customer_id)
            .join(Tag, Tag.id == customer_tags.c.tag_id)
            .where(Tag.name == filters.tag)
        )
        query = query.where(Customer.id.in_(tagged))
    return query


def _restricted(scope: Scope, filters: CustomerFilter) -> bool:
    return scope.restricted or filters.active


def ledger_horizon(session: Session) -> dt.date | None:
    """The latest effective date of any allocation (None for an empty ledger)."""
    return session.scalar(select(func.max(Allocation.effective_date)))


def _open_charges(
    as_of: dt.date,
    rewind: bool,
    scope: Scope,
    filters: CustomerFilter,
    only_customers: Sequence[int] | None = None,
) -> Any:
    """Subquery of (customer_id, due_date, open) pieces of charges open as of ``as_of``.

    Open as of D = open now + allocations effective after D, and sums are linear,
    so the pieces are the open charges (``open_amount``) and, when rewinding, one
    row per allocation effective after D of a charge issued by then. Each branch
    is a range on a covering index; nothing scans every document or allocation.
    """
    now = select(Document.customer_id, Document.due_date, Document.open_amount.label("open")).where(
        Document.settled_on.is_(None),
        Document.kind.in_(CHARGE_KINDS),
        Document.issue_date <= as_of,
    )
    branches = [now]
    if rewind:
        branches.append(
            select(Document.customer_id, Document.due_date, Allocation.amount.label("open"))
            .join(Document, Document.id == Allocation.invoice_id)
            .where(Allocation.effective_date > as_of, Document.issue_date <= as_of)
        )
    return _restrict_union(branches, Document.customer_id, scope, filters, only_customers)


def _restrict_union(
    branches: list[Any],
    customer_column: Any,
    scope: Scope,
    filters: CustomerFilter,
    only_customers: Sequence[int] | None,
) -> Any:
    if _restricted(scope, filters):
        allowed = customer_ids(scope, filters)
        branches = [branch.where(customer_column.in_(allowed)) for branch in branches]
    if only_customers is not None:
        branches = [branch.where(customer_column.in_(list(only_customers))) for branch in branches]
    return union_all(*branches).subquery()


def due_date_bands(
    as_of: dt.date, boundaries: Sequence[int]
) -> list[tuple[dt.date | None, dt.date | None]]:
    """Due-date ranges (inclusive, None = open) of each aging bucket as of ``as_of``."""
    bands: list[tuple[dt.date | None, dt.date | None]] = [(as_of, None)]
    low = 1
    for limit in boundaries:
        bands.append((as_of - dt.timedelta(days=limit), as_of - dt.timedelta(days=low)))
        low = limit + 1
    bands.append((None, as_of - dt.timedelta(days=low)))
    return bands


def _band_sum(items: Any, first: dt.date | None, last: dt.date | None) -> Any:
    conditions = []
    if first is not None:
        conditions.append(items.c.due_date >= first)
    if last is not None:
        conditions.append(items.c.due_date <= last)
    return type_coerce(func.sum(case((and_(*conditions), items.c.open), else_=0)), MONEY)


def exposure_select(
    as_of: dt.date,
    *,
    scope: Scope,
    boundaries: Sequence[int],
    filters: CustomerFilter | None = None,
    rewind: bool = True,
    only_customers: Sequence[int] | None = None,
) -> Select[Any]:
    """The per-customer aggregation over open charges, not executed.

    Columns: customer_id, b0 … bN, open_total, overdue_day_amount, oldest_due.
    """
    filters = filters or CustomerFilter()
    items = _open_charges(as_of, rewind, scope, filters, only_customers)
    today = day_number(literal(as_of, Date))
    overdue_days = case(
        (items.c.due_date < as_of, items.c.open * (today - day_number(items.c.due_date))),
        else_=0,
    )
    bands = due_date_bands(as_of, boundaries)
    return select(
        items.c.customer_id,
        *(_band_sum(items, first, last).label(f"b{i}") for i, (first, last) in enumerate(bands)),
        type_coerce(func.sum(items.c.open), MONEY).label("open_total"),
        money_number(func.sum(overdue_days)).label("overdue_day_amount"),
        func.min(items.c.due_date).label("oldest_due"),
    ).group_by(items.c.customer_id)


def needs_rewind(session: Session, as_of: dt.date) -> bool:
    """Whether some allocation takes effect after ``as_of`` (open amounts must be rewound)."""
    horizon = ledger_horizon(session)
    return horizon is not None and horizon > as_of


def customer_exposure(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    boundaries: Sequence[int],
    filters: CustomerFilter | None = None,
) -> pd.DataFrame:
    """Per customer with anything open or unapplied as of ``as_of``.

    Columns: ``customer_id``, ``b0`` … ``bN`` (open amount per aging bucket,
    ``b0`` = current), ``open_total``, ``unapplied``, ``overdue_day_amount``
    (sum of open × days overdue, for amount-weighted days) and ``oldest_due``.
    Money is Decimal.
    """
    filters = filters or CustomerFilter()
    rewind = needs_rewind(session, as_of)
    query = exposure_select(
        as_of, scope=scope, boundaries=boundaries, filters=filters, rewind=rewind
    )
    frame = pd.DataFrame(session.execute(query).mappings().all())
    bands = len(boundaries) + 2
    columns = [
        "customer_id",
        *(f"b{i}" for i in range(bands)),
        "open_total",
        "overdue_day_amount",
        "oldest_due",
    ]
    frame = frame.reindex(columns=columns)
    credit = unapplied_by_customer(
        session, as_of=as_of, scope=scope, filters=filters, rewind=rewind
    )
    return _merge_credit(frame, credit, bands)


def _merge_credit(frame: pd.DataFrame, credit: dict[int, Decimal], bands: int) -> pd.DataFrame:
    present = set(frame["customer_id"])
    missing = [cid for cid in credit if cid not in present]
    if missing:
        extra = pd.DataFrame({"customer_id": missing})
        for i in range(bands):
            extra[f"b{i}"] = [ZERO] * len(missing)
        extra["open_total"] = [ZERO] * len(missing)
        extra["overdue_day_amount"] = 0
        extra["oldest_due"] = None
        frame = pd.concat([frame, extra], ignore_index=True) if len(frame) else extra
    frame["unapplied"] = [credit.get(cid, ZERO) for cid in frame["customer_id"]]
    frame["overdue_day_amount"] = [float(v or 0) for v in frame["overdue_day_amount"]]
    return frame.reset_index(drop=True)


def unapplied_by_customer(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
    rewind: bool = True,
    only_customers: Sequence[int] | None = None,
) -> dict[int, Decimal]:
    """Credit received by ``as_of`` and not applied by then, per customer (non-zero only)."""
    filters = filters or CustomerFilter()
    totals: dict[int, Decimal] = {}
    for credits in (_unapplied_payments(as_of, rewind), _unapplied_notes(as_of, rewind)):
        query = select(credits.c.customer_id, type_coerce(func.sum(credits.c.left), MONEY))
        if _restricted(scope, filters):
            query = query.where(credits.c.customer_id.in_(customer_ids(scope, filters)))
        if only_customers is not None:
            query = query.where(credits.c.customer_id.in_(list(only_customers)))
        for customer_id, amount in session.execute(query.group_by(credits.c.customer_id)):
            totals[customer_id] = totals.get(customer_id, ZERO) + amount
    return {cid: amount for cid, amount in totals.items() if amount != 0}


def _unapplied(
    table: Any,
    left_column: Any,
    source: Any,
    dated: Any,
    settled_on: Any,
    as_of: dt.date,
    rewind: bool,
    *conditions: ColumnElement[bool],
) -> Any:
    """Subquery of (customer_id, left) pieces of credit not applied as of ``as_of``.

    Unapplied as of D = unapplied now + allocations from that credit effective
    after D, for credits dated on or before D (the same rewind as for charges).
    """
    now = select(table.customer_id, left_column.label("left")).where(
        settled_on.is_(None), dated <= as_of, *conditions
    )
    branches = [now]
    if rewind:
        # Credit applied after D was not used up by D: its settled_on is empty or after D.
        # Starting from those few credits (an index on settled_on) instead of from every
        # allocation after D saves reading most of the ledger's recent allocations.
        for unused in (settled_on.is_(None), settled_on > as_of):
            branches.append(
                select(table.customer_id, Allocation.amount.label("left"))
                .select_from(table)
                .join(Allocation, table.id == source)
                .where(
                    unused,
                    dated <= as_of,
                    unindexed(Allocation.effective_date) > as_of,
                    *conditions,
                )
            )
    return union_all(*branches).subquery()


def _unapplied_payments(as_of: dt.date, rewind: bool) -> Any:
    return _unapplied(
        Payment,
        Payment.unapplied,
        Allocation.payment_id,
        Payment.date,
        Payment.settled_on,
        as_of,
        rewind,
    )


def _unapplied_notes(as_of: dt.date, rewind: bool) -> Any:
    return _unapplied(
        Document,
        Document.open_amount,
        Allocation.credit_note_id,
        Document.issue_date,
        Document.settled_on,
        as_of,
        rewind,
        Document.kind == "credit_note",
    )


def net_credit_sales(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
) -> Decimal:
    """Invoices and debit notes minus credit notes issued from ``first`` to ``last``."""
    filters = filters or CustomerFilter()
    signed = case((Document.kind == "credit_note", -Document.amount), else_=Document.amount)
    query = select(type_coerce(func.coalesce(func.sum(signed), 0), MONEY)).where(
        Document.issue_date >= first, Document.issue_date <= last
    )
    if _restricted(scope, filters):
        query = query.where(Document.customer_id.in_(customer_ids(scope, filters)))
    return session.scalar(query) or ZERO


def collected(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
) -> tuple[Decimal, int]:
    """Amount and number of payments received from ``first`` to ``last``."""
    filters = filters or CustomerFilter()
    query = select(
        type_coerce(func.coalesce(func.sum(Payment.amount), 0), MONEY), func.count()
    ).where(Payment.date >= first, Payment.date <= last)
    if _restricted(scope, filters):
        query = query.where(Payment.customer_id.in_(customer_ids(scope, filters)))
    amount, count = session.execute(query).one()
    return amount or ZERO, int(count)


def net_credit_sales_by(
    session: Session, *, first: dt.date, last: dt.date, scope: Scope, by: str
) -> dict[str, Decimal]:
    """Net credit sales from ``first`` to ``last`` per seller code or collector username."""
    signed = case((Document.kind == "credit_note", -Document.amount), else_=Document.amount)
    key: Any
    join: tuple[Any, Any]
    if by == "seller":
        key = Seller.code
        join = (Seller, Seller.id == Customer.seller_id)
    else:
        key = User.username
        join = (User, User.id == Customer.collector_id)
    query = (
        select(key, type_coerce(func.sum(signed), MONEY))
        .join(Customer, Customer.id == Document.customer_id)
        .outerjoin(*join)
        .where(Document.issue_date >= first, Document.issue_date <= last, scope.customer_clause())
        .group_by(key)
    )
    return {code or "": amount for code, amount in session.execute(query)}


def customer_owners(session: Session, *, scope: Scope) -> pd.DataFrame:
    """Each visible customer's seller code and collector username.

    Columns ``customer_id, seller, collector`` ('' when there is none).
    """
    query = (
        select(Customer.id, Seller.code, User.username)
        .outerjoin(Seller, Seller.id == Customer.seller_id)
        .outerjoin(User, User.id == Customer.collector_id)
        .where(scope.customer_clause())
    )
    rows = [
        (cid, seller or "", collector or "") for cid, seller, collector in session.execute(query)
    ]
    return pd.DataFrame(rows, columns=["customer_id", "seller", "collector"])
