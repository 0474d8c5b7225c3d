"""The aging report on the hand-worked portfolio (tests/factories.py), SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.reports import aging_report, render_table
from data_access.scope import Scope
from tests.factories import AS_OF, build_portfolio

CUSTOMER_CSV = """\
customer_code,customer_name,seller_code,balance,current,d1_30,d31_60,d61_90,d91_120,d121_plus,unapplied,oldest_days_overdue
C1,Ferretería El Tornillo,S1,1250.00,250.00,500.00,500.00,0.00,0.00,0.00,0.00,60
C2,Northwind Supplies,S2,10.01,10.00,0.00,0.00,0.00,0.00,0.01,0.00,152
C3,Crédito a Favor,S1,-75.00,0.00,0.00,0.00,0.00,0.00,0.00,75.00,0
"""

SELLER_CSV = """\
seller_code,seller_name,customers,balance,current,d1_30,d31_60,d61_90,d91_120,d121_plus,unapplied,oldest_days_overdue
S1,Pedro Vende,2,1175.00,250.00,500.00,500.00,0.00,0.00,0.00,75.00,60
S2,Sally Sells,1,10.01,10.00,0.00,0.00,0.00,0.00,0.01,0.00,152
"""

INVOICE_CSV = """\
number,customer_code,issue_date,due_date,amount,open_amount,days_overdue,bucket
F-1,C1,2024-01-01,2024-01-31,1000.00,500.00,60,31-60
F-2,C1,2024-02-01,2024-03-02,500.00,500.00,29,1-30
F-3,C1,2024-03-15,2024-04-14,250.00,250.00,-14,current
F-4,C2,2023-10-01,2023-10-31,300.01,0.01,152,121+
F-5,C2,2024-02-29,2024-03-31,40.00,10.00,0,current
"""


@pytest.fixture
def portfolio(session):
    objects = build_portfolio(session)
    session.commit()
    return objects


@pytest.mark.parametrize(
    ("by", "expected"),
    [("customer", CUSTOMER_CSV), ("seller", SELLER_CSV), ("invoice", INVOICE_CSV)],
)
def test_aging_report_matches_hand_worked_numbers(session, portfolio, by, expected):
    frame = aging_report(session, as_of=AS_OF, by=by)
    assert render_table(frame, "csv") == expected


def test_balance_is_buckets_minus_unapplied_exactly(session, portfolio):
    frame = aging_report(session, as_of=AS_OF, by="customer")
    for row in frame.itertuples(index=False):
        buckets = row.current + row.d1_30 + row.d31_60 + row.d61_90 + row.d91_120 + row.d121_plus
        assert row.balance == buckets - abs(row.unapplied)


def test_unapplied_credit_is_applied_to_a_later_invoice(session, portfolio):
    frame = aging_report(session, as_of=dt.date(2024, 4, 30), by="invoice")
    f6 = frame[frame["number"] == "F-6"].iloc[0]
    assert str(f6["open_amount"]) == "25.00"
    by_customer = aging_report(session, as_of=dt.date(2024, 4, 30), by="customer")
    c3 = by_customer[by_customer["customer_code"] == "C3"].iloc[0]
    assert str(c3["unapplied"]) == "0.00" and str(c3["balance"]) == "25.00"


def test_payment_after_the_as_of_date_counts_later(session, portfolio):
    before = aging_report(session, as_of=dt.date(2024, 4, 4), by="customer")
    after = aging_report(session, as_of=dt.date(2024, 4, 5), by="customer")
    c2_before = before[before["customer_code"] == "C2"].iloc[0]
    c2_after = after[after["customer_code"] == "C2"].iloc[0]
    assert str(c2_before["balance"]) == "10.01"
    # P-4 (999.00) pays the 0.01 and the 10.00, the rest is unapplied credit.
    assert str(c2_after["balance"]) == "-988.99"
    assert str(c2_after["unapplied"]) == "988.99"


def test_collector_scope_sees_only_assigned_customers(session, portfolio):
    scope = Scope(user_id=portfolio["cobra2"].id, role="collector")
    frame = aging_report(session, as_of=AS_OF, by="customer", scope=scope)
    assert list(frame["customer_code"]) == ["C2"]


def test_json_keeps_money_exact(session, portfolio):
    text = render_table(aging_report(session, as_of=AS_OF, by="customer"), "json")
    assert '"balance": "10.01"' in text and '"oldest_days_overdue": 152' in text


def test_empty_database_gives_header_only(session):
    assert render_table(aging_report(session, as_of=AS_OF), "csv").count("\n") == 1
