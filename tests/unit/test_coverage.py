"""Coverage and the 8–15-day cadence on a hand-made portfolio (dashboard.coverage).

Today is 2024-03-31. Every customer below is overdue; the days since the last note
decide its band: 0–7 recent, 8–15 due soon, 16+ or never uncovered.

    code  overdue   last note            days  band
    A      100.00   2024-03-24 18:00       7   recent     (boundary: still recent)
    B      250.00   2024-03-23 09:00       8   due_soon   (boundary: first day due)
    C      250.00   2024-03-16 08:00      15   due_soon   (boundary: last covered day)
    D      900.00   2024-03-15 23:59      16   uncovered  (boundary: first uncovered)
    E       40.00   never               None   uncovered
    F        0.01   2024-03-31 07:00       0   recent
    G      500.00   2024-04-02 10:00       0   recent     (written after today: counts as today)
    H     1200.00   2023-12-01 10:00     121   uncovered

Coverage: A, B, C, F, G contacted in the last 15 days = 5 of 8.
Uncovered, largest overdue first: H 1200, D 900, E 40.
Due soon: B 250 and C 250 tie on the amount, so by code: B, C.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from dashboard.coverage import contact_band, coverage, days_since

TODAY = dt.date(2024, 3, 31)


def _at(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


ROWS = [
    # code, overdue, oldest_due, last contact, last reason
    ("A", "100.00", "2024-03-01", "2024-03-24 18:00", "forgot"),
    ("B", "250.00", "2024-02-01", "2024-03-23 09:00", "cannot_pay"),
    ("C", "250.00", "2024-03-30", "2024-03-16 08:00", "dispute"),
    ("D", "900.00", "2023-12-31", "2024-03-15 23:59", "other"),
    ("E", "40.00", "2024-03-29", None, None),
    ("F", "0.01", "2024-03-30", "2024-03-31 07:00", "unaware"),
    ("G", "500.00", "2024-03-01", "2024-04-02 10:00", "forgot"),
    ("H", "1200.00", "2023-10-31", "2023-12-01 10:00", "fraud"),
]


def portfolio() -> pd.DataFrame:
    """The rows data_access.activity_feed.coverage_rows would return (NaT/NaN for never)."""
    frame = pd.DataFrame(
        [
            {
                "customer_id": i,
                "code": code,
                "name": f"Customer {code}",
                "collector_name": "Carla",
                "overdue": Decimal(overdue),
                "oldest_due": dt.date.fromisoformat(due),
                "last_contact": _at(last),
                "last_reason": reason,
            }
            for i, (code, overdue, due, last, reason) in enumerate(ROWS, start=1)
        ]
    )
    frame["last_contact"] = pd.to_datetime(frame["last_contact"])  # never → NaT, as pandas reads it
    return frame


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (None, None),
        (pd.NaT, None),
        (dt.datetime(2024, 3, 31, 23, 59), 0),
        (dt.datetime(2024, 3, 24, 0, 0), 7),
        (dt.datetime(2024, 3, 23, 23, 59), 8),
        (dt.datetime(2024, 3, 16, 0, 0), 15),
        (dt.datetime(2024, 3, 15, 12, 0), 16),
        (dt.date(2024, 2, 29), 31),  # leap day
        (dt.datetime(2024, 4, 5, 9, 0), 0),  # later than today
    ],
)
def test_days_since_counts_calendar_days(last, expected):
    assert days_since(last, TODAY) == expected


@pytest.mark.parametrize(
    ("days", "band"),
    [
        (0, "recent"),
        (7, "recent"),
        (8, "due_soon"),
        (15, "due_soon"),
        (16, "uncovered"),
        (400, "uncovered"),
        (None, "uncovered"),
    ],
)
def test_contact_band_boundaries(days, band):
    assert contact_band(days) == band


def test_coverage_share_and_lists():
    result = coverage(portfolio(), today=TODAY)
    assert (result.contacted, result.overdue_customers) == (5, 8)
    assert result.share == pytest.approx(5 / 8)
    uncovered = result.uncovered
    assert list(uncovered["code"]) == ["H", "D", "E"]
    assert list(uncovered["days_since_contact"]) == [121, 16, None]
    assert list(uncovered["last_reason"]) == ["fraud", "other", None]
    assert list(uncovered["overdue"]) == [Decimal("1200.00"), Decimal("900.00"), Decimal("40.00")]
    assert list(uncovered["oldest_days_overdue"]) == [152, 91, 2]
    due_soon = result.due_soon
    assert list(due_soon["code"]) == ["B", "C"]
    assert list(due_soon["days_since_contact"]) == [8, 15]
    assert list(due_soon["last_reason"]) == ["cannot_pay", "dispute"]


def test_recent_customers_are_in_neither_list():
    result = coverage(portfolio(), today=TODAY)
    listed = set(result.uncovered["code"]) | set(result.due_soon["code"])
    assert listed.isdisjoint({"A", "F", "G"})


def test_a_day_later_moves_customers_across_the_boundaries():
    result = coverage(portfolio(), today=TODAY + dt.timedelta(days=1))
    # A: 8 days (due soon), B: 9, C: 16 (uncovered), G: still 0.
    assert list(result.due_soon["code"]) == ["B", "A"]
    assert list(result.uncovered["code"]) == ["H", "D", "C", "E"]
    assert (result.contacted, result.overdue_customers) == (4, 8)


def test_nobody_overdue_has_no_share():
    result = coverage(portfolio().head(0), today=TODAY)
    assert result.overdue_customers == 0
    assert result.share is None
    assert result.uncovered.empty and result.due_soon.empty
