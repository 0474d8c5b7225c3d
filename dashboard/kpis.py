"""Collection KPIs from a handful of totals: DSO, countback DSO, ADD, CEI and more. Pure.

One definition used by the portfolio page, the ``cartera report kpis`` command and
the tests. :mod:`dashboard.kpi_service` gathers :class:`KpiInputs` from the database;
everything here is arithmetic on ``Decimal`` (never float) and dates.

Definitions (``sales`` = net credit sales: invoices + debit notes - credit notes):

* DSO (standard, 90 days) = receivable / sales of the 90 days ending at as_of x 90.
* DSO (countback): walk back month by month from as_of's month (its elapsed days
  first), subtracting each month's sales from the receivable and adding its calendar
  days; the month that covers what is left counts pro rata.
* Best possible DSO = not yet due / sales of the 90 days x 90.
* ADD (average days delinquent) = DSO - best possible DSO.
* CEI (collection effectiveness index, Credit Research Foundation) =
  (opening receivable + month's sales - receivable) /
  (opening receivable + month's sales - not yet due) x 100.
* Overdue % = overdue / (not yet due + overdue) x 100 (gross of unapplied credit).

A ratio with nothing to divide by is ``None`` ("undefined"), never an error. Money
is rounded to cents, ratios and days to one decimal, both ROUND_HALF_UP, only at
the end (:func:`compute_kpis`); the functions above return unrounded values.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
HUNDRED = Decimal(100)
DSO_WINDOW_DAYS = 90
MONEY_FIELDS = (
    "total_receivable",
    "overdue",
    "current",
    "collected_day",
    "collected_week",
    "collected_month",
)
ONE_DECIMAL_FIELDS = (
    "overdue_pct",
    "dso_standard_90",
    "dso_countback",
    "best_possible_dso",
    "add",
    "cei_month",
)
COUNT_FIELDS = ("promises_due", "promises_broken")


@dataclass(frozen=True)
class Period:
    """Calendar days from ``first`` to ``last``, both included."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        """Number of calendar days in the period."""
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class KpiInputs:
    """The totals every KPI is computed from, for one portfolio view as of a date.

    ``monthly_sales`` runs newest first: (1st of as_of's month .. as_of), then whole
    previous months, as many as the countback needs.
    """

    as_of: dt.date
    receivable: Decimal
    current: Decimal
    overdue: Decimal
    sales_90d: Decimal
    monthly_sales: tuple[tuple[Period, Decimal], ...]
    month_opening_receivable: Decimal
    month_sales: Decimal
    collected_day: Decimal
    collected_week: Decimal
    collected_month: Decimal
    promises_due: int
    promises_broken: int


@dataclass(frozen=True)
class Kpis:
    """The KPIs as shown: money to cents, ratios and days to one decimal, None if undefined."""

    total_receivable: Decimal
    overdue: Decimal
    overdue_pct: Decimal | None
    current: Decimal
    dso_standard_90: Decimal | None
    dso_countback: Decimal | None
    best_possible_dso: Decimal | None
    add: Decimal | None
    cei_month: Decimal | None
    collected_day: Decimal
    collected_week: Decimal
    collected_month: Decimal
    promises_due: int
    promises_broken: int


@dataclass(frozen=True)
class Countback:
    """Result of the countback walk: the days counted and whether sales covered it all.

    ``covered`` is False when the months given ran out with receivable left; ``days``
    is then a lower bound (every month given, counted whole).
    """

    days: Decimal
    covered: bool


KPI_HELP: dict[str, str] = {name: f"kpi.help.{name}" for name in (f.name for f in fields(Kpis))}


def _ratio(numerator: Decimal, denominator: Decimal, scale: int) -> Decimal | None:
    """``numerator / denominator x scale``, None when the denominator is not positive."""
    if denominator <= 0:
        return None
    return numerator / denominator * scale


def dso_standard(inputs: KpiInputs) -> Decimal | None:
    """Receivable / net credit sales of the last 90 days x 90 (None without sales)."""
    return _ratio(inputs.receivable, inputs.sales_90d, DSO_WINDOW_DAYS)


def best_possible_dso(inputs: KpiInputs) -> Decimal | None:
    """Not yet due / net credit sales of the last 90 days x 90 (None without sales)."""
    return _ratio(inputs.current, inputs.sales_90d, DSO_WINDOW_DAYS)


def average_days_delinquent(inputs: KpiInputs) -> Decimal | None:
    """DSO minus best possible DSO: the days that late payment adds (None without sales)."""
    standard, best = dso_standard(inputs), best_possible_dso(inputs)
    if standard is None or best is None:
        return None
    return standard - best


def countback(receivable: Decimal, monthly_sales: Sequence[tuple[Period, Decimal]]) -> Countback:
    """Walk back through ``monthly_sales`` (newest first) until they cover ``receivable``.

    Each period whose sales are less than what is left is counted whole (its
    calendar days added, its sales subtracted); the period that covers the rest
    adds ``days x left / sales``. A period with no (or negative net) sales is counted
    whole and subtracts nothing. A receivable of zero or less is 0 days, covered.

    Args:
        receivable: total receivable as of the end of the newest period.
        monthly_sales: ``(period, net credit sales)`` newest first.

    Returns:
        The days counted and whether the receivable was covered.
    """
    if receivable <= 0:
        return Countback(days=Decimal(0), covered=True)
    left, days = receivable, Decimal(0)
    for period, sales in monthly_sales:
        if sales > 0 and left <= sales:
            return Countback(days=days + period.days * left / sales, covered=True)
        days += period.days
        left -= max(sales, ZERO)
    return Countback(days=days, covered=False)


def dso_countback(inputs: KpiInputs) -> Decimal | None:
    """Countback DSO, or None when the months in ``inputs`` do not cover the receivable.

    None rather than a lower bound: the service fetches up to 24 previous months,
    so None means "older than two years of sales" and must not read as a number.
    Use :func:`countback` for the lower bound.
    """
    result = countback(inputs.receivable, inputs.monthly_sales)
    return result.days if result.covered else None


def cei(inputs: KpiInputs) -> Decimal | None:
    """Collection effectiveness index of the month to date, in percent.

    ``(opening + month_sales - receivable) / (opening + month_sales - current) x 100``
    (Credit Research Foundation); None when nothing was collectible (denominator <= 0).
    """
    collectible = inputs.month_opening_receivable + inputs.month_sales
    return _ratio(collectible - inputs.receivable, collectible - inputs.current, 100)


def overdue_pct(inputs: KpiInputs) -> Decimal | None:
    """Overdue / (not yet due + overdue) x 100; None when nothing is open."""
    return _ratio(inputs.overdue, inputs.current + inputs.overdue, 100)


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def _tenth(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TENTH, ROUND_HALF_UP)


def compute_kpis(inputs: KpiInputs) -> Kpis:
    """All KPIs from ``inputs``, rounded: money to cents, ratios and days to 0.1."""
    return Kpis(
        total_receivable=_money(inputs.receivable),
        overdue=_money(inputs.overdue),
        overdue_pct=_tenth(overdue_pct(inputs)),
        current=_money(inputs.current),
        dso_standard_90=_tenth(dso_standard(inputs)),
        dso_countback=_tenth(dso_countback(inputs)),
        best_possible_dso=_tenth(best_possible_dso(inputs)),
        add=_tenth(average_days_delinquent(inputs)),
        cei_month=_tenth(cei(inputs)),
        collected_day=_money(inputs.collected_day),
        collected_week=_money(inputs.collected_week),
        collected_month=_money(inputs.collected_month),
        promises_due=inputs.promises_due,
        promises_broken=inputs.promises_broken,
    )


def month_period(as_of: dt.date, back: int = 0) -> Period:
    """The sales month ``back`` months before as_of's: 0 = 1st of the month .. as_of.

    Args:
        as_of: the date the KPIs are computed for.
        back: 0 for as_of's month to date, 1 for the whole previous month, and so on.

    Returns:
        The period (whole calendar month when ``back`` >= 1).
    """
    if back == 0:
        return Period(as_of.replace(day=1), as_of)
    year, month0 = divmod(as_of.year * 12 + as_of.month - 1 - back, 12)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return Period(dt.date(year, month0 + 1, 1), dt.date(year, month0 + 1, last_day))


def period_windows(as_of: dt.date) -> dict[str, Period]:
    """The date windows the KPIs use, all ending on or before ``as_of``.

    Returns:
        ``sales_90d`` (as_of - 89 .. as_of), ``month_to_date`` (1st .. as_of),
        ``previous_month`` (whole; its last day is the opening-receivable date),
        ``week_to_date`` (ISO week: Monday .. as_of) and ``yesterday``.
    """
    yesterday = as_of - dt.timedelta(days=1)
    return {
        "sales_90d": Period(as_of - dt.timedelta(days=DSO_WINDOW_DAYS - 1), as_of),
        "month_to_date": month_period(as_of, 0),
        "previous_month": month_period(as_of, 1),
        "week_to_date": Period(as_of - dt.timedelta(days=as_of.weekday()), as_of),
        "yesterday": Period(yesterday, yesterday),
    }


def previous_as_of(as_of: dt.date) -> dt.date:
    """The same day one month earlier, clamped to that month's end (Mar 31 -> Feb 29)."""
    previous = month_period(as_of, 1)
    return previous.last.replace(day=min(as_of.day, previous.last.day))


def kpi_change(current: Kpis, previous: Kpis) -> dict[str, Decimal | None]:
    """``current - previous`` per KPI field; None when either side is undefined."""
    change: dict[str, Decimal | None] = {}
    for field in fields(Kpis):
        now, before = getattr(current, field.name), getattr(previous, field.name)
        change[field.name] = None if now is None or before is None else Decimal(now - before)
    return change


def kpi_record(kpis: Kpis) -> dict[str, str | int | None]:
    """Plain values for reports: money and ratios as fixed-point text, counts as ints."""
    record: dict[str, str | int | None] = {}
    for field in fields(Kpis):
        value = getattr(kpis, field.name)
        record[field.name] = format(value, "f") if isinstance(value, Decimal) else value
    return record
