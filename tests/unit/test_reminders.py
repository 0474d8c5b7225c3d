"""Which reminder level is due for a customer on a date, including catch-up after downtime.

Levels -3, 7, 30 and 60 days from the due date. Invoice A is due 2024-03-01, B on
2024-03-20 (all dates hand-counted).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dashboard.aging import AgingBuckets
from dashboard.campaigns import Segment
from dashboard.reminders import Due, Invoice, Level, due_reminder, reached, segment_allows

LEVELS = [Level(1, -3), Level(2, 7), Level(3, 30), Level(4, 60)]
A = Invoice(10, "A", dt.date(2024, 3, 1), Decimal("100.00"))
B = Invoice(11, "B", dt.date(2024, 3, 20), Decimal("50.00"))


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    ("days", "expected"),
    [(-4, None), (-3, -3), (0, -3), (6, -3), (7, 7), (29, 7), (30, 30), (59, 30), (400, 60)],
)
def test_reached_level(days, expected):
    found = reached(LEVELS, days)
    assert (found.days if found else None) == expected


def _due(as_of: str, covered: dict[int, int], invoices=(A,)) -> Due | None:  # type: ignore[no-untyped-def]
    return due_reminder(LEVELS, list(invoices), covered, as_of=day(as_of))


def test_a_daily_job_sends_each_level_once():
    covered: dict[int, int] = {}
    sent = []
    for offset in range(-10, 80):
        today = A.due_date + dt.timedelta(days=offset)
        due = due_reminder(LEVELS, [A], covered, as_of=today)
        if due is not None:
            sent.append((offset, due.level.days))
            covered.update({doc: days for doc, days in due.covered})
    assert sent == [(-3, -3), (7, 7), (30, 30), (60, 60)]


def test_catch_up_after_ten_days_down_sends_only_the_highest_level_once():
    # The job last ran on 2024-03-05 (A 4 days overdue: level -3 sent) and was down until
    # 2024-04-05 (A 35 days overdue): levels 7 and 30 were both crossed meanwhile.
    covered = {A.document_id: -3}
    due = _due("2024-04-05", covered)
    assert due is not None and due.level.days == 30
    assert due.covered == [[10, 30]]
    covered[A.document_id] = 30
    assert _due("2024-04-06", covered) is None  # never the 7-day one afterwards
    assert _due("2024-04-29", covered) is None
    assert _due("2024-04-30", covered).level.days == 60  # type: ignore[union-attr]  # 60 days


def test_one_message_covers_every_due_invoice_each_at_its_level():
    # 2024-03-31: A is 30 days overdue, B 11 days; nothing was sent before.
    due = _due("2024-03-31", {}, invoices=(A, B))
    assert due is not None
    assert due.level.days == 30
    assert due.covered == [[10, 30], [11, 7]]
    assert due.amount == Decimal("150.00")
    # B was covered at 7 only: it still gets its 30-day reminder on 2024-04-19.
    covered = {10: 30, 11: 7}
    assert _due("2024-04-18", covered, invoices=(A, B)) is None
    later = _due("2024-04-19", covered, invoices=(A, B))
    assert later is not None and later.covered == [[11, 30]]


def test_the_cycle_key_names_the_set_covered():
    one = _due("2024-03-31", {}, invoices=(A, B))
    two = _due("2024-03-31", {}, invoices=(B, A))
    assert one is not None and two is not None
    assert one.cycle_key == two.cycle_key and len(one.cycle_key) == 40
    assert one.cycle_key != _due("2024-03-31", {}, invoices=(A,)).cycle_key  # type: ignore[union-attr]


def test_nothing_due_before_the_first_level_or_without_levels():
    assert _due("2024-02-26", {}) is None  # 4 days before the due date
    assert due_reminder([], [A], {}, as_of=day("2024-05-01")) is None


def test_segment_balance_and_age_conditions():
    buckets = AgingBuckets((30, 60, 90, 120))
    kwargs = {"invoices": [A], "as_of": day("2024-04-05"), "buckets": buckets}  # 35 days
    assert segment_allows(Segment(), balance=Decimal("1"), **kwargs)  # type: ignore[arg-type]
    assert not segment_allows(Segment(min_balance=Decimal("200")), balance=Decimal("100"), **kwargs)  # type: ignore[arg-type]
    assert segment_allows(Segment(bucket=2), balance=Decimal("100"), **kwargs)  # type: ignore[arg-type]  # 31-60
    assert not segment_allows(Segment(bucket=3), balance=Decimal("100"), **kwargs)  # type: ignore[arg-type]
