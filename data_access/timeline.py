"""One customer's story, newest first: documents, payments, notes, tasks, messages, visits.

A single UNION ALL ordered and paged in SQL, so a customer with thousands of
documents still returns one page quickly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import String, case, cast, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from data_access.models import MONEY, Document, Message, Note, Payment, Task, User, Visit
from data_access.sqlfuncs import as_timestamp

KINDS = ("invoice", "credit_note", "debit_note", "payment", "note", "task", "message", "visit")
COLUMNS = ["kind", "at", "item_id", "title", "amount", "text", "status", "detail"]


def _at(day: Any) -> Any:
    return as_timestamp(day)


def _documents(customer_id: int, kinds: Sequence[str]) -> Any:
    return select(
        Document.kind.label("kind"),
        _at(Document.issue_date).label("at"),
        Document.id.label("item_id"),
        Document.number.label("title"),
        Document.amount.label("amount"),
        cast(Document.due_date, String).label("text"),
        cast(Document.disputed, String).label("status"),
        cast(Document.settled_on, String).label("detail"),
    ).where(Document.customer_id == customer_id, Document.kind.in_(list(kinds)))


def _payments(customer_id: int) -> Any:
    return select(
        literal("payment").label("kind"),
        _at(Payment.date).label("at"),
        Payment.id.label("item_id"),
        Payment.reference.label("title"),
        Payment.amount.label("amount"),
        Payment.method.label("text"),
        null().label("status"),
        Payment.bank.label("detail"),
    ).where(Payment.customer_id == customer_id)


def _notes(customer_id: int) -> Any:
    return select(
        literal("note").label("kind"),
        Note.created_at.label("at"),
        Note.id.label("item_id"),
        Note.contact_name.label("title"),
        cast(null(), MONEY).label("amount"),  # a typed NULL for PostgreSQL
        Note.body.label("text"),
        Note.reason.label("status"),
        Note.channel.label("detail"),
    ).where(Note.customer_id == customer_id)


def _tasks(customer_id: int) -> Any:
    return select(
        literal("task").label("kind"),
        Task.created_at.label("at"),
        Task.id.label("item_id"),
        cast(Task.due_date, String).label("title"),
        Task.promise_amount.label("amount"),
        Task.description.label("text"),
        Task.status.label("status"),
        cast(Task.promise_date, String).label("detail"),
    ).where(Task.customer_id == customer_id)


def _messages(customer_id: int) -> Any:
    return select(
        literal("message").label("kind"),
        Message.created_at.label("at"),
        Message.id.label("item_id"),
        Message.subject.label("title"),
        cast(null(), MONEY).label("amount"),  # a typed NULL for PostgreSQL
        # "recipient — error" for a failed message (NULL error: the recipient alone).
        func.coalesce(Message.recipient + " — " + Message.error, Message.recipient).label("text"),
        Message.status.label("status"),
        Message.channel.label("detail"),
    ).where(Message.customer_id == customer_id)


def _visits(customer_id: int) -> Any:
    """Check-ins: who, ``verified``/``not_verified``/``no_coordinates``, metres as text."""
    status = case(
        (Visit.distance_m.is_(None), literal("no_coordinates")),
        (Visit.verified, literal("verified")),
        else_=literal("not_verified"),
    )
    return (
        select(
            literal("visit").label("kind"),
            Visit.recorded_at.label("at"),
            Visit.id.label("item_id"),
            func.coalesce(User.full_name, "").label("title"),
            cast(null(), MONEY).label("amount"),  # a typed NULL for PostgreSQL
            cast(Visit.accuracy_m, String).label("text"),  # accuracy of the fix, metres
            status.label("status"),
            cast(Visit.distance_m, String).label("detail"),  # metres from the customer
        )
        .outerjoin(User, User.id == Visit.user_id)
        .where(Visit.customer_id == customer_id)
    )


def timeline(
    session: Session,
    customer_id: int,
    *,
    kinds: Sequence[str] = KINDS,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """A page of the customer's events, newest first (the caller checks access first).

    Each event: kind, at (datetime), item_id, title, amount (Decimal or None), text,
    status and detail (meaning depends on the kind, see the branch builders).
    """
    wanted = [kind for kind in kinds if kind in KINDS]
    branches = []
    documents = [kind for kind in wanted if kind in ("invoice", "credit_note", "debit_note")]
    if documents:
        branches.append(_documents(customer_id, documents))
    builders = {
        "payment": _payments,
        "note": _notes,
        "task": _tasks,
        "message": _messages,
        "visit": _visits,
    }
    branches += [builders[kind](customer_id) for kind in wanted if kind in builders]
    if not branches:
        return []
    events = union_all(*branches).subquery()
    query = (
        select(*(events.c[name] for name in COLUMNS))
        .order_by(events.c.at.desc(), events.c.kind, events.c.item_id.desc())
        .limit(limit)
        .offset(offset)
    )
    rows = [dict(row) for row in session.execute(query).mappings()]
    for row in rows:
        if isinstance(row["at"], str):
            row["at"] = dt.datetime.fromisoformat(row["at"])
        elif isinstance(row["at"], dt.date) and not isinstance(row["at"], dt.datetime):
            row["at"] = dt.datetime.combine(row["at"], dt.time())
    return rows
