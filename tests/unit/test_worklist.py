"""Who to call today: the score's parts and the ranking, against numbers worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from dashboard.i18n import translator
from dashboard.worklist import (
    Measures,
    Parts,
    Weights,
    WorklistData,
    broken_needing_contact,
    build_measures,
    contact_share,
    overdue_reference,
    rank_worklist,
    score,
    weighted_days,
)
from dashboard.worklist_presenters import worklist_rows, worklist_table

D = Decimal
AS_OF = dt.date(2024, 3, 31)

# The hand-worked list (default weights: overdue 35, days 20 at 90, promise today 15,
# broken 15, contact 15 from 7 to 15 days, dispute -15). The overdue amounts are 2,500,
# 6,400 and 10,000: their 90th percentile (nearest rank: ceil(3 × 0.9) = the 3rd) is
# 10,000, the reference that earns all 35 overdue points.
#
# A  overdue 10,000.00, 45 days weighted, last note 20 days ago, nothing else
#    overdue 35 × √(10000/10000) = 35.0; days 20 × 45/90 = 10.0;
#    contact (20 − 7)/8 = 1.625 → capped at 1 → 15.0                        = 60.0
# B  overdue 2,500.00, 120 days weighted, one broken promise, last note 10 days ago
#    overdue 35 × √0.25 = 17.5; days 120 capped at 90 → 20.0; broken 15.0;
#    contact 15 × (10 − 7)/8 = 5.625 → 5.6                                  = 58.1
# C  nothing overdue, a promise of 1,000.00 due today, last note 2 days ago
#    promise today 15.0; contact (2 − 7)/8 < 0 → 0.0                         = 15.0
# D  overdue 6,400.00, 30 days weighted, 3,200.00 of it disputed, never contacted
#    overdue 35 × √0.64 = 28.0; days 20 × 30/90 = 6.666… → 6.7;
#    contact never → 15.0; dispute −15 × 3200/6400 = −7.5                   = 42.2
# E  nothing overdue, no promise: not listed.
# Order: A 60.0, B 58.1, D 42.2, C 15.0.
A = Measures(1, "A", "Alfa", overdue=D("10000.00"), days_overdue=45, days_since_contact=20)
B = Measures(
    2, "B", "Beta", overdue=D("2500.00"), days_overdue=120, broken=1, days_since_contact=10
)
C = Measures(3, "C", "Gamma", promises_today=1, promised_today=D("1000.00"), days_since_contact=2)
DD = Measures(
    4,
    "D",
    "Delta",
    overdue=D("6400.00"),
    days_overdue=30,
    disputed_overdue=D("3200.00"),
    disputed_open=D("3200.00"),
)
E = Measures(5, "E", "Épsilon", days_since_contact=40)


def test_hand_worked_ranking():
    ranked = rank_worklist([A, B, C, DD, E])
    assert [(r.rank, r.customer.code, r.score) for r in ranked] == [
        (1, "A", D("60.0")),
        (2, "B", D("58.1")),
        (3, "D", D("42.2")),
        (4, "C", D("15.0")),
    ]
    parts = {r.customer.code: r.parts for r in ranked}
    assert parts["A"] == Parts(overdue=D("35.0"), days=D("10.0"), contact=D("15.0"))
    assert parts["B"] == Parts(
        overdue=D("17.5"), days=D("20.0"), broken=D("15.0"), contact=D("5.6")
    )
    assert parts["C"] == Parts(promise_today=D("15.0"))
    assert parts["D"] == Parts(
        overdue=D("28.0"), days=D("6.7"), contact=D("15.0"), dispute=D("-7.5")
    )
    # The parts add up to the score exactly (the badges explain the whole number).
    for item in ranked:
        assert sum((points for _, points in item.parts.items()), D(0)) == item.score


def test_ties_go_to_the_larger_overdue_then_the_code():
    small = Measures(1, "Z", "Zeta", overdue=D("100.00"), days_overdue=90, days_since_contact=30)
    twin = Measures(2, "Y", "Ypsilon", overdue=D("100.00"), days_overdue=90, days_since_contact=30)
    ranked = rank_worklist([small, twin])
    assert [r.customer.code for r in ranked] == ["Y", "Z"]
    assert ranked[0].score == ranked[1].score == D("70.0")


@pytest.mark.parametrize(
    ("days", "points"),
    [(None, "15.0"), (0, "0.0"), (7, "0.0"), (8, "1.9"), (11, "7.5"), (15, "15.0"), (400, "15.0")],
)
def test_contact_points_follow_the_8_to_15_day_cadence(days, points):
    parts = score(
        Measures(1, "X", "X", overdue=D("1.00"), days_since_contact=days),
        reference=D("1.00"),
    )
    assert parts.contact == D(points)
    assert contact_share(None, Weights()) == 1


@pytest.mark.parametrize(
    ("amounts", "reference"),
    [
        ([], "0.00"),
        (["0.00", "5.00"], "5.00"),
        # 20 amounts 1 … 20: ceil(20 × 0.9) = 18th → 18; the two largest are capped.
        ([f"{n}.00" for n in range(20, 0, -1)], "18.00"),
    ],
)
def test_the_overdue_reference_is_the_90th_percentile_nearest_rank(amounts, reference):
    assert overdue_reference([D(a) for a in amounts]) == D(reference)
    whale = Measures(1, "W", "Whale", overdue=D("1000000.00"))
    assert score(whale, reference=D("18.00")).overdue == D("35.0")


def test_no_dispute_gives_zero_not_minus_zero_and_full_dispute_is_capped():
    clean = score(Measures(1, "X", "X", overdue=D("5.00")), reference=D("5.00"))
    assert str(clean.dispute) == "0.0"
    odd = Measures(1, "X", "X", overdue=D("5.00"), disputed_overdue=D("9.00"))
    assert score(odd, reference=D("5.00")).dispute == D("-15.0")


@pytest.mark.parametrize(
    ("day_amount", "overdue", "days"),
    [
        (0.0, D("0.00"), 0),
        (4500.0, D("100.00"), 45),
        (1050.0, D("100.00"), 11),
        (1049.0, D("100.00"), 10),
    ],
)
def test_weighted_days_round_half_up(day_amount, overdue, days):
    assert weighted_days(day_amount, overdue) == days


def _promises(rows):  # type: ignore[no-untyped-def]
    columns = ["task_id", "customer_id", "made_on", "amount", "due", "deadline", "paid", "status"]
    return pd.DataFrame(rows, columns=columns)


def test_broken_promise_needs_a_contact_until_a_note_after_it_broke():
    # Promise due 2024-03-20 (deadline the same day, no grace): it broke on 03-21.
    base = [dt.date(2024, 3, 1), D("100.00"), dt.date(2024, 3, 20), dt.date(2024, 3, 20), D("0")]
    promises = _promises(
        [
            [1, 10, *base, "broken"],  # note on the deadline: before it broke → still waiting
            [2, 11, *base, "broken"],  # note the day it broke → followed up
            [3, 12, *base, "broken"],  # never contacted → waiting
            [4, 13, *base, "kept"],  # kept → nothing to do
        ]
    )
    contacts = {10: dt.date(2024, 3, 20), 11: dt.date(2024, 3, 21), 13: dt.date(2024, 3, 1)}
    waiting = broken_needing_contact(promises, contacts)
    assert list(waiting["task_id"]) == [1, 3]
    assert list(waiting["last_contact"]) == [dt.date(2024, 3, 20), None]


def test_measures_from_query_results():
    positions = pd.DataFrame(
        [[1, "A", "Alfa", D("12000.00"), D("10000.00"), 450000.0]],
        columns=["customer_id", "code", "name", "balance", "overdue", "overdue_day_amount"],
    )
    promises = _promises(
        [
            # customer 2 has nothing overdue but a promise due today, still pending
            [7, 2, dt.date(2024, 3, 25), D("1000.00"), AS_OF, AS_OF, D("0.00"), "pending"],
            # customer 1: one due today already kept (nothing to confirm), one broken
            [8, 1, dt.date(2024, 3, 25), D("50.00"), AS_OF, AS_OF, D("60.00"), "kept"],
            [9, 1, dt.date(2024, 3, 1), D("70.00"), dt.date(2024, 3, 10), dt.date(2024, 3, 10),
             D("0.00"), "broken"],
        ]
    )  # fmt: skip
    data = WorklistData(
        positions=positions,
        promises=promises,
        contacts={1: dt.date(2024, 3, 5), 2: dt.date(2024, 3, 29)},
        disputes=pd.DataFrame(
            [[1, D("500.00"), D("300.00")]],
            columns=["customer_id", "disputed_open", "disputed_overdue"],
        ),
        labels={2: ("B", "Beta")},
    )
    measures = {m.code: m for m in build_measures(data, as_of=AS_OF)}
    assert measures["A"] == Measures(
        1, "A", "Alfa", overdue=D("10000.00"), days_overdue=45, promises_today=0,
        promised_today=D("0.00"), broken=1, days_since_contact=26,
        disputed_overdue=D("300.00"), disputed_open=D("500.00"),
    )  # fmt: skip
    assert measures["B"] == Measures(
        2, "B", "Beta", promises_today=1, promised_today=D("1000.00"), days_since_contact=2
    )


def test_rows_explain_the_score_and_open_the_note():
    ranked = rank_worklist([A, B, C, DD])
    rows = worklist_rows(ranked, t=translator("en"), language="en", currency="USD", limit=3)
    assert len(rows) == 3
    second = rows[1]
    assert second["href"] == "/customers/B?note=new"
    assert second["score"] == "58.1 pts"
    texts = [text for text, _ in second["badges"]]  # type: ignore[attr-defined]
    assert "overdue $2,500.00 → 17.5 pts" in texts
    assert "broken promise, no contact since (1) → 15.0 pts" in texts
    assert "120 days overdue (weighted) → 20.0 pts" in texts
    assert "10 days since the last contact → 5.6 pts" in texts
    delta = rows[2]
    assert delta["disputed"] is True
    assert "disputed $3,200.00 of the overdue → -7.5 pts" in [t for t, _ in delta["badges"]]  # type: ignore[attr-defined]
    table = worklist_table(ranked)
    assert list(table["customer_code"]) == ["A", "B", "D", "C"]
    assert table.iloc[2]["dispute_points"] == "-7.5" and table.iloc[2]["score"] == "42.2"


def test_measures_without_any_promise():
    positions = pd.DataFrame(
        [[1, "A", "Alfa", D("10.00"), D("10.00"), 100.0]],
        columns=["customer_id", "code", "name", "balance", "overdue", "overdue_day_amount"],
    )
    data = WorklistData(
        positions=positions,
        promises=_promises([]),
        contacts={},
        disputes=pd.DataFrame([], columns=["customer_id", "disputed_open", "disputed_overdue"]),
        labels={},
    )
    ranked = rank_worklist(build_measures(data, as_of=AS_OF))
    assert [(r.customer.code, r.customer.days_overdue, r.score) for r in ranked] == [
        ("A", 10, D("52.2"))  # 35.0 + 20 × 10/90 = 2.2 + never contacted 15.0
    ]
