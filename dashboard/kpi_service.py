"""Gather :class:`dashboard.kpis.KpiInputs` from the database and compute the KPIs.

Every total comes from :mod:`data_access.portfolio` (SQL aggregates) and
:mod:`data_access.promises`; the arithmetic stays in :mod:`dashboard.kpis`.

The month's opening receivable is not rewound separately: the net balance is
cumulative charges minus cumulative credits, so

    receivable(end of last month) = receivable(as_of)
                                    - net credit sales(1st .. as_of)
                                    + collected(1st .. as_of)

which saves a second pass over the open items (a test checks it against a direct
computation at the earlier date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from dashboard.kpis import (
    KpiInputs,
    Kpis,
    Period,
    compute_kpis,
    countback,
    month_period,
    period_windows,
    previous_as_of,
)
from dashboard.promises import states_frame
from data_access.portfolio import (
    CustomerFilter,
    collected,
    customer_ids,
    net_credit_sales,
)
from data_access.promises import promise_states
from data_access.scope import Scope
from data_access.snapshots import ViewFilter, ensure_snapshot, snapshot_totals

ZERO = Decimal("0.00")
MAX_COUNTBACK_MONTHS = 24


@dataclass(frozen=True)
class Position:
    """Receivable as of a date: net of unapplied credit, and the gross open split."""

    receivable: Decimal
    current: Decimal
    overdue: Decimal


def receivable_position(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    filters: CustomerFilter,
    boundaries: Sequence[int],
) -> Position:
    """Receivable, not-yet-due and overdue totals as of ``as_of`` from the aging snapshot.

    ``receivable`` = sum of open charges - sum of unapplied credit; ``current`` =
    bucket ``b0`` (not yet due, due today included); ``overdue`` = ``b1`` .. ``bN``.
    The snapshot for ``as_of`` is built first if it is missing.
    """
    ensure_snapshot(session, as_of=as_of, boundaries=boundaries)
    totals = snapshot_totals(
        session,
        as_of=as_of,
        scope=scope,
        view=ViewFilter(customers=filters),
        bands=len(boundaries) + 2,
    )
    return Position(
        receivable=totals.open_total - totals.unapplied,
        current=totals.buckets[0],
        overdue=sum(totals.buckets[1:], ZERO),
    )


def _sales(session: Session, period: Period, scope: Scope, filters: CustomerFilter) -> Decimal:
    return net_credit_sales(
        session, first=period.first, last=period.last, scope=scope, filters=filters
    )


def _collected(session: Session, period: Period, scope: Scope, filters: CustomerFilter) -> Decimal:
    amount, _count = collected(
        session, first=period.first, last=period.last, scope=scope, filters=filters
    )
    return amount


def monthly_sales(
    session: Session,
    *,
    as_of: dt.date,
    receivable: Decimal,
    month_sales: Decimal,
    scope: Scope,
    filters: CustomerFilter,
) -> tuple[tuple[Period, Decimal], ...]:
    """Sales per month, newest first, as far back as the countback needs.

    Starts with as_of's month to date (``month_sales``, already known) and adds one
    whole previous month at a time (one query each) until the months cover
    ``receivable`` or :data:`MAX_COUNTBACK_MONTHS` previous months were fetched.
    """
    months = [(month_period(as_of, 0), month_sales)]
    while len(months) <= MAX_COUNTBACK_MONTHS and not countback(receivable, months).covered:
        period = month_period(as_of, len(months))
        months.append((period, _sales(session, period, scope, filters)))
    return tuple(months)


def promise_counts(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    filters: CustomerFilter,
    grace_days: int = 0,
) -> tuple[int, int]:
    """Promises due on ``as_of`` still pending, and promises broken this month.

    A promise is broken this month when it is broken as of ``as_of`` and its
    deadline (promise date + ``grace_days``) fell from the 1st of the month to
    ``as_of``.

    Returns:
        ``(promises_due, promises_broken)``.
    """
    first = as_of.replace(day=1)
    ids = list(session.scalars(customer_ids(scope, filters))) if filters.active else None
    frame = promise_states(
        session,
        as_of=as_of,
        scope=scope,
        grace_days=grace_days,
        customer_ids=ids,
        due_from=first - dt.timedelta(days=grace_days),
        due_to=as_of,
    )
    rows = states_frame(frame, as_of=as_of)
    states = list(zip(rows["due"], rows["deadline"], rows["status"], strict=True))
    due = sum(1 for day, _deadline, status in states if day == as_of and status == "pending")
    broken = sum(1 for _day, deadline, status in states if status == "broken" and deadline >= first)
    return due, broken


def kpi_inputs(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
    boundaries: Sequence[int],
    grace_days: int = 0,
) -> KpiInputs:
    """Every total the KPIs need for one portfolio view as of ``as_of``."""
    filters = filters or CustomerFilter()
    windows = period_windows(as_of)
    position = receivable_position(
        session, as_of=as_of, scope=scope, filters=filters, boundaries=boundaries
    )
    month_sales = _sales(session, windows["month_to_date"], scope, filters)
    month_collected = _collected(session, windows["month_to_date"], scope, filters)
    due, broken = promise_counts(
        session, as_of=as_of, scope=scope, filters=filters, grace_days=grace_days
    )
    return KpiInputs(
        as_of=as_of,
        receivable=position.receivable,
        current=position.current,
        overdue=position.overdue,
        sales_90d=_sales(session, windows["sales_90d"], scope, filters),
        monthly_sales=monthly_sales(
            session,
            as_of=as_of,
            receivable=position.receivable,
            month_sales=month_sales,
            scope=scope,
            filters=filters,
        ),
        month_opening_receivable=position.receivable - month_sales + month_collected,
        month_sales=month_sales,
        collected_day=_collected(session, windows["yesterday"], scope, filters),
        collected_week=_collected(session, windows["week_to_date"], scope, filters),
        collected_month=month_collected,
        promises_due=due,
        promises_broken=broken,
    )


def kpis_as_of(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
    boundaries: Sequence[int],
    grace_days: int = 0,
) -> Kpis:
    """The KPIs of one portfolio view as of ``as_of`` (see :mod:`dashboard.kpis`).

    Args:
        session: an open session (nothing is written).
        as_of: the date of the figures.
        scope: who is asking; collectors only see their customers.
        filters: seller, collector or tag filter of the view.
        boundaries: aging bucket limits (only bucket 0 vs the rest matters here).
        grace_days: days after a promise date that payments still count.

    Returns:
        The rounded KPIs.
    """
    inputs = kpi_inputs(
        session,
        as_of=as_of,
        scope=scope,
        filters=filters,
        boundaries=boundaries,
        grace_days=grace_days,
    )
    return compute_kpis(inputs)


def kpis_with_previous(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    filters: CustomerFilter | None = None,
    boundaries: Sequence[int],
    grace_days: int = 0,
) -> tuple[Kpis, Kpis]:
    """The KPIs as of ``as_of`` and as of the same day a month earlier (for arrows).

    Returns:
        ``(now, previous)``, previous as of :func:`dashboard.kpis.previous_as_of`.
    """
    now, before = (
        kpis_as_of(
            session,
            as_of=day,
            scope=scope,
            filters=filters,
            boundaries=boundaries,
            grace_days=grace_days,
        )
        for day in (as_of, previous_as_of(as_of))
    )
    return now, before
