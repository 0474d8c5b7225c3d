"""Field mode's reads and writes: the day's cards, check-ins and notes from a phone.

Queries in, pure functions out, like :mod:`dashboard.worklist_service`. The check-in's
distance is computed here from the customer's stored coordinates with
:func:`dashboard.geo.verify_visit`; the phone only says where it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.context import PageContext
from dashboard.field import day_stops, keep_visible
from dashboard.field_presenters import CardData
from dashboard.geo import Point, point_of, sort_by_distance, verify_visit
from dashboard.worklist_service import load_worklist
from data_access.activity import writable_customer
from data_access.highlights import last_notes, next_promises
from data_access.models import Note, Visit
from data_access.scope import Scope
from data_access.tasks_board import TaskFilter, task_board
from data_access.visits import (
    Position,
    VisitCheck,
    add_field_note,
    add_visit,
    clean_position,
    field_customers,
    last_visits,
)


def load_day(session: Session, c: PageContext, *, collector: tuple[int, str]) -> list[CardData]:
    """The cards of one collector's day, most pressing first (no distances yet).

    Args:
        session: an open session (builds today's aging snapshot when missing).
        c: the request's context (scope, today, buckets, grace days).
        collector: (user id, username) whose day it is; a collector's scope only
            ever sees its own customers whatever this says.
    """
    collector_id, username = collector
    ranked = load_worklist(
        session,
        as_of=c.today,
        scope=c.scope,
        collector_id=collector_id,
        buckets=c.buckets,
        grace_days=c.grace_days,
    )
    mine = TaskFilter(assignee=username)
    tasks = [
        task_board(session, scope=c.scope, today=c.today, view=view, filters=mine)
        for view in ("today", "overdue")
    ]
    found = [frame for frame in tasks if not frame.empty]
    frame = pd.concat(found, ignore_index=True) if len(found) > 1 else (found or tasks)[0]
    stops = day_stops(ranked=ranked, tasks=frame, today=c.today)
    ids = [stop.customer_id for stop in stops]
    customers = field_customers(
        session, scope=c.scope, customer_ids=ids, as_of=c.today, bands=len(c.buckets.keys)
    )
    rows = {int(row["customer_id"]): row for row in customers.to_dict("records")}
    stops = keep_visible(stops, set(rows))
    ids = [stop.customer_id for stop in stops]
    notes = last_notes(session, ids, as_of=c.today)
    promises = next_promises(session, ids, as_of=c.today)
    visits = last_visits(session, ids, since=dt.datetime.combine(c.today, dt.time()))
    return [
        CardData(
            stop=stop,
            customer=rows[stop.customer_id],
            last_note=notes.get(stop.customer_id, ""),
            next_promise=promises.get(stop.customer_id),
            visit=visits.get(stop.customer_id),
            distance_m=None,
        )
        for stop in stops
    ]


def by_distance(cards: list[CardData], origin: Point | None) -> list[CardData]:
    """The cards nearest first from ``origin`` (those without coordinates last)."""
    ordered = sort_by_distance(
        cards, origin, lambda card: point_of(card.customer["latitude"], card.customer["longitude"])
    )
    return [dataclasses.replace(card, distance_m=distance) for card, distance in ordered]


def parse_time(value: object) -> object:
    """An ISO 8601 text (``2024-05-01T10:00:00.000Z``) as a datetime; anything else as is.

    What is not a valid time is returned unchanged, so the data layer reports it.
    """
    if isinstance(value, str) and len(value) <= 40:
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


def visit_status(visit: Visit) -> str:
    """``verified``, ``too_far``, ``imprecise`` or ``no_coordinates`` of a stored check-in."""
    if visit.distance_m is None:
        return "no_coordinates"
    if visit.verified:
        return "verified"
    return "too_far" if visit.distance_m > visit.radius_m else "imprecise"


def check_in(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    payload: Mapping[str, Any],
    radius_m: int,
    now: dt.datetime | None = None,
) -> tuple[Visit, bool]:
    """Store a check-in sent by a phone (once per client id), verified on the server.

    ``payload``: ``client_id, customer_id, recorded_at`` (ISO 8601), ``latitude,
    longitude, accuracy`` (metres). The customer is checked against ``scope`` first.

    Raises:
        AccessDenied: the customer is not the user's (or does not exist); read-only role.
        ValidationError: bad id, time or position.
    """
    customer_id = payload.get("customer_id")
    customer = writable_customer(
        session,
        scope=scope,
        user_id=user_id,
        customer_id=customer_id,  # type: ignore[arg-type]
    )
    errors: dict[str, str] = {}
    position = clean_position(
        errors, payload.get("latitude"), payload.get("longitude"), payload.get("accuracy")
    )
    check = VisitCheck(distance_m=None, verified=False, radius_m=radius_m)
    if not errors:
        verdict = verify_visit(
            point_of(customer.latitude, customer.longitude),
            (position.latitude, position.longitude),
            accuracy_m=position.accuracy_m,
            radius_m=radius_m,
        )
        check = VisitCheck(verdict.distance_m, verdict.verified, radius_m)
    return add_visit(
        session,
        scope=scope,
        user_id=user_id,
        customer_id=customer.id,
        client_id=payload.get("client_id"),
        recorded_at=parse_time(payload.get("recorded_at")),
        position=position if not errors else _raw_position(payload),
        check=check,
        now=now,
    )


def _raw_position(payload: Mapping[str, Any]) -> Position:
    """The payload's position unchecked, so add_visit reports every problem at once."""
    return Position(
        payload.get("latitude"),  # type: ignore[arg-type]
        payload.get("longitude"),  # type: ignore[arg-type]
        payload.get("accuracy"),  # type: ignore[arg-type]
    )


def field_note(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    payload: Mapping[str, Any],
    now: dt.datetime | None = None,
) -> tuple[Note, bool]:
    """Store a note sent by a phone (once per client id) at the phone's time.

    ``payload``: ``client_id, customer_id, recorded_at, reason, body, contact_name`` and
    optionally ``channel`` (default ``visit``).
    """
    return add_field_note(
        session,
        scope=scope,
        user_id=user_id,
        customer_id=payload.get("customer_id"),  # type: ignore[arg-type]
        client_id=payload.get("client_id"),
        recorded_at=parse_time(payload.get("recorded_at")),
        # Checked by activity.add_note, which reports a wrong type as "invalid".
        channel=payload.get("channel") or "visit",
        reason=payload.get("reason"),  # type: ignore[arg-type]
        body=payload.get("body"),  # type: ignore[arg-type]
        contact_name=payload.get("contact_name") or "",
        now=now,
    )
