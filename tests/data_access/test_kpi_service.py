"""KPIs of the hand-worked portfolio (tests/factories.py) on SQLite and PostgreSQL.

As of 2024-03-31, everything in scope:

  open charges: C1 F-1 500.00 (60 days overdue), F-2 500.00 (29 days), F-3 250.00 (not
  yet due); C2 F-4 0.01 (152 days), F-5 10.00 (due today: current) -> 1,260.01 open
  unapplied credit: C3 P-5 75.00
  receivable = 1,260.01 - 75.00 = 1,185.01; current = 250.00 + 10.00 = 260.00;
  overdue = 500.00 + 500.00 + 0.01 = 1,000.01; overdue % = 1,000.01 / 1,260.01 = 79.36 -> 79.4

  90-day window 2024-01-02 .. 03-31 (F-1, issued Jan 1, is outside):
  F-2 500.00 + F-5 40.00 + F-3 250.00 - NC-1 30.00 = 760.00
  DSO = 1,185.01 / 760.00 x 90 = 140.33 -> 140.3
  best possible = 260.00 / 760.00 x 90 = 30.79 -> 30.8; ADD = 140.33 - 30.79 = 109.54 -> 109.5

  countback: March (31 days) F-3 250.00 - NC-1 30.00 = 220.00 -> 965.01 left, 31 days
             February (29 days) F-2 500.00 + F-5 40.00 = 540.00 -> 425.01 left, 60 days
             January (31 days) F-1 1,000.00 covers it: 425.01 / 1,000.00 x 31 = 13.18
             DSO countback = 73.18 -> 73.2 (three months fetched, no more)

  month: sales 220.00; collected P-2 100.00 (03-20) + P-5 75.00 (03-25) = 175.00
  opening = 1,185.01 - 220.00 + 175.00 = 1,140.01; directly as of 02-29:
            F-1 1,000.00 - P-1 400.00 + F-2 500.00 + F-4 0.01 + F-5 40.00 = 1,140.01
  CEI = (1,140.01 + 220.00 - 1,185.01) / (1,140.01 + 220.00 - 260.00) = 175.00 / 1,100.01
      = 15.91% -> 15.9
  collected yesterday (03-30): 0.00; ISO week (Mon 03-25 .. Sun 03-31): P-5 75.00
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dashboard.kpi_service import (
    MAX_COUNTBACK_MONTHS,
    kpi_inputs,
    kpis_as_of,
    kpis_with_previous,
    promise_counts,
    receivable_position,
)
from dashboard.kpis import Kpis, month_period
from data_access.models import Customer, Task
from data_access.portfolio import CustomerFilter
from data_access.scope import Scope
from tests.factories import AS_OF, build_portfolio

BOUNDARIES = (30, 60, 90, 120)
EVERYTHING = Scope.everything()
M = Decimal
D = dt.date.fromisoformat


def kpis(session, as_of=AS_OF, scope=EVERYTHING, filters=None, grace_days=0) -> Kpis:
    return kpis_as_of(
        session,
        as_of=as_of,
        scope=scope,
        filters=filters,
        boundaries=BOUNDARIES,
        grace_days=grace_days,
    )


def expected(**values: object) -> Kpis:
    """Kpis from text: money and ratios as strings, None kept, counts as ints."""
    return Kpis(**{k: M(v) if isinstance(v, str) else v for k, v in values.items()})  # type: ignore[arg-type]


@pytest.fixture
def portfolio(session):
    objects = build_portfolio(session)
    session.commit()
    return objects


def test_hand_worked_portfolio_as_of_march_31(session, portfolio):
    assert kpis(session) == expected(
        total_receivable="1185.01",
        overdue="1000.01",
        overdue_pct="79.4",
        current="260.00",
        dso_standard_90="140.3",
        dso_countback="73.2",
        best_possible_dso="30.8",
        add="109.5",
        cei_month="15.9",
        collected_day="0.00",
        collected_week="75.00",
        collected_month="175.00",
        promises_due=0,
        promises_broken=0,
    )
    inputs = kpi_inputs(session, as_of=AS_OF, scope=EVERYTHING, boundaries=BOUNDARIES)
    assert [period for period, _sales in inputs.monthly_sales] == [
        month_period(AS_OF, back) for back in range(3)
    ]
    assert [sales for _period, sales in inputs.monthly_sales] == [
        M("220.00"),
        M("540.00"),
        M("1000.00"),
    ]
    assert inputs.month_opening_receivable == M("1140.01")


def test_previous_period_is_february_29(session, portfolio):
    # As of 2024-02-29: F-1 600.00 (29 days overdue) + F-4 0.01 overdue; F-2 500.00 and
    # F-5 40.00 current (P-5 and NC-1 do not exist yet).
    #   receivable 1,140.01; overdue 600.01 / 1,140.01 = 52.63 -> 52.6
    #   90 days 2023-12-02 .. 02-29: F-1 1,000 + F-2 500 + F-5 40 = 1,540.00
    #   DSO 1,140.01 / 1,540 x 90 = 66.62 -> 66.6; best 540 / 1,540 x 90 = 31.56 -> 31.6;
    #   ADD 35.07 -> 35.1
    #   countback: Feb 540 -> 600.01 left (29 days); Jan 600.01 / 1,000 x 31 = 18.60 -> 47.6
    #   opening (Jan 31) = 1,140.01 - 540.00 + P-1 400.00 = 1,000.01 (F-1 1,000 + F-4 0.01)
    #   CEI = (1,000.01 + 540 - 1,140.01) / (1,000.01 + 540 - 540) = 400 / 1,000.01 -> 40.0
    #   week Mon 02-26 .. Thu 02-29 and yesterday 02-28: nothing; month: P-1 400.00
    now, before = kpis_with_previous(
        session, as_of=AS_OF, scope=EVERYTHING, filters=None, boundaries=BOUNDARIES
    )
    assert now == kpis(session)
    assert before == expected(
        total_receivable="1140.01",
        overdue="600.01",
        overdue_pct="52.6",
        current="540.00",
        dso_standard_90="66.6",
        dso_countback="47.6",
        best_possible_dso="31.6",
        add="35.1",
        cei_month="40.0",
        collected_day="0.00",
        collected_week="0.00",
        collected_month="400.00",
        promises_due=0,
        promises_broken=0,
    )


def test_seller_filter(session, portfolio):
    # Seller S2 = C2 only: F-4 0.01 overdue, F-5 10.00 due today (current): receivable 10.01,
    # overdue % 0.01 / 10.01 = 0.0999 -> 0.1. Sales 90 days: F-5 40.00 - NC-1 30.00 = 10.00:
    # DSO 10.01 / 10 x 90 = 90.09 -> 90.1; best 90.0; ADD 0.09 -> 0.1.
    # Countback: March's net sales are -30.00 (only NC-1): counted whole, 31 days, 10.01 left;
    # February 40.00: 10.01 / 40 x 29 = 7.26 -> 38.26 -> 38.3.
    # Opening = 10.01 - (-30.00) + 0 = 40.01 (= F-4 0.01 + F-5 40.00 on 02-29);
    # CEI = (40.01 - 30.00 - 10.01) / (40.01 - 30.00 - 10.00) = 0 / 0.01 = 0.0: a credit
    # note is not a collection.
    assert kpis(session, filters=CustomerFilter(seller_code="S2")) == expected(
        total_receivable="10.01",
        overdue="0.01",
        overdue_pct="0.1",
        current="10.00",
        dso_standard_90="90.1",
        dso_countback="38.3",
        best_possible_dso="90.0",
        add="0.1",
        cei_month="0.0",
        collected_day="0.00",
        collected_week="0.00",
        collected_month="0.00",
        promises_due=0,
        promises_broken=0,
    )


def test_collector_scope(session, portfolio):
    # cobra1 sees C1 and C3: receivable 1,250.00 - 75.00 = 1,175.00; current 250.00 (F-3);
    # overdue 1,000.00 -> 80.0%. Sales 90 days F-2 500 + F-3 250 = 750.00:
    # DSO 1,175 / 750 x 90 = 141.0; best 250 / 750 x 90 = 30.0; ADD 111.0.
    # Countback: March 250 -> 925 left (31); Feb 500 -> 425 left (60); Jan 425 / 1,000 x 31
    # = 13.175 -> 73.175 -> 73.2 (half up).
    # Opening = 1,175 - 250 + 175 = 1,100.00 (F-1 600 + F-2 500 on 02-29);
    # CEI = 175 / (1,100 + 250 - 250) = 15.909 -> 15.9.
    cobra1 = portfolio["cobra1"]
    scope = Scope(user_id=cobra1.id, role="collector")
    result = kpis(session, scope=scope)
    assert result == expected(
        total_receivable="1175.00",
        overdue="1000.00",
        overdue_pct="80.0",
        current="250.00",
        dso_standard_90="141.0",
        dso_countback="73.2",
        best_possible_dso="30.0",
        add="111.0",
        cei_month="15.9",
        collected_day="0.00",
        collected_week="75.00",
        collected_month="175.00",
        promises_due=0,
        promises_broken=0,
    )
    assert kpis(session, filters=CustomerFilter(collector="cobra1")) == result


@pytest.mark.parametrize(
    "as_of", ["2024-03-31", "2024-03-20", "2024-03-01", "2024-02-29", "2024-04-10", "2024-01-15"]
)
@pytest.mark.parametrize("seller", [None, "S1", "S2"])
def test_opening_identity_matches_a_direct_computation(session, portfolio, as_of, seller):
    # receivable(end of last month) = receivable(as_of) - net sales(1st .. as_of)
    #                                 + collected(1st .. as_of)
    day = D(as_of)
    filters = CustomerFilter(seller_code=seller)
    inputs = kpi_inputs(
        session, as_of=day, scope=EVERYTHING, filters=filters, boundaries=BOUNDARIES
    )
    direct = receivable_position(
        session,
        as_of=day.replace(day=1) - dt.timedelta(days=1),
        scope=EVERYTHING,
        filters=filters,
        boundaries=BOUNDARIES,
    )
    assert inputs.month_opening_receivable == direct.receivable


def test_countback_stops_after_24_previous_months(session, portfolio):
    # As of 2027-01-31 nothing was sold for almost three years. Still owed: C1 1,250.00;
    # C2 10.01 - P-4 999.00 (04-05) = -988.99; C3 F-6 100.00 - P-5 75.00 = 25.00;
    # 286.01 in all, which 24 months without sales cannot cover.
    inputs = kpi_inputs(session, as_of=D("2027-01-31"), scope=EVERYTHING, boundaries=BOUNDARIES)
    assert inputs.receivable == M("286.01")
    assert len(inputs.monthly_sales) == 1 + MAX_COUNTBACK_MONTHS
    assert kpis(session, as_of=D("2027-01-31")).dso_countback is None


def test_empty_database(session):
    result = kpis(session)
    assert result.total_receivable == M("0.00")
    assert (result.dso_standard_90, result.cei_month, result.overdue_pct) == (None, None, None)


def _promise(customer: Customer, made: str, amount: str, due: str, status: str = "open") -> Task:
    return Task(
        description=f"promise {amount} by {due}",
        customer_id=customer.id,
        created_at=dt.datetime.fromisoformat(made),
        due_date=D(due),
        promise_amount=M(amount),
        promise_date=D(due),
        status=status,
    )


@pytest.fixture
def promises(session, portfolio):
    """Promises around 2024-03-31 (C1 paid P-1 400.00 on 02-10 and P-2 100.00 on 03-20).

    A  C1 made 03-25, 300.00 by 03-31: nothing paid since   -> pending, due today
    B  C1 made 03-01, 200.00 by 03-10: nothing paid         -> broken (deadline in March)
    C  C1 made 03-15, 100.00 by 03-20: P-2 100.00           -> kept
    D1 C1 made 02-15,  50.00 by 02-27: nothing paid         -> broken in February; with 3
                                                               grace days deadline 03-01
    D2 C1 made 02-15,  60.00 by 02-28: likewise, deadline 03-02 with 3 grace days
    E  C1 made 03-21,  80.00 by 03-29: nothing paid         -> broken; with 3 grace days the
                                                               deadline is 04-01: pending
    F  C2 made 03-30,  20.00 by 03-31: nothing paid         -> pending, due today
    G  C1 cancelled, 10.00 by 03-31                         -> ignored
    H  C3 made 03-25,  75.00 by 03-31: P-5 75.00 on 03-25   -> kept (not "due")
    """
    c1, c2, c3, _c4 = portfolio["customers"]
    session.add_all(
        [
            _promise(c1, "2024-03-25 10:00", "300.00", "2024-03-31"),
            _promise(c1, "2024-03-01 10:00", "200.00", "2024-03-10"),
            _promise(c1, "2024-03-15 10:00", "100.00", "2024-03-20"),
            _promise(c1, "2024-02-15 10:00", "50.00", "2024-02-27"),
            _promise(c1, "2024-02-15 10:00", "60.00", "2024-02-28"),
            _promise(c1, "2024-03-21 10:00", "80.00", "2024-03-29"),
            _promise(c2, "2024-03-30 10:00", "20.00", "2024-03-31"),
            _promise(c1, "2024-03-25 10:00", "10.00", "2024-03-31", status="cancelled"),
            _promise(c3, "2024-03-25 10:00", "75.00", "2024-03-31"),
        ]
    )
    session.commit()
    return portfolio


@pytest.mark.parametrize(
    ("grace_days", "seller", "due", "broken"),
    [
        (0, None, 2, 2),  # due: A, F; broken: B, E
        (3, None, 2, 3),  # due: A, F; broken: B, D1, D2 (E is pending until 04-01)
        (0, "S1", 1, 2),  # C1 and C3 only: A; B, E
        (0, "S2", 1, 0),  # C2 only: F
    ],
)
def test_promise_counts(session, promises, grace_days, seller, due, broken):
    filters = CustomerFilter(seller_code=seller)
    counts = promise_counts(
        session, as_of=AS_OF, scope=EVERYTHING, filters=filters, grace_days=grace_days
    )
    assert counts == (due, broken)
    result = kpis(session, filters=filters, grace_days=grace_days)
    assert (result.promises_due, result.promises_broken) == (due, broken)


def test_promise_counts_follow_the_collector_scope(session, promises):
    scope = Scope(user_id=promises["cobra2"].id, role="collector")
    result = kpis(session, scope=scope)
    assert (result.promises_due, result.promises_broken) == (1, 0)
