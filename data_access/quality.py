"""Reads (and two small writes) behind the data-quality page. Nothing here commits.

The checks themselves are pure (:mod:`dashboard.quality`); these functions fetch the
rows they judge, already limited to the acting user's scope. The page is for admins
and managers: the writes here refuse every other role (:func:`require_cleaner`),
besides the usual scope and read-only checks of :mod:`data_access.contacts`.

"Not a duplicate" marks live in the audit log (action ``quality.not_duplicate``,
entity ``customer_pair``, entity id ``"<smaller id>-<larger id>"``), so dismissing a
pair needs no table of its own and is audited by construction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true, type_coerce
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from data_access import audit
from data_access.activity import (
    INVALID,
    AccessDenied,
    ValidationError,
    check_writer,
    clean_text,
    is_id,
    visible_customer,
)
from data_access.contacts import valid_email, valid_phone
from data_access.models import MONEY, AuditEntry, Contact, Customer, Document, Payment
from data_access.scope import Scope

CLEANER_ROLES = ("admin", "manager")
NOT_ALLOWED = "not allowed"
CONTACT_NOT_FOUND = "contact not found"
DISMISS_ACTION = "quality.not_duplicate"
PAIR_ENTITY = "customer_pair"
FIXABLE: dict[str, tuple[int, Callable[[str], bool]]] = {
    "phone": (40, valid_phone),
    "email": (254, valid_email),
}
MAX_ROWS = 5000  # rows a list returns at most; counts are always exact

CONTACT_COLUMNS = [
    "contact_id",
    "customer_id",
    "customer_code",
    "customer_name",
    "name",
    "role",
    "phone",
    "email",
    "is_primary",
]
CUSTOMER_COLUMNS = ["customer_id", "code", "name", "tax_id", "city", "contacts"]
DOCUMENT_COLUMNS = [
    "document_id",
    "customer_code",
    "customer_name",
    "number",
    "kind",
    "issue_date",
    "due_date",
    "amount",
]
PAYMENT_COLUMNS = [
    "payment_id",
    "customer_code",
    "customer_name",
    "reference",
    "date",
    "amount",
    "invoice_number",
    "invoice_issue_date",
]
UNAPPLIED_COLUMNS = [
    "payment_id",
    "customer_code",
    "customer_name",
    "reference",
    "date",
    "amount",
    "unapplied",
]


def require_cleaner(scope: Scope) -> None:
    """Refuse anyone but admins and managers (the roles of the data-quality page).

    Raises:
        AccessDenied: for collectors and viewers.
    """
    if scope.role not in CLEANER_ROLES:
        raise AccessDenied(NOT_ALLOWED)


def _as_frame(rows: Sequence[Any], columns: list[str]) -> pd.DataFrame:
    """Rows as objects, as the database gave them: None stays None (not NaN), dates
    stay dates and money stays Decimal."""
    return pd.DataFrame([tuple(row) for row in rows], columns=columns, dtype=object)


def _frame(session: Session, query: Select, columns: list[str]) -> pd.DataFrame:
    return _as_frame(session.execute(query).all(), columns)


def contacts_to_check(session: Session, *, scope: Scope) -> pd.DataFrame:
    """Every contact of a customer in scope (sellers' contacts are not customers' data).

    Columns: ``CONTACT_COLUMNS``, ordered by customer code and contact name.
    """
    query = (
        select(
            Contact.id,
            Customer.id,
            Customer.code,
            Customer.name,
            Contact.name,
            Contact.role,
            Contact.phone,
            Contact.email,
            Contact.is_primary,
        )
        .join(Customer, Customer.id == Contact.customer_id)
        .where(scope.customer_clause())
        .order_by(Customer.code, Contact.name, Contact.id)
    )
    return _frame(session, query, CONTACT_COLUMNS)


def customers_to_check(session: Session, *, scope: Scope) -> pd.DataFrame:
    """Every customer in scope with tax id, city and how many contacts it has.

    Columns: ``CUSTOMER_COLUMNS``, ordered by code.
    """
    counts = (
        select(Contact.customer_id, func.count().label("contacts"))
        .where(Contact.customer_id.is_not(None))
        .group_by(Contact.customer_id)
        .subquery()
    )
    query = (
        select(
            Customer.id,
            Customer.code,
            Customer.name,
            Customer.tax_id,
            Customer.city,
            func.coalesce(counts.c.contacts, 0),
        )
        .outerjoin(counts, counts.c.customer_id == Customer.id)
        .where(scope.customer_clause())
        .order_by(Customer.code)
    )
    return _frame(session, query, CUSTOMER_COLUMNS)


def dismissed_pairs(session: Session) -> set[tuple[int, int]]:
    """Customer pairs marked "not a duplicate", as ``(smaller id, larger id)``."""
    query = select(AuditEntry.entity_id).where(
        AuditEntry.entity == PAIR_ENTITY, AuditEntry.action == DISMISS_ACTION
    )
    pairs = set()
    for entity_id in session.scalars(query):
        first, _, second = (entity_id or "").partition("-")
        if first.isdigit() and second.isdigit():
            pairs.add((min(int(first), int(second)), max(int(first), int(second))))
    return pairs


def dismiss_pair(
    session: Session, *, scope: Scope, user_id: int, customer_ids: Sequence[int]
) -> tuple[str, str]:
    """Mark two customers as "not a duplicate" (an audit entry). Does not commit.

    Marking a pair again writes nothing.

    Returns:
        The two customers' codes, the smaller id first.

    Raises:
        AccessDenied: not an admin or manager, not two distinct customers, or one of
            them missing or outside the scope.
    """
    require_cleaner(scope)
    check_writer(scope, user_id)
    ids = list(customer_ids) if not isinstance(customer_ids, str | bytes) else []
    if len(ids) != 2 or not all(is_id(value) for value in ids) or ids[0] == ids[1]:
        raise AccessDenied(NOT_ALLOWED)
    customers = [visible_customer(session, scope=scope, customer_id=value) for value in ids]
    pair = (min(ids), max(ids))
    codes = {customer.id: customer.code for customer in customers}
    if pair not in dismissed_pairs(session):
        audit.record(
            session,
            user_id=user_id,
            action=DISMISS_ACTION,
            entity=PAIR_ENTITY,
            entity_id=f"{pair[0]}-{pair[1]}",
            details={"customer_ids": list(pair), "codes": [codes[pair[0]], codes[pair[1]]]},
        )
        session.flush()
    return codes[pair[0]], codes[pair[1]]


def contact_to_fix(session: Session, *, scope: Scope, contact_id: int) -> tuple[Contact, Customer]:
    """A customer's contact and its customer, re-checked against the scope.

    Raises:
        AccessDenied: the contact does not exist, is a seller's, or its customer is
            outside the scope (the same message for all three).
    """
    contact = session.get(Contact, contact_id) if is_id(contact_id) else None
    if contact is None or contact.customer_id is None:
        raise AccessDenied(CONTACT_NOT_FOUND)
    try:
        customer = visible_customer(session, scope=scope, customer_id=contact.customer_id)
    except AccessDenied:
        raise AccessDenied(CONTACT_NOT_FOUND) from None
    return contact, customer


def fix_contact(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    contact_id: int,
    changes: Mapping[str, str],
) -> Contact:
    """Change a contact's phone and/or e-mail (``changes``: ``{"phone": ..., "email": ...}``).

    Only the fields given change, so a contact whose other value is still bad can be
    fixed one value at a time (:func:`data_access.contacts.save_contact` re-validates
    every field, which is why it is not used here). The wall's rules still hold:
    :func:`~data_access.contacts.valid_phone` and :func:`~data_access.contacts.valid_email`,
    40 and 254 characters at most, blank stored as NULL. Audited as ``contact.update``
    with the old and new values, like the wall's edits. A value equal to the stored one
    is not a change (and not judged again); changing nothing writes nothing.
    Does not commit.

    Raises:
        AccessDenied: not an admin or manager, or the contact is not one the scope sees.
        ValidationError: ``{field: message key}`` for a refused value or an unknown
            field; nothing is written.
    """
    require_cleaner(scope)
    check_writer(scope, user_id)
    contact, customer = contact_to_fix(session, scope=scope, contact_id=contact_id)
    errors: dict[str, str] = {}
    values: dict[str, str | None] = {}
    for field, value in changes.items():
        if field not in FIXABLE:
            errors[str(field)] = INVALID
            continue
        limit, valid = FIXABLE[field]
        text = clean_text(errors, field, value, min_len=0, max_len=limit)
        if field in errors or (text or None) == getattr(contact, field):
            continue  # refused, or unchanged (an old value is not re-judged)
        if text and not valid(text):
            errors[field] = INVALID
        values[field] = text or None
    if errors:
        raise ValidationError(errors)
    diff = {f: [getattr(contact, f), v] for f, v in values.items() if getattr(contact, f) != v}
    for field, (_, value) in diff.items():
        setattr(contact, field, value)
    if diff:
        details = {"customer_id": customer.id, "changes": diff, "demoted": [], "via": "quality"}
        audit.record(
            session,
            user_id=user_id,
            action="contact.update",
            entity="contact",
            entity_id=contact.id,
            details=details,
        )
        session.flush()
    return contact


def _in_scope(customer_id: QueryableAttribute[int], scope: Scope) -> ColumnElement[bool]:
    """Rows of customers in scope, without a join when the scope sees everyone (a join
    or an ORDER BY would make SQLite walk an index and fetch each row at random)."""
    if not scope.restricted:
        return true()
    return customer_id.in_(select(Customer.id).where(scope.customer_clause()))


def _capped(session: Session, query: Select) -> tuple[list[Any], int]:
    """Up to ``MAX_ROWS`` rows of ``query`` (in no particular order) and how many it has."""
    rows = list(session.execute(query.limit(MAX_ROWS + 1)).all())
    if len(rows) <= MAX_ROWS:
        return rows, len(rows)
    counted = select(func.count()).select_from(query.subquery())
    return rows[:MAX_ROWS], int(session.scalar(counted) or 0)


def _with_customers(session: Session, rows: list[Any], columns: list[str]) -> pd.DataFrame:
    """Rows whose second field is a customer id, with that id replaced by the
    customer's code and name (``columns`` names the result)."""
    ids = sorted({row[1] for row in rows})
    names: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(Customer.id, Customer.code, Customer.name).where(Customer.id.in_(chunk))
        names.update({cid: (code, name) for cid, code, name in session.execute(query)})
    joined = [(row[0], *names[row[1]], *row[2:]) for row in rows]
    return _as_frame(joined, columns)


def _sorted(frame: pd.DataFrame, by: list[str], ascending: list[bool]) -> pd.DataFrame:
    if frame.empty:
        return frame
    return frame.sort_values(by, ascending=ascending).reset_index(drop=True)


def documents_with_impossible_dates(
    session: Session,
    *,
    scope: Scope,
    earliest: dt.date,
    latest_issue: dt.date,
    latest_due: dt.date,
) -> tuple[pd.DataFrame, int]:
    """Documents due before issued, issued after ``latest_issue``, dated before
    ``earliest`` or due after ``latest_due``.

    Returns:
        Up to ``MAX_ROWS`` rows (``DOCUMENT_COLUMNS``, newest issue first) and how many
        documents there are in all.
    """
    wrong = or_(
        Document.due_date < Document.issue_date,
        Document.issue_date > latest_issue,
        Document.issue_date < earliest,
        Document.due_date < earliest,
        Document.due_date > latest_due,
    )
    query = select(
        Document.id,
        Document.customer_id,
        Document.number,
        Document.kind,
        Document.issue_date,
        Document.due_date,
        Document.amount,
    ).where(wrong, _in_scope(Document.customer_id, scope))
    rows, total = _capped(session, query)
    frame = _with_customers(session, rows, DOCUMENT_COLUMNS)
    return _sorted(frame, ["issue_date", "document_id"], [False, True]), total


def payments_with_impossible_dates(
    session: Session, *, scope: Scope, earliest: dt.date, latest: dt.date
) -> tuple[pd.DataFrame, int]:
    """Payments dated after ``latest``, before ``earliest``, or before the issue date of
    the invoice they name.

    Returns:
        Up to ``MAX_ROWS`` rows (``PAYMENT_COLUMNS``, newest first) and the total.
    """
    invoice = aliased(Document)
    wrong = or_(
        Payment.date > latest,
        Payment.date < earliest,
        and_(invoice.id.is_not(None), Payment.date < invoice.issue_date),
    )
    query = (
        select(
            Payment.id,
            Payment.customer_id,
            Payment.reference,
            Payment.date,
            Payment.amount,
            invoice.number,
            invoice.issue_date,
        )
        .outerjoin(invoice, invoice.id == Payment.invoice_id)
        .where(wrong, _in_scope(Payment.customer_id, scope))
    )
    rows, total = _capped(session, query)
    frame = _with_customers(session, rows, PAYMENT_COLUMNS)
    return _sorted(frame, ["date", "payment_id"], [False, True]), total


def _unapplied(scope: Scope) -> ColumnElement[bool]:
    return and_(
        Payment.settled_on.is_(None),
        Payment.unapplied > 0,
        _in_scope(Payment.customer_id, scope),
    )


def unapplied_totals(session: Session, *, scope: Scope) -> tuple[int, Decimal]:
    """How many customers have unapplied payments, and how much is unapplied in all."""
    query = select(
        func.count(func.distinct(Payment.customer_id)),
        type_coerce(func.sum(Payment.unapplied), MONEY),
    ).where(_unapplied(scope))
    customers, amount = session.execute(query).one()
    return int(customers or 0), amount if amount is not None else Decimal("0.00")


def unapplied_payments(session: Session, *, scope: Scope) -> tuple[pd.DataFrame, int]:
    """Payments with money not applied to any invoice (the ledger as it stands).

    ``unapplied`` is kept current by :mod:`data_access.ledger_store`: what is left after
    paying the invoice the payment names and the customer's other open invoices.

    Returns:
        Up to ``MAX_ROWS`` rows (``UNAPPLIED_COLUMNS``, oldest payment first) and the total.
    """
    query = select(
        Payment.id,
        Payment.customer_id,
        Payment.reference,
        Payment.date,
        Payment.amount,
        Payment.unapplied,
    ).where(_unapplied(scope))
    rows, total = _capped(session, query)
    frame = _with_customers(session, rows, UNAPPLIED_COLUMNS)
    return _sorted(frame, ["date", "payment_id"], [True, True]), total
