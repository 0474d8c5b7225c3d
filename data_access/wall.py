"""Reads behind the customer wall: paid invoices, the portfolio's invoicing, one ledger.

Queries only; nothing here writes. The arithmetic is in :mod:`dashboard.wall_metrics`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy import case, func, select, type_coerce
from sqlalchemy.orm import Session

from data_access.ledger import Allocation as LedgerAllocation
from data_access.ledger import Charge, Credit
from data_access.ledger_store import ledger_inputs
from data_access.models import CHARGE_KINDS, MONEY, Allocation, Document, Payment
from data_access.portfolio import CustomerFilter, customer_ids
from data_access.scope import Scope

ZERO = Decimal("0.00")
PAID_INVOICE_COLUMNS = ["number", "due_date", "settled_on", "amount"]


@dataclass(frozen=True)
class CustomerLedger:
    """One customer's whole ledger as plain rows (all dates), for the pure trend code.

    Attributes:
        customer_id: the customer.
        charges: invoices and debit notes.
        credits: payments and credit notes.
        allocations: the stored allocations of its credits to its charges.
    """

    customer_id: int
    charges: tuple[Charge, ...]
    credits: tuple[Credit, ...]
    allocations: tuple[LedgerAllocation, ...]


def paid_invoices(
    session: Session, customer_id: int, *, first: dt.date, last: dt.date
) -> pd.DataFrame:
    """A customer's invoices and debit notes fully paid from ``first`` to ``last`` (inclusive).

    ``settled_on`` is the day the last allocation took the open amount to zero,
    whether a payment or a credit note did it. A charge settled by ``last`` stays
    settled whatever happens later, so this is right for a past ``last`` too.

    Returns:
        Columns ``number, due_date, settled_on, amount`` (Decimal), oldest settlement first.
    """
    query = (
        select(Document.number, Document.due_date, Document.settled_on, Document.amount)
        .where(
            Document.customer_id == customer_id,
            Document.settled_on >= first,
            Document.settled_on <= last,
            Document.kind.in_(CHARGE_KINDS),
        )
        .order_by(Document.settled_on, Document.number)
    )
    return pd.DataFrame(session.execute(query).all(), columns=PAID_INVOICE_COLUMNS)


def invoicing_by_customer(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
) -> dict[int, tuple[Decimal, int]]:
    """Net invoicing and number of charges issued from ``first`` to ``last``, per customer.

    Net = invoices + debit notes - credit notes; the count is of invoices and debit
    notes. One GROUP BY over a range of ``ix_documents_issue_cover`` (issue_date,
    kind, amount, customer_id), so the table itself is not read. Customers with no
    document in the range are left out.

    The ABC size class is relative to the customers returned: pass
    ``Scope.everything()`` for classes that do not depend on who is looking.

    Returns:
        ``{customer_id: (net amount, charge count)}``; the amount may be zero or negative.
    """
    filters = filters or CustomerFilter()
    signed = case((Document.kind == "credit_note", -Document.amount), else_=Document.amount)
    is_charge = case((Document.kind.in_(CHARGE_KINDS), 1))
    query = (
        select(
            Document.customer_id,
            type_coerce(func.sum(signed), MONEY),
            func.count(is_charge),
        )
        .where(Document.issue_date >= first, Document.issue_date <= last)
        .group_by(Document.customer_id)
    )
    if scope.restricted or filters.active:
        query = query.where(Document.customer_id.in_(customer_ids(scope, filters)))
    return {
        customer_id: (amount if amount is not None else ZERO, int(count))
        for customer_id, amount, count in session.execute(query)
    }


def customer_ledger(session: Session, customer_id: int) -> CustomerLedger:
    """Load one customer's documents, payments and allocations once (three indexed reads).

    The caller checks the customer is in the user's scope (``find_customer``).
    """
    documents = session.execute(
        select(
            Document.id,
            Document.kind,
            Document.number,
            Document.issue_date,
            Document.due_date,
            Document.amount,
            Document.applies_to_id,
        ).where(Document.customer_id == customer_id)
    ).all()
    payments = session.execute(
        select(
            Payment.id, Payment.reference, Payment.date, Payment.amount, Payment.invoice_id
        ).where(Payment.customer_id == customer_id)
    ).all()
    charges, credits = ledger_inputs(documents, payments)
    allocations = _allocations(session, customer_id)
    return CustomerLedger(customer_id, tuple(charges), tuple(credits), allocations)


def _allocations(session: Session, customer_id: int) -> tuple[LedgerAllocation, ...]:
    """A customer's stored allocations as the ledger rules' dataclasses, oldest first."""
    rows = session.execute(
        select(
            Allocation.invoice_id,
            Allocation.payment_id,
            Allocation.credit_note_id,
            Allocation.amount,
            Allocation.effective_date,
        )
        .where(Allocation.customer_id == customer_id)
        .order_by(Allocation.effective_date, Allocation.id)
    ).all()
    return tuple(
        LedgerAllocation(
            "payment" if row.payment_id is not None else "credit_note",
            row.payment_id if row.payment_id is not None else row.credit_note_id,
            row.invoice_id,
            row.amount,
            row.effective_date,
        )
        for row in rows
    )
