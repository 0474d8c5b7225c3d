"""Collector and seller performance on a hand-made portfolio, on SQLite and PostgreSQL.

The ledger is tests/factories.py (as of 2024-03-31): cobra1 collects C1 and C3 (seller
S1), cobra2 collects C2 (seller S2), C4 has neither. On top of it, this module adds the
notes and promises below. The period is March 2024 (03-01 .. 03-31), grace days 0.

Notes (author, customer, written):
  N1 cobra1 C1 03-05   N2 cobra1 C1 03-12   N3 cobra1 C3 03-31 23:30 (last minute: in)
  N4 cobra1 C1 02-29 23:59 (before: out)    N5 cobra1 C2 03-10 (covering for cobra2)
  N6 cobra2 C2 03-15   N7 cobra2 C2 04-01 00:00 (after: out)   N8 admin C4 03-20

  contacts / customers covered, per author:
    cobra1 N1 N2 N3 N5 = 4 / {C1, C3, C2} = 3;  cobra2 N6 = 1 / 1;  admin N8 = 1 / 1
  per seller (notes about their customers, any author):
    S1 (C1, C3) N1 N2 N3 = 3 / 2;  S2 (C2) N5 N6 = 2 / 1;  C4 has no seller

Promises (creator, customer, made, amount, promised date) and their state on 03-31,
with the customer's payments from the day made to the promised date:
  T1 cobra1 C1 03-05 100.00 by 03-20: P-2 100.00 (03-20)       -> kept
  T2 cobra1 C1 03-12 150.00 by 03-25: P-2 100.00 only          -> broken
  T3 cobra1 C3 03-20  75.00 by 03-28: P-5 75.00 (03-25)        -> kept
  T4 cobra1 C1 02-20  50.00 by 03-02: nothing (P-1 was 02-10)  -> broken (made in Feb)
  T5 cobra2 C2 03-15 500.00 by 04-10: promised date after March: not in the rate
  T6 cobra2 C2 03-01  10.00 by 03-31: nothing yet, due today   -> pending: not in the rate
  T7 cobra1 C1 03-08  20.00 by 03-15, cancelled                -> ignored everywhere
  T8 cobra1 C1 03-09 a task without an amount                  -> not a promise
  T9 cobra1 C2 03-10   5.00 by 03-11: nothing                  -> broken

  obtained in March (made 03-01 .. 03-31, not cancelled):
    cobra1 T1 T2 T3 T9 = 4; cobra2 T5 T6 = 2; S1 T1 T2 T3 = 3; S2 T5 T6 T9 = 3
  kept rate (deadline in March, pending left out):
    cobra1 T1 k, T2 b, T3 k, T4 b, T9 b = 2 / 5 = 0.4; cobra2 only T6 pending: none
    S1 T1 T2 T3 T4 = 2 / 4 = 0.5; S2 T9 b (T6 pending) = 0 / 1 = 0

Collected in March by current assignment: cobra1 and S1: P-2 100.00 (C1, 03-20) + P-5
75.00 (C3, 03-25) = 175.00; cobra2 and S2: nothing (P-4 is dated 04-05) = 0.00.

Overdue at 03-31 (share of open charges): cobra1 / S1: C1 F-1 500.00 + F-2 500.00
overdue of 1,250.00 open = 0.8; cobra2 / S2: F-4 0.01 of 10.01 open = 0.000999 -> 0.0010.

DSO trend (points Oct 31, Nov 30, Dec 31, Jan 31, Feb 29, Mar 31; 90-day windows):
  cobra1 (C1 + C3): receivable Mar 31 = 1,000 + 500 + 250 - 400 - 100 - 75 = 1,175.00,
    window Jan 2 .. Mar 31 sales F-2 500 + F-3 250 = 750 -> 1,175 / 750 x 90 = 141.0
    Feb 29: 1,000 + 500 - 400 = 1,100 / (Dec 1 .. Feb 29: F-1 1,000 + F-2 500) x 90 = 66.0
    Jan 31: 1,000 / (Nov 2 .. Jan 31: F-1 1,000) x 90 = 90.0; before: no sales -> none
  cobra2 (C2): Mar 31: 10.01 / (F-5 40 - NC-1 30 = 10) x 90 = 90.09 -> 90.1
    Feb 29: 300.01 + 40 - 300 = 40.01 / 40 x 90 = 90.02 -> 90.0
    Jan 31 and Dec 31: 0.01 and no sales in the window -> none
    Nov 30: 0.01 / (Sep 2 .. Nov 30: F-4 300.01) x 90 = 0.003 -> 0.0
    Oct 31: 300.01 / 300.01 x 90 = 90.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from sqlalchemy import select

from dashboard.kpi_service import kpis_as_of
from dashboard.performance import KeptRate, PerformanceQuery, month_query, trend_points
from dashboard.performance_service import performance
from dashboard.promises import states_frame
from data_access import goals
from data_access import performance as data
from data_access.activity import AccessDenied, ValidationError
from data_access.audit import details_of, entries
from data_access.models import CollectionGoal, Customer, Note, Task
from data_access.portfolio import CustomerFilter
from data_access.scope import Scope
from data_access.snapshots import ensure_snapshot
from tests.factories import AS_OF, build_portfolio

BOUNDARIES = (30, 60, 90, 120)
EVERYTHING = Scope.everything()
MARCH = month_query(AS_OF, AS_OF)
M = Decimal
T = dt.datetime.fromisoformat


def _note(customer: Customer, author: object, written: str) -> Note:
    return Note(
        customer_id=customer.id,
        author_id=author.id,  # type: ignore[attr-defined]
        channel="call",
        reason="forgot",
        body="",
        agreement="",
        created_at=T(written),
    )


def _promise(
    customer: Customer, creator: object, made: str, amount: str | None, due: str, **extra: object
) -> Task:
    return Task(
        customer_id=customer.id,
        description="pay",
        assignee_id=creator.id,  # type: ignore[attr-defined]
        created_by_id=creator.id,  # type: ignore[attr-defined]
        created_at=T(made),
        due_date=dt.date.fromisoformat(due),
        promise_amount=None if amount is None else M(amount),
        promise_date=None if amount is None else dt.date.fromisoformat(due),
        **extra,
    )


@pytest.fixture
def portfolio(session):
    objects = build_portfolio(session)
    cobra1, cobra2, admin = objects["cobra1"], objects["cobra2"], objects["admin"]
    c1, c2, c3, c4 = objects["customers"]
    session.add_all(
        [
            _note(c1, cobra1, "2024-03-05 10:00"),
            _note(c1, cobra1, "2024-03-12 09:00"),
            _note(c3, cobra1, "2024-03-31 23:30"),
            _note(c1, cobra1, "2024-02-29 23:59"),
            _note(c2, cobra1, "2024-03-10 11:00"),
            _note(c2, cobra2, "2024-03-15 12:00"),
            _note(c2, cobra2, "2024-04-01 00:00"),
            _note(c4, admin, "2024-03-20 08:00"),
            _promise(c1, cobra1, "2024-03-05 10:00", "100.00", "2024-03-20"),
            _promise(c1, cobra1, "2024-03-12 09:00", "150.00", "2024-03-25"),
            _promise(c3, cobra1, "2024-03-20 10:00", "75.00", "2024-03-28"),
            _promise(c1, cobra1, "2024-02-20 10:00", "50.00", "2024-03-02"),
            _promise(c2, cobra2, "2024-03-15 12:00", "500.00", "2024-04-10"),
            _promise(c2, cobra2, "2024-03-01 12:00", "10.00", "2024-03-31"),
            _promise(c1, cobra1, "2024-03-08 12:00", "20.00", "2024-03-15", status="cancelled"),
            _promise(c1, cobra1, "2024-03-09 12:00", None, "2024-03-15"),
            _promise(c2, cobra1, "2024-03-10 11:00", "5.00", "2024-03-11"),
        ]
    )
    session.commit()
    return objects


def _by_key(session, by: str, scope: Scope = EVERYTHING, query: PerformanceQuery = MARCH):
    rows = performance(session, query=query, scope=scope, by=by, boundaries=BOUNDARIES)
    return {row.key: row for row in rows}


def test_collectors_against_hand_counts(session, portfolio):
    rows = _by_key(session, "collector")
    # Users with the collector role, plus anyone with a figure (the admin wrote N8).
    assert set(rows) == {"cobra1", "cobra2", "admin"}
    one, two, admin = rows["cobra1"], rows["cobra2"], rows["admin"]
    assert (one.contacts, one.customers_covered, one.promises_made) == (4, 3, 4)
    assert (two.contacts, two.customers_covered, two.promises_made) == (1, 1, 2)
    assert (admin.contacts, admin.customers_covered, admin.promises_made) == (1, 1, 0)
    assert one.kept == KeptRate(kept=2, broken=3) and one.kept.rate == M("0.4")
    assert two.kept == KeptRate(0, 0) and two.kept.rate is None
    assert (one.collected, two.collected, admin.collected) == (M("175.00"), M("0.00"), M("0"))
    assert one.overdue_share == M("0.8000")
    assert two.overdue_share == M("0.0010")
    assert admin.overdue_share is None  # no customers: nothing open
    assert one.dso == (None, None, None, M("90.0"), M("66.0"), M("141.0"))
    assert two.dso == (M("90.0"), M("0.0"), None, None, M("90.0"), M("90.1"))


def test_sellers_against_hand_counts(session, portfolio):
    rows = _by_key(session, "seller")
    assert set(rows) == {"S1", "S2"}
    s1, s2 = rows["S1"], rows["S2"]
    assert (s1.contacts, s1.customers_covered, s1.promises_made) == (3, 2, 3)
    assert (s2.contacts, s2.customers_covered, s2.promises_made) == (2, 1, 3)
    assert s1.kept == KeptRate(kept=2, broken=2) and s1.kept.rate == M("0.5")
    assert s2.kept == KeptRate(kept=0, broken=1) and s2.kept.rate == M("0")
    assert (s1.collected, s2.collected) == (M("175.00"), M("0.00"))
    assert (s1.overdue_share, s2.overdue_share) == (M("0.8000"), M("0.0010"))
    assert s1.dso == (None, None, None, M("90.0"), M("66.0"), M("141.0"))


@pytest.mark.parametrize(
    ("by", "key", "filters"),
    [
        ("collector", "cobra1", CustomerFilter(collector="cobra1")),
        ("collector", "cobra2", CustomerFilter(collector="cobra2")),
        ("seller", "S1", CustomerFilter(seller_code="S1")),
        ("seller", "S2", CustomerFilter(seller_code="S2")),
    ],
)
def test_dso_trend_and_overdue_are_the_kpi_definitions(session, portfolio, by, key, filters):
    """Each DSO point equals the portfolio KPI of ``CustomerFilter(...)`` on that day, and
    the overdue share the KPI tiles' overdue % at the period end."""
    row = _by_key(session, by)[key]

    def kpis(day: dt.date):
        return kpis_as_of(
            session, as_of=day, scope=EVERYTHING, filters=filters, boundaries=BOUNDARIES
        )

    assert row.dso == tuple(kpis(day).dso_standard_90 for day in trend_points(AS_OF))
    assert row.overdue_share is not None
    assert (row.overdue_share * 100).quantize(M("0.1")) == kpis(AS_OF).overdue_pct


def test_grace_days_move_deadlines_into_the_period(session, portfolio):
    """With 5 grace days deadlines move 5 days later; only those in March count.

    T10 cobra1 C1 made 02-20, 10.00 by 02-28 -> deadline 03-04 (in), nothing paid: broken.
    T3 (03-28 -> 04-02) and T6 (03-31 -> 04-05) leave March.
    cobra1: T1 kept (03-25), T2 broken (03-30, still only 100.00), T4 broken (03-07),
    T9 broken (03-16), T10 broken = 1 kept of 5; cobra2: nothing.
    """
    c1 = portfolio["customers"][0]
    session.add(_promise(c1, portfolio["cobra1"], "2024-02-20 10:00", "10.00", "2024-02-28"))
    session.commit()
    due = data.promises_due_by_owner(
        session, first=MARCH.first, last=MARCH.last, scope=EVERYTHING, by="collector", grace_days=5
    )
    states = states_frame(due, as_of=AS_OF)
    mine = states[states["owner_id"] == portfolio["cobra1"].id]
    assert sorted(mine["status"]) == ["broken"] * 4 + ["kept"]
    assert len(states[states["owner_id"] == portfolio["cobra2"].id]) == 0


def test_a_collector_gets_only_their_own_row(session, portfolio):
    cobra1 = portfolio["cobra1"]
    scope = Scope(user_id=cobra1.id, role="collector")
    rows = _by_key(session, "collector", scope=scope)
    assert set(rows) == {"cobra1"}
    # N5 (cobra1 on C2) is outside cobra1's scope now: C2 is cobra2's customer.
    assert (rows["cobra1"].contacts, rows["cobra1"].customers_covered) == (3, 2)
    assert rows["cobra1"].collected == M("175.00")
    # Grouped by seller, only the sellers of their own customers.
    assert set(_by_key(session, "seller", scope=scope)) == {"S1"}


def test_a_partial_month_and_a_date_range(session, portfolio):
    """03-10 .. 03-15: N5 (03-10) and N2 (03-12) by cobra1; T9 (03-10 -> 03-11) broken."""
    rows = _by_key(
        session, "collector", query=PerformanceQuery(AS_OF.replace(day=10), AS_OF.replace(day=15))
    )
    one = rows["cobra1"]
    assert (one.contacts, one.customers_covered, one.promises_made) == (2, 2, 2)
    assert one.kept == KeptRate(kept=0, broken=1)
    assert one.collected == M("0.00")


def test_goals_set_change_clear_with_audit(session, portfolio):
    manager = Scope(user_id=portfolio["admin"].id, role="manager")
    admin_id = portfolio["admin"].id
    common = {"scope": manager, "user_id": admin_id, "by": "collector", "key": "cobra1"}
    goals.set_goal(session, month=dt.date(2024, 3, 17), amount="350.00", **common)
    goals.set_goal(session, month=dt.date(2024, 3, 1), amount=M("400.50"), **common)
    goals.set_goal(
        session, scope=manager, user_id=admin_id, by="seller", key="S2", month=AS_OF, amount="9"
    )
    session.commit()
    assert goals.goals(session, month=AS_OF, by="collector") == {
        portfolio["cobra1"].id: M("400.50")
    }
    stored = session.scalars(select(CollectionGoal)).all()
    assert len(stored) == 2 and {g.month for g in stored} == {dt.date(2024, 3, 1)}
    logged = [details_of(entry) for entry in entries(session, entity="collection_goal")]
    assert {"from": "350.00", "to": "400.50"}.items() <= logged[1].items()
    assert goals.clear_goal(session, month=AS_OF, **common) is True
    assert goals.clear_goal(session, month=AS_OF, **common) is False
    session.commit()
    assert goals.goals(session, month=AS_OF, by="collector") == {}
    assert entries(session, entity="collection_goal")[0].action == "goal.clear"


def test_goal_progress_comes_with_the_rows(session, portfolio):
    """Goal 350.00 for March; collected 175.00 by 03-31 -> progress 0.5, expected 350.00."""
    manager = Scope(user_id=portfolio["admin"].id, role="manager")
    goals.set_goal(
        session,
        scope=manager,
        user_id=portfolio["admin"].id,
        by="collector",
        key="cobra1",
        month=AS_OF,
        amount="350",
    )
    session.commit()
    goal = _by_key(session, "collector")["cobra1"].goal
    assert goal is not None
    assert (goal.progress, goal.expected, goal.pace, goal.on_pace) == (
        M("0.5"),
        M("350.00"),
        M("0.5"),
        False,
    )
    assert _by_key(session, "collector")["cobra2"].goal is None


@pytest.mark.parametrize(
    ("amount", "problem"),
    [
        ("0", "not_positive"),
        ("-5", "not_positive"),
        ("12.345", "too_many_decimals"),
        ("abc", "invalid"),
        ("", "required"),
        (None, "required"),
        (12.5, "invalid"),
        ("1e3", "invalid"),
        ("99999999999999999", "too_large"),
        (M("1e30"), "too_large"),
    ],
)
def test_bad_goal_amounts_are_refused(session, portfolio, amount, problem):
    manager = Scope(user_id=portfolio["admin"].id, role="manager")
    with pytest.raises(ValidationError) as refused:
        goals.set_goal(
            session,
            scope=manager,
            user_id=portfolio["admin"].id,
            by="collector",
            key="cobra1",
            month=AS_OF,
            amount=amount,
        )
    assert refused.value.errors == {"amount": problem}
    assert session.scalars(select(CollectionGoal)).all() == []


@pytest.mark.parametrize("role", ["collector", "viewer"])
def test_only_admins_and_managers_set_goals(session, portfolio, role):
    user = portfolio["cobra1"] if role == "collector" else portfolio["viewer"]
    with pytest.raises(AccessDenied):
        goals.set_goal(
            session,
            scope=Scope(user_id=user.id, role=role),
            user_id=user.id,
            by="collector",
            key="cobra1",
            month=AS_OF,
            amount="100",
        )
    with pytest.raises(ValidationError) as unknown:
        goals.set_goal(
            session,
            scope=EVERYTHING,
            user_id=portfolio["admin"].id,
            by="seller",
            key="NOPE",
            month=AS_OF,
            amount="100",
        )
    assert unknown.value.errors == {"owner": "not_found"}


@pytest.mark.parametrize("as_of", [AS_OF, dt.date(2024, 2, 29), dt.date(2024, 4, 30)])
def test_positions_from_the_snapshot_equal_the_computed_ones(session, portfolio, as_of):
    """Without a snapshot the positions are computed (nothing written); with one, read.

    As of 02-29 nothing is rewound the same way as on 03-31, and on 04-30 C3's credit
    P-5 is applied to F-6 (issued 04-10): a credit-only customer becomes an open one.
    """
    computed = data.customer_positions(
        session, as_of=as_of, scope=EVERYTHING, boundaries=BOUNDARIES
    )
    assert not session.new and not session.dirty
    ensure_snapshot(session, as_of=as_of, boundaries=BOUNDARIES)
    session.commit()
    stored = data.customer_positions(session, as_of=as_of, scope=EVERYTHING, boundaries=BOUNDARIES)
    ordered = [
        frame.sort_values("customer_id").reset_index(drop=True) for frame in (computed, stored)
    ]
    pd.testing.assert_frame_equal(ordered[0], ordered[1], check_dtype=False)
    if as_of == AS_OF:
        c1, c2, c3, _c4 = portfolio["customers"]
        rows = {row.customer_id: row for row in ordered[0].itertuples()}
        assert (rows[c1.id].receivable, rows[c1.id].overdue) == (M("1250.00"), M("1000.00"))
        assert (rows[c3.id].receivable, rows[c3.id].open_total) == (M("-75.00"), M("0.00"))
        assert rows[c2.id].overdue == M("0.01")
