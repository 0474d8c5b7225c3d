"""Aging snapshots match the live aggregation, follow ledger writes and filter in SQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from data_access.ledger_store import rebuild_ledger
from data_access.models import Payment
from data_access.portfolio import CustomerFilter, customer_exposure
from data_access.scope import Scope
from data_access.snapshots import (
    ViewFilter,
    ensure_snapshot,
    has_snapshot,
    snapshot_rollup,
    snapshot_top,
    snapshot_totals,
)
from tests.factories import AS_OF, build_portfolio

BOUNDARIES = (30, 60, 90, 120)
BANDS = 6
EVERYTHING = Scope.everything()


ALL = ViewFilter()


def _totals(session, view=ALL, scope=EVERYTHING):
    return snapshot_totals(session, as_of=AS_OF, scope=scope, view=view, bands=BANDS)


def test_snapshot_equals_live_aggregation(session):
    build_portfolio(session)
    ensure_snapshot(session, as_of=AS_OF, boundaries=BOUNDARIES)
    live = customer_exposure(session, as_of=AS_OF, scope=EVERYTHING, boundaries=BOUNDARIES)
    totals = _totals(session)
    assert totals.customers == 3 and totals.owing == 2
    # 1,250.00 (C1) + 10.01 (C2) - 75.00 (C3) = 1,185.01
    assert totals.balance == Decimal("1185.01")
    assert totals.positive_balance == Decimal("1260.01")
    assert totals.buckets == tuple(sum(live[f"b{i}"], Decimal("0.00")) for i in range(BANDS))
    assert totals.unapplied == Decimal("75.00")


def test_top_rows_and_filters(session):
    objects = build_portfolio(session)
    ensure_snapshot(session, as_of=AS_OF, boundaries=BOUNDARIES)
    top = snapshot_top(
        session, as_of=AS_OF, scope=EVERYTHING, view=ViewFilter(), bands=BANDS, limit=1
    )
    assert list(top["code"]) == ["C1"] and top.iloc[0]["balance"] == Decimal("1250.00")
    assert top.iloc[0]["seller_name"] == "Pedro Vende"
    second = snapshot_top(
        session, as_of=AS_OF, scope=EVERYTHING, view=ViewFilter(), bands=BANDS, limit=5, offset=1
    )
    assert list(second["code"]) == ["C2"]  # C3 has a credit balance: never an area
    assert _totals(session, ViewFilter(min_balance=Decimal("100"))).customers == 1
    # 121+ days (bucket 5): only C2's 0.01 residual.
    old = _totals(session, ViewFilter(min_bucket=5))
    assert old.customers == 1 and old.balance == Decimal("10.01")
    seller = _totals(session, ViewFilter(customers=CustomerFilter(seller_code="S1")))
    assert seller.balance == Decimal("1175.00")
    collector = Scope(user_id=objects["cobra2"].id, role="collector")
    assert _totals(session, scope=collector).balance == Decimal("10.01")


def test_rollups(session):
    build_portfolio(session)
    ensure_snapshot(session, as_of=AS_OF, boundaries=BOUNDARIES)
    by_seller = snapshot_rollup(
        session, as_of=AS_OF, scope=EVERYTHING, view=ViewFilter(), bands=BANDS, by="seller"
    )
    assert list(by_seller["key"]) == ["S1", "S2"]
    assert list(by_seller["balance"]) == [Decimal("1175.00"), Decimal("10.01")]
    by_tag = snapshot_rollup(
        session, as_of=AS_OF, scope=EVERYTHING, view=ViewFilter(), bands=BANDS, by="tag"
    )
    # C1 is tagged hardware and wholesale: counted once, under "hardware".
    assert dict(zip(by_tag["key"], by_tag["customers"], strict=True)) == {"": 2, "hardware": 1}


def test_ledger_write_refreshes_the_snapshot(session):
    objects = build_portfolio(session)
    ensure_snapshot(session, as_of=AS_OF, boundaries=BOUNDARIES)
    c1 = objects["customers"][0]
    session.add(
        Payment(
            reference="P-9",
            customer_id=c1.id,
            date=dt.date(2024, 3, 30),
            amount=Decimal("600.00"),
            unapplied=Decimal("600.00"),
        )
    )
    session.flush()
    rebuild_ledger(session, [c1.id])
    # FIFO: F-1's 500.00 (60 days) then 100.00 of F-2.
    totals = _totals(session)
    assert totals.balance == Decimal("585.01")
    assert totals.buckets[2] == Decimal("0.00") and totals.buckets[1] == Decimal("400.00")


def test_changed_boundaries_rebuild(session):
    build_portfolio(session)
    ensure_snapshot(session, as_of=AS_OF, boundaries=BOUNDARIES)
    ensure_snapshot(session, as_of=AS_OF, boundaries=(15, 45))
    weekly = snapshot_totals(session, as_of=AS_OF, scope=EVERYTHING, view=ViewFilter(), bands=4)
    # current 260.00; 1-15: none; 16-45: F-2 500.00 (29 days); 46+: F-1 500.00 + 0.01
    assert weekly.buckets == (
        Decimal("260.00"),
        Decimal("0.00"),
        Decimal("500.00"),
        Decimal("500.01"),
    )
    assert has_snapshot(session, AS_OF)


def test_weighted_days_are_in_currency_units(session):
    build_portfolio(session)
    ensure_snapshot(session, as_of=AS_OF, boundaries=BOUNDARIES)
    top = snapshot_top(session, as_of=AS_OF, scope=EVERYTHING, view=ALL, bands=BANDS, limit=1)
    row = top.iloc[0]
    # C1: 500.00 x 60 days + 500.00 x 29 days = 44,500 amount-days over 1,250.00 open.
    assert row["overdue_day_amount"] == 44500.0
    assert float(row["overdue_day_amount"]) / float(row["open_total"]) == 35.6


def test_top_plus_others_is_every_positive_balance(session):
    import datetime as dt

    from data_access.demo import generate_demo
    from data_access.snapshots import snapshot_rest

    today = dt.date(2026, 11, 23)
    generate_demo(session.get_bind(), customers=40, years=1, seed=11, today=today)
    ensure_snapshot(session, as_of=today, boundaries=BOUNDARIES)
    totals = snapshot_totals(session, as_of=today, scope=EVERYTHING, view=ALL, bands=BANDS)
    for by in (None, "seller", "tag"):
        top = snapshot_top(session, as_of=today, scope=EVERYTHING, view=ALL, bands=BANDS, limit=7)
        rest = snapshot_rest(
            session, as_of=today, scope=EVERYTHING, view=ALL, bands=BANDS, skip=7, by=by
        )
        shown = sum(top["balance"], Decimal("0.00"))
        assert shown + sum(rest["balance"], Decimal("0.00")) == totals.positive_balance
        assert len(top) + int(rest["customers"].sum()) == totals.owing


def test_positions_cover_every_customer_with_anything_open_or_unapplied(session):
    from data_access.snapshots import snapshot_positions

    build_portfolio(session)
    ensure_snapshot(session, as_of=AS_OF, boundaries=BOUNDARIES)
    frame = snapshot_positions(session, as_of=AS_OF, scope=EVERYTHING, bands=BANDS)
    by_id = {row.customer_id: row for row in frame.itertuples(index=False)}
    balances = sorted(str(row.balance) for row in by_id.values())
    overdue = sorted(str(row.overdue) for row in by_id.values())
    # C1 1,250.00 (1,000.00 overdue), C2 10.01 (0.01 overdue), C3 -75.00 (credit only)
    assert balances == ["-75.00", "10.01", "1250.00"]
    assert overdue == ["0.00", "0.01", "1000.00"]
