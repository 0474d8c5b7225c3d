"""The latest note and the next promise of some customers (for hovers and lists)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from data_access.models import Note, Task


def last_notes(session: Session, customer_ids: Sequence[int], *, as_of: dt.date) -> dict[int, str]:
    """The body of each customer's latest note written on or before ``as_of``."""
    ids = list(customer_ids)
    if not ids:
        return {}
    cutoff = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    latest = (
        select(Note.customer_id, func.max(Note.created_at).label("at"))
        .where(Note.customer_id.in_(ids), Note.created_at < cutoff)
        .group_by(Note.customer_id)
        .subquery()
    )
    query = select(Note.customer_id, Note.body).join(
        latest, and_(latest.c.customer_id == Note.customer_id, latest.c.at == Note.created_at)
    )
    return {customer_id: body for customer_id, body in session.execute(query)}


def next_promises(
    session: Session, customer_ids: Sequence[int], *, as_of: dt.date
) -> dict[int, tuple[dt.date, Decimal | None]]:
    """Each customer's earliest open task with a promise to pay due on or after ``as_of``."""
    ids = list(customer_ids)
    if not ids:
        return {}
    query = (
        select(Task.customer_id, Task.promise_date, Task.promise_amount)
        .where(
            Task.customer_id.in_(ids),
            Task.status == "open",
            Task.promise_date.is_not(None),
            Task.promise_date >= as_of,
        )
        .order_by(Task.customer_id, Task.promise_date)
    )
    found: dict[int, tuple[dt.date, Decimal | None]] = {}
    for customer_id, day, amount in session.execute(query):
        if day is not None:
            found.setdefault(customer_id, (day, amount))
    return found
