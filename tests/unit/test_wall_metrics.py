"""Table tests for the customer wall's pure numbers (dashboard.wall_metrics).

Ledgers are built with the real ledger rules (``data_access.ledger.allocate``), so
allocations here are exactly what the database would hold. Money is a string
turned into ``Decimal``; expected days late are worked by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
import pytest

from dashboard.i18n import CATALOG, translate
from dashboard.wall_metrics import (
    TREND_COLUMNS,
    Category,
    CategoryRules,
    Verdict,
    VerdictRules,
    customer_category,
    days_late,
    month_end,
    month_starts,
    monthly_trend,
    payment_class,
    settlement_dates,
    size_classes,
    trend_verdict,
    twelve_months,
    weighted_days_late,
)
from data_access.ledger import Allocation, Charge, Credit, allocate

D = dt.date.fromisoformat
M = Decimal
ZERO = M("0.00")
AS_OF = D("2024-03-31")


@dataclass(frozen=True)
class Ledger:
    """A customer ledger as data_access.wall.CustomerLedger holds it."""

    charges: tuple[Charge, ...]
    credits: tuple[Credit, ...]
    allocations: tuple[Allocation, ...]


def ledger(*items: Charge | Credit) -> Ledger:
    charges = tuple(i for i in items if isinstance(i, Charge))
    credits = tuple(i for i in items if isinstance(i, Credit))
    return Ledger(charges, credits, tuple(allocate(charges, credits).allocations))


def inv(id_: int, issue: str, due: str, amount: str) -> Charge:
    return Charge(id_, f"F-{id_:03d}", D(issue), D(due), M(amount))


def pay(id_: int, day: str, amount: str, to: int | None = None) -> Credit:
    return Credit("payment", id_, D(day), M(amount), to, f"P-{id_:03d}")


def cn(id_: int, day: str, amount: str, to: int | None = None) -> Credit:
    return Credit("credit_note", id_, D(day), M(amount), to, f"NC-{id_:03d}")


def paid_frame(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """paid_invoices-like frame from (due_date, settled_on, amount)."""
    return pd.DataFrame(
        [
            (f"F-{i}", D(due), D(settled), M(amount))
            for i, (due, settled, amount) in enumerate(rows)
        ],
        columns=["number", "due_date", "settled_on", "amount"],
    )


# --------------------------------------------------------------------------- category


@pytest.mark.parametrize(
    ("settled", "days", "expected"),
    [
        ("2024-01-20", 0, "well"),  # paid early: never negative
        ("2024-01-31", 0, "well"),  # on the due date
        ("2024-02-05", 5, "well"),
        ("2024-02-06", 6, "regular"),
        ("2024-03-01", 30, "regular"),  # Jan 31 + 30 days = Mar 1 (leap year: Feb has 29)
        ("2024-03-02", 31, "badly"),
    ],
)
def test_payment_class_boundaries(settled, days, expected):
    assert days_late(D("2024-01-31"), D(settled)) == days
    weighted = weighted_days_late([(D("2024-01-31"), D(settled), M("100.00"))])
    assert weighted == M(days)
    assert payment_class(weighted) == expected


@pytest.mark.parametrize(
    ("rows", "expected_days", "expected_class"),
    [
        ([], None, None),
        # 100 x 0 + 300 x 40 = 12,000 amount-days / 400 = 30.0 days
        ([(0, "100.00"), (40, "300.00")], "30.0", "regular"),
        # 96 x 5 + 4 x 6 = 504 / 100 = 5.04 -> shown 5.0 -> well
        ([(5, "96.00"), (6, "4.00")], "5.0", "well"),
        # 95 x 5 + 5 x 6 = 505 / 100 = 5.05 -> shown 5.1 (half up) -> regular
        ([(5, "95.00"), (6, "5.00")], "5.1", "regular"),
        # paid 30 days early counts 0: 1 x 0 + 2 x 31 = 62 / 3 = 20.666... -> 20.7
        ([(-30, "1.00"), (31, "2.00")], "20.7", "regular"),
        # 0.01 x 400 + 99.99 x 30 = 3,003.70 / 100 = 30.037 -> 30.0 -> regular
        ([(400, "0.01"), (30, "99.99")], "30.0", "regular"),
    ],
)
def test_weighted_days_late_is_amount_weighted_and_rounded(rows, expected_days, expected_class):
    due = D("2024-01-31")
    days = weighted_days_late((due, due + dt.timedelta(days=n), M(a)) for n, a in rows)
    assert days == (None if expected_days is None else M(expected_days))
    assert payment_class(days) == expected_class


def test_thresholds_are_configurable():
    strict = CategoryRules(pays_well_max=0, regular_max=10)
    assert [payment_class(M(d), strict) for d in ("0", "0.1", "10", "10.1")] == [
        "well",
        "regular",
        "regular",
        "badly",
    ]


def test_twelve_months_is_365_days_ending_at_as_of():
    # (2024-03-31 - 365 days, 2024-03-31] = (2023-04-01, 2024-03-31]: Feb 29 is inside.
    assert twelve_months(AS_OF) == (D("2023-04-02"), AS_OF)
    assert twelve_months(D("2023-03-31")) == (D("2022-04-01"), D("2023-03-31"))


@pytest.mark.parametrize(
    ("invoiced", "expected"),
    [
        ({}, {}),
        ({1: "10.00"}, {1: "A"}),
        # shares 50/30/15/5: before each 0, 50, 80, 95 -> A, A, B, C
        ({1: "50.00", 2: "30.00", 3: "15.00", 4: "5.00"}, {1: "A", 2: "A", 3: "B", 4: "C"}),
        # one customer is 90%: the one that crosses 80% is still A; then 90 < 95 -> B
        ({1: "90.00", 2: "6.00", 3: "4.00"}, {1: "A", 2: "B", 3: "C"}),
        # zero, negative (only credit notes) and positive
        ({1: "0.00", 2: "-20.00", 3: "100.00"}, {1: "C", 2: "C", 3: "A"}),
        # everybody zero or negative: nothing to rank
        ({1: "0.00", 2: "-1.00"}, {1: "C", 2: "C"}),
        # ties share the class of the first of them, whatever the ids
        ({1: "70.00", 2: "10.00", 3: "10.00", 4: "10.00"}, {1: "A", 2: "A", 3: "A", 4: "A"}),
        ({7: "40.00", 3: "40.00", 5: "20.00"}, {7: "A", 3: "A", 5: "B"}),
    ],
)
def test_size_classes(invoiced, expected):
    assert size_classes({cid: M(v) for cid, v in invoiced.items()}) == expected


def test_abc_split_sums():
    invoiced = {cid: M(cid * cid) for cid in range(1, 41)}  # all different
    total = sum(invoiced.values())
    classes = size_classes(invoiced)
    ranked = sorted(invoiced, key=lambda cid: -invoiced[cid])
    groups = {size: [cid for cid in ranked if classes[cid] == size] for size in "ABC"}
    assert ranked == groups["A"] + groups["B"] + groups["C"]
    a_sum = sum(invoiced[c] for c in groups["A"])
    ab_sum = a_sum + sum(invoiced[c] for c in groups["B"])
    # A reaches 80%, and without its smallest member it would not.
    assert a_sum >= M("0.8") * total > a_sum - invoiced[groups["A"][-1]]
    assert ab_sum >= M("0.95") * total > ab_sum - invoiced[groups["B"][-1]]
    assert len(groups["C"]) > 0
    custom = size_classes(invoiced, CategoryRules(size_a_share=M("0.5"), size_b_share=M("0.6")))
    assert sum(v == "A" for v in custom.values()) < len(groups["A"])


def test_customer_category():
    paid = paid_frame(("2024-01-31", "2024-03-15", "1000.00"))  # 44 days late
    invoicing = {1: (M("900.00"), 9), 2: (M("100.00"), 1), 3: (M("-50.00"), 0)}
    category = customer_category(paid, invoicing, 1)
    assert category == Category("badly", "A", M("44.0"), M("900.00"), 9)
    assert category.watch
    assert category.explanation_key == "wall.category.big_late"
    only_credit_notes = customer_category(paid_frame(), invoicing, 3)
    assert only_credit_notes == Category(None, "C", None, M("-50.00"), 0)
    assert not only_credit_notes.watch
    assert only_credit_notes.explanation_key == "wall.category.no_history"
    unknown = customer_category(paid_frame(), invoicing, 99)
    assert (unknown.size_class, unknown.invoiced_12m, unknown.invoice_count_12m) == ("C", 0, 0)


@pytest.mark.parametrize(
    ("payment", "size", "watch", "key"),
    [
        ("well", "A", False, "wall.category.big_good"),
        ("regular", "A", False, "wall.category.big_good"),
        ("badly", "A", True, "wall.category.big_late"),
        ("well", "B", False, "wall.category.small_good"),
        ("regular", "C", False, "wall.category.small_good"),
        ("badly", "B", False, "wall.category.small_late"),
        ("badly", "C", False, "wall.category.small_late"),
        (None, "A", False, "wall.category.no_history"),
    ],
)
def test_watch_and_explanations(payment, size, watch, key):
    category = Category(payment, size, None, ZERO, 0)
    assert category.watch is watch
    assert category.explanation_key == key
    assert key in CATALOG


# --------------------------------------------------------------------------- trend


@pytest.mark.parametrize(
    ("as_of", "months", "first", "last"),
    [
        ("2024-03-31", 12, "2023-04-01", "2024-03-01"),
        ("2024-03-31", 24, "2022-04-01", "2024-03-01"),
        ("2024-02-29", 12, "2023-03-01", "2024-02-01"),
        ("2024-01-15", 2, "2023-12-01", "2024-01-01"),
        ("2024-01-15", 1, "2024-01-01", "2024-01-01"),
    ],
)
def test_month_starts(as_of, months, first, last):
    starts = month_starts(D(as_of), months)
    assert (len(starts), starts[0], starts[-1]) == (months, D(first), D(last))
    assert all(s.day == 1 for s in starts) and starts == sorted(set(starts))


def test_month_starts_needs_a_month():
    with pytest.raises(ValueError):
        month_starts(AS_OF, 0)


@pytest.mark.parametrize(
    ("first", "as_of", "expected"),
    [
        ("2024-02-01", "2024-12-31", "2024-02-29"),  # leap year
        ("2023-02-01", "2023-12-31", "2023-02-28"),
        ("2100-02-01", "2100-12-31", "2100-02-28"),  # not a leap year
        ("2000-02-01", "2000-12-31", "2000-02-29"),  # a leap year
        ("2024-03-01", "2024-03-10", "2024-03-10"),  # partial current month
        ("2024-12-01", "2024-12-31", "2024-12-31"),
    ],
)
def test_month_end(first, as_of, expected):
    assert month_end(D(first), D(as_of)) == D(expected)


def column(frame: pd.DataFrame, name: str) -> list[object]:
    return frame[name].tolist()


def test_no_history_gives_twelve_zero_months():
    trend = monthly_trend(ledger(), as_of=AS_OF)
    assert list(trend.columns) == TREND_COLUMNS
    assert column(trend, "month") == month_starts(AS_OF, 12)
    for name in ("invoiced", "collected", "balance", "overdue", "paid"):
        assert column(trend, name) == [ZERO] * 12
    assert column(trend, "days_late") == [None] * 12
    assert len(monthly_trend(ledger(), as_of=AS_OF, months=24)) == 24


def test_only_credit_notes():
    trend = monthly_trend(ledger(cn(1, "2024-02-10", "50.00")), as_of=AS_OF)
    assert column(trend, "invoiced")[-3:] == [ZERO, M("-50.00"), ZERO]
    assert column(trend, "balance")[-3:] == [ZERO, M("-50.00"), M("-50.00")]
    assert column(trend, "collected") == [ZERO] * 12
    assert column(trend, "overdue") == [ZERO] * 12
    assert column(trend, "days_late") == [None] * 12


def test_month_ends_across_leap_day():
    rows = ledger(
        inv(1, "2024-01-15", "2024-02-28", "100.00"),  # overdue on Feb 29
        inv(2, "2024-01-15", "2024-02-29", "200.00"),  # due on Feb 29: not overdue then
        pay(1, "2024-03-05", "100.00", to=1),  # 2024-02-28 -> 03-05: 6 days late
    )
    trend = monthly_trend(rows, as_of=AS_OF)
    assert column(trend, "month")[-3:] == [D("2024-01-01"), D("2024-02-01"), D("2024-03-01")]
    # Jan 31: nothing due; Feb 29: F-1 100 overdue; Mar 31: F-1 paid, F-2 200 overdue.
    assert column(trend, "overdue")[-3:] == [ZERO, M("100.00"), M("200.00")]
    assert column(trend, "balance")[-3:] == [M("300.00"), M("300.00"), M("200.00")]
    assert column(trend, "days_late")[-3:] == [None, None, M("6.0")]
    assert column(trend, "paid")[-1] == M("100.00")


def test_partial_current_month_ignores_what_comes_after_as_of():
    rows = ledger(
        inv(1, "2024-02-01", "2024-03-07", "100.00"),
        inv(2, "2024-03-15", "2024-03-15", "40.00"),  # issued after as_of
        pay(1, "2024-03-08", "30.00"),
        pay(2, "2024-03-20", "70.00"),  # after as_of: settles F-1 on Mar 20
    )
    trend = monthly_trend(rows, as_of=D("2024-03-10"))
    last = trend.iloc[-1]
    assert last["month"] == D("2024-03-01")
    assert (last["invoiced"], last["collected"]) == (ZERO, M("30.00"))
    # Balance 100 - 30; overdue on Mar 10 (not Mar 31): F-1 due Mar 7 has 70 open.
    assert (last["balance"], last["overdue"]) == (M("70.00"), M("70.00"))
    assert last["days_late"] is None and last["paid"] == ZERO
    full = monthly_trend(rows, as_of=AS_OF).iloc[-1]
    # By Mar 31: F-1 paid on Mar 20 (13 days late), F-2 issued, due Mar 15, open.
    assert (full["invoiced"], full["collected"], full["balance"]) == (
        M("40.00"),
        M("100.00"),
        M("40.00"),
    )
    assert (full["overdue"], full["days_late"], full["paid"]) == (
        M("40.00"),
        M("13.0"),
        M("100.00"),
    )


def test_hand_worked_customer_like_factories_c1():
    # tests/factories.py, customer C1, as of 2024-03-31.
    rows = ledger(
        inv(1, "2024-01-01", "2024-01-31", "1000.00"),
        inv(2, "2024-02-01", "2024-03-02", "500.00"),
        inv(3, "2024-03-15", "2024-04-14", "250.00"),
        pay(1, "2024-02-10", "400.00", to=1),
        pay(2, "2024-03-20", "100.00"),
    )
    trend = monthly_trend(rows, as_of=AS_OF).iloc[-3:]
    assert column(trend, "invoiced") == [M("1000.00"), M("500.00"), M("250.00")]
    assert column(trend, "collected") == [ZERO, M("400.00"), M("100.00")]
    assert column(trend, "balance") == [M("1000.00"), M("1100.00"), M("1250.00")]
    assert column(trend, "overdue") == [ZERO, M("600.00"), M("1000.00")]


def test_history_before_the_window_and_unapplied_credit():
    rows = ledger(
        inv(1, "2022-01-10", "2022-02-09", "300.00"),  # before the 12 months
        pay(1, "2022-12-01", "500.00"),  # pays F-1 (298 days late), 200 left unapplied
        inv(2, "2024-01-10", "2024-02-09", "250.00"),  # takes the 200 on Jan 10
        pay(2, "2024-03-01", "50.00"),  # settles F-2: 21 days late
    )
    trend = monthly_trend(rows, as_of=AS_OF)
    assert column(trend, "balance")[0] == M("-200.00")  # 300 - 500, carried in
    assert column(trend, "balance")[-3:] == [M("50.00"), M("50.00"), ZERO]
    assert column(trend, "overdue")[-3:] == [ZERO, M("50.00"), ZERO]
    assert column(trend, "days_late")[-3:] == [None, None, M("21.0")]
    assert column(trend, "paid")[-1] == M("250.00")
    assert column(trend, "days_late")[:-1] == [None] * 11  # F-1 settled before the window


def test_days_late_is_weighted_within_a_month():
    rows = ledger(
        inv(1, "2024-01-01", "2024-01-31", "1000.00"),
        inv(2, "2024-01-15", "2024-02-14", "500.00"),
        pay(1, "2024-02-10", "1000.00", to=1),  # 10 days late
        pay(2, "2024-02-14", "500.00", to=2),  # on time
    )
    trend = monthly_trend(rows, as_of=AS_OF)
    # (1000 x 10 + 500 x 0) / 1500 = 6.666... -> 6.7
    assert column(trend, "days_late")[-2] == M("6.7")
    assert column(trend, "paid")[-2] == M("1500.00")


def test_settlement_dates_as_of():
    rows = ledger(
        inv(1, "2024-01-01", "2024-01-31", "100.00"),
        pay(1, "2024-02-01", "60.00"),
        pay(2, "2024-03-01", "40.00"),
    )
    assert settlement_dates(rows.charges, rows.allocations, D("2024-02-29")) == {}
    assert settlement_dates(rows.charges, rows.allocations, AS_OF) == {1: D("2024-03-01")}


# --------------------------------------------------------------------------- verdict


def trend_of(
    balances: list[str], days: list[str | None], overdue: list[str] | None = None
) -> pd.DataFrame:
    """A trend frame: every month paid 100.00 of invoices when it has days late."""
    months = month_starts(AS_OF, len(balances))
    overdue = overdue or ["0.00"] * len(balances)
    return pd.DataFrame(
        {
            "month": months,
            "invoiced": [ZERO] * len(months),
            "collected": [ZERO] * len(months),
            "balance": [M(b) for b in balances],
            "overdue": [M(o) for o in overdue],
            "days_late": [None if d is None else M(d) for d in days],
            "paid": [ZERO if d is None else M("100.00") for d in days],
        },
        columns=TREND_COLUMNS,
    )


def halves(then: str, now: str, n: int = 6) -> list[str]:
    return [then] * n + [now] * n


@pytest.mark.parametrize(
    ("balances", "days", "overdue", "key"),
    [
        # nothing at all, or nothing in the first half
        (halves("0", "0"), halves(None, None), None, "no_history"),
        (halves("0", "500"), halves(None, "10"), None, "no_history"),
        # balance 1000 -> 1200 (+20%), days 10 -> 20 (+10)
        (halves("1000", "1200"), halves("10", "20"), None, "worse"),
        # +10% exactly is not "more than 10%": only paying later
        (halves("1000", "1100"), halves("10", "20"), None, "slower"),
        # +5 days exactly is not "more than 5": only borrowing more
        (halves("1000", "1200"), halves("10", "15"), None, "more_credit"),
        # days 30 -> 10 and overdue share 50% -> 10%
        (halves("1000", "1000"), halves("30", "10"), halves("500", "100"), "better"),
        # days 30 -> 10 and nothing overdue in either half
        (halves("1000", "1000"), halves("30", "10"), None, "better"),
        # days 30 -> 10 but the overdue share rises 10% -> 50%
        (halves("1000", "1000"), halves("30", "10"), halves("100", "500"), "stable"),
        # days 30 -> 24.9 is 5.1 faster: more than 5
        (halves("1000", "1000"), halves("30", "24.9"), None, "better"),
        # nothing paid lately: days cannot be compared; balance doubled
        (halves("1000", "2000"), halves("10", None), None, "more_credit"),
        # from a credit balance to owing is borrowing more
        (halves("-100", "50"), halves("10", "10"), None, "more_credit"),
        (halves("1000", "1050"), halves("10", "12"), None, "stable"),
    ],
)
def test_verdict_cases(balances, days, overdue, key):
    verdict = trend_verdict(trend_of(balances, days, overdue))
    assert verdict.key == f"wall.verdict.{key}"


def test_verdict_params_and_weighting():
    frame = trend_of(halves("1000", "1300"), halves("10", "20"))
    # First half: one month 90 days late on 300.00 paid, five 10 days on 100.00 each:
    # (300 x 90 + 500 x 10) / 800 = 40.0 days; second half 20.0 -> faster, not later.
    frame.loc[0, "days_late"] = M("90")
    frame.loc[0, "paid"] = M("300.00")
    verdict = trend_verdict(frame)
    assert verdict.params["days_then"] == M("40.0")
    assert verdict.params["days_now"] == M("20.0")
    assert verdict.params["months"] == 6
    assert verdict.params["balance_then"] == M("1000.00")
    assert verdict.params["balance_now"] == M("1300.00")
    assert verdict.key == "wall.verdict.better"


def test_verdict_over_24_months_compares_12_with_12():
    balances = ["0"] * 6 + ["1000"] * 6 + ["1500"] * 12
    days = [None] * 6 + ["5"] * 6 + ["20"] * 12
    verdict = trend_verdict(trend_of(balances, days))
    # first half: 6 empty months then 6 at 1000 -> average 500; second half 1500
    assert verdict.params["months"] == 12
    assert verdict.params["balance_then"] == M("500.00")
    assert verdict.params["days_then"] == M("5.0")
    assert verdict.key == "wall.verdict.worse"


def test_verdict_thresholds_are_configurable():
    frame = trend_of(halves("1000", "1050"), halves("10", "12"))
    assert trend_verdict(frame).key == "wall.verdict.stable"
    loose = VerdictRules(balance_up=M("0.01"), days_change=M("1"))
    assert trend_verdict(frame, rules=loose).key == "wall.verdict.worse"


def test_verdict_of_a_real_trend_and_of_nothing():
    assert trend_verdict(monthly_trend(ledger(), as_of=AS_OF)).key == "wall.verdict.no_history"
    empty = pd.DataFrame(columns=TREND_COLUMNS)
    assert trend_verdict(empty) == Verdict("wall.verdict.no_history", {"months": 0})
    rows = ledger(
        inv(1, "2023-04-01", "2023-05-01", "100.00"),
        pay(1, "2023-05-01", "100.00"),
        inv(2, "2023-11-01", "2023-12-01", "100.00"),
        pay(2, "2024-01-15", "100.00"),  # 45 days late
    )
    verdict = trend_verdict(monthly_trend(rows, as_of=AS_OF))
    # Month-end balances Apr..Sep 2023: 100, 0, 0, 0, 0, 0 -> average 16.67;
    # Oct 2023..Mar 2024: 0, 100, 100, 0, 0, 0 -> 33.33 (+100%). Days late 0 -> 45.
    assert verdict.params["balance_then"] == M("16.67")
    assert verdict.params["balance_now"] == M("33.33")
    assert (verdict.params["days_then"], verdict.params["days_now"]) == (M("0.0"), M("45.0"))
    assert verdict.key == "wall.verdict.worse"


@pytest.mark.parametrize(
    "key", ["worse", "better", "slower", "more_credit", "stable", "no_history"]
)
def test_every_verdict_text_exists_and_takes_the_params(key):
    params = {
        "months": 6,
        "balance_then": "$1,000.00",
        "balance_now": "$1,200.00",
        "days_then": "10.0",
        "days_now": "20.0",
        "overdue_share_then": "10.0%",
        "overdue_share_now": "5.0%",
    }
    for language in ("en", "es"):
        text = translate(f"wall.verdict.{key}", language, **params)
        assert not re.search(r"{\w+}", text)
