"""Collections by period: calendar arithmetic, series with every period, tile spans. Pure.

:mod:`data_access.collections` sums payments per *day* in SQL; everything here
works on that per-day aggregate (a few hundred rows), never on payments.

* **Periods.** ``day``; ``week`` = ISO week, Monday to Sunday (so a week may span
  two years: 2020-12-28 .. 2021-01-03 is 2020-W53); ``month`` = calendar month.
  A range ``first .. last`` is cut into the periods it touches, each clipped to the
  range, so the first and last period may be partial. Every period is present: a
  period with no payment is a zero row, never missing.
* **A year earlier.** Days and weeks move back 364 days (52 weeks: same weekday,
  the same ISO week number except after a 53-week year); a month moves back to the
  same calendar dates of the previous year (Feb 29 becomes Feb 28).
* **Tiles.** Yesterday, this ISO week to date, this month to date and this year to
  date, each against the same number of days at the start of the previous period
  (the day before; last week's Monday .. the same weekday; the previous month's
  first N days, at most that month's length; the previous year's first N days).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import pandas as pd

from dashboard.kpis import Period

ZERO = Decimal("0.00")
Granularity = Literal["day", "week", "month"]
GRANULARITIES: tuple[Granularity, ...] = ("day", "week", "month")
SERIES_COLUMNS = ["period_start", "period_end", "amount", "payments"]
MAX_MONTHS = 24
WEEK = dt.timedelta(days=7)
DAY = dt.timedelta(days=1)
YEAR_OF_WEEKS = dt.timedelta(days=364)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the target month's length (Mar 31 - 1 = Feb 29)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def period_start(day: dt.date, by: Granularity) -> dt.date:
    """The first day of the period containing ``day``: itself, its ISO Monday, or the 1st."""
    if by == "day":
        return day
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period_start(start: dt.date, by: Granularity) -> dt.date:
    """The first day of the period after the one starting on ``start``."""
    if by == "day":
        return start + DAY
    if by == "week":
        return start + WEEK
    return add_months(start.replace(day=1), 1)


def periods(first: dt.date, last: dt.date, by: Granularity) -> list[Period]:
    """Every period touching ``first .. last``, oldest first, each clipped to the range.

    Raises:
        ValueError: when ``last`` is before ``first``.
    """
    if last < first:
        raise ValueError(f"range ends before it starts: {first} .. {last}")
    found: list[Period] = []
    start = period_start(first, by)
    while start <= last:
        following = next_period_start(start, by)
        found.append(Period(max(start, first), min(following - DAY, last)))
        start = following
    return found


def year_earlier(period: Period, by: Granularity) -> Period:
    """The same period a year earlier (364 days for days and weeks, calendar for months)."""
    if by == "month":
        return Period(add_months(period.first, -12), add_months(period.last, -12))
    return Period(period.first - YEAR_OF_WEEKS, period.last - YEAR_OF_WEEKS)


def daily_totals(daily: pd.DataFrame) -> dict[dt.date, tuple[Decimal, int]]:
    """``{day: (amount, payments)}`` from a frame with columns ``day, amount, payments``."""
    return {row.day: (row.amount, int(row.payments)) for row in daily.itertuples(index=False)}


def period_total(
    totals: Mapping[dt.date, tuple[Decimal, int]], period: Period
) -> tuple[Decimal, int]:
    """Amount and number of payments of the days in ``period`` (zero when there are none)."""
    amount, count = ZERO, 0
    day = period.first
    while day <= period.last:
        found = totals.get(day)
        if found is not None:
            amount += found[0]
            count += found[1]
        day += DAY
    return amount, count


def collection_series(
    daily: pd.DataFrame, *, first: dt.date, last: dt.date, by: Granularity
) -> pd.DataFrame:
    """Collections per period of ``first .. last``, every period present.

    Args:
        daily: per-day sums, columns ``day, amount`` (Decimal) ``, payments``.
        first: first day of the range (the first period starts here if it is partial).
        last: last day of the range.
        by: ``day``, ``week`` or ``month``.

    Returns:
        Columns ``period_start, period_end, amount, payments``; zero rows for empty periods.
    """
    totals = daily_totals(daily)
    rows = [(p.first, p.last, *period_total(totals, p)) for p in periods(first, last, by)]
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def year_earlier_series(
    daily: pd.DataFrame, *, first: dt.date, last: dt.date, by: Granularity
) -> pd.DataFrame:
    """For each period of ``first .. last``, the same span a year earlier and its collections.

    ``daily`` must cover the earlier spans. Same columns as :func:`collection_series`,
    one row per period of the range, in the same order.
    """
    totals = daily_totals(daily)
    shifted = [year_earlier(p, by) for p in periods(first, last, by)]
    rows = [(p.first, p.last, *period_total(totals, p)) for p in shifted]
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def chart_window(first: dt.date, last: dt.date, by: Granularity) -> Period:
    """The days the chart needs from the database: the range and its year-earlier spans."""
    earliest = min(year_earlier(p, by).first for p in periods(first, last, by))
    return Period(min(earliest, first), last)


def default_range(by: Granularity, today: dt.date) -> Period:
    """The chart's range when the URL gives none.

    Last 31 days for days, the last 13 ISO weeks for weeks, the last 12 calendar
    months for months, each ending today.
    """
    if by == "day":
        return Period(today - dt.timedelta(days=30), today)
    if by == "week":
        return Period(period_start(today, "week") - 12 * WEEK, today)
    return Period(add_months(today.replace(day=1), -11), today)


def clamp_range(
    first: dt.date | None, last: dt.date | None, *, by: Granularity, today: dt.date
) -> Period:
    """A range the page can show: ends by today, spans at most 24 calendar months.

    A missing end is today; a missing start gives the default span ending at the
    end (:func:`default_range`); an inverted range is swapped.
    """
    last = min(last or today, today)
    first = first or default_range(by, last).first
    if first > last:
        first, last = last, first
    earliest = add_months(last.replace(day=1), -(MAX_MONTHS - 1))
    return Period(max(first, earliest), last)


@dataclass(frozen=True)
class Comparison:
    """A tile's span and the span it is compared with."""

    key: str  # yesterday, week, month, year
    current: Period
    previous: Period


def _first_days(start: dt.date, days: int, period_last: dt.date) -> Period:
    """The first ``days`` days from ``start``, not past ``period_last``."""
    return Period(start, min(start + dt.timedelta(days=days - 1), period_last))


def tile_spans(today: dt.date) -> list[Comparison]:
    """The four tiles' spans (yesterday, week, month, year to date) and their comparisons."""
    yesterday = today - DAY
    monday = period_start(today, "week")
    month = Period(today.replace(day=1), today)
    previous_month_start = add_months(month.first, -1)
    previous_month_end = month.first - DAY
    year = Period(dt.date(today.year, 1, 1), today)
    previous_year_start = dt.date(today.year - 1, 1, 1)
    return [
        Comparison(
            "yesterday", Period(yesterday, yesterday), Period(yesterday - DAY, yesterday - DAY)
        ),
        Comparison("week", Period(monday, today), Period(monday - WEEK, today - WEEK)),
        Comparison(
            "month", month, _first_days(previous_month_start, month.days, previous_month_end)
        ),
        Comparison(
            "year",
            year,
            _first_days(previous_year_start, year.days, dt.date(today.year - 1, 12, 31)),
        ),
    ]


def tiles_window(today: dt.date) -> Period:
    """Every day the tiles need: from the previous year's January 1st to today."""
    return Period(dt.date(today.year - 1, 1, 1), today)


def change_ratio(current: Decimal, previous: Decimal) -> Decimal | None:
    """``(current - previous) / previous``; None when there was nothing before."""
    if previous <= 0:
        return None
    return (current - previous) / previous


def sum_amounts(values: Iterable[Decimal]) -> Decimal:
    """Exact sum of money values (ZERO for none)."""
    return sum(values, ZERO)
