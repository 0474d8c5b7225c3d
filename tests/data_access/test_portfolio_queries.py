"""SQL portfolio aggregates agree with the per-invoice aging, today and in the past."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dashboard.aging import AgingBuckets, customer_aging
from data_access.demo import generate_demo
from data_access.portfolio import CustomerFilter, collected, customer_exposure, net_credit_sales
from data_access.receivables import customer_directory, open_items, unapplied_credit
from data_access.scope import Scope
from tests.factories import AS_OF, build_portfolio

BUCKETS = AgingBuckets()
EVERYTHING = Scope.everything()


def _by_code(session, frame):
    directory = customer_directory(session, scope=EVERYTHING)
    codes = dict(zip(directory["customer_id"], directory["code"], strict=True))
    return {codes[row.customer_id]: row for row in frame.itertuples(index=False)}


def _compare(session, as_of, scope=EVERYTHING, filters=None):
    fast = customer_exposure(
        session, as_of=as_of, scope=scope, boundaries=BUCKETS.boundaries, filters=filters
    )
    slow = customer_aging(
        open_items(session, as_of=as_of, scope=scope),
        unapplied_credit(session, as_of=as_of, scope=scope),
        customer_directory(session, scope=scope),
        as_of=as_of,
        buckets=BUCKETS,
    )
    fast_rows, slow_rows = _by_code(session, fast), _by_code(session, slow)
    assert set(fast_rows) == set(slow_rows)
    for code, expected in slow_rows.items():
        got = fast_rows[code]
        for index, key in enumerate(BUCKETS.keys):
            assert getattr(got, f"b{index}") == getattr(expected, key), (code, key)
        assert got.unapplied == expected.unapplied
    return fast


def test_hand_worked_portfolio(session):
    build_portfolio(session)
    session.commit()
    fast = _compare(session, AS_OF)
    rows = _by_code(session, fast)
    # F-1: 500.00 x 60 days + F-2: 500.00 x 29 days = 44,500 amount-days over 1,250.00 open.
    assert float(rows["C1"].overdue_day_amount) / float(rows["C1"].open_total) == pytest.approx(
        35.6
    )
    assert rows["C2"].oldest_due == dt.date(2023, 10, 31)
    for day in (
        dt.date(2023, 11, 1),
        dt.date(2024, 3, 1),
        dt.date(2024, 4, 5),
        dt.date(2024, 4, 30),
    ):
        _compare(session, day)


def test_demo_portfolio_on_several_dates(session):
    today = dt.date(2026, 11, 23)
    generate_demo(session.get_bind(), customers=25, years=1, seed=3, today=today)
    for day in (today, today - dt.timedelta(days=45), today - dt.timedelta(days=200)):
        _compare(session, day)


def test_filters_and_windows(session):
    objects = build_portfolio(session)
    session.commit()
    seller = customer_exposure(
        session,
        as_of=AS_OF,
        scope=EVERYTHING,
        boundaries=(30, 60, 90, 120),
        filters=CustomerFilter(seller_code="S2"),
    )
    assert len(seller) == 1
    collector = Scope(user_id=objects["cobra1"].id, role="collector")
    _compare(session, AS_OF, scope=collector)
    # Invoices F-1..F-5 and F-6 minus NC-1 (30.00), issued in Q1 2024 (F-4 is from 2023).
    sales = net_credit_sales(session, first=dt.date(2024, 1, 1), last=AS_OF, scope=EVERYTHING)
    assert sales == Decimal("1000.00") + Decimal("500.00") + Decimal("250.00") + Decimal(
        "40.00"
    ) - Decimal("30.00")
    assert collected(session, first=dt.date(2024, 3, 1), last=AS_OF, scope=EVERYTHING) == (
        Decimal("175.00"),
        2,
    )
