"""Field mode: check-ins (visits) and notes sent from a phone, each stored exactly once.

A phone that lost its connection keeps what the collector did and sends it later,
maybe twice (a retry after a lost answer). Each item carries a UUID made on the
phone (``client_id``, unique in the table): the first arrival is stored, a later
one returns the stored row untouched. The phone's time (``recorded_at``) is kept,
bounded here: not ahead of the server by more than :data:`CLOCK_SKEW`, not older
than :data:`MAX_AGE`.

Like :mod:`data_access.activity`: the caller's scope is checked on every customer id
(:class:`~data_access.activity.AccessDenied`), input errors are all reported at once
(:class:`~data_access.activity.ValidationError`), writes are audited, nothing commits.
The distance to the customer and whether the visit is verified are computed by the
caller from the customer's stored coordinates (:func:`dashboard.geo.verify_visit`);
nothing the phone claims about them is read.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import and_, func, select, type_coerce
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data_access import audit
from data_access.activity import (
    INVALID,
    REQUIRED,
    ValidationError,
    add_note,
    utc_now,
    writable_customer,
)
from data_access.models import MONEY, AgingSnapshot, Contact, Customer, Note, Visit
from data_access.scope import Scope

MAX_AGE = dt.timedelta(days=7)
CLOCK_SKEW = dt.timedelta(minutes=5)
MAX_ACCURACY_M = 100_000.0

# Message keys of ValidationError, besides activity's.
IN_THE_FUTURE = "in_the_future"
TOO_OLD = "too_old"
OUT_OF_RANGE = "out_of_range"
CONFLICT = "conflict"

FIELD_COLUMNS = [
    "customer_id",
    "code",
    "name",
    "address",
    "city",
    "latitude",
    "longitude",
    "balance",
    "overdue",
    "contact_name",
    "phone",
]


@dataclass(frozen=True)
class Position:
    """Where the phone was: degrees and the fix's accuracy radius in metres."""

    latitude: float
    longitude: float
    accuracy_m: float


def clean_client_id(errors: dict[str, str], value: object) -> str:
    """The phone's UUID in canonical form (lower case, with dashes)."""
    if value in (None, ""):
        errors["client_id"] = REQUIRED
        return ""
    if isinstance(value, str) and len(value) <= 40:
        try:
            return str(uuid.UUID(value))
        except ValueError:
            pass
    errors["client_id"] = INVALID
    return ""


def clean_recorded_at(errors: dict[str, str], value: object, now: dt.datetime) -> dt.datetime:
    """The phone's time as naive UTC, within ``[now - MAX_AGE, now + CLOCK_SKEW]``.

    A naive value is read as UTC (how the models store times).
    """
    if value is None:
        errors["recorded_at"] = REQUIRED
        return now
    if not isinstance(value, dt.datetime):
        errors["recorded_at"] = INVALID
        return now
    at = utc_now(value)
    if at > now + CLOCK_SKEW:
        errors["recorded_at"] = IN_THE_FUTURE
    elif at < now - MAX_AGE:
        errors["recorded_at"] = TOO_OLD
    return at


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def clean_position(
    errors: dict[str, str], latitude: object, longitude: object, accuracy_m: object
) -> Position:
    """Finite degrees in range and an accuracy from 0 to :data:`MAX_ACCURACY_M` metres."""
    values = {}
    for field, value, limit in (
        ("latitude", latitude, 90.0),
        ("longitude", longitude, 180.0),
        ("accuracy_m", accuracy_m, MAX_ACCURACY_M),
    ):
        number = _number(value)
        if number is None:
            errors[field] = REQUIRED if value in (None, "") else INVALID
        elif abs(number) > limit or (field == "accuracy_m" and number < 0):
            errors[field] = OUT_OF_RANGE
        values[field] = number or 0.0
    return Position(values["latitude"], values["longitude"], values["accuracy_m"])


def _existing(
    session: Session, model: type[Visit] | type[Note], client_id: str
) -> Visit | Note | None:
    if not client_id:
        return None
    if model is Visit:
        return session.scalar(select(Visit).where(Visit.client_id == client_id))
    return session.scalar(select(Note).where(Note.client_id == client_id))


def _same_sender(row: Visit | Note, *, user_id: int, customer_id: int) -> bool:
    author = row.user_id if isinstance(row, Visit) else row.author_id
    return author == user_id and row.customer_id == customer_id


def _repeat(row: Visit | Note | None, *, user_id: int, customer_id: int) -> Visit | Note | None:
    """The stored row of an earlier arrival, or None; another sender's id is refused."""
    if row is None:
        return None
    if not _same_sender(row, user_id=user_id, customer_id=customer_id):
        raise ValidationError({"client_id": CONFLICT})
    return row


@dataclass(frozen=True)
class VisitCheck:
    """What the server decided about a position (see :func:`dashboard.geo.verify_visit`)."""

    distance_m: float | None
    verified: bool
    radius_m: int


def add_visit(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    customer_id: int,
    client_id: object,
    recorded_at: object,
    position: Position,
    check: VisitCheck,
    now: dt.datetime | None = None,
) -> tuple[Visit, bool]:
    """Record a check-in once per ``client_id``.

    Args:
        session: the caller's session (not committed here).
        scope: who is acting; the customer must be theirs and the role may write.
        user_id: the collector.
        customer_id: the customer visited.
        client_id: the phone's UUID of this check-in.
        recorded_at: the phone's time (datetime; naive is UTC).
        position: where the phone was (validated by :func:`clean_position` first).
        check: distance and verdict computed on the server from the customer's
            coordinates.
        now: the server's time (default: now).

    Returns:
        The visit and whether this call stored it (False: an earlier arrival did).

    Raises:
        AccessDenied: the customer is missing or outside the scope, or a read-only role.
        ValidationError: bad client id, time or position; a client id of someone else.
    """
    writable_customer(session, scope=scope, user_id=user_id, customer_id=customer_id)
    at_server = utc_now(now)
    errors: dict[str, str] = {}
    cid = clean_client_id(errors, client_id)
    repeat = _repeat(_existing(session, Visit, cid), user_id=user_id, customer_id=customer_id)
    if isinstance(repeat, Visit):
        return repeat, False
    recorded = clean_recorded_at(errors, recorded_at, at_server)
    clean_position(errors, position.latitude, position.longitude, position.accuracy_m)
    if errors:
        raise ValidationError(errors)
    row = Visit(
        customer_id=customer_id,
        user_id=user_id,
        recorded_at=recorded,
        received_at=at_server,
        latitude=position.latitude,
        longitude=position.longitude,
        accuracy_m=position.accuracy_m,
        distance_m=check.distance_m,
        radius_m=check.radius_m,
        verified=check.verified,
        client_id=cid,
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
            _audit_visit(session, row)
    except IntegrityError:  # the same check-in arrived at the same moment
        found = _existing(session, Visit, cid)
        if not isinstance(found, Visit):
            raise
        return found, False
    return row, True


def _audit_visit(session: Session, row: Visit) -> None:
    details = {
        "customer_id": row.customer_id,
        "recorded_at": row.recorded_at.isoformat(),
        "distance_m": None if row.distance_m is None else round(row.distance_m, 1),
        "accuracy_m": round(row.accuracy_m, 1),
        "verified": row.verified,
        "radius_m": row.radius_m,
        "client_id": row.client_id,
    }
    audit.record(
        session,
        user_id=row.user_id,
        action="visit.add",
        entity="visit",
        entity_id=row.id,
        details=details,
        at=row.received_at,
    )


def add_field_note(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    customer_id: int,
    client_id: object,
    recorded_at: object,
    channel: str,
    reason: str,
    body: str,
    contact_name: str = "",
    contact_id: int | None = None,
    now: dt.datetime | None = None,
) -> tuple[Note, bool]:
    """Record a note written on a phone, once per ``client_id``, at the phone's time.

    The note is an ordinary :func:`data_access.activity.add_note` (same checks,
    hashtags and audit) whose ``created_at`` is ``recorded_at``.

    Returns:
        The note and whether this call stored it (False: an earlier arrival did).

    Raises:
        AccessDenied: the customer is missing or outside the scope, or a read-only role.
        ValidationError: bad client id or time (checked first), or a bad note.
    """
    writable_customer(session, scope=scope, user_id=user_id, customer_id=customer_id)
    errors: dict[str, str] = {}
    cid = clean_client_id(errors, client_id)
    repeat = _repeat(_existing(session, Note, cid), user_id=user_id, customer_id=customer_id)
    if isinstance(repeat, Note):
        return repeat, False
    recorded = clean_recorded_at(errors, recorded_at, utc_now(now))
    if errors:
        raise ValidationError(errors)
    try:
        with session.begin_nested():
            note = add_note(
                session,
                scope=scope,
                user_id=user_id,
                customer_id=customer_id,
                channel=channel,
                reason=reason,
                body=body,
                contact_name=contact_name,
                contact_id=contact_id,
                now=recorded,
            )
            note.client_id = cid
            session.flush()
    except IntegrityError:  # the same note arrived at the same moment
        found = _existing(session, Note, cid)
        if not isinstance(found, Note):
            raise
        return found, False
    return note, True


def field_customers(
    session: Session, *, scope: Scope, customer_ids: Sequence[int], as_of: dt.date, bands: int
) -> pd.DataFrame:
    """What a field card shows of these customers (those the scope may see).

    Balance and overdue come from the aging snapshot of ``as_of`` (the caller ensures
    it exists; a customer without a row shows zero). The contact is the primary one,
    else the first by name that has a phone.

    Returns:
        Columns :data:`FIELD_COLUMNS`; coordinates as float or None, money as Decimal.
    """
    ids = sorted({int(i) for i in customer_ids})
    if not ids:
        return pd.DataFrame(columns=FIELD_COLUMNS)
    overdue = type_coerce(
        sum((getattr(AgingSnapshot, f"b{i}") for i in range(2, bands)), AgingSnapshot.b1), MONEY
    )
    query = (
        select(
            Customer.id,
            Customer.code,
            Customer.name,
            Customer.address,
            Customer.city,
            Customer.latitude,
            Customer.longitude,
            AgingSnapshot.balance,
            overdue,
        )
        .outerjoin(
            AgingSnapshot,
            and_(AgingSnapshot.customer_id == Customer.id, AgingSnapshot.as_of == as_of),
        )
        .where(Customer.id.in_(ids), scope.customer_clause())
    )
    contacts = _phone_contacts(session, ids)
    rows = []
    for cid, code, name, address, city, lat, lon, balance, owed in session.execute(query):
        contact = contacts.get(cid, ("", ""))
        rows.append(
            (
                cid,
                code,
                name,
                address or "",
                city or "",
                None if lat is None else float(lat),
                None if lon is None else float(lon),
                balance if balance is not None else Decimal("0.00"),
                owed if owed is not None else Decimal("0.00"),
                *contact,
            )
        )
    # object: a missing coordinate stays None (a float column would turn it into NaN)
    return pd.DataFrame(rows, columns=FIELD_COLUMNS, dtype=object)


def _phone_contacts(session: Session, customer_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """(name, phone) of each customer's primary contact, else its first with a phone."""
    query = (
        select(Contact.customer_id, Contact.name, Contact.phone, Contact.is_primary)
        .where(Contact.customer_id.in_(list(customer_ids)))
        .order_by(Contact.customer_id, Contact.is_primary.desc(), Contact.name, Contact.id)
    )
    found: dict[int, tuple[str, str]] = {}
    for customer_id, name, phone, primary in session.execute(query):
        if customer_id is not None and customer_id not in found and (primary or phone):
            found[customer_id] = (name or "", phone or "")
    return found


def last_visits(
    session: Session, customer_ids: Sequence[int], *, since: dt.datetime
) -> dict[int, dict[str, Any]]:
    """Each customer's latest check-in recorded at or after ``since`` (naive UTC).

    Returns:
        ``{customer_id: {"recorded_at", "distance_m", "verified", "user_id"}}``.
    """
    ids = list(customer_ids)
    if not ids:
        return {}
    latest = (
        select(Visit.customer_id, func.max(Visit.recorded_at).label("at"))
        .where(Visit.customer_id.in_(ids), Visit.recorded_at >= since)
        .group_by(Visit.customer_id)
        .subquery()
    )
    query = select(
        Visit.customer_id, Visit.recorded_at, Visit.distance_m, Visit.verified, Visit.user_id
    ).join(
        latest,
        and_(latest.c.customer_id == Visit.customer_id, latest.c.at == Visit.recorded_at),
    )
    return {
        cid: {"recorded_at": at, "distance_m": distance, "verified": verified, "user_id": uid}
        for cid, at, distance, verified, uid in session.execute(query)
    }
