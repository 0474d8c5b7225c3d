"""Cash-in forecast by week and its backtest. Pure pandas and Decimal.

Method (the README's "Cash-in forecast" section says the same):

1. **Lateness.** Each customer's amount-weighted days late over the 12 months before
   the forecast day: ``sum(applied x (effective_date - due_date)) / sum(applied)``
   over the payments applied to its charges (early is negative). Customers with no
   such payment use the portfolio's median (the median over customers that have one;
   0 when nobody has). Rounded to whole days, half up.
2. **Invoices.** Each open charge is expected on ``due_date + lateness``. One whose
   expected date is already P days past (later than the customer's usual) is expected
   P days from the forecast's first day — the delay beyond its usual lateness is
   assumed to last as long again — but no further than :data:`LATE_HORIZON_DAYS`
   (13 weeks, so very old debt shows as "later"). Putting all of it in the first week
   instead over-forecast that week by about 90 % on the demo portfolio's backtest.
3. **Promises.** Pending promises to pay count their amount still unpaid on their
   promised date (the first week if that date is past but the grace days are not).
   To count nothing twice, a customer's promised amount *replaces* the same amount
   of its earliest-expected invoices; a customer never counts more promised than
   it has open (promises beyond that are cut, latest first).
4. **Weeks.** Week 1 is the forecast day and the six days after it, and so on;
   what is expected after the last week is reported as ``beyond``.

The backtest makes the forecast the way it would have been made on each past
Monday (open amounts and pending promises as of the Sunday before) for that week
only, and compares it with what arrived that week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

import pandas as pd

ZERO = Decimal("0.00")
TENTH = Decimal("0.1")
WEEK_DAYS = 7
FORECAST_COLUMNS = ["week_start", "week_end", "invoices", "promises", "total"]
BACKTEST_COLUMNS = ["week_start", "week_end", "forecast", "actual", "error"]
EXPECTED_COLUMNS = ["customer_id", "day", "amount"]
LATE_HORIZON_DAYS = 91  # an amount already late is expected at most this many days ahead


def weighted_lateness(lateness: pd.DataFrame) -> dict[int, Decimal]:
    """Amount-weighted days late per customer (one decimal).

    Args:
        lateness: columns ``customer_id, applied, day_amount`` (see
            :func:`data_access.collections.lateness_by_customer`).
    """
    found: dict[int, Decimal] = {}
    for row in lateness.itertuples(index=False):
        if row.applied > 0:
            days = Decimal(row.day_amount) / Decimal(row.applied)
            found[int(row.customer_id)] = days.quantize(TENTH, ROUND_HALF_UP)
    return found


def portfolio_median(days_late: Mapping[int, Decimal]) -> Decimal:
    """The median of the customers' days late (0 when no customer has any)."""
    if not days_late:
        return Decimal(0)
    return Decimal(median(days_late.values())).quantize(TENTH, ROUND_HALF_UP)


def shift_days(days: Decimal) -> int:
    """Days late as a whole shift of the due date, rounded half up (-2.5 -> -3)."""
    return int(days.quantize(Decimal(1), ROUND_HALF_UP))


def _day_offsets(days: pd.Series, start: dt.date) -> pd.Series:
    """Whole days from ``start`` to each date of ``days`` (negative before it)."""
    stamps = pd.to_datetime(pd.Series(list(days), dtype=object))
    return (stamps - pd.Timestamp(start)).dt.days.astype("int64")


def expected_invoices(
    open_items: pd.DataFrame, days_late: Mapping[int, Decimal], *, start: dt.date
) -> pd.DataFrame:
    """When each open amount is expected: due date + the customer's lateness.

    An expected date P days before ``start`` moves to P days after it, at most
    :data:`LATE_HORIZON_DAYS` (see the module docstring).

    Args:
        open_items: columns ``customer_id, due_date, open`` (Decimal).
        days_late: weighted days late of the customers with history.
        start: the forecast's first day.

    Returns:
        Columns ``customer_id, day, amount``: ``day`` counts days from ``start``
        (0 = ``start``, never negative); earliest first per customer.
    """
    items = open_items[[amount > 0 for amount in open_items["open"]]]
    if items.empty:
        return pd.DataFrame(columns=EXPECTED_COLUMNS)
    fallback = shift_days(portfolio_median(days_late))
    shifts = {cid: shift_days(days) for cid, days in days_late.items()}
    customers = items["customer_id"].astype("int64").reset_index(drop=True)
    shift = customers.map(shifts).fillna(fallback).astype("int64")
    usual = _day_offsets(items["due_date"], start) + shift
    day = usual.where(usual >= 0, (-usual).clip(upper=LATE_HORIZON_DAYS))
    frame = pd.DataFrame(
        {"customer_id": customers, "day": day, "amount": list(items["open"])},
        columns=EXPECTED_COLUMNS,
    )
    return frame.sort_values(["customer_id", "day"], kind="stable").reset_index(drop=True)


def _cut_earliest(
    items: pd.DataFrame, promised: Mapping[int, Decimal]
) -> list[tuple[int, int, Decimal]]:
    """Expected items with each customer's promised amount taken off its earliest ones.

    ``items`` must be sorted by customer and day (as :func:`expected_invoices` returns).
    """
    left = dict(promised)
    kept = []
    for cid, day, amount in zip(
        items["customer_id"].tolist(), items["day"].tolist(), items["amount"].tolist(), strict=True
    ):
        taken = min(left[cid], amount)
        left[cid] -= taken
        if amount - taken > 0:
            kept.append((cid, day, amount - taken))
    return kept


def with_promises(
    expected: pd.DataFrame, promises: pd.DataFrame, *, start: dt.date
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Invoices left after promised amounts replace them, and the promises as counted.

    Args:
        expected: from :func:`expected_invoices`.
        promises: pending promises, columns ``customer_id, due, amount`` (amount
            still unpaid, Decimal).
        start: the forecast's first day; promises dated earlier count on it.

    Returns:
        ``(invoices, counted)``: both with columns ``customer_id, day, amount``.
    """
    if promises.empty or expected.empty:
        return expected, pd.DataFrame(columns=EXPECTED_COLUMNS)
    open_by_customer = expected.groupby("customer_id")["amount"].sum().to_dict()
    counted: list[tuple[int, int, Decimal]] = []
    promised: dict[int, Decimal] = {}
    for row in promises.sort_values(["customer_id", "due"], kind="stable").itertuples(index=False):
        cid = int(row.customer_id)
        room = open_by_customer.get(cid, ZERO) - promised.get(cid, ZERO)
        amount = min(row.amount, room)
        if amount > 0:
            promised[cid] = promised.get(cid, ZERO) + amount
            counted.append((cid, max((row.due - start).days, 0), amount))
    touched = expected["customer_id"].isin(list(promised))
    cut = _cut_earliest(expected[touched], promised)
    invoices = pd.concat(
        [expected[~touched], pd.DataFrame(cut, columns=EXPECTED_COLUMNS)], ignore_index=True
    )
    return invoices, pd.DataFrame(counted, columns=EXPECTED_COLUMNS)


def _weekly(items: pd.DataFrame, weeks: int) -> tuple[list[Decimal], Decimal]:
    """Amounts per week (by ``day // 7``) and the amount expected after the last week."""
    if items.empty:
        return [ZERO] * weeks, ZERO
    week = items["day"].astype("int64") // WEEK_DAYS
    sums = items.groupby(week.clip(upper=weeks))["amount"].sum().to_dict()
    return [sums.get(w, ZERO) for w in range(weeks)], sums.get(weeks, ZERO)


@dataclass(frozen=True)
class Forecast:
    """Weekly expected cash-in and what is expected later."""

    weeks: pd.DataFrame  # FORECAST_COLUMNS
    beyond: Decimal
    median_days: Decimal  # the lateness used for customers without history

    def total(self, weeks: int) -> Decimal:
        """Expected in the first ``weeks`` weeks."""
        return sum(self.weeks["total"].iloc[:weeks], ZERO)


def weekly_forecast(
    open_items: pd.DataFrame,
    days_late: Mapping[int, Decimal],
    promises: pd.DataFrame,
    *,
    start: dt.date,
    weeks: int = 13,
) -> Forecast:
    """Expected cash-in per week from ``start`` (see the module docstring for the method).

    Args:
        open_items: columns ``customer_id, due_date, open`` as of the day before ``start``.
        days_late: each customer's weighted days late (from :func:`weighted_lateness`).
        promises: pending promises, columns ``customer_id, due, amount`` (still unpaid).
        start: the first day of week 1.
        weeks: how many weeks.

    Returns:
        A :class:`Forecast`: one row per week (``invoices``, ``promises``, ``total``).
    """
    expected = expected_invoices(open_items, days_late, start=start)
    invoices, counted = with_promises(expected, promises, start=start)
    by_invoice, beyond_invoices = _weekly(invoices, weeks)
    by_promise, beyond_promises = _weekly(counted, weeks)
    rows = []
    for week in range(weeks):
        first = start + dt.timedelta(days=WEEK_DAYS * week)
        rows.append(
            (
                first,
                first + dt.timedelta(days=WEEK_DAYS - 1),
                by_invoice[week],
                by_promise[week],
                by_invoice[week] + by_promise[week],
            )
        )
    return Forecast(
        pd.DataFrame(rows, columns=FORECAST_COLUMNS),
        beyond_invoices + beyond_promises,
        portfolio_median(days_late),
    )


def open_as_of(open_now: pd.DataFrame, applied_after: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Open charges as of the end of ``day``, per customer and due date.

    Open as of D = open now + money applied with effect after D, counting only
    charges issued by D.

    Args:
        open_now: columns ``customer_id, due_date, issue_date, open``.
        applied_after: columns ``customer_id, due_date, issue_date, effective_date,
            amount``; must hold every allocation effective after ``day``.
        day: the date.

    Returns:
        Columns ``customer_id, due_date, open`` (Decimal, positive only).
    """
    now = open_now[open_now["issue_date"] <= day][["customer_id", "due_date", "open"]]
    later = applied_after[
        (applied_after["effective_date"] > day) & (applied_after["issue_date"] <= day)
    ]
    back = later[["customer_id", "due_date", "amount"]].rename(columns={"amount": "open"})
    pieces = [frame for frame in (now, back) if not frame.empty]
    if not pieces:
        return pd.DataFrame(columns=["customer_id", "due_date", "open"])
    joined = pd.concat(pieces, ignore_index=True)
    summed = joined.groupby(["customer_id", "due_date"], as_index=False, sort=True)["open"].sum()
    return summed[summed["open"] > 0].reset_index(drop=True)


def backtest(
    *,
    week_starts: Sequence[dt.date],
    open_now: pd.DataFrame,
    applied_after: pd.DataFrame,
    days_late: Mapping[int, Decimal],
    promises: Mapping[dt.date, pd.DataFrame],
    actual: Mapping[dt.date, Decimal],
) -> pd.DataFrame:
    """Each past week's forecast, made on its Monday, against what arrived that week.

    Args:
        week_starts: the Mondays, oldest first.
        open_now, applied_after: as for :func:`open_as_of` (``applied_after`` from
            the day before the first Monday on).
        days_late: lateness known before the first Monday.
        promises: per Monday, the promises pending the day before.
        actual: per Monday, the payments received that week.

    Returns:
        Columns ``week_start, week_end, forecast, actual, error`` (forecast - actual).
    """
    rows = []
    for monday in week_starts:
        open_items = open_as_of(open_now, applied_after, monday - dt.timedelta(days=1))
        pending = promises.get(monday, pd.DataFrame(columns=["customer_id", "due", "amount"]))
        made = weekly_forecast(open_items, days_late, pending, start=monday, weeks=1)
        forecast = made.total(1)
        arrived = actual.get(monday, ZERO)
        rows.append((monday, monday + dt.timedelta(days=6), forecast, arrived, forecast - arrived))
    return pd.DataFrame(rows, columns=BACKTEST_COLUMNS)


@dataclass(frozen=True)
class ForecastError:
    """How far the backtest's forecasts were from what arrived.

    ``mae``: mean absolute error (money). ``mape``: mean of |error| / actual over
    weeks with something received (None if none). ``bias``: mean error (forecast -
    actual; positive = the forecast promised too much). ``bias_pct``: total error
    over total received (None if nothing was received).
    """

    weeks: int
    mae: Decimal
    mape: Decimal | None
    bias: Decimal
    bias_pct: Decimal | None


def forecast_error(results: pd.DataFrame) -> ForecastError | None:
    """Error measures of a :func:`backtest` frame (None when it has no week)."""
    if results.empty:
        return None
    errors = list(results["error"])
    actuals = list(results["actual"])
    count = Decimal(len(errors))
    ratios = [abs(e) / a for e, a in zip(errors, actuals, strict=True) if a > 0]
    received = sum(actuals, ZERO)
    total_error = sum(errors, ZERO)
    return ForecastError(
        weeks=len(errors),
        mae=(sum((abs(e) for e in errors), ZERO) / count).quantize(ZERO, ROUND_HALF_UP),
        mape=(sum(ratios, Decimal(0)) / len(ratios)) if ratios else None,
        bias=(total_error / count).quantize(ZERO, ROUND_HALF_UP),
        bias_pct=(total_error / received) if received > 0 else None,
    )


def backtest_mondays(today: dt.date, weeks: int = 8) -> list[dt.date]:
    """The Mondays of the last ``weeks`` complete ISO weeks before today's, oldest first."""
    this_monday = today - dt.timedelta(days=today.weekday())
    return [this_monday - dt.timedelta(days=WEEK_DAYS * k) for k in range(weeks, 0, -1)]
