"""Period arithmetic of the collections page against hand-worked calendars."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from dashboard.collections import (
    add_months,
    change_ratio,
    chart_window,
    clamp_range,
    collection_series,
    default_range,
    period_start,
    periods,
    tile_spans,
    year_earlier,
    year_earlier_series,
)
from dashboard.collections_params import CollectionsQuery, parse_query, to_search
from dashboard.collections_presenters import period_label
from dashboard.i18n import translator
from dashboard.kpis import Period

D = dt.date.fromisoformat


def P(first: str, last: str) -> Period:  # noqa: N802 - reads like the type
    return Period(D(first), D(last))


@pytest.mark.parametrize(
    ("day", "by", "start"),
    [
        ("2024-02-29", "day", "2024-02-29"),
        ("2024-02-29", "week", "2024-02-26"),
        ("2024-02-29", "month", "2024-02-01"),
        ("2021-01-01", "week", "2020-12-28"),  # a Friday of ISO week 2020-W53
        ("2021-01-03", "week", "2020-12-28"),  # its Sunday
        ("2021-01-04", "week", "2021-01-04"),  # Monday of 2021-W01
        ("2025-01-01", "week", "2024-12-30"),  # 2025-W01 starts in 2024
        ("2024-12-31", "month", "2024-12-01"),
    ],
)
def test_period_start(day, by, start):
    assert period_start(D(day), by) == D(start)


def test_iso_week_53_and_weeks_spanning_years():
    weeks = periods(D("2020-12-20"), D("2021-01-10"), "week")
    assert weeks == [
        P("2020-12-20", "2020-12-20"),  # the Sunday of a week that began on the 14th
        P("2020-12-21", "2020-12-27"),
        P("2020-12-28", "2021-01-03"),  # 2020-W53, across the new year
        P("2021-01-04", "2021-01-10"),
    ]
    t = translator("en")
    labels = [period_label(w.first, "week", t=t, language="en") for w in weeks[1:]]
    assert labels == ["W52 2020", "W53 2020", "W1 2021"]
    assert period_label(D("2024-12-30"), "week", t=t, language="en") == "W1 2025"


def test_month_and_year_boundaries_with_a_leap_february():
    assert periods(D("2023-12-15"), D("2024-03-10"), "month") == [
        P("2023-12-15", "2023-12-31"),
        P("2024-01-01", "2024-01-31"),
        P("2024-02-01", "2024-02-29"),
        P("2024-03-01", "2024-03-10"),
    ]
    assert periods(D("2023-02-01"), D("2023-03-01"), "month")[0] == P("2023-02-01", "2023-02-28")


def test_days_are_one_per_day_including_the_leap_day():
    days = periods(D("2024-02-27"), D("2024-03-01"), "day")
    assert [p.first for p in days] == [
        D("2024-02-27"),
        D("2024-02-28"),
        D("2024-02-29"),
        D("2024-03-01"),
    ]
    assert all(p.first == p.last for p in days)


def test_inverted_range_is_an_error():
    with pytest.raises(ValueError):
        periods(D("2024-03-02"), D("2024-03-01"), "day")


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2024-03-31", -1, "2024-02-29"),
        ("2023-03-31", -1, "2023-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", -48, "2020-02-29"),
        ("2024-01-31", -1, "2023-12-31"),
    ],
)
def test_add_months_clamps_to_the_month_end(day, months, expected):
    assert add_months(D(day), months) == D(expected)


def test_year_earlier():
    assert year_earlier(P("2024-02-01", "2024-02-29"), "month") == P("2023-02-01", "2023-02-28")
    assert year_earlier(P("2024-03-01", "2024-03-15"), "month") == P("2023-03-01", "2023-03-15")
    # 52 weeks: same weekday; 2021-W53 has no twin, 2021-01-04 (W1) maps to 2020-01-06 (W2).
    assert year_earlier(P("2024-02-26", "2024-03-03"), "week") == P("2023-02-27", "2023-03-05")
    assert year_earlier(P("2024-02-29", "2024-02-29"), "day") == P("2023-03-02", "2023-03-02")


def _daily(*rows: tuple[str, str, int]) -> pd.DataFrame:
    return pd.DataFrame(
        [(D(day), Decimal(amount), count) for day, amount, count in rows],
        columns=["day", "amount", "payments"],
    )


def test_empty_periods_are_zero_rows_not_missing():
    daily = _daily(
        ("2024-01-02", "100.00", 2), ("2024-01-24", "0.50", 1), ("2024-01-28", "1.25", 1)
    )
    series = collection_series(daily, first=D("2024-01-01"), last=D("2024-01-31"), by="week")
    assert list(series["period_start"]) == [
        D("2024-01-01"),
        D("2024-01-08"),
        D("2024-01-15"),
        D("2024-01-22"),
        D("2024-01-29"),
    ]
    assert list(series["amount"]) == [
        Decimal("100.00"),
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("1.75"),
        Decimal("0.00"),
    ]
    assert list(series["payments"]) == [2, 0, 0, 2, 0]
    assert list(series["period_end"])[-1] == D("2024-01-31")  # clipped to the range


def test_nothing_at_all_is_a_row_of_zeros_per_period():
    empty = _daily()
    series = collection_series(empty, first=D("2024-01-01"), last=D("2024-03-31"), by="month")
    assert list(series["amount"]) == [Decimal("0.00")] * 3
    assert list(series["payments"]) == [0, 0, 0]


def test_year_earlier_series_uses_the_shifted_spans():
    daily = _daily(("2023-02-28", "10.00", 1), ("2023-03-01", "7.00", 1), ("2024-02-29", "5.00", 1))
    earlier = year_earlier_series(daily, first=D("2024-02-01"), last=D("2024-03-10"), by="month")
    assert list(earlier["period_start"]) == [D("2023-02-01"), D("2023-03-01")]
    assert list(earlier["amount"]) == [Decimal("10.00"), Decimal("7.00")]
    window = chart_window(D("2024-02-01"), D("2024-03-10"), "month")
    assert window == P("2023-02-01", "2024-03-10")


def test_tile_spans_at_the_end_of_a_leap_march():
    spans = {s.key: s for s in tile_spans(D("2024-03-31"))}  # a Sunday
    assert spans["yesterday"].current == P("2024-03-30", "2024-03-30")
    assert spans["yesterday"].previous == P("2024-03-29", "2024-03-29")
    assert spans["week"].current == P("2024-03-25", "2024-03-31")
    assert spans["week"].previous == P("2024-03-18", "2024-03-24")
    assert spans["month"].current == P("2024-03-01", "2024-03-31")
    assert spans["month"].previous == P("2024-02-01", "2024-02-29")  # 31 days, Feb has 29
    assert spans["year"].current == P("2024-01-01", "2024-03-31")  # 91 days
    assert spans["year"].previous == P("2023-01-01", "2023-04-01")  # the first 91 of 2023


def test_tile_spans_on_new_year_and_on_a_leap_new_years_eve():
    spans = {s.key: s for s in tile_spans(D("2024-01-01"))}  # a Monday
    assert spans["yesterday"].current == P("2023-12-31", "2023-12-31")
    assert spans["week"].previous == P("2023-12-25", "2023-12-25")
    assert spans["month"].previous == P("2023-12-01", "2023-12-01")
    assert spans["year"].previous == P("2023-01-01", "2023-01-01")
    leap_end = {s.key: s for s in tile_spans(D("2024-12-31"))}
    assert leap_end["year"].current.days == 366
    assert leap_end["year"].previous == P("2023-01-01", "2023-12-31")


def test_change_ratio():
    assert change_ratio(Decimal("150.00"), Decimal("100.00")) == Decimal("0.5")
    assert change_ratio(Decimal("50.00"), Decimal("100.00")) == Decimal("-0.5")
    assert change_ratio(Decimal("50.00"), Decimal("0.00")) is None


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("day", P("2024-02-29", "2024-03-30")),  # 31 days
        ("week", P("2024-01-01", "2024-03-30")),  # 13 ISO weeks, the last one partial
        ("month", P("2023-04-01", "2024-03-30")),  # 12 months
    ],
)
def test_default_ranges(by, expected):
    assert default_range(by, D("2024-03-30")) == expected
    assert (
        len(periods(expected.first, expected.last, by)) == {"day": 31, "week": 13, "month": 12}[by]
    )


def test_clamp_range():
    today = D("2024-03-30")
    assert clamp_range(None, None, by="month", today=today) == P("2023-04-01", "2024-03-30")
    assert clamp_range(D("2020-01-01"), D("2030-01-01"), by="day", today=today) == P(
        "2022-04-01", "2024-03-30"
    )  # at most 24 calendar months, ending today at the latest
    assert clamp_range(D("2024-03-10"), D("2024-03-01"), by="day", today=today) == P(
        "2024-03-01", "2024-03-10"
    )


def test_url_round_trip():
    query = CollectionsQuery(by="week", first=D("2024-01-01"), last=D("2024-02-29"), seller="S1")
    assert parse_query(to_search(query)) == query
    assert to_search(CollectionsQuery()) == ""
    assert parse_query("?by=year&from=nonsense").by == "month"
    assert parse_query("?by=year&from=nonsense").first is None
