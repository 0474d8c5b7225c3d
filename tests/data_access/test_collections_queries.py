"""Collections queries on SQLite and PostgreSQL against hand counts of tests/factories.py.

Payments: P-1 C1 2024-02-10 400.00 (to F-1, due 01-31: 10 days late); P-2 C1 2024-03-20
100.00 (FIFO to F-1: 49 days); P-3 C2 2023-11-15 300.00 (F-4, due 2023-10-31: 15 days);
P-4 C2 2024-04-05 999.00 (F-4's last 0.01, 157 days, and F-5's last 10.00, 5 days; the
rest unapplied); P-5 C3 2024-03-25 75.00 (applied to F-6 when it is issued, 2024-04-10,
30 days before its due date: -30). Added here for C4: 50.00 cash on 2024-03-28 and 25.00
with no method on 2024-03-29 (nothing to pay: unapplied).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dashboard import collections_service as service
from data_access import collections as reads
from data_access.ledger_store import rebuild_ledger
from data_access.models import Payment
from data_access.portfolio import CustomerFilter
from data_access.scope import Scope
from tests.factories import build_portfolio

D = dt.date.fromisoformat
EVERYONE = Scope.everything()
ALL = CustomerFilter()
M = Decimal


@pytest.fixture
def portfolio(session):
    made = build_portfolio(session)
    c4 = made["customers"][3]
    for reference, day, amount, method in (
        ("P-6", "2024-03-28", "50.00", "cash"),
        ("P-7", "2024-03-29", "25.00", None),
    ):
        session.add(
            Payment(
                reference=reference,
                customer_id=c4.id,
                date=D(day),
                amount=M(amount),
                unapplied=M(amount),
                method=method,
            )
        )
    session.flush()
    rebuild_ledger(session, [c4.id])
    return made


def _collector(made, name):
    return Scope(user_id=made[name].id, role="collector")


def test_daily_collections(session, portfolio):
    daily = reads.daily_collections(
        session, first=D("2024-02-01"), last=D("2024-03-31"), scope=EVERYONE
    )
    assert [(r.day, r.amount, r.payments) for r in daily.itertuples()] == [
        (D("2024-02-10"), M("400.00"), 1),
        (D("2024-03-20"), M("100.00"), 1),
        (D("2024-03-25"), M("75.00"), 1),
        (D("2024-03-28"), M("50.00"), 1),
        (D("2024-03-29"), M("25.00"), 1),
    ]
    cobra2 = reads.daily_collections(
        session, first=D("2023-11-01"), last=D("2024-04-30"), scope=_collector(portfolio, "cobra2")
    )
    assert list(cobra2["amount"]) == [M("300.00"), M("999.00")]
    by_seller = reads.daily_collections(
        session,
        first=D("2024-01-01"),
        last=D("2024-04-30"),
        scope=EVERYONE,
        filters=CustomerFilter(seller_code="S1"),
    )
    assert sum(by_seller["amount"], M(0)) == M("575.00")  # C1 400 + 100, C3 75


def test_collections_report_has_every_month(session, portfolio):
    report = service.collections_report(
        session,
        first=D("2023-11-01"),
        last=D("2024-04-30"),
        by="month",
        scope=EVERYONE,
        filters=ALL,
    )
    assert [(r.period_start, r.amount, r.payments) for r in report.itertuples()] == [
        (D("2023-11-01"), M("300.00"), 1),
        (D("2023-12-01"), M("0.00"), 0),
        (D("2024-01-01"), M("0.00"), 0),
        (D("2024-02-01"), M("400.00"), 1),
        (D("2024-03-01"), M("250.00"), 4),
        (D("2024-04-01"), M("999.00"), 1),
    ]


def test_per_customer_and_per_method(session, portfolio):
    codes = {c.id: c.code for c in portfolio["customers"]}
    per_customer = reads.collections_by_customer(
        session, first=D("2023-01-01"), last=D("2024-12-31"), scope=EVERYONE
    )
    assert {codes[r.customer_id]: (r.amount, r.payments) for r in per_customer.itertuples()} == {
        "C1": (M("500.00"), 2),
        "C2": (M("1299.00"), 2),
        "C3": (M("75.00"), 1),
        "C4": (M("75.00"), 2),
    }
    # Wide range with no restriction: the table-scan form of the query.
    wide = reads.collections_by_method(
        session, first=D("2023-01-01"), last=D("2024-12-31"), scope=EVERYONE
    )
    assert [(r.method, r.amount, r.payments) for r in wide.itertuples()] == [
        ("transfer", M("1874.00"), 5),
        ("cash", M("50.00"), 1),
        ("", M("25.00"), 1),
    ]
    narrow = reads.collections_by_method(
        session, first=D("2024-03-20"), last=D("2024-03-31"), scope=EVERYONE
    )
    assert [(r.method, r.amount) for r in narrow.itertuples()] == [
        ("transfer", M("175.00")),
        ("cash", M("50.00")),
        ("", M("25.00")),
    ]


def test_breakdowns_count_a_customer_under_each_of_its_tags(session, portfolio):
    frames = service.breakdowns(
        session, first=D("2024-01-01"), last=D("2024-12-31"), scope=EVERYONE, filters=ALL
    )
    rows = {name: {r.name: r.amount for r in frame.itertuples()} for name, frame in frames.items()}
    assert rows["seller"] == {
        "Pedro Vende": M("575.00"),
        "Sally Sells": M("999.00"),
        "": M("75.00"),
    }
    assert rows["collector"] == {
        "Carla Cobra": M("575.00"),
        "Diego Cobra": M("999.00"),
        "": M("75.00"),
    }
    # C1 (wholesale, hardware) counts under both; C2, C3, C4 have no tag.
    assert rows["tag"] == {"wholesale": M("500.00"), "hardware": M("500.00"), "": M("1149.00")}
    assert rows["method"] == {"transfer": M("1574.00"), "cash": M("50.00"), "": M("25.00")}


def test_latest_payments_with_invoices_and_days_late(session, portfolio):
    latest = service.latest_payments(
        session, first=D("2023-01-01"), last=D("2024-12-31"), scope=EVERYONE, filters=ALL, limit=10
    )
    got = {r.reference: (r.customer_code, r.invoices, r.days_late) for r in latest.itertuples()}
    assert list(latest["reference"][:2]) == ["P-4", "P-7"]  # newest first
    assert got["P-1"] == ("C1", "F-1", M("10.0"))
    assert got["P-2"] == ("C1", "F-1", M("49.0"))
    assert got["P-3"] == ("C2", "F-4", M("15.0"))
    assert got["P-4"] == ("C2", "F-4, F-5", M("5.2"))  # (0.01 x 157 + 10.00 x 5) / 10.01
    assert got["P-5"] == ("C3", "F-6", M("-30.0"))
    assert got["P-6"] == ("C4", "", None)  # unapplied: blank
    only_two = reads.latest_payments(
        session, first=D("2024-01-01"), last=D("2024-03-31"), scope=EVERYONE, limit=2
    )
    assert list(only_two["reference"]) == ["P-7", "P-6"]


def test_collector_sees_only_their_customers(session, portfolio):
    cobra1 = _collector(portfolio, "cobra1")
    latest = reads.latest_payments(
        session, first=D("2023-01-01"), last=D("2024-12-31"), scope=cobra1
    )
    assert sorted(latest["customer_code"]) == ["C1", "C1", "C3"]
    methods = reads.collections_by_method(
        session, first=D("2023-01-01"), last=D("2024-12-31"), scope=cobra1
    )
    assert list(methods["amount"]) == [M("575.00")]
    lateness = reads.lateness_by_customer(
        session, first=D("2023-01-01"), last=D("2024-12-31"), scope=cobra1
    )
    assert len(lateness) == 2  # C1 and C3, not C2
    after = reads.allocations_after(session, after=D("2024-03-31"), scope=cobra1)
    assert list(after["amount"]) == [M("75.00")]


def test_lateness_by_customer(session, portfolio):
    codes = {c.id: c.code for c in portfolio["customers"]}
    to_march = reads.lateness_by_customer(
        session, first=D("2023-04-01"), last=D("2024-03-31"), scope=EVERYONE
    )
    assert {codes[r.customer_id]: (r.applied, r.day_amount) for r in to_march.itertuples()} == {
        "C1": (M("500.00"), M("8900.00")),  # 400 x 10 + 100 x 49
        "C2": (M("300.00"), M("4500.00")),  # 300 x 15; the credit note does not count
    }
    to_april = reads.lateness_by_customer(
        session, first=D("2023-05-01"), last=D("2024-04-30"), scope=EVERYONE
    )
    rows = {codes[r.customer_id]: (r.applied, r.day_amount) for r in to_april.itertuples()}
    assert rows["C2"] == (M("310.01"), M("4551.57"))  # + 0.01 x 157 + 10 x 5
    assert rows["C3"] == (M("75.00"), M("-2250.00"))


def test_open_charges_rewound_to_the_factory_date(session, portfolio):
    from dashboard.forecast import open_as_of

    codes = {c.id: c.code for c in portfolio["customers"]}
    open_now = reads.open_charges(session, scope=EVERYONE)
    after = reads.allocations_after(session, after=D("2024-03-31"), scope=EVERYONE)
    as_of = open_as_of(open_now, after, D("2024-03-31"))
    assert sorted((codes[r.customer_id], r.due_date, r.open) for r in as_of.itertuples()) == [
        ("C1", D("2024-01-31"), M("500.00")),
        ("C1", D("2024-03-02"), M("500.00")),
        ("C1", D("2024-04-14"), M("250.00")),
        ("C2", D("2023-10-31"), M("0.01")),
        ("C2", D("2024-03-31"), M("10.00")),
    ]
    now = sorted((codes[r.customer_id], r.open) for r in open_now.itertuples())
    assert now == [
        ("C1", M("250.00")),
        ("C1", M("500.00")),
        ("C1", M("500.00")),
        ("C3", M("25.00")),
    ]
