"""The customer wall's reads (data_access.wall) on SQLite and PostgreSQL.

Hand-worked on tests/factories.build_portfolio (as of 2024-03-31) plus a customer
C5 with paid invoices, and checked against the portfolio aggregates on a demo
portfolio.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from dashboard.aging import AgingBuckets
from dashboard.wall_metrics import (
    customer_category,
    month_end,
    month_starts,
    monthly_trend,
    trend_verdict,
    twelve_months,
    weighted_days_late,
)
from data_access.demo import generate_demo
from data_access.ledger_store import rebuild_ledger
from data_access.models import Customer, Document, Payment
from data_access.portfolio import CustomerFilter, customer_exposure, net_credit_sales
from data_access.scope import Scope
from data_access.wall import customer_ledger, invoicing_by_customer, paid_invoices
from tests.factories import AS_OF, build_portfolio

D = dt.date.fromisoformat
M = Decimal
ZERO = M("0.00")
EVERYTHING = Scope.everything()
FIRST, LAST = twelve_months(AS_OF)  # 2023-04-02 .. 2024-03-31


def _doc(customer, number, issued, due, amount, kind="invoice", applies_to=None):
    return Document(
        number=number,
        kind=kind,
        customer_id=customer.id,
        issue_date=D(issued),
        due_date=D(due),
        amount=M(amount),
        currency="USD",
        open_amount=M(amount),
        applies_to_id=applies_to.id if applies_to else None,
    )


def _pay(customer, reference, day, amount, invoice):
    return Payment(
        reference=reference,
        customer_id=customer.id,
        date=D(day),
        amount=M(amount),
        unapplied=M(amount),
        invoice_id=invoice.id,
    )


def add_c5(session):
    """C5 Paga Tarde: charges settled around the edges of the 12 months to 2024-03-31.

    G-1 100.00 due 2023-01-31, paid 2023-04-01 = as_of - 365 days: outside the window.
    G-2 200.00 due 2023-03-31, paid 2023-04-02 = as_of - 364 days: inside, 2 days late.
    G-3 debit note 300.00 due 2024-01-10, paid 2024-02-19: 40 days late (Jan 10 + 40,
        with Feb 29 not yet reached).
    G-5 50.00 due 2024-02-10, cancelled by credit note NC-5 on 2024-02-05: settled early, 0.
    G-4 100.00 due 2024-03-31, paid 2024-04-02: after the as-of date.
    """
    c5 = Customer(code="C5", name="Paga Tarde")
    session.add(c5)
    session.flush()
    g1 = _doc(c5, "G-1", "2023-01-01", "2023-01-31", "100.00")
    g2 = _doc(c5, "G-2", "2023-03-01", "2023-03-31", "200.00")
    g3 = _doc(c5, "G-3", "2024-01-01", "2024-01-10", "300.00", kind="debit_note")
    g4 = _doc(c5, "G-4", "2024-03-01", "2024-03-31", "100.00")
    g5 = _doc(c5, "G-5", "2024-02-01", "2024-02-10", "50.00")
    session.add_all([g1, g2, g3, g4, g5])
    session.flush()
    session.add_all(
        [
            _doc(c5, "NC-5", "2024-02-05", "2024-02-05", "50.00", "credit_note", g5),
            _pay(c5, "P-51", "2023-04-01", "100.00", g1),
            _pay(c5, "P-52", "2023-04-02", "200.00", g2),
            _pay(c5, "P-53", "2024-02-19", "300.00", g3),
            _pay(c5, "P-54", "2024-04-02", "100.00", g4),
        ]
    )
    session.flush()
    rebuild_ledger(session, [c5.id])
    return c5


def test_c1_month_ends_worked_by_hand(session):
    c1 = build_portfolio(session)["customers"][0]
    session.commit()
    trend = monthly_trend(customer_ledger(session, c1.id), as_of=AS_OF)
    assert trend["month"].tolist() == month_starts(AS_OF, 12)  # 2023-04-01 .. 2024-03-01
    # Apr..Dec 2023: C1 has no document yet -> nine zero months, not missing ones.
    for name in ("invoiced", "collected", "balance", "overdue", "paid"):
        assert trend[name].tolist()[:9] == [ZERO] * 9
    last3 = trend.iloc[-3:]
    # Jan 2024: F-1 issued 1000.00                                 -> invoiced 1000.00
    # Feb 2024: F-2 issued 500.00                                  -> invoiced  500.00
    # Mar 2024: F-3 issued 250.00 (Mar 15)                         -> invoiced  250.00
    assert last3["invoiced"].tolist() == [M("1000.00"), M("500.00"), M("250.00")]
    # Feb: P-1 400.00 (Feb 10); Mar: P-2 100.00 (Mar 20).
    assert last3["collected"].tolist() == [ZERO, M("400.00"), M("100.00")]
    # Jan 31: 1000.00
    # Feb 29: 1000.00 + 500.00 - 400.00 = 1100.00
    # Mar 31: 1100.00 + 250.00 - 100.00 = 1250.00 (the fixture's balance as of 2024-03-31)
    assert last3["balance"].tolist() == [M("1000.00"), M("1100.00"), M("1250.00")]
    # Jan 31: F-1 is due that very day -> nothing overdue.
    # Feb 29: F-1 1000.00 - 400.00 (P-1) = 600.00 overdue; F-2 due Mar 2 not yet -> 600.00
    # Mar 31: F-1 600.00 - 100.00 (P-2, FIFO oldest due) = 500.00 + F-2 500.00 (due Mar 2)
    #         = 1000.00; F-3 due Apr 14 is current.
    assert last3["overdue"].tolist() == [ZERO, M("600.00"), M("1000.00")]
    assert trend["days_late"].tolist() == [None] * 12  # nothing fully paid yet
    # Partial month: as of Mar 10, F-3 and P-2 do not exist yet; overdue on Mar 10 is
    # F-1 600.00 + F-2 500.00 (due Mar 2) = 1100.00 = the balance.
    early = monthly_trend(customer_ledger(session, c1.id), as_of=D("2024-03-10")).iloc[-1]
    assert (early["invoiced"], early["collected"]) == (ZERO, ZERO)
    assert (early["balance"], early["overdue"]) == (M("1100.00"), M("1100.00"))
    # 24 months: twelve more zero months in front; the verdict has no earlier history.
    long = monthly_trend(customer_ledger(session, c1.id), as_of=AS_OF, months=24)
    assert long["balance"].tolist() == [ZERO] * 21 + last3["balance"].tolist()
    assert trend_verdict(long).key == "wall.verdict.no_history"


def test_c2_credit_note_and_a_cent_overdue(session):
    c2 = build_portfolio(session)["customers"][1]
    session.commit()
    trend = monthly_trend(customer_ledger(session, c2.id), as_of=AS_OF).iloc[6:]  # Oct..Mar
    # Oct: F-4 300.01; Feb: F-5 40.00 (Feb 29); Mar: NC-1 -30.00 (net credit sales).
    assert trend["invoiced"].tolist() == [M("300.01"), ZERO, ZERO, ZERO, M("40.00"), M("-30.00")]
    # Nov: P-3 300.00. P-4 (Apr 5) is after the as-of date.
    assert trend["collected"].tolist() == [ZERO, M("300.00"), ZERO, ZERO, ZERO, ZERO]
    # 300.01 | 300.01 - 300.00 = 0.01 | 0.01 | 0.01 | 0.01 + 40.00 = 40.01 | 40.01 - 30.00
    assert trend["balance"].tolist() == [
        M("300.01"),
        M("0.01"),
        M("0.01"),
        M("0.01"),
        M("40.01"),
        M("10.01"),
    ]
    # Oct 31: F-4 due that day, not overdue; then its cent is; F-5 is due Mar 31 (current).
    assert trend["overdue"].tolist() == [ZERO] + [M("0.01")] * 5


def test_paid_invoices_window_and_category(session):
    build_portfolio(session)
    c5 = add_c5(session)
    session.commit()
    paid = paid_invoices(session, c5.id, first=FIRST, last=LAST)
    assert list(paid.columns) == ["number", "due_date", "settled_on", "amount"]
    assert paid["number"].tolist() == ["G-2", "G-5", "G-3"]
    assert paid["settled_on"].tolist() == [D("2023-04-02"), D("2024-02-05"), D("2024-02-19")]
    assert paid["amount"].tolist() == [M("200.00"), M("50.00"), M("300.00")]
    invoicing = invoicing_by_customer(session, first=FIRST, last=LAST, scope=EVERYTHING)
    category = customer_category(paid, invoicing, c5.id)
    # (200 x 2 + 50 x 0 + 300 x 40) / 550 = 12,400 / 550 = 22.545... -> 22.5: regular.
    assert category.weighted_days_late == M("22.5")
    assert category.payment_class == "regular"
    # Issued in the window: G-3 300.00 + G-4 100.00 + G-5 50.00 - NC-5 50.00 = 400.00.
    assert (category.invoiced_12m, category.invoice_count_12m) == (M("400.00"), 3)
    # C1 1750.00, C5 400.00, C2 310.01 of 2460.01: C1 A (before 0%), C5 A (before
    # 1750.00 = 71.1% < 80%), C2 B (before 2150.00 = 87.4%).
    assert category.size_class == "A"
    assert not category.watch
    # The same trend code finds the same settlements as documents.settled_on.
    trend = monthly_trend(customer_ledger(session, c5.id), as_of=AS_OF)
    # The trend's months are calendar months: April 2023 holds G-1 (Apr 1, outside the
    # 365-day window above; Jan 31 -> Apr 1 2023 = 60 days) and G-2 (2 days):
    # (100 x 60 + 200 x 2) / 300 = 21.33 -> 21.3.
    # Feb 2024: G-5 (0) and G-3 (40): (50 x 0 + 300 x 40) / 350 = 34.29 -> 34.3.
    assert trend["days_late"].tolist()[0] == M("21.3")
    assert trend["days_late"].tolist()[-2] == M("34.3")
    assert trend["paid"].tolist()[-2] == M("350.00")


def test_invoicing_by_customer(session):
    objects = build_portfolio(session)
    c1, c2, c3, _ = objects["customers"]
    session.commit()
    everything = invoicing_by_customer(session, first=FIRST, last=LAST, scope=EVERYTHING)
    # C1: 1000.00 + 500.00 + 250.00, 3 invoices; C2: 300.01 + 40.00 - 30.00 (NC-1), 2;
    # C3's F-6 is issued after the window, C4 has nothing: both left out.
    assert everything == {c1.id: (M("1750.00"), 3), c2.id: (M("310.01"), 2)}
    assert sum(a for a, _ in everything.values()) == net_credit_sales(
        session, first=FIRST, last=LAST, scope=EVERYTHING
    )
    cobra1 = Scope(objects["cobra1"].id, "collector")
    assert invoicing_by_customer(session, first=FIRST, last=LAST, scope=cobra1) == {
        c1.id: (M("1750.00"), 3)
    }
    seller_s2 = CustomerFilter(seller_code="S2")
    assert invoicing_by_customer(
        session, first=FIRST, last=LAST, scope=EVERYTHING, filters=seller_s2
    ) == {c2.id: (M("310.01"), 2)}
    # Only NC-1 (Mar 1) in March 1-14 for C2; F-3 (Mar 15) is the first day of the next range.
    march = invoicing_by_customer(
        session, first=D("2024-03-01"), last=D("2024-03-14"), scope=EVERYTHING
    )
    assert march == {c2.id: (M("-30.00"), 0)}
    assert invoicing_by_customer(
        session, first=D("2024-03-15"), last=D("2024-03-15"), scope=EVERYTHING
    ) == {c1.id: (M("250.00"), 1)}


def test_trend_agrees_with_portfolio_aggregates_on_a_demo(session):
    today = D("2026-11-23")
    generate_demo(session.get_bind(), customers=12, years=2, seed=5, today=today)
    buckets = AgingBuckets()
    ids = session.scalars(select(Customer.id).order_by(Customer.id)).all()
    trends = {
        cid: monthly_trend(customer_ledger(session, cid), as_of=today, months=24) for cid in ids
    }
    assert all(len(t) == 24 for t in trends.values())
    for position in (0, 5, 11, 17, 22, 23):
        start = month_starts(today, 24)[position]
        end = month_end(start, today)
        exposure = customer_exposure(
            session, as_of=end, scope=EVERYTHING, boundaries=buckets.boundaries
        )
        expected = {
            row.customer_id: (
                row.open_total - row.unapplied,
                sum((getattr(row, f"b{i}") for i in range(1, len(buckets.keys))), ZERO),
            )
            for row in exposure.itertuples(index=False)
        }
        for cid, trend in trends.items():
            row = trend.iloc[position]
            assert (row["balance"], row["overdue"]) == expected.get(cid, (ZERO, ZERO)), (cid, end)
            paid = paid_invoices(session, cid, first=start, last=end)
            days = weighted_days_late(
                zip(paid["due_date"], paid["settled_on"], paid["amount"], strict=True)
            )
            assert row["days_late"] == days, (cid, end)
    sales = sum(sum(t["invoiced"].tolist()[-12:], ZERO) for t in trends.values())
    first = month_starts(today, 12)[0]
    assert sales == net_credit_sales(session, first=first, last=today, scope=EVERYTHING)
    count = session.scalar(
        select(func.count()).where(
            Document.issue_date >= first,
            Document.issue_date <= today,
            Document.kind != "credit_note",
        )
    )
    invoicing = invoicing_by_customer(session, first=first, last=today, scope=EVERYTHING)
    assert sum(n for _, n in invoicing.values()) == count


@pytest.mark.parametrize("customer", [0, 99999])
def test_customer_without_documents_has_an_empty_ledger(session, customer):
    objects = build_portfolio(session)
    session.commit()
    cid = objects["customers"][3].id if customer == 0 else customer  # C4, or no such id
    rows = customer_ledger(session, cid)
    assert (rows.charges, rows.credits, rows.allocations) == ((), (), ())
    assert paid_invoices(session, cid, first=FIRST, last=LAST).empty
    assert monthly_trend(rows, as_of=AS_OF)["balance"].tolist() == [ZERO] * 12
