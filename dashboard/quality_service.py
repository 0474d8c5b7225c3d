"""The data-quality checks run against the database: data_access in, verdicts out.

Each function takes the caller's session and scope and returns plain results (data
frames and :mod:`dashboard.quality` verdicts), independent of the user's language,
so callbacks can cache them until the next committed write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.quality import (
    ContactCheck,
    CustomerKey,
    DateBounds,
    DuplicatePair,
    check_contacts,
    contact_edit,
    date_bounds,
    duplicate_pairs,
    suggestion_edit,
    unreachable_customers,
)
from data_access import quality as queries
from data_access.models import Contact, Customer
from data_access.scope import Scope


@dataclass(frozen=True)
class ContactsResult:
    """Every contact in scope with its verdict, and the customers nobody can reach."""

    contacts: pd.DataFrame
    checks: list[ContactCheck]
    customers: pd.DataFrame
    unreachable: list[int]


@dataclass(frozen=True)
class DatesResult:
    """Documents and payments with impossible dates (lists capped, totals exact)."""

    bounds: DateBounds
    documents: pd.DataFrame
    document_total: int
    payments: pd.DataFrame
    payment_total: int


@dataclass(frozen=True)
class UnappliedResult:
    """Payments with unapplied money (list capped, totals exact)."""

    payments: pd.DataFrame
    total: int
    customers: int
    amount: Decimal


def contacts_result(session: Session, *, scope: Scope, region: str) -> ContactsResult:
    """Check every contact's phone (read in ``region``) and e-mail, and reachability."""
    contacts = queries.contacts_to_check(session, scope=scope)
    customers = queries.customers_to_check(session, scope=scope)
    rows = zip(
        (int(value) for value in contacts["contact_id"]),
        (int(value) for value in contacts["customer_id"]),
        contacts["phone"],
        contacts["email"],
        strict=True,
    )
    checks = check_contacts(rows, region)
    ids = [int(value) for value in customers["customer_id"]]
    return ContactsResult(contacts, checks, customers, unreachable_customers(ids, checks))


def duplicates_result(session: Session, *, scope: Scope) -> list[DuplicatePair]:
    """Probable duplicate customers, without the pairs marked "not a duplicate"."""
    frame = queries.customers_to_check(session, scope=scope)
    customers = [
        CustomerKey(int(row.customer_id), row.name, row.tax_id, row.code)
        for row in frame.itertuples(index=False)
    ]
    return duplicate_pairs(customers, dismissed=queries.dismissed_pairs(session))


def dates_result(session: Session, *, scope: Scope, today: dt.date) -> DatesResult:
    """Documents and payments whose dates cannot be right, as of ``today``."""
    bounds = date_bounds(today)
    documents, document_total = queries.documents_with_impossible_dates(
        session,
        scope=scope,
        earliest=bounds.earliest,
        latest_issue=bounds.latest_issue,
        latest_due=bounds.latest_due,
    )
    payments, payment_total = queries.payments_with_impossible_dates(
        session, scope=scope, earliest=bounds.earliest, latest=bounds.latest_issue
    )
    return DatesResult(bounds, documents, document_total, payments, payment_total)


def unapplied_result(session: Session, *, scope: Scope) -> UnappliedResult:
    """Payments not (fully) applied to any invoice, with the number of customers and sum."""
    payments, total = queries.unapplied_payments(session, scope=scope)
    customers, amount = queries.unapplied_totals(session, scope=scope)
    return UnappliedResult(payments, total, customers, amount)


def apply_contact_fix(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    contact_id: int,
    region: str,
    suggestion: str | None = None,
    typed: tuple[str | None, str | None] = (None, None),
) -> tuple[dict[str, str], Contact, Customer]:
    """Apply the suggestion for ``suggestion`` (``"phone"`` or ``"email"``), or else save
    the typed ``(phone, email)``: only changed values, validated and normalised
    (:func:`dashboard.quality.contact_edit`). Does not commit.

    Returns:
        The changes written (maybe none), the contact as it is now and its customer.

    Raises:
        BadValue: a typed value that is not a valid phone or address.
        AccessDenied: not an admin or manager, or a contact the scope does not see.
        ValidationError: a value the wall's rules refuse.
    """
    contact, customer = queries.contact_to_fix(session, scope=scope, contact_id=contact_id)
    if suggestion is not None:
        stored = contact.phone if suggestion == "phone" else contact.email
        changes = suggestion_edit(suggestion, stored, region)
    else:
        current = (contact.phone, contact.email)
        changes = contact_edit(current=current, typed=typed, region=region)
    if changes:
        queries.fix_contact(
            session, scope=scope, user_id=user_id, contact_id=contact.id, changes=changes
        )
    return changes, contact, customer
