"""Activity page: URL filters, period roll-ups and the contacts grid (pure)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.activity_charts import contacts_grid, period_starts, reasons_table
from dashboard.activity_params import ActivityQuery, parse_query, to_search

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "period", "expected"),
    [
        # ISO weeks start on Monday; 2024-12-30 is the Monday of ISO week 2025-W01.
        (D(2024, 12, 31), D(2025, 1, 7), "week", [D(2024, 12, 30), D(2025, 1, 6)]),
        (D(2024, 2, 26), D(2024, 3, 3), "week", [D(2024, 2, 26)]),  # leap week, one period
        (D(2024, 1, 31), D(2024, 3, 1), "month", [D(2024, 1, 1), D(2024, 2, 1), D(2024, 3, 1)]),
        (D(2023, 12, 15), D(2024, 1, 2), "month", [D(2023, 12, 1), D(2024, 1, 1)]),
    ],
)
def test_period_starts(start, end, period, expected):
    assert period_starts(start, end, period) == expected


def test_reasons_table_fills_empty_periods_with_zero():
    by_day = pd.DataFrame(
        [
            (D(2024, 2, 29), "forgot", 2),
            (D(2024, 3, 3), "forgot", 1),  # Sunday: same ISO week as Feb 29
            (D(2024, 3, 18), "dispute", 4),
            (D(2024, 3, 31), "nonsense", 9),  # not a category: ignored
            (D(2024, 4, 1), "forgot", 5),  # after the range: ignored
        ],
        columns=["day", "reason", "notes"],
    )
    table = reasons_table(by_day, start=D(2024, 2, 26), end=D(2024, 3, 31), period="week")
    assert list(table.index) == [D(2024, 2, 26), D(2024, 3, 4), D(2024, 3, 11), D(2024, 3, 18),
                                 D(2024, 3, 25)]  # fmt: skip
    assert list(table["forgot"]) == [3, 0, 0, 0, 0]
    assert list(table["dispute"]) == [0, 0, 0, 4, 0]
    assert int(table.to_numpy().sum()) == 7
    assert list(table.columns) == ["forgot", "cannot_pay", "dispute", "unaware", "fraud", "other"]
    empty = reasons_table(by_day.head(0), start=D(2024, 1, 1), end=D(2024, 2, 1), period="month")
    assert empty.shape == (2, 6) and int(empty.to_numpy().sum()) == 0


def test_contacts_grid_has_every_day_and_idle_collectors():
    per_day = pd.DataFrame(
        [("carla", "Carla Cobra", D(2024, 3, 30), 3), ("", "", D(2024, 3, 31), 1)],
        columns=["author", "author_name", "day", "notes"],
    )
    grid = contacts_grid(
        per_day,
        start=D(2024, 3, 29),
        end=D(2024, 3, 31),
        authors=[("carla", "Carla Cobra"), ("diego", "Diego Cobra")],
        nobody="(no author)",
    )
    assert list(grid.index) == ["(no author)", "Carla Cobra", "Diego Cobra"]
    assert list(grid.columns) == [D(2024, 3, 29), D(2024, 3, 30), D(2024, 3, 31)]
    assert grid.to_numpy().tolist() == [[0, 0, 1], [0, 3, 0], [0, 0, 0]]


def test_query_round_trips_through_the_url():
    query = ActivityQuery(
        collector="cobra1", channel="call", reason="dispute", hashtag="reclamo",
        start=D(2024, 3, 1), end=D(2024, 3, 31), period="month",
    )  # fmt: skip
    assert parse_query(to_search(query)) == query
    assert to_search(ActivityQuery()) == ""


def test_nonsense_in_the_url_is_ignored():
    query = parse_query("?channel=fax&reason=bored&hashtag=%23Promesa&from=2024-02-30&by=year")
    assert query == ActivityQuery(hashtag="promesa")


def test_window_defaults_to_90_days_and_never_passes_today():
    today = D(2024, 3, 31)
    assert ActivityQuery().window(today) == (D(2024, 1, 2), today)
    assert ActivityQuery(start=D(2024, 3, 10), end=D(2025, 1, 1)).window(today) == (
        D(2024, 3, 10),
        today,
    )
    assert ActivityQuery(start=D(2024, 4, 5)).window(today) == (today, today)
    # At most 731 days, both ends included (2024 has Feb 29).
    assert ActivityQuery(start=D(2020, 1, 1)).window(today) == (D(2022, 4, 1), today)
