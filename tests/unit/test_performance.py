"""Performance page arithmetic: period in the URL, goal progress and pace, DSO trend."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from dashboard.i18n import translator
from dashboard.performance import (
    GoalProgress,
    KeptRate,
    OwnerPerformance,
    PerformanceQuery,
    dso_standard,
    dso_trend,
    goal_progress,
    kept_rates,
    month_query,
    parse_period,
    query_from_controls,
    read_amount,
    receivable_at,
    recent_months,
    to_search,
    trend_points,
)
from dashboard.performance_presenters import grid_rows, sparkline

D = dt.date.fromisoformat
M = Decimal
TODAY = D("2026-11-23")


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("", PerformanceQuery(D("2026-11-01"), TODAY, "2026-11")),
        ("?month=2026-10", PerformanceQuery(D("2026-10-01"), D("2026-10-31"), "2026-10")),
        ("?month=2024-02", PerformanceQuery(D("2024-02-01"), D("2024-02-29"), "2024-02")),
        ("?month=2023-02", PerformanceQuery(D("2023-02-01"), D("2023-02-28"), "2023-02")),
        ("?month=2026-12", PerformanceQuery(D("2026-11-01"), TODAY, "2026-11")),  # future
        ("?month=2026-13", PerformanceQuery(D("2026-11-01"), TODAY, "2026-11")),
        ("?month=nonsense", PerformanceQuery(D("2026-11-01"), TODAY, "2026-11")),
        ("?from=2026-09-10&to=2026-10-05", PerformanceQuery(D("2026-09-10"), D("2026-10-05"))),
        ("?from=2026-11-20&to=2027-01-01", PerformanceQuery(D("2026-11-20"), TODAY)),  # cut
        ("?from=2026-10-05&to=2026-09-10", PerformanceQuery(D("2026-11-01"), TODAY, "2026-11")),
        ("?from=2026-11-24&to=2026-12-01", PerformanceQuery(D("2026-11-01"), TODAY, "2026-11")),
        # A range wins over a month; longer than two years keeps the last 732 days.
        ("?month=2026-01&from=2026-11-23&to=2026-11-23", PerformanceQuery(TODAY, TODAY)),
        ("?from=2020-01-01&to=2026-11-23", PerformanceQuery(D("2024-11-22"), TODAY)),
    ],
)
def test_parse_period(search, expected):
    assert parse_period(search, today=TODAY) == expected


def test_to_search_round_trips():
    assert to_search(month_query(TODAY, TODAY), today=TODAY) == ""
    october = month_query(D("2026-10-09"), TODAY)
    assert to_search(october, today=TODAY) == "?month=2026-10"
    assert parse_period("?month=2026-10", today=TODAY) == october
    days = PerformanceQuery(D("2026-09-10"), D("2026-10-05"))
    assert to_search(days, today=TODAY) == "?from=2026-09-10&to=2026-10-05"
    assert parse_period(to_search(days, today=TODAY), today=TODAY) == days


def test_query_from_controls():
    by_month = {"by_month": True, "start": None, "end": None, "today": TODAY}
    assert query_from_controls(month="2026-02", **by_month) == month_query(D("2026-02-01"), TODAY)
    assert query_from_controls(month=None, **by_month) is None
    dates = {"by_month": False, "month": "2026-11", "today": TODAY}
    assert query_from_controls(start="2026-10-01", end=None, **dates) is None  # half picked
    assert query_from_controls(start="2026-10-01T00:00:00", end="2026-10-31", **dates) == (
        PerformanceQuery(D("2026-10-01"), D("2026-10-31"))
    )


def test_recent_months_and_trend_points_cross_years_and_leap_days():
    assert recent_months(D("2024-03-31"), 4) == [
        D("2024-03-01"),
        D("2024-02-01"),
        D("2024-01-01"),
        D("2023-12-01"),
    ]
    assert trend_points(D("2024-03-15")) == [
        D("2023-10-31"),
        D("2023-11-30"),
        D("2023-12-31"),
        D("2024-01-31"),
        D("2024-02-29"),
        D("2024-03-15"),
    ]
    assert trend_points(D("2023-03-31"), months=3) == [
        D("2023-01-31"),
        D("2023-02-28"),
        D("2023-03-31"),
    ]


@pytest.mark.parametrize(
    ("goal", "collected", "as_of", "progress", "expected", "pace", "on_pace"),
    [
        # Feb 2024 has 29 days: 3,000 x 15 / 29 = 1,551.724 -> 1,551.72 expected by the 15th;
        # 1,600 / 3,000 = 0.5333; 1,600 / 1,551.72 = 1.0311.
        ("3000", "1600", "2024-02-15", "0.5333", "1551.72", "1.0311", True),
        # Same day in 2023 (28 days): 3,000 x 15 / 28 = 1,607.142 -> 1,607.14: behind.
        ("3000", "1600", "2023-02-15", "0.5333", "1607.14", "0.9956", False),
        # The 1st of a 31-day month: 31,000 / 31 = 1,000.00; nothing collected yet.
        ("31000", "0", "2026-10-01", "0", "1000.00", "0", False),
        # The last day: the whole goal is expected; beating it is over 100 %.
        ("500.00", "650.00", "2026-04-30", "1.3", "500.00", "1.3", True),
        # Exactly on pace counts as on pace.
        ("3000", "1500", "2026-11-15", "0.5", "1500.00", "1", True),
    ],
)
def test_goal_progress_and_pace(goal, collected, as_of, progress, expected, pace, on_pace):
    result = goal_progress(M(goal), M(collected), as_of=D(as_of))
    assert result == GoalProgress(
        goal=M(goal),
        collected=M(collected),
        progress=M(progress),
        expected=M(expected),
        pace=M(pace),
        on_pace=on_pace,
    )


def test_a_goal_must_be_positive():
    with pytest.raises(ValueError):
        goal_progress(M("0"), M("10"), as_of=TODAY)


def test_kept_rates_leave_pending_out():
    states = pd.DataFrame(
        {"owner_id": [1, 1, 1, 2, 2], "status": ["kept", "broken", "pending", "pending", "kept"]}
    )
    assert kept_rates(states) == {1: KeptRate(1, 1), 2: KeptRate(1, 0)}
    assert KeptRate(1, 2).rate == M("0.3333") and KeptRate(0, 0).rate is None


def test_dso_trend_by_hand():
    """A customer invoiced 900.00 on Jan 10 and 300.00 on Feb 20, who paid 600.00 on Mar 5.

    As of Mar 31 the receivable is 600.00. Points Jan 31, Feb 29, Mar 31 (2024):
      Jan 31: 600 - 300 (sales after) + 600 (paid after) = 900 / 900 x 90 = 90.0
      Feb 29: 600 + 600 = 1,200 / (900 + 300) x 90 = 90.0
      Mar 31: 600 / 1,200 (window Jan 2 .. Mar 31 holds both) x 90 = 45.0
    """
    sales = {D("2024-01-10"): M("900.00"), D("2024-02-20"): M("300.00")}
    paid = {D("2024-03-05"): M("600.00")}
    as_of = D("2024-03-31")
    points = [D("2024-01-31"), D("2024-02-29"), as_of]
    assert receivable_at(
        D("2024-01-31"), as_of=as_of, receivable=M("600.00"), sales=sales, collected=paid
    ) == M("900.00")
    assert dso_trend(points, as_of=as_of, receivable=M("600.00"), sales=sales, collected=paid) == (
        M("90.0"),
        M("90.0"),
        M("45.0"),
    )
    assert dso_standard(M("10.01"), M("10.00")) == M("90.1")  # 90.09 rounds half up
    assert dso_standard(M("100"), M("0")) is None


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("en", "25000", M("25000")),
        ("en", "1,234.50", M("1234.50")),
        ("en", " $ 1,234.5 ", M("1234.5")),
        ("es", "1.234,50", M("1234.50")),
        ("es", "1234.50", M("1234.50")),  # a dot decimal point is understood in Spanish too
        ("es", "1500,5", M("1500.5")),
        ("en", "12.345", M("12.345")),  # refused later: three decimals
        ("en", "abc", "abc"),
        ("en", "1e3", "1e3"),
        ("en", "", ""),
    ],
)
def test_read_amount(language, typed, expected):
    assert read_amount(typed, language) == expected


def test_sparkline_scales_each_row():
    assert sparkline([M("10"), M("20"), None, M("15")]) == "▁█·▅"
    assert sparkline([M("5"), M("5")]) == "▅▅"
    assert sparkline([None, None]) == ""


def test_grid_rows_texts():
    row = OwnerPerformance(
        key="cobra1",
        name="Carla Cobra",
        contacts=4,
        customers_covered=3,
        promises_made=4,
        kept=KeptRate(2, 3),
        collected=M("175.00"),
        overdue_share=M("0.8"),
        dso=(None, M("90.0"), M("141.0")),
        goal=goal_progress(M("350.00"), M("175.00"), as_of=D("2024-03-31")),
    )
    points = [D("2024-01-31"), D("2024-02-29"), D("2024-03-31")]
    (english,) = grid_rows([row], points=points, t=translator("en"), language="en", currency="USD")
    assert english["kept_text"] == "40.0% (2/5)"
    assert english["collected_text"] == "$175.00"
    assert english["dso_text"] == "·▁█  141.0"
    assert english["dso_tip"].startswith("Jan 31, 2024: — · Feb 29, 2024: 90.0 days")
    assert english["goal"] == "350.00" and english["progress_text"] == "50.0%"
    assert english["pace_text"] == "$175.00 behind"
    assert english["pace_tip"] == "Expected by Mar 31, 2024: $350.00 (100.0% of the goal)"
    (spanish,) = grid_rows([row], points=points, t=translator("es"), language="es", currency="USD")
    assert spanish["kept_text"] == "40,0% (2/5)"
    assert spanish["pace_text"] == "175,00\xa0US$ por debajo"
