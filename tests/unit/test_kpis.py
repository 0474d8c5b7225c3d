"""Collection KPIs worked by hand and against published examples (dashboard.kpis)."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, replace
from decimal import Decimal

import pytest

from dashboard.i18n import CATALOG
from dashboard.kpis import (
    KPI_HELP,
    Countback,
    KpiInputs,
    Kpis,
    Period,
    average_days_delinquent,
    best_possible_dso,
    cei,
    compute_kpis,
    countback,
    dso_countback,
    dso_standard,
    kpi_change,
    kpi_record,
    month_period,
    overdue_pct,
    period_windows,
    previous_as_of,
)

D = dt.date.fromisoformat
M = Decimal
ZERO = M("0.00")
AS_OF = D("2024-03-31")


def inputs(**values: object) -> KpiInputs:
    """KpiInputs as of 2024-03-31, everything zero unless given."""
    base = KpiInputs(
        as_of=AS_OF,
        receivable=ZERO,
        current=ZERO,
        overdue=ZERO,
        sales_90d=ZERO,
        monthly_sales=((month_period(AS_OF), ZERO),),
        month_opening_receivable=ZERO,
        month_sales=ZERO,
        collected_day=ZERO,
        collected_week=ZERO,
        collected_month=ZERO,
        promises_due=0,
        promises_broken=0,
    )
    return replace(base, **values)  # type: ignore[arg-type]


def months(*pairs: tuple[str, str, str]) -> tuple[tuple[Period, Decimal], ...]:
    """('2024-03-01', '2024-03-31', '400000') ... -> monthly_sales, newest first."""
    return tuple((Period(D(first), D(last)), M(sales)) for first, last, sales in pairs)


# --- DSO (standard, 90 days), best possible DSO, ADD --------------------------------


# name, receivable, current, sales_90d, dso, best possible, add (all unrounded)
DSO_CASES = [
    # The standard formula, DSO = receivable / credit sales of the period x days in it:
    # 1,000,000 / 3,000,000 x 90 = 30 days. 400,000 of it not yet due:
    # best possible = 400,000 / 3,000,000 x 90 = 12, ADD = 30 - 12 = 18.
    ("textbook 1M over 3M in 90 days", "1000000", "400000", "3000000", "30", "12", "18"),
    ("all current: no delinquency", "500.00", "500.00", "1500.00", "30", "30", "0"),
    ("no sales in 90 days", "1000.00", "200.00", "0.00", None, None, None),
    ("net sales negative (credit notes)", "1000.00", "0.00", "-50.00", None, None, None),
    ("nothing owed", "0.00", "0.00", "900.00", "0", "0", "0"),
    # Unapplied credit larger than what is open: a negative DSO, shown as such.
    ("credit balance", "-90.00", "0.00", "900.00", "-9", "0", "-9"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("receivable", "current", "sales", "dso", "best", "add"),
    [case[1:] for case in DSO_CASES],
    ids=[case[0] for case in DSO_CASES],
)
def test_dso_best_possible_and_add(receivable, current, sales, dso, best, add):
    given = inputs(receivable=M(receivable), current=M(current), sales_90d=M(sales))
    expected = [None if value is None else M(value) for value in (dso, best, add)]
    assert [dso_standard(given), best_possible_dso(given), average_days_delinquent(given)] == (
        expected
    )


# --- DSO (countback) ---------------------------------------------------------------

# Published worked example ("debtor days, count back method"): receivable 2,100,000;
# March 900,000 (31 days), February 800,000 (28 days, 2023), January 700,000 (31 days).
#   2,100,000 - 900,000 = 1,200,000 left, 31 days
#   1,200,000 - 800,000 =   400,000 left, 31 + 28 = 59 days
#   January covers the rest pro rata: 400,000 / 700,000 x 31 = 17.714... days
#   DSO = 59 + 17.714... = 76.714... -> 76.7
THREE_MONTHS_2023 = months(
    ("2023-03-01", "2023-03-31", "900000"),
    ("2023-02-01", "2023-02-28", "800000"),
    ("2023-01-01", "2023-01-31", "700000"),
)
# Published example with 30-day months (Benji Pays, "Count-Back Method Explained"):
# receivable 212,000; month 3: 100,000, month 2: 80,000, month 1: 70,000.
#   212,000 - 100,000 = 112,000 (30 days); - 80,000 = 32,000 (60 days);
#   32,000 / 70,000 x 30 = 13.714... -> DSO 73.714... -> 73.7
THIRTY_DAY_MONTHS = months(
    ("2024-06-01", "2024-06-30", "100000"),
    ("2024-05-02", "2024-05-31", "80000"),
    ("2024-04-01", "2024-04-30", "70000"),
)
# As of 2024-03-15 the current month counts its 15 elapsed days only:
#   1,000 - 300 (Mar 1-15) = 700, 15 days; 700 / 1,400 (Feb, 29 days) x 29 = 14.5
#   DSO = 15 + 14.5 = 29.5
MID_MONTH = months(("2024-03-01", "2024-03-15", "300"), ("2024-02-01", "2024-02-29", "1400"))

# name, receivable, monthly sales, days, covered
COUNTBACK_CASES = [
    ("three calendar months, last pro rata", "2100000", THREE_MONTHS_2023,
     M(59) + M(400000) / M(700000) * 31, True),
    ("thirty-day months", "212000", THIRTY_DAY_MONTHS, M(60) + M(32000) / M(70000) * 30, True),
    ("current month counts elapsed days", "1000", MID_MONTH, M("29.5"), True),
    ("covered exactly by the newest month", "300", MID_MONTH, M(15), True),
    ("covered within the newest month", "150", MID_MONTH, M("7.5"), True),
    ("a month without sales is counted whole",
     "700", months(("2024-03-01", "2024-03-31", "0"), ("2024-02-01", "2024-02-29", "1400")),
     M(31) + M("14.5"), True),
    ("net negative month is counted whole, subtracts nothing",
     "700", months(("2024-03-01", "2024-03-31", "-30"), ("2024-02-01", "2024-02-29", "1400")),
     M(31) + M("14.5"), True),
    ("months run out: lower bound, not covered", "5000", MID_MONTH, M(15 + 29), False),
    ("no months at all", "10", (), M(0), False),
    ("nothing owed is zero days", "0.00", MID_MONTH, M(0), True),
    ("credit balance is zero days", "-75.00", MID_MONTH, M(0), True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("receivable", "monthly", "days", "covered"),
    [case[1:] for case in COUNTBACK_CASES],
    ids=[case[0] for case in COUNTBACK_CASES],
)
def test_countback(receivable, monthly, days, covered):
    assert countback(M(receivable), monthly) == Countback(days=days, covered=covered)
    given = inputs(receivable=M(receivable), monthly_sales=monthly)
    assert dso_countback(given) == (days if covered else None)


def test_published_countback_examples_round_as_published():
    first = compute_kpis(inputs(receivable=M("2100000"), monthly_sales=THREE_MONTHS_2023))
    second = compute_kpis(inputs(receivable=M("212000"), monthly_sales=THIRTY_DAY_MONTHS))
    assert (first.dso_countback, second.dso_countback) == (M("76.7"), M("73.7"))


# --- CEI ------------------------------------------------------------------------------

# name, opening, month sales, ending total, ending current, CEI (unrounded) or None
CEI_CASES = [
    # Credit Research Foundation definition:
    #   (beginning receivables + monthly credit sales - ending total receivables)
    #   / (beginning receivables + monthly credit sales - ending current receivables) x 100
    # Built example: opening 500,000, sales 300,000, ending total 450,000, current 250,000:
    #   (500,000 + 300,000 - 450,000) / (500,000 + 300,000 - 250,000) x 100
    #   = 350,000 / 550,000 x 100 = 63.6363... -> 63.6
    ("CRF definition, built example", "500000", "300000", "450000", "250000",
     M(350000) / M(550000) * 100),
    # creditguru.com sample aged trial balance, Jan-Mar: beginning 6,200, credit sales
    # 10,890 over 3 months (monthly 3,630), ending total 6,340, ending current 3,590:
    #   (6,200 + 3,630 - 6,340) / (6,200 + 3,630 - 3,590) = 3,490 / 6,240 = 55.93% -> 55.9
    ("creditguru sample ATB", "6200", "3630", "6340", "3590", M(3490) / M(6240) * 100),
    # Everything collectible collected: only not-yet-due left -> 100.
    ("all collected", "1000", "500", "200", "200", M(100)),
    # Nothing collected at all: 0.
    ("nothing collected", "1000", "500", "1500", "500", M(0)),
    # Nothing was collectible (all current): undefined, not a division by zero.
    ("nothing collectible", "0", "500", "500", "500", None),
    ("empty portfolio", "0", "0", "0", "0", None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("opening", "sales", "ending", "current", "expected"),
    [case[1:] for case in CEI_CASES],
    ids=[case[0] for case in CEI_CASES],
)
def test_cei(opening, sales, ending, current, expected):
    given = inputs(
        month_opening_receivable=M(opening),
        month_sales=M(sales),
        receivable=M(ending),
        current=M(current),
    )
    assert cei(given) == expected


def test_published_cei_examples_round_as_published():
    crf = inputs(
        month_opening_receivable=M("500000"),
        month_sales=M("300000"),
        receivable=M("450000"),
        current=M("250000"),
    )
    guru = inputs(
        month_opening_receivable=M("6200"),
        month_sales=M("3630"),
        receivable=M("6340"),
        current=M("3590"),
    )
    assert (compute_kpis(crf).cei_month, compute_kpis(guru).cei_month) == (M("63.6"), M("55.9"))


# --- Overdue % --------------------------------------------------------------------------

# name, current, overdue, percent
OVERDUE_CASES = [
    ("a quarter overdue", "750.00", "250.00", M(25)),
    ("all overdue", "0.00", "0.01", M(100)),
    ("nothing overdue", "10.00", "0.00", M(0)),
    ("nothing open", "0.00", "0.00", None),
]


@pytest.mark.parametrize(
    ("current", "overdue", "expected"),
    [case[1:] for case in OVERDUE_CASES],
    ids=[case[0] for case in OVERDUE_CASES],
)
def test_overdue_pct(current, overdue, expected):
    assert overdue_pct(inputs(current=M(current), overdue=M(overdue))) == expected


# --- compute_kpis: rounding and the empty portfolio ---------------------------------


def test_empty_portfolio_is_undefined_not_an_error():
    kpis = compute_kpis(inputs())
    assert kpis == Kpis(
        total_receivable=ZERO,
        overdue=ZERO,
        overdue_pct=None,
        current=ZERO,
        dso_standard_90=None,
        dso_countback=M("0"),  # nothing owed: zero days of sales outstanding
        best_possible_dso=None,
        add=None,
        cei_month=None,
        collected_day=ZERO,
        collected_week=ZERO,
        collected_month=ZERO,
        promises_due=0,
        promises_broken=0,
    )


def test_tiny_portfolio_a_cent_owed_without_sales():
    kpis = compute_kpis(
        inputs(receivable=M("0.01"), overdue=M("0.01"), month_opening_receivable=M("0.01"))
    )
    assert kpis.overdue_pct == M("100.0")
    assert (kpis.dso_standard_90, kpis.dso_countback, kpis.add) == (None, None, None)
    # Opening 0.01, no sales, 0.01 still owed and overdue: (0.01 + 0 - 0.01) / (0.01 + 0 - 0)
    # = 0 collected of 0.01 collectible.
    assert kpis.cei_month == M("0.0")


def test_rounding_half_up_money_cents_ratios_tenths():
    # Sales 900.00 over 90 days is 10.00 a day:
    #   DSO 372.50 / 10 = 37.25 -> 37.3; best 102.50 / 10 = 10.25 -> 10.3 (half-even would
    #   give 37.2 and 10.2); ADD 37.25 - 10.25 = 27.0. Overdue 270.00 / 372.50 = 72.48... -> 72.5.
    # Money: 12.345 -> 12.35 and 0.005 -> 0.01 (half-even: 12.34 and 0.00); 2.5 -> 2.50.
    given = inputs(
        receivable=M("372.50"),
        current=M("102.50"),
        overdue=M("270.00"),
        sales_90d=M("900.00"),
        collected_day=M("12.345"),
        collected_week=M("0.005"),
        collected_month=M("2.5"),
    )
    kpis = compute_kpis(given)
    assert (kpis.dso_standard_90, kpis.best_possible_dso, kpis.add) == (
        M("37.3"),
        M("10.3"),
        M("27.0"),
    )
    assert kpis.overdue_pct == M("72.5")
    assert (kpis.collected_day, kpis.collected_week, kpis.collected_month) == (
        M("12.35"),
        M("0.01"),
        M("2.50"),
    )


def test_add_is_rounded_from_the_exact_difference():
    # DSO 300.50 / 900 x 90 = 30.05 -> 30.1; best 100.40 / 900 x 90 = 10.04 -> 10.0;
    # ADD = 30.05 - 10.04 = 20.01 -> 20.0, not the difference of the rounded 30.1 - 10.0.
    given = inputs(receivable=M("300.50"), current=M("100.40"), sales_90d=M("900.00"))
    kpis = compute_kpis(given)
    assert (kpis.dso_standard_90, kpis.best_possible_dso, kpis.add) == (
        M("30.1"),
        M("10.0"),
        M("20.0"),
    )


def test_negative_half_rounds_away_from_zero():
    # Receivable -0.50 over sales 900.00 x 90 = -0.05 -> -0.1 (half up = away from zero).
    assert compute_kpis(inputs(receivable=M("-0.50"), sales_90d=M("900.00"))).dso_standard_90 == (
        M("-0.1")
    )


# --- Dates -------------------------------------------------------------------------------

# as_of, previous as_of
PREVIOUS_CASES = [
    ("2024-03-31", "2024-02-29"),  # leap year: clamped to Feb 29
    ("2023-03-31", "2023-02-28"),
    ("2024-03-29", "2024-02-29"),
    ("2024-03-28", "2024-02-28"),
    ("2024-01-31", "2023-12-31"),  # across the year
    ("2024-01-01", "2023-12-01"),
    ("2024-05-31", "2024-04-30"),
    ("2024-02-29", "2024-01-29"),
    ("2024-12-15", "2024-11-15"),
]


@pytest.mark.parametrize(("as_of", "expected"), PREVIOUS_CASES)
def test_previous_as_of(as_of, expected):
    assert previous_as_of(D(as_of)) == D(expected)


def window(first: str, last: str) -> Period:
    return Period(D(first), D(last))


# as_of, 90 days, month to date, previous month, week to date (ISO, Monday first), yesterday
WINDOW_CASES = [
    # 2024-03-31 is a Sunday; 31 + 29 + 29 = 89 days back -> Jan 2.
    ("2024-03-31", ("2024-01-02", "2024-03-31"), ("2024-03-01", "2024-03-31"),
     ("2024-02-01", "2024-02-29"), ("2024-03-25", "2024-03-31"), "2024-03-30"),
    # 2024-01-01 is a Monday: the week starts that day; yesterday is last year.
    ("2024-01-01", ("2023-10-04", "2024-01-01"), ("2024-01-01", "2024-01-01"),
     ("2023-12-01", "2023-12-31"), ("2024-01-01", "2024-01-01"), "2023-12-31"),
    # 2025-01-01 is a Wednesday: its ISO week began on Monday 2024-12-30.
    ("2025-01-01", ("2024-10-04", "2025-01-01"), ("2025-01-01", "2025-01-01"),
     ("2024-12-01", "2024-12-31"), ("2024-12-30", "2025-01-01"), "2024-12-31"),
    # 2024-03-01 (Friday): yesterday is the leap day.
    ("2024-03-01", ("2023-12-03", "2024-03-01"), ("2024-03-01", "2024-03-01"),
     ("2024-02-01", "2024-02-29"), ("2024-02-26", "2024-03-01"), "2024-02-29"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("as_of", "days90", "month", "previous", "week", "yesterday"), WINDOW_CASES
)
def test_period_windows(as_of, days90, month, previous, week, yesterday):
    windows = period_windows(D(as_of))
    assert windows == {
        "sales_90d": window(*days90),
        "month_to_date": window(*month),
        "previous_month": window(*previous),
        "week_to_date": window(*week),
        "yesterday": window(yesterday, yesterday),
    }
    assert windows["sales_90d"].days == 90


@pytest.mark.parametrize(
    ("as_of", "back", "expected"),
    [
        ("2024-03-15", 0, ("2024-03-01", "2024-03-15")),
        ("2024-03-15", 1, ("2024-02-01", "2024-02-29")),
        ("2024-03-15", 3, ("2023-12-01", "2023-12-31")),
        ("2024-03-15", 14, ("2023-01-01", "2023-01-31")),
        ("2024-03-15", 24, ("2022-03-01", "2022-03-31")),
    ],
)
def test_month_period(as_of, back, expected):
    assert month_period(D(as_of), back) == window(*expected)


# --- Change, help texts, record ----------------------------------------------------------


def test_kpi_change_per_field_none_when_either_side_is_undefined():
    now = compute_kpis(
        inputs(receivable=M("1200.00"), current=M("200.00"), overdue=M("1000.00"),
               sales_90d=M("900.00"), promises_due=3)
    )  # fmt: skip
    before = compute_kpis(inputs(receivable=M("1000.00"), overdue=M("1000.00"), promises_due=5))
    change = kpi_change(now, before)
    assert list(change) == [field.name for field in fields(Kpis)]
    assert change["total_receivable"] == M("200.00")
    assert change["current"] == M("200.00") and change["overdue"] == M("0.00")
    assert change["overdue_pct"] == M("-16.7")  # 83.3 - 100.0
    assert change["dso_standard_90"] is None  # no sales before
    assert change["promises_due"] == M(-2)


def test_every_kpi_has_a_help_text_in_the_catalog():
    assert set(KPI_HELP) == {field.name for field in fields(Kpis)}
    assert all(key in CATALOG for key in KPI_HELP.values())


def test_kpi_record_plain_text_money_and_tenths():
    record = kpi_record(compute_kpis(inputs(receivable=M("1000"), overdue=M("1000"))))
    assert record["total_receivable"] == "1000.00"
    assert record["overdue_pct"] == "100.0"
    assert record["dso_standard_90"] is None
    assert record["promises_due"] == 0
