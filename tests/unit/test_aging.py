"""Days overdue and buckets, including the configurable boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.aging import AgingBuckets, days_overdue

DEFAULT = AgingBuckets()


@pytest.mark.parametrize(
    ("due", "as_of", "days", "bucket"),
    [
        ("2024-03-31", "2024-03-31", 0, "current"),  # due today is current
        ("2024-04-14", "2024-03-31", -14, "current"),  # not yet due
        ("2024-03-30", "2024-03-31", 1, "1-30"),
        ("2024-03-01", "2024-03-31", 30, "1-30"),
        ("2024-02-29", "2024-03-31", 31, "31-60"),  # leap day
        ("2024-01-31", "2024-03-31", 60, "31-60"),
        ("2024-01-30", "2024-03-31", 61, "61-90"),
        ("2024-01-01", "2024-03-31", 90, "61-90"),
        ("2023-12-31", "2024-03-31", 91, "91-120"),
        ("2023-12-02", "2024-03-31", 120, "91-120"),
        ("2023-12-01", "2024-03-31", 121, "121+"),
        ("2020-01-01", "2024-03-31", 1551, "121+"),
        ("2023-02-28", "2023-03-01", 1, "1-30"),  # month end, no leap day
    ],
)
def test_days_overdue_and_bucket(due, as_of, days, bucket):
    measured = days_overdue(dt.date.fromisoformat(due), dt.date.fromisoformat(as_of))
    assert measured == days
    assert DEFAULT.labels[DEFAULT.index_for(measured)] == bucket


def test_default_bucket_names():
    assert DEFAULT.keys == ["current", "d1_30", "d31_60", "d61_90", "d91_120", "d121_plus"]
    assert DEFAULT.labels == ["current", "1-30", "31-60", "61-90", "91-120", "121+"]


def test_configured_boundaries():
    weekly = AgingBuckets((7, 14, 45))
    assert weekly.keys == ["current", "d1_7", "d8_14", "d15_45", "d46_plus"]
    assert [weekly.index_for(d) for d in (0, 7, 8, 45, 46)] == [0, 1, 2, 3, 4]
