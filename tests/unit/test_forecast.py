"""The cash-in forecast on a hand-made portfolio, and its backtest's error measures.

Forecast made on Monday 2024-04-01 (week 1 = Apr 1-7, week 2 = Apr 8-14, ...):

customer 1: lateness 4.0 days -> shift 4
    due 03-01 200.00 -> 03-05, already 27 days past -> 27 days ahead (day 27) -> week 4
    due 04-05 100.00 -> 04-09 (day 8)         -> week 2
    due 06-30  50.00 -> 07-04 (day 94)        -> after week 13 ("beyond")
customer 2: lateness -3.5 days -> shift -4 (half up, away from zero)
    due 04-10  80.00 -> 04-06 (day 5)         -> week 1
customer 3: lateness 20.0 days, promise of 400.00 on 04-03 (week 1)
    due 04-01 500.00 -> 04-21 (day 20)        -> week 3, less the 400.00 promised -> 100.00
    due 04-20 300.00 -> 05-10 (day 39)        -> week 6
customer 4: no history -> the median of 4.0, -3.5, 20.0 = 4.0 -> shift 4
    due 03-25  70.00 -> 03-29, 3 days past -> day 3, week 1, but replaced by its promise:
    promise of 1000.00 on 04-15 (week 3), cut to its 70.00 open

week 1: invoices 80.00, promises 400.00 -> 480.00
week 2: 100.00; week 3: invoices 100.00 + promises 70.00 = 170.00; week 4: 200.00;
week 6: 300.00; beyond: 50.00. All open (1300.00) = 480 + 100 + 170 + 200 + 300 + 50.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from dashboard.forecast import (
    backtest,
    backtest_mondays,
    forecast_error,
    open_as_of,
    portfolio_median,
    shift_days,
    weekly_forecast,
    weighted_lateness,
)

D = dt.date.fromisoformat
START = D("2024-04-01")


def _open(*rows: tuple[int, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [(cid, D(due), Decimal(amount)) for cid, due, amount in rows],
        columns=["customer_id", "due_date", "open"],
    )


def _promises(*rows: tuple[int, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [(cid, D(due), Decimal(amount)) for cid, due, amount in rows],
        columns=["customer_id", "due", "amount"],
    )


OPEN = _open(
    (1, "2024-03-01", "200.00"),
    (1, "2024-04-05", "100.00"),
    (1, "2024-06-30", "50.00"),
    (2, "2024-04-10", "80.00"),
    (3, "2024-04-01", "500.00"),
    (3, "2024-04-20", "300.00"),
    (4, "2024-03-25", "70.00"),
)
# applied, applied x days: 100 @ 10 days + 300 @ 2 days = 4.0; -3.5; 20.0
LATENESS = pd.DataFrame(
    [
        (1, Decimal("400.00"), Decimal("1600.00")),
        (2, Decimal("10.00"), Decimal("-35.00")),
        (3, Decimal("50.00"), Decimal("1000.00")),
    ],
    columns=["customer_id", "applied", "day_amount"],
)
PROMISES = _promises((3, "2024-04-03", "400.00"), (4, "2024-04-15", "1000.00"))


def test_lateness_and_its_median():
    days = weighted_lateness(LATENESS)
    assert days == {1: Decimal("4.0"), 2: Decimal("-3.5"), 3: Decimal("20.0")}
    assert portfolio_median(days) == Decimal("4.0")
    assert portfolio_median({}) == Decimal(0)
    assert [shift_days(Decimal(v)) for v in ("4.0", "-3.5", "2.5", "0.4")] == [4, -4, 3, 0]


def test_weekly_forecast_by_hand():
    forecast = weekly_forecast(OPEN, weighted_lateness(LATENESS), PROMISES, start=START)
    weeks = forecast.weeks
    assert len(weeks) == 13
    assert list(weeks["week_start"][:3]) == [D("2024-04-01"), D("2024-04-08"), D("2024-04-15")]
    assert weeks["week_end"].iloc[0] == D("2024-04-07")
    expected_invoices = ["80.00", "100.00", "100.00", "200.00", "0", "300.00"] + ["0"] * 7
    expected_promises = ["400.00", "0", "70.00"] + ["0"] * 10
    assert list(weeks["invoices"]) == [Decimal(v) for v in expected_invoices]
    assert list(weeks["promises"]) == [Decimal(v) for v in expected_promises]
    assert list(weeks["total"][:6]) == [
        Decimal(v) for v in ("480", "100", "170", "200", "0", "300")
    ]
    assert forecast.beyond == Decimal("50.00")
    assert forecast.total(4) == Decimal("950.00")
    assert forecast.total(13) + forecast.beyond == Decimal("1300.00")  # nothing counted twice
    assert forecast.median_days == Decimal("4.0")


def test_without_promises_each_invoice_stays_on_its_own_date():
    forecast = weekly_forecast(OPEN, weighted_lateness(LATENESS), _promises(), start=START)
    totals = list(forecast.weeks["total"][:6])
    # week 1: 80 + 70 (3 days late: day 3); week 2: 100; week 3: 500; week 4: 200; week 6: 300
    assert totals == [Decimal(v) for v in ("150.00", "100.00", "500.00", "200.00", "0", "300.00")]


def test_an_amount_long_past_its_usual_date_is_expected_later_not_this_week():
    # Customer 1 usually pays 4 days late; an invoice due 2023-12-01 was expected on
    # 12-05, 118 days before 2024-04-01: capped at 91 days ahead -> after week 13.
    forecast = weekly_forecast(
        _open((1, "2023-12-01", "60.00")), weighted_lateness(LATENESS), _promises(), start=START
    )
    assert forecast.total(13) == Decimal("0.00") and forecast.beyond == Decimal("60.00")


def test_empty_portfolio_forecasts_zeros():
    forecast = weekly_forecast(_open(), {}, _promises(), start=START, weeks=4)
    assert list(forecast.weeks["total"]) == [Decimal("0.00")] * 4
    assert forecast.beyond == Decimal("0.00")


def test_open_as_of_rewinds_allocations_and_ignores_later_invoices():
    open_now = pd.DataFrame(
        [
            (1, D("2024-03-01"), D("2024-02-01"), Decimal("100.00")),
            (1, D("2024-04-24"), D("2024-03-25"), Decimal("40.00")),
        ],
        columns=["customer_id", "due_date", "issue_date", "open"],
    )
    after = pd.DataFrame(
        [(1, D("2024-03-01"), D("2024-02-01"), D("2024-03-20"), Decimal("50.00"))],
        columns=["customer_id", "due_date", "issue_date", "effective_date", "amount"],
    )
    assert list(open_as_of(open_now, after, D("2024-03-17"))["open"]) == [Decimal("150.00")]
    assert list(open_as_of(open_now, after, D("2024-03-20"))["open"]) == [Decimal("100.00")]
    assert list(open_as_of(open_now, after, D("2024-03-31"))["open"]) == [
        Decimal("100.00"),
        Decimal("40.00"),
    ]


def test_backtest_forecasts_each_week_from_its_monday():
    # One invoice of 100.00 due Wed 2024-03-06, paid in full on 2024-03-13 (7 days late).
    open_now = pd.DataFrame(columns=["customer_id", "due_date", "issue_date", "open"])
    after = pd.DataFrame(
        [(1, D("2024-03-06"), D("2024-02-05"), D("2024-03-13"), Decimal("100.00"))],
        columns=["customer_id", "due_date", "issue_date", "effective_date", "amount"],
    )
    mondays = [D("2024-03-04"), D("2024-03-11"), D("2024-03-18")]
    results = backtest(
        week_starts=mondays,
        open_now=open_now,
        applied_after=after,
        days_late={1: Decimal("0.0")},  # pays on time, as far as anyone knew
        promises={},
        actual={D("2024-03-11"): Decimal("100.00")},
    )
    # Made on 03-04: expected 03-06 -> that week. On 03-11: overdue, still open -> that week.
    # On 03-18: paid, nothing open.
    assert list(results["forecast"]) == [Decimal("100.00"), Decimal("100.00"), Decimal("0.00")]
    assert list(results["actual"]) == [Decimal("0.00"), Decimal("100.00"), Decimal("0.00")]
    assert list(results["error"]) == [Decimal("100.00"), Decimal("0.00"), Decimal("0.00")]


def test_forecast_error_measures():
    results = pd.DataFrame(
        {
            "forecast": [Decimal("100.00"), Decimal("50.00")],
            "actual": [Decimal("80.00"), Decimal("0.00")],
        }
    )
    results["error"] = results["forecast"] - results["actual"]
    error = forecast_error(results)
    assert error is not None
    assert error.mae == Decimal("35.00")  # (20 + 50) / 2
    assert error.mape == Decimal("0.25")  # only weeks that received something: 20 / 80
    assert error.bias == Decimal("35.00")
    assert error.bias_pct == Decimal("0.875")  # 70 / 80
    assert forecast_error(results.iloc[0:0]) is None


def test_backtest_mondays():
    assert backtest_mondays(D("2024-04-03"), 3) == [
        D("2024-03-11"),
        D("2024-03-18"),
        D("2024-03-25"),
    ]
    assert backtest_mondays(D("2024-04-01"), 1) == [D("2024-03-25")]
