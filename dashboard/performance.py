"""Collector and seller performance: the period, goal progress, kept rates, DSO trend. Pure.

Definitions (the page, its README section and the tests share them):

* The **period** is a calendar month (to date for the current one) or a date range,
  never past today; everything is measured *as of its last day*.
* **Goal progress** = collected in the goal's month up to the period end / goal; the
  **pace** compares that with what the goal expects by then, pro rata by calendar day:
  ``goal x day of the month / days in the month``.
* **Promise-kept rate** = kept / (kept + broken) among promises whose deadline (promise
  date + grace days) fell in the period; pending ones are left out.
* **DSO trend**: the standard 90-day DSO of :mod:`dashboard.kpis` (receivable / net
  credit sales of the 90 days ending that day x 90) at the end of each of the 5 months
  before the period end's month, and at the period end. The receivable at an earlier
  day D is rolled back from the receivable at the period end: the ledger's net balance
  is cumulative charges minus cumulative credits, so
  ``receivable(D) = receivable(end) - net credit sales(D+1 .. end) + collected(D+1 .. end)``
  (the same identity :mod:`dashboard.kpi_service` uses for the month's opening
  receivable; a data-access test checks each point against
  :func:`dashboard.kpi_service.kpis_as_of` with ``CustomerFilter(collector=...)``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import parse_qs, urlencode

import pandas as pd
from babel.numbers import NumberFormatError, parse_decimal

from dashboard.kpis import DSO_WINDOW_DAYS, Period, month_period
from dashboard.promises import RATE_PLACES

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
TREND_MONTHS = 6
MAX_PERIOD_DAYS = 732  # two years (a leap day included)

Daily = Mapping[dt.date, Decimal]


# --- the period, as it lives in the URL -----------------------------------------------


@dataclass(frozen=True)
class PerformanceQuery:
    """The period shown: ``month`` ("2026-11") when it is a calendar month, else None."""

    first: dt.date
    last: dt.date
    month: str | None = None

    @property
    def period(self) -> Period:
        """The period as a :class:`dashboard.kpis.Period`."""
        return Period(self.first, self.last)


def month_query(month: dt.date, today: dt.date) -> PerformanceQuery:
    """The calendar month of ``month`` (to ``today`` when it is the current month)."""
    first = month.replace(day=1)
    last = min(first.replace(day=calendar.monthrange(first.year, first.month)[1]), today)
    return PerformanceQuery(first, last, f"{first:%Y-%m}")


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _month(text: str | None) -> dt.date | None:
    return _date(f"{text}-01") if text and len(text) == 7 else None


def parse_period(search: str | None, *, today: dt.date) -> PerformanceQuery:
    """The period of ``?month=YYYY-MM`` or ``?from=…&to=…``; this month to date otherwise.

    A range wins over a month. Nothing runs past ``today``; a reversed or future
    range falls back to the default, and a range longer than two years keeps its
    last two years.
    """
    values = {key: found[0].strip() for key, found in parse_qs((search or "").lstrip("?")).items()}
    first, last = _date(values.get("from")), _date(values.get("to"))
    if first is not None and last is not None:
        found = range_query(first, last, today=today)
        if found is not None:
            return found
    month = _month(values.get("month"))
    if month is not None and month <= today:
        return month_query(month, today)
    return month_query(today, today)


def range_query(first: dt.date, last: dt.date, *, today: dt.date) -> PerformanceQuery | None:
    """The range ``first .. last`` cut at ``today`` and at two years; None when reversed."""
    if first > last or first > today:
        return None
    last = min(last, today)
    return PerformanceQuery(max(first, last - dt.timedelta(days=MAX_PERIOD_DAYS - 1)), last)


def query_from_controls(
    *, by_month: bool, month: str | None, start: str | None, end: str | None, today: dt.date
) -> PerformanceQuery | None:
    """The period the controls ask for (the month picker or the date range).

    Returns:
        None while the choice is incomplete or makes no sense (keep the current one).
    """
    if by_month:
        first = _month(month)
        return month_query(first, today) if first is not None and first <= today else None
    first, last = _date((start or "")[:10]), _date((end or "")[:10])
    if first is None or last is None:
        return None
    return range_query(first, last, today=today)


def to_search(query: PerformanceQuery, *, today: dt.date) -> str:
    """The ``?…`` text for a period (empty for the default, this month to date)."""
    if query.month is not None:
        if query == month_query(today, today):
            return ""
        return "?" + urlencode([("month", query.month)])
    return "?" + urlencode([("from", query.first.isoformat()), ("to", query.last.isoformat())])


def recent_months(today: dt.date, count: int = 24) -> list[dt.date]:
    """The 1st of this month and of the ``count - 1`` months before it, newest first."""
    return [month_period(today, back).first for back in range(count)]


# --- goals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalProgress:
    """A monthly goal against what was collected up to a day of that month.

    ``progress`` = collected / goal and ``pace`` = collected / expected are ratios
    (1 = 100 %) to four places; ``expected`` is the goal pro rata to the day, in cents.
    """

    goal: Decimal
    collected: Decimal
    progress: Decimal
    expected: Decimal
    pace: Decimal | None
    on_pace: bool


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator <= 0:
        return None
    return (numerator / denominator).quantize(RATE_PLACES, ROUND_HALF_UP)


def goal_progress(goal: Decimal, collected: Decimal, *, as_of: dt.date) -> GoalProgress:
    """Progress and pace of a monthly goal as of ``as_of`` (a day of the goal's month).

    Expected by ``as_of`` = goal x day of the month / days in the month: on the 15th of
    a 30-day month, half the goal; on the last day, all of it.

    Raises:
        ValueError: when the goal is not positive.
    """
    if goal <= 0:
        raise ValueError(f"a goal must be positive, got {goal}")
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    expected = (goal * as_of.day / days).quantize(CENT, ROUND_HALF_UP)
    return GoalProgress(
        goal=goal,
        collected=collected,
        progress=_ratio(collected, goal) or Decimal(0),
        expected=expected,
        pace=_ratio(collected, expected),
        on_pace=collected >= expected,
    )


# --- promises -------------------------------------------------------------------------


@dataclass(frozen=True)
class KeptRate:
    """Promises decided in the period: kept, broken and kept / (kept + broken)."""

    kept: int
    broken: int

    @property
    def decided(self) -> int:
        """Kept plus broken."""
        return self.kept + self.broken

    @property
    def rate(self) -> Decimal | None:
        """kept / (kept + broken) to four places, None when nothing was decided."""
        return _ratio(Decimal(self.kept), Decimal(self.decided))


def kept_rates(states: pd.DataFrame) -> dict[int, KeptRate]:
    """Kept and broken promises per ``owner_id`` from a frame with a ``status`` column."""
    counts: dict[int, list[int]] = {}
    for owner, status in zip(states["owner_id"], states["status"], strict=True):
        found = counts.setdefault(int(owner), [0, 0])
        if status == "kept":
            found[0] += 1
        elif status == "broken":
            found[1] += 1
    return {owner: KeptRate(kept, broken) for owner, (kept, broken) in counts.items()}


# --- DSO trend ------------------------------------------------------------------------


def trend_points(as_of: dt.date, months: int = TREND_MONTHS) -> list[dt.date]:
    """Month ends of the ``months - 1`` months before as_of's month, then ``as_of``."""
    return [month_period(as_of, back).last for back in range(months - 1, 0, -1)] + [as_of]


def window_sum(daily: Daily, first: dt.date, last: dt.date) -> Decimal:
    """The amounts dated from ``first`` to ``last`` (both included)."""
    return sum((amount for day, amount in daily.items() if first <= day <= last), ZERO)


def receivable_at(
    day: dt.date, *, as_of: dt.date, receivable: Decimal, sales: Daily, collected: Daily
) -> Decimal:
    """The receivable at ``day`` rolled back from ``receivable`` at ``as_of``.

    ``receivable - net credit sales(day+1 .. as_of) + collected(day+1 .. as_of)``.
    """
    after = day + dt.timedelta(days=1)
    return receivable - window_sum(sales, after, as_of) + window_sum(collected, after, as_of)


def dso_standard(receivable: Decimal, sales_90d: Decimal) -> Decimal | None:
    """Receivable / net credit sales of 90 days x 90, to 0.1 day (None without sales)."""
    if sales_90d <= 0:
        return None
    return (receivable / sales_90d * DSO_WINDOW_DAYS).quantize(TENTH, ROUND_HALF_UP)


def dso_trend(
    points: Sequence[dt.date],
    *,
    as_of: dt.date,
    receivable: Decimal,
    sales: Daily,
    collected: Daily,
) -> tuple[Decimal | None, ...]:
    """The standard 90-day DSO at each of ``points`` (none after ``as_of``).

    Args:
        points: the days, usually :func:`trend_points`.
        as_of: the day ``receivable`` is known for.
        receivable: the receivable at ``as_of``.
        sales: net credit sales per issue day, from 89 days before the first point.
        collected: payments per day, from the day after the first point.
    """
    window = dt.timedelta(days=DSO_WINDOW_DAYS - 1)
    return tuple(
        dso_standard(
            receivable_at(
                day, as_of=as_of, receivable=receivable, sales=sales, collected=collected
            ),
            window_sum(sales, day - window, day),
        )
        for day in points
    )


def overdue_share(overdue: Decimal, open_total: Decimal) -> Decimal | None:
    """Overdue / (current + overdue) as a ratio to four places; None when nothing is open."""
    return _ratio(overdue, open_total)


# --- one row per collector or seller --------------------------------------------------


@dataclass(frozen=True)
class OwnerPerformance:
    """Everything the page shows for one collector or seller, as plain values."""

    key: str
    name: str
    contacts: int
    customers_covered: int
    promises_made: int
    kept: KeptRate
    collected: Decimal
    overdue_share: Decimal | None
    dso: tuple[Decimal | None, ...]
    goal: GoalProgress | None


# --- reading what a user typed --------------------------------------------------------

FORMAT_LOCALES = {"es": "es", "en": "en_US"}
AMOUNT_CHARACTERS = frozenset("0123456789.,-+")


def read_amount(text: object, language: str) -> object:
    """A typed goal as a Decimal when it reads as a number, else as typed (to be refused).

    Accepts the user's own notation (``1,234.50`` in English, ``1.234,50`` in Spanish)
    and plain digits with a dot decimal point (``1234.50``) in either language; spaces
    and a ``$`` are ignored. Validation (positive, two decimals) is data_access's.
    """
    if not isinstance(text, str):
        return text
    cleaned = "".join(text.split()).replace("$", "")
    if not cleaned or not set(cleaned) <= AMOUNT_CHARACTERS:
        return text.strip()
    locale = FORMAT_LOCALES.get(language, language)
    try:
        return parse_decimal(cleaned, locale=locale, strict=True)
    except NumberFormatError:
        pass
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return text.strip()
