"""Gather the performance page's figures per collector or seller from the database.

A handful of grouped queries (see :mod:`data_access.performance`) for every owner at
once, each customer's position on the period's last day (from the aging snapshot when
that day has one, computed without writing otherwise), and the arithmetic of
:mod:`dashboard.performance`. Nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.kpis import DSO_WINDOW_DAYS
from dashboard.performance import (
    ZERO,
    KeptRate,
    OwnerPerformance,
    PerformanceQuery,
    dso_trend,
    goal_progress,
    kept_rates,
    overdue_share,
    trend_points,
    window_sum,
)
from dashboard.promises import states_frame
from data_access import performance as data
from data_access.goals import goals as month_goals
from data_access.scope import Scope

Position = tuple[Decimal, Decimal, Decimal]


def positions_by_owner(positions: pd.DataFrame, by: str) -> dict[int, Position]:
    """``owner id -> (receivable, overdue, open total)`` from per-customer positions."""
    totals: dict[int, list[Decimal]] = {}
    columns = (positions[f"{by}_id"], positions["receivable"], positions["overdue"])
    for owner, receivable, overdue, open_total in zip(
        *columns, positions["open_total"], strict=True
    ):
        if owner is None or pd.isna(owner):
            continue
        found = totals.setdefault(int(owner), [ZERO, ZERO, ZERO])
        found[0] += receivable
        found[1] += overdue
        found[2] += open_total
    return {owner: (r, o, t) for owner, (r, o, t) in totals.items()}


def _owner_ids(session: Session, scope: Scope, by: str, *found: Mapping[int, object]) -> list[int]:
    if scope.restricted and by == "collector":
        return [scope.user_id] if scope.user_id is not None else []
    base = (data.collector_ids if by == "collector" else data.seller_ids)(session, scope=scope)
    return sorted({*base, *(oid for figures in found for oid in figures)})


def performance(
    session: Session,
    *,
    query: PerformanceQuery,
    scope: Scope,
    by: str,
    boundaries: Sequence[int],
    grace_days: int = 0,
    positions: pd.DataFrame | None = None,
) -> list[OwnerPerformance]:
    """One :class:`OwnerPerformance` per collector (``by="collector"``) or seller, by name.

    Args:
        session: an open session (nothing is written).
        query: the period; every figure is as of its last day.
        scope: who asks; a collector gets only their own row.
        by: ``"collector"`` or ``"seller"``.
        boundaries: aging bucket limits (bucket 0 is current, the rest overdue).
        grace_days: days after a promise date that payments still keep it.
        positions: :func:`data_access.performance.customer_positions` as of the period's
            last day, when the caller already has them (read here otherwise).
    """
    first, as_of = query.first, query.last
    if positions is None:
        positions = data.customer_positions(
            session, as_of=as_of, scope=scope, boundaries=boundaries
        )
    points = trend_points(as_of)
    month_first = as_of.replace(day=1)
    owners = data.owners(session, by=by)
    portfolio = positions_by_owner(positions, by)
    contacts = data.contacts_by_owner(session, first=first, last=as_of, scope=scope, by=by)
    made = data.promises_made_by_owner(session, first=first, last=as_of, scope=scope, by=by)
    due = data.promises_due_by_owner(
        session, first=first, last=as_of, scope=scope, by=by, grace_days=grace_days
    )
    rates = kept_rates(states_frame(due, as_of=as_of))
    sales_from = points[0] - dt.timedelta(days=DSO_WINDOW_DAYS - 1)
    sales = data.daily_sales_by_owner(session, first=sales_from, last=as_of, scope=scope, by=by)
    paid_from = min(first, points[0] + dt.timedelta(days=1), month_first)
    paid = data.daily_collected_by_owner(session, first=paid_from, last=as_of, scope=scope, by=by)
    goals = month_goals(session, month=as_of, by=by)
    rows = []
    for oid in _owner_ids(session, scope, by, portfolio, contacts, made, rates, paid, goals):
        if oid not in owners:
            continue
        receivable, overdue, open_total = portfolio.get(oid, (ZERO, ZERO, ZERO))
        daily_paid = paid.get(oid, {})
        goal = goals.get(oid)
        notes, covered = contacts.get(oid, (0, 0))
        rows.append(
            OwnerPerformance(
                key=owners[oid].key,
                name=owners[oid].name,
                contacts=notes,
                customers_covered=covered,
                promises_made=made.get(oid, 0),
                kept=rates.get(oid, KeptRate(0, 0)),
                collected=window_sum(daily_paid, first, as_of),
                overdue_share=overdue_share(overdue, open_total),
                dso=dso_trend(
                    points,
                    as_of=as_of,
                    receivable=receivable,
                    sales=sales.get(oid, {}),
                    collected=daily_paid,
                ),
                goal=None
                if goal is None
                else goal_progress(goal, window_sum(daily_paid, month_first, as_of), as_of=as_of),
            )
        )
    return sorted(rows, key=lambda row: (row.name.casefold(), row.key))


def performance_tables(
    session: Session,
    *,
    query: PerformanceQuery,
    scope: Scope,
    boundaries: Sequence[int],
    grace_days: int = 0,
    sellers: bool = True,
) -> dict[str, list[OwnerPerformance]]:
    """The collector table and (when ``sellers``) the seller table, reading positions once."""
    positions = data.customer_positions(
        session, as_of=query.last, scope=scope, boundaries=boundaries
    )
    return {
        by: performance(
            session,
            query=query,
            scope=scope,
            by=by,
            boundaries=boundaries,
            grace_days=grace_days,
            positions=positions,
        )
        for by in (("collector", "seller") if sellers else ("collector",))
    }
