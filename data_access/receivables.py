"""Read the receivables ledger *as of* a date. Queries only; nothing here writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import pandas as pd
from sqlalchemy import ColumnElement, Select, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

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

OPEN_ITEM_COLUMNS = [
    "document_id",
    "number",
    "kind",
    "customer_id",
    "issue_date",
    "due_date",
    "amount",
    "open_amount",
    "disputed",
]


def _applied_by(source: ColumnElement[bool], as_of: dt.date) -> ColumnElement[Decimal]:
    """Sum of allocations keyed by ``source`` (a correlated column) effective by ``as_of``."""
    return (
        select(func.coalesce(func.sum(Allocation.amount), 0))
        .where(source, Allocation.effective_date <= as_of)
        .scalar_subquery()
    )


def _in_scope(query: Select, scope: Scope, customer_ids: Sequence[int] | None) -> Select:
    query = query.join(Customer, Customer.id == Document.customer_id)
    query = query.where(scope.customer_clause())
    if customer_ids is not None:
        query = query.where(Customer.id.in_(list(customer_ids)))
    return query


def open_items(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    customer_ids: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Invoices and debit notes with an open amount as of ``as_of``.

    A document issued after ``as_of`` does not exist yet; allocations effective
    after ``as_of`` have not happened yet. Money columns hold ``Decimal``.
    """
    applied = _applied_by(Allocation.invoice_id == Document.id, as_of)
    open_amount = type_coerce(Document.amount - applied, MONEY)
    query = select(
        Document.id,
        Document.number,
        Document.kind,
        Document.customer_id,
        Document.issue_date,
        Document.due_date,
        Document.amount,
        open_amount.label("open_amount"),
        Document.disputed,
    ).where(
        Document.kind.in_(CHARGE_KINDS),
        Document.issue_date <= as_of,
        (Document.settled_on.is_(None)) | (Document.settled_on > as_of),
    )
    query = _in_scope(query, scope, customer_ids).order_by(Document.due_date, Document.id)
    frame = pd.DataFrame(session.execute(query).all(), columns=OPEN_ITEM_COLUMNS)
    return frame[frame["open_amount"] != 0].reset_index(drop=True)


def unapplied_credit(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    customer_ids: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Per customer, credit received by ``as_of`` and not applied by then.

    Columns ``customer_id, unapplied``; customers with none are left out.
    """
    pay_left = type_coerce(
        Payment.amount - _applied_by(Allocation.payment_id == Payment.id, as_of), MONEY
    )
    pay_query = (
        select(Payment.customer_id, pay_left)
        .where(Payment.date <= as_of, (Payment.settled_on.is_(None)) | (Payment.settled_on > as_of))
        .join(Customer, Customer.id == Payment.customer_id)
        .where(scope.customer_clause())
    )
    if customer_ids is not None:
        pay_query = pay_query.where(Customer.id.in_(list(customer_ids)))
    note_left = type_coerce(
        Document.amount - _applied_by(Allocation.credit_note_id == Document.id, as_of), MONEY
    )
    note_query = _in_scope(
        select(Document.customer_id, note_left).where(
            Document.kind == "credit_note",
            Document.issue_date <= as_of,
            (Document.settled_on.is_(None)) | (Document.settled_on > as_of),
        ),
        scope,
        customer_ids,
    )
    totals: dict[int, Decimal] = {}
    for query in (pay_query, note_query):
        for customer_id, left in session.execute(query):
            totals[customer_id] = totals.get(customer_id, Decimal("0.00")) + left
    rows = [(cid, amount) for cid, amount in sorted(totals.items()) if amount != 0]
    return pd.DataFrame(rows, columns=["customer_id", "unapplied"])


def customer_directory(session: Session, *, scope: Scope) -> pd.DataFrame:
    """Every customer the scope may see, with seller, collector and tags.

    Columns: ``customer_id, code, name, tax_id, seller_code, seller_name,
    collector_username, collector_name, tags`` (tags as a sorted list of names).
    """
    collector = aliased(User)
    query = (
        select(
            Customer.id,
            Customer.code,
            Customer.name,
            Customer.tax_id,
            Seller.code,
            Seller.name,
            collector.username,
            collector.full_name,
        )
        .outerjoin(Seller, Seller.id == Customer.seller_id)
        .outerjoin(collector, collector.id == Customer.collector_id)
        .where(scope.customer_clause())
        .order_by(Customer.code)
    )
    columns = [
        "customer_id",
        "code",
        "name",
        "tax_id",
        "seller_code",
        "seller_name",
        "collector_username",
        "collector_name",
    ]
    frame = pd.DataFrame(session.execute(query).all(), columns=columns)
    tags = _tags_by_customer(session, scope)
    frame["tags"] = [tags.get(cid, []) for cid in frame["customer_id"]]
    return frame


def _tags_by_customer(session: Session, scope: Scope) -> dict[int, list[str]]:
    query = (
        select(customer_tags.c.customer_id, Tag.name)
        .join(Tag, Tag.id == customer_tags.c.tag_id)
        .join(Customer, Customer.id == customer_tags.c.customer_id)
        .where(scope.customer_clause())
        .order_by(Tag.name)
    )
    tags: dict[int, list[str]] = {}
    for customer_id, name in session.execute(query):
        tags.setdefault(customer_id, []).append(name)
    return tags


def find_customer(session: Session, code: str, *, scope: Scope) -> Customer | None:
    """The customer with ``code`` if the scope may see it, else None (same answer for both)."""
    return session.scalar(select(Customer).where(Customer.code == code, scope.customer_clause()))


def filter_options(session: Session, *, scope: Scope) -> dict[str, list[tuple[str, str]]]:
    """Sellers, collectors and tags of the customers the scope may see, as (value, label)."""
    visible = select(Customer.id).where(scope.customer_clause())
    sellers = session.execute(
        select(Seller.code, Seller.name)
        .where(Seller.id.in_(select(Customer.seller_id).where(Customer.id.in_(visible))))
        .order_by(Seller.name)
    ).all()
    collectors = session.execute(
        select(User.username, User.full_name)
        .where(User.id.in_(select(Customer.collector_id).where(Customer.id.in_(visible))))
        .order_by(User.full_name)
    ).all()
    tags = session.scalars(
        select(Tag.name)
        .where(
            Tag.id.in_(
                select(customer_tags.c.tag_id).where(customer_tags.c.customer_id.in_(visible))
            )
        )
        .order_by(Tag.name)
    ).all()
    return {
        "sellers": [(code, name) for code, name in sellers],
        "collectors": [(username, name or username) for username, name in collectors],
        "tags": [(name, name) for name in tags],
    }
