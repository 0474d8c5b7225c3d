"""Reminder sequences: the levels, and the reminders sent at each (what they covered).

Same rules as :mod:`data_access.activity`: the caller's session, no commit here,
validation before writing, an audit entry for every change a person makes. Levels are
edited by admins and managers.

A reminder is *claimed* before it is sent: :func:`claim_send` inserts its row
(status ``sending``) under UNIQUE (level, customer, cycle key) in a savepoint, so two
runs at once cannot both send it; the caller commits, delivers the message under the
key ``reminder:<send id>`` and records the outcome with :func:`finish_send`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal

import pandas as pd
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data_access import audit
from data_access.activity import (
    INVALID,
    INVALID_CHOICE,
    NOT_FOUND,
    TOO_LONG,
    AccessDenied,
    ValidationError,
    utc_now,
)
from data_access.campaigns import CHANNELS, check_manager
from data_access.models import MESSAGE_TONES, Customer, ReminderLevel, ReminderSend
from data_access.scope import Scope

MIN_DAYS, MAX_DAYS = -60, 3650
MAX_ATTEMPTS = 3  # a failed reminder is tried again on the next runs, this many times in all
IN_USE = "in_use"


def reminder_levels(session: Session, *, active_only: bool = False) -> list[ReminderLevel]:
    """The levels by days (then id)."""
    query = select(ReminderLevel).order_by(ReminderLevel.days, ReminderLevel.id)
    if active_only:
        query = query.where(ReminderLevel.active.is_(True))
    return list(session.scalars(query))


def _clean_level(
    name: object, days: object, channel: object, tone: object
) -> tuple[str, int, dict[str, str]]:
    errors: dict[str, str] = {}
    text = name.strip() if isinstance(name, str) else ""
    if not isinstance(name, str) or "\x00" in name:
        errors["name"] = INVALID
    elif len(text) > 80:
        errors["name"] = TOO_LONG
    whole = days if isinstance(days, int) and not isinstance(days, bool) else None
    if whole is None or not MIN_DAYS <= whole <= MAX_DAYS:
        errors["days"] = INVALID
    if channel not in CHANNELS:
        errors["channel"] = INVALID_CHOICE
    if tone not in (None, *MESSAGE_TONES):
        errors["tone"] = INVALID_CHOICE
    return text, whole or 0, errors


def save_level(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    name: str,
    days: int | None,
    segment: str,
    channel: str,
    tone: str | None,
    active: bool = True,
    level_id: int | None = None,
) -> ReminderLevel:
    """Create a level, or change level ``level_id``.

    Raises:
        AccessDenied: not an admin or manager, or no such level.
        ValidationError: a name too long, days outside -60..3650, an unknown channel
            or tone.
    """
    check_manager(scope)
    text, whole, errors = _clean_level(name, days, channel, tone)
    if errors:
        raise ValidationError(errors)
    level = ReminderLevel() if level_id is None else session.get(ReminderLevel, level_id)
    if level is None:
        raise AccessDenied(NOT_FOUND)
    level.name, level.days, level.segment = text, whole, segment
    level.channel, level.tone, level.active = channel, tone, bool(active)
    level.updated_by_id, level.updated_at = user_id, utc_now()
    if level_id is None:
        session.add(level)
    session.flush()
    audit.record(
        session,
        user_id=user_id,
        action="reminder_level.save",
        entity="reminder_level",
        entity_id=level.id,
        details={
            "name": text,
            "days": whole,
            "segment": segment,
            "channel": channel,
            "tone": tone,
            "active": bool(active),
        },
    )
    return level


def delete_level(session: Session, *, scope: Scope, user_id: int, level_id: int) -> None:
    """Delete a level never used; a used one can only be deactivated.

    Raises:
        AccessDenied: not an admin or manager, or no such level.
        ValidationError: ``{"level": "in_use"}`` when reminders were sent at it.
    """
    check_manager(scope)
    level = session.get(ReminderLevel, level_id) if isinstance(level_id, int) else None
    if level is None:
        raise AccessDenied(NOT_FOUND)
    used = session.scalar(select(ReminderSend.id).where(ReminderSend.level_id == level.id).limit(1))
    if used is not None:
        raise ValidationError({"level": IN_USE})
    audit.record(
        session,
        user_id=user_id,
        action="reminder_level.delete",
        entity="reminder_level",
        entity_id=level.id,
        details={"days": level.days, "name": level.name},
    )
    session.delete(level)
    session.flush()


# --- sends --------------------------------------------------------------------------


def coverage(session: Session, customer_ids: Sequence[int] | None = None) -> dict[int, int]:
    """The highest level days each document was covered at by a reminder (skipped ones
    aside), for the customers given (all when None)."""
    query = select(ReminderSend.documents).where(ReminderSend.status != "skipped")
    found: dict[int, int] = {}
    ids = None if customer_ids is None else list(customer_ids)
    chunks = [None] if ids is None else [ids[i : i + 500] for i in range(0, len(ids), 500)]
    for chunk in chunks:
        part = query if chunk is None else query.where(ReminderSend.customer_id.in_(chunk))
        for text in session.scalars(part):
            for document_id, days in json.loads(text or "[]"):
                found[int(document_id)] = max(int(days), found.get(int(document_id), int(days)))
    return found


def claim_send(
    session: Session,
    *,
    level_id: int,
    customer_id: int,
    cycle_key: str,
    level_days: int,
    channel: str,
    recipient: str,
    documents: list[list[int]],
    amount: Decimal,
    as_of: dt.date,
    now: dt.datetime | None = None,
) -> ReminderSend | None:
    """Store a reminder as ``sending``; None when it was already claimed (same level,
    customer and cycle key). Runs in a savepoint; does not commit."""
    row = ReminderSend(
        level_id=level_id,
        customer_id=customer_id,
        cycle_key=cycle_key,
        level_days=level_days,
        channel=channel,
        recipient=recipient[:254],
        documents=json.dumps(documents),
        amount=amount,
        as_of=as_of,
        status="sending",
        attempts=0,
        created_at=utc_now(now),
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return None
    return row


def unfinished_sends(session: Session, *, max_attempts: int = MAX_ATTEMPTS) -> list[ReminderSend]:
    """Claimed reminders to deliver now: never handed over (a run stopped after the
    claim), or failed fewer than ``max_attempts`` times."""
    query = (
        select(ReminderSend)
        .where(
            or_(
                (ReminderSend.status == "sending") & ReminderSend.message_id.is_(None),
                (ReminderSend.status == "failed") & (ReminderSend.attempts < max_attempts),
            )
        )
        .order_by(ReminderSend.id)
    )
    return list(session.scalars(query))


def finish_send(
    session: Session,
    send: ReminderSend,
    *,
    status: str,
    error: str | None = None,
    message_id: int | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Record how a reminder went: the message's status, or ``skipped`` (nothing to say)."""
    at = utc_now(now)
    send.status, send.error = status, error
    send.message_id = message_id if message_id is not None else send.message_id
    send.attempts = (send.attempts or 0) + 1
    send.sent_at = at if status in ("sent", "outbox") else send.sent_at


SEND_COLUMNS = [
    "id",
    "as_of",
    "code",
    "name",
    "level_days",
    "channel",
    "recipient",
    "amount",
    "documents",
    "status",
    "error",
]


def recent_sends(session: Session, *, scope: Scope, limit: int = 100) -> pd.DataFrame:
    """The latest reminders, newest first. Columns: :data:`SEND_COLUMNS` (documents as
    the count of invoices covered).

    Raises:
        AccessDenied: not an admin or manager.
    """
    check_manager(scope)
    query = (
        select(
            ReminderSend.id,
            ReminderSend.as_of,
            Customer.code,
            Customer.name,
            ReminderSend.level_days,
            ReminderSend.channel,
            ReminderSend.recipient,
            ReminderSend.amount,
            ReminderSend.documents,
            ReminderSend.status,
            ReminderSend.error,
        )
        .join(Customer, Customer.id == ReminderSend.customer_id)
        .order_by(ReminderSend.id.desc())
        .limit(limit)
    )
    rows = [(*row[:8], len(json.loads(row[8] or "[]")), *row[9:]) for row in session.execute(query)]
    return pd.DataFrame(rows, columns=SEND_COLUMNS)
