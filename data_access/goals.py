"""Monthly collection goals per collector (a user) or per seller. Writes and reads.

Only admins and managers set or clear a goal; the amount is validated completely before
anything is written (positive, at most two decimals), and every change adds an audit
entry (``goal.set`` / ``goal.clear`` with the old and new amounts). Nothing here commits.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access import audit
from data_access.activity import (
    INVALID,
    NOT_FOUND,
    NOT_POSITIVE,
    REQUIRED,
    TOO_LARGE,
    TOO_MANY_DECIMALS,
    AccessDenied,
    ValidationError,
    utc_now,
)
from data_access.models import CENT, CollectionGoal, Seller, User
from data_access.performance import check_by
from data_access.scope import Scope

GOAL_SETTERS = ("admin", "manager")
GOAL_FORBIDDEN = "only admins and managers set goals"
MAX_GOAL = Decimal("9999999999999999.99")  # NUMERIC(18, 2)
PLAIN_AMOUNT = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def _goal_owner(by: str) -> Any:
    return CollectionGoal.collector_id if by == "collector" else CollectionGoal.seller_id


def goals(session: Session, *, month: dt.date, by: str) -> dict[int, Decimal]:
    """The goals of ``month`` (any day of it) per collector or seller id."""
    check_by(by)
    owner = _goal_owner(by)
    query = select(owner, CollectionGoal.amount).where(
        CollectionGoal.month == month.replace(day=1), owner.is_not(None)
    )
    return {oid: value for oid, value in session.execute(query)}


def goal_amount(value: object) -> Decimal:
    """A goal amount: positive, at most two decimals; text must be plain (``-12.50``).

    Raises:
        ValidationError: ``{"amount": key}`` with ``required``, ``invalid``,
            ``not_positive``, ``too_large`` or ``too_many_decimals``.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError({"amount": REQUIRED})
    text = value.strip() if isinstance(value, str) else None
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        amount = Decimal("NaN")
    if text is not None and not PLAIN_AMOUNT.fullmatch(text):
        amount = Decimal("NaN")  # no exponents, separators or words: "1e3" is not typed money
    if isinstance(value, bool | float) or not amount.is_finite():
        raise ValidationError({"amount": INVALID})
    if amount <= 0:
        raise ValidationError({"amount": NOT_POSITIVE})
    if amount > MAX_GOAL:
        raise ValidationError({"amount": TOO_LARGE})
    if amount != amount.quantize(CENT):
        raise ValidationError({"amount": TOO_MANY_DECIMALS})
    return amount.quantize(CENT)


def _goal_target(session: Session, by: str, key: str) -> int:
    if by == "collector":
        found = session.scalar(select(User.id).where(User.username == key))
    else:
        found = session.scalar(select(Seller.id).where(Seller.code == key))
    if found is None:
        raise ValidationError({"owner": NOT_FOUND})
    return found


def _check_setter(scope: Scope, by: str) -> None:
    check_by(by)
    if scope.role not in GOAL_SETTERS:
        raise AccessDenied(GOAL_FORBIDDEN)


def _existing_goal(session: Session, by: str, owner_id: int, month: dt.date) -> Any:
    return session.scalar(
        select(CollectionGoal)
        .where(_goal_owner(by) == owner_id, CollectionGoal.month == month)
        .with_for_update()
    )


def set_goal(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    by: str,
    key: str,
    month: dt.date,
    amount: object,
    now: dt.datetime | None = None,
) -> CollectionGoal:
    """Set (or change) the goal of a collector or seller for ``month``. Does not commit.

    Args:
        session: the caller's session.
        scope: who acts; only admins and managers may set goals.
        user_id: the acting user (audited).
        by: ``"collector"`` (``key`` is a username) or ``"seller"`` (a seller code).
        key: whose goal it is.
        month: any day of the goal's month.
        amount: a positive amount with at most two decimals (Decimal or text).
        now: when (naive UTC); now when omitted.

    Raises:
        AccessDenied: the acting role may not set goals.
        ValidationError: a bad amount (``{"amount": key}``) or an unknown owner
            (``{"owner": "not_found"}``); nothing was written.
    """
    _check_setter(scope, by)
    value = goal_amount(amount)
    owner_id = _goal_target(session, by, key)
    first = month.replace(day=1)
    when = utc_now(now)
    goal = _existing_goal(session, by, owner_id, first)
    before = None if goal is None else goal.amount
    if goal is None:
        goal = CollectionGoal(month=first, amount=value, **{f"{by}_id": owner_id})
        session.add(goal)
    goal.amount, goal.updated_by_id, goal.updated_at = value, user_id, when
    session.flush()
    details = {"by": by, "owner": key, "month": first, "from": before, "to": value}
    audit.record(
        session,
        user_id=user_id,
        action="goal.set",
        entity="collection_goal",
        entity_id=goal.id,
        details=details,
        at=when,
    )
    return goal


def clear_goal(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    by: str,
    key: str,
    month: dt.date,
    now: dt.datetime | None = None,
) -> bool:
    """Remove the goal of a collector or seller for ``month``. Does not commit.

    Returns:
        Whether there was a goal to remove (an audit entry is written only then).

    Raises:
        AccessDenied: the acting role may not set goals.
        ValidationError: ``{"owner": "not_found"}`` for an unknown owner.
    """
    _check_setter(scope, by)
    owner_id = _goal_target(session, by, key)
    first = month.replace(day=1)
    goal = _existing_goal(session, by, owner_id, first)
    if goal is None:
        return False
    details = {"by": by, "owner": key, "month": first, "from": goal.amount, "to": None}
    audit.record(
        session,
        user_id=user_id,
        action="goal.clear",
        entity="collection_goal",
        entity_id=goal.id,
        details=details,
        at=utc_now(now),
    )
    session.delete(goal)
    session.flush()
    return True
