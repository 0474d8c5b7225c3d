"""Gather the collections page's figures from :mod:`data_access.collections`.

Each function takes a session and returns plain frames or values; the arithmetic is
in :mod:`dashboard.collections` (periods) and :mod:`dashboard.forecast`. The page
wraps these in ``cached()``; the CLI calls :func:`collections_report` directly.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.collections import (
    Comparison,
    Granularity,
    chart_window,
    collection_series,
    daily_totals,
    period_total,
    tile_spans,
    tiles_window,
    year_earlier_series,
)
from dashboard.forecast import (
    Forecast,
    backtest,
    backtest_mondays,
    open_as_of,
    weekly_forecast,
    weighted_lateness,
)
from dashboard.kpis import Period
from dashboard.promises import states_frame
from dashboard.wall_metrics import twelve_months
from data_access import collections as reads
from data_access.portfolio import CustomerFilter, customer_ids
from data_access.promises import promise_states
from data_access.receivables import customer_directory
from data_access.scope import Scope

ZERO = Decimal("0.00")
TENTH = Decimal("0.1")
PROMISE_COLUMNS = ["customer_id", "due", "amount"]
BREAKDOWNS = ("seller", "collector", "method", "tag")
BREAKDOWN_COLUMNS = ["name", "amount", "payments"]


def tile_figures(
    session: Session, *, today: dt.date, scope: Scope, filters: CustomerFilter
) -> list[tuple[Comparison, tuple[Decimal, int], tuple[Decimal, int]]]:
    """Each tile's span with (amount, payments) now and in the span it is compared with."""
    window = tiles_window(today)
    daily = reads.daily_collections(
        session, first=window.first, last=window.last, scope=scope, filters=filters
    )
    totals = daily_totals(daily)
    return [
        (span, period_total(totals, span.current), period_total(totals, span.previous))
        for span in tile_spans(today)
    ]


def chart_series(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    by: Granularity,
    scope: Scope,
    filters: CustomerFilter,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Collections per period of the range and of the same periods a year earlier."""
    window = chart_window(first, last, by)
    daily = reads.daily_collections(
        session, first=window.first, last=window.last, scope=scope, filters=filters
    )
    return (
        collection_series(daily, first=first, last=last, by=by),
        year_earlier_series(daily, first=first, last=last, by=by),
    )


def collections_report(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    by: Granularity,
    scope: Scope,
    filters: CustomerFilter,
) -> pd.DataFrame:
    """``period_start, amount, payments`` for each period of the range, empty ones as zero."""
    daily = reads.daily_collections(session, first=first, last=last, scope=scope, filters=filters)
    series = collection_series(daily, first=first, last=last, by=by)
    return series[["period_start", "amount", "payments"]]


def _grouped(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """Sum ``amount`` and ``payments`` per ``key``, largest amount first, as BREAKDOWN_COLUMNS."""
    if frame.empty:
        return pd.DataFrame(columns=BREAKDOWN_COLUMNS)
    summed = frame.groupby(key, as_index=False, sort=False).agg(
        amount=("amount", "sum"), payments=("payments", "sum")
    )
    summed = summed.rename(columns={key: "name"})[BREAKDOWN_COLUMNS]
    return summed.sort_values(
        ["amount", "name"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


def breakdowns(
    session: Session, *, first: dt.date, last: dt.date, scope: Scope, filters: CustomerFilter
) -> dict[str, pd.DataFrame]:
    """Collections of the range by seller, collector, payment method and tag.

    Names are '' for customers without a seller, collector, method or tag. A customer
    with several tags counts in full under each, so the tag rows add up to more than
    the total.
    """
    per_customer = reads.collections_by_customer(
        session, first=first, last=last, scope=scope, filters=filters
    )
    directory = customer_directory(session, scope=scope)
    joined = per_customer.merge(directory, on="customer_id", how="left")
    joined["seller"] = joined["seller_name"].fillna("")
    joined["collector"] = joined["collector_name"].fillna("")
    tags = joined.assign(
        tag=[list(t) if isinstance(t, list) and t else [""] for t in joined["tags"]]
    )
    by_method = reads.collections_by_method(
        session, first=first, last=last, scope=scope, filters=filters
    ).rename(columns={"method": "name"})
    return {
        "seller": _grouped(joined, "seller"),
        "collector": _grouped(joined, "collector"),
        "method": by_method[BREAKDOWN_COLUMNS],
        "tag": _grouped(tags.explode("tag"), "tag"),
    }


def _days_late(applied: pd.DataFrame) -> Decimal | None:
    """Amount-weighted (effective date - due date) of a payment's allocations, one decimal."""
    total = sum(applied["amount"], ZERO)
    if total <= 0:
        return None
    weighted = sum(
        (
            row.amount * (row.effective_date - row.due_date).days
            for row in applied.itertuples(index=False)
        ),
        ZERO,
    )
    return (weighted / total).quantize(TENTH, ROUND_HALF_UP)


def latest_payments(
    session: Session,
    *,
    first: dt.date,
    last: dt.date,
    scope: Scope,
    filters: CustomerFilter,
    limit: int = 200,
) -> pd.DataFrame:
    """The newest payments of the range with the invoices they paid and their days late.

    Adds ``invoices`` (numbers, comma-separated) and ``days_late`` (None when
    nothing of the payment was applied) to :func:`data_access.collections.latest_payments`.
    """
    latest = reads.latest_payments(
        session, first=first, last=last, scope=scope, filters=filters, limit=limit
    )
    applied = reads.payment_applications(session, [int(v) for v in latest["payment_id"]])
    groups = {pid: rows for pid, rows in applied.groupby("payment_id")} if len(applied) else {}
    empty = applied.iloc[0:0]
    latest["invoices"] = [
        ", ".join(groups.get(pid, empty)["number"]) for pid in latest["payment_id"]
    ]
    latest["days_late"] = [_days_late(groups.get(pid, empty)) for pid in latest["payment_id"]]
    return latest


def pending_promises(
    session: Session, *, as_of: dt.date, scope: Scope, filters: CustomerFilter, grace_days: int
) -> pd.DataFrame:
    """Promises to pay pending as of the end of ``as_of``, with the amount still unpaid.

    Returns:
        Columns ``customer_id, due, amount`` (Decimal, positive).
    """
    frame = promise_states(
        session,
        as_of=as_of,
        scope=scope,
        grace_days=grace_days,
        due_from=as_of - dt.timedelta(days=grace_days),
    )
    if frame.empty:
        return pd.DataFrame(columns=PROMISE_COLUMNS)
    if filters.active:
        allowed = set(session.scalars(customer_ids(scope, filters)))
        frame = frame[frame["customer_id"].isin(allowed)]
    frame = states_frame(frame, as_of=as_of)
    pending = frame[frame["status"] == "pending"]
    left = [amount - paid for amount, paid in zip(pending["amount"], pending["paid"], strict=True)]
    result = pd.DataFrame(
        {"customer_id": list(pending["customer_id"]), "due": list(pending["due"]), "amount": left},
        columns=PROMISE_COLUMNS,
    )
    return result[[amount > 0 for amount in result["amount"]]].reset_index(drop=True)


def _lateness(
    session: Session, *, as_of: dt.date, scope: Scope, filters: CustomerFilter
) -> dict[int, Decimal]:
    first, last = twelve_months(as_of)
    frame = reads.lateness_by_customer(
        session, first=first, last=last, scope=scope, filters=filters
    )
    return weighted_lateness(frame)


def cash_forecast(
    session: Session,
    *,
    today: dt.date,
    scope: Scope,
    filters: CustomerFilter,
    grace_days: int,
    weeks: int = 13,
) -> Forecast:
    """Expected cash-in per week from today for ``weeks`` weeks (see dashboard.forecast)."""
    open_now = reads.open_charges(session, scope=scope, filters=filters)
    applied = reads.allocations_after(session, after=today, scope=scope, filters=filters)
    open_items = open_as_of(open_now, applied, today)
    promises = pending_promises(
        session, as_of=today, scope=scope, filters=filters, grace_days=grace_days
    )
    days_late = _lateness(session, as_of=today, scope=scope, filters=filters)
    return weekly_forecast(open_items, days_late, promises, start=today, weeks=weeks)


def forecast_backtest(
    session: Session,
    *,
    today: dt.date,
    scope: Scope,
    filters: CustomerFilter,
    grace_days: int,
    weeks: int = 8,
) -> pd.DataFrame:
    """The last ``weeks`` complete weeks: the forecast made on each Monday vs what arrived.

    Open amounts and pending promises are exact as of each Sunday before; lateness
    is the one known before the first of those Mondays (12 months ending the day
    before it), used for every week, so no week uses later payments.
    """
    mondays = backtest_mondays(today, weeks)
    eve = mondays[0] - dt.timedelta(days=1)
    open_now = reads.open_charges(session, scope=scope, filters=filters)
    applied = reads.allocations_after(session, after=eve, scope=scope, filters=filters)
    days_late = _lateness(session, as_of=eve, scope=scope, filters=filters)
    promises = {
        monday: pending_promises(
            session,
            as_of=monday - dt.timedelta(days=1),
            scope=scope,
            filters=filters,
            grace_days=grace_days,
        )
        for monday in mondays
    }
    daily = reads.daily_collections(
        session,
        first=mondays[0],
        last=mondays[-1] + dt.timedelta(days=6),
        scope=scope,
        filters=filters,
    )
    totals = daily_totals(daily)
    actual = {
        monday: period_total(totals, Period(monday, monday + dt.timedelta(days=6)))[0]
        for monday in mondays
    }
    return backtest(
        week_starts=mondays,
        open_now=open_now,
        applied_after=applied,
        days_late=days_late,
        promises=promises,
        actual=actual,
    )
