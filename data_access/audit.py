"""The audit log: who changed what, when. Writes add rows; nothing here commits.

``details`` is stored as JSON text (sorted keys, UTF-8 kept readable). Values that
JSON has no type for are written as strings: ``Decimal("12.50")`` as ``"12.50"``,
dates and datetimes in ISO format.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.models import AuditEntry


def _plain(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value, key=str)
    raise TypeError(f"cannot write {type(value).__name__} to the audit log")


def encode_details(details: dict[str, Any]) -> str:
    """``details`` as the JSON text stored in :attr:`AuditEntry.details`."""
    return json.dumps(details, default=_plain, ensure_ascii=False, sort_keys=True)


def record(
    session: Session,
    *,
    user_id: int | None,
    action: str,
    entity: str,
    entity_id: int | str | None,
    details: dict[str, Any],
    at: dt.datetime | None = None,
) -> None:
    """Add an audit entry to the session (flushed with the caller's transaction).

    Args:
        session: the caller's session; it is not committed.
        user_id: who acted (None for the system).
        action: what they did, such as ``"note.add"`` or ``"task.complete"``.
        entity: the kind of thing changed, such as ``"note"`` or ``"customer"``.
        entity_id: its id (stored as text).
        details: JSON-serialisable facts about the change.
        at: when (naive UTC); now when omitted.
    """
    entry = AuditEntry(
        user_id=user_id,
        action=action,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        details=encode_details(details),
    )
    if at is not None:
        entry.at = at
    session.add(entry)


def entries(
    session: Session,
    *,
    entity: str | None = None,
    entity_id: int | str | None = None,
    limit: int = 100,
) -> list[AuditEntry]:
    """Audit entries, newest first, optionally of one entity (and one id of it)."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if entity is not None:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == str(entity_id))
    return list(session.scalars(query.limit(max(1, limit))))


def details_of(entry: AuditEntry) -> dict[str, Any]:
    """The decoded ``details`` of an entry (an empty dict when there are none)."""
    if not entry.details:
        return {}
    decoded = json.loads(entry.details)
    return decoded if isinstance(decoded, dict) else {"value": decoded}
