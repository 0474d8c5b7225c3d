"""Table tests for the pure ledger rules in :mod:`data_access.ledger`.

Every case is a small customer ledger with hand-worked expected numbers. Notation:

* ``inv(1, "2024-01-10", "2024-02-09", "100.00")`` is charge id 1 issued on
  2024-01-10, due 2024-02-09; its number is ``F-001`` unless given.
* ``pay(1, ...)`` is payment id 1, written ``"P1"`` in the expectations;
  ``cn(11, ...)`` is credit note id 11, written ``"N11"``. ``to=`` is the charge
  the credit names (``applies_to``).
* An expected allocation is ``(credit, charge id, amount, effective date)``.
* ``as_of`` maps a date to ``(open amount per charge, unapplied credit, balance)``
  where balance = open charge amounts - unapplied credit.

Money is always a string turned into ``Decimal``; no float appears anywhere.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal

import pytest

from data_access.ledger import (
    Allocation,
    Charge,
    Credit,
    LedgerState,
    allocate,
    open_as_of,
    unapplied_as_of,
)

D = Decimal
ZERO = D("0.00")
FAR_FUTURE = dt.date(2099, 12, 31)

SOURCE_PREFIX = {"payment": "P", "credit_note": "N"}


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def inv(id_: int, issue: str, due: str, amount: str, number: str | None = None) -> Charge:
    return Charge(id_, number or f"F-{id_:03d}", day(issue), day(due), D(amount))


def pay(id_: int, date: str, amount: str, to: int | None = None, key: str | None = None) -> Credit:
    return Credit("payment", id_, day(date), D(amount), to, key or f"R-{id_:03d}")


def cn(id_: int, date: str, amount: str, to: int | None = None, key: str | None = None) -> Credit:
    return Credit("credit_note", id_, day(date), D(amount), to, key or f"NC-{id_:03d}")


def label(source: str, source_id: int) -> str:
    return f"{SOURCE_PREFIX[source]}{source_id}"


AsOf = tuple[dict[int, str], str, str]


@dataclass(frozen=True)
class Case:
    name: str
    charges: list[Charge]
    credits: list[Credit]
    allocations: list[tuple[str, int, str, str]]
    open: dict[int, str]
    settled: dict[int, str | None]
    unapplied: dict[str, str]
    as_of: dict[str, AsOf] = field(default_factory=dict)


CASES: list[Case] = [
    Case(
        "no_credits",
        charges=[inv(1, "2024-01-10", "2024-02-09", "100.00")],
        credits=[],
        allocations=[],
        open={1: "100.00"},
        settled={1: None},
        unapplied={},
        as_of={
            "2024-01-09": ({1: "0.00"}, "0.00", "0.00"),
            "2024-01-10": ({1: "100.00"}, "0.00", "100.00"),
            "2024-12-31": ({1: "100.00"}, "0.00", "100.00"),
        },
    ),
    Case(
        "one_full_payment",
        charges=[inv(1, "2024-01-10", "2024-02-09", "100.00")],
        credits=[pay(1, "2024-02-01", "100.00", to=1)],
        allocations=[("P1", 1, "100.00", "2024-02-01")],
        open={1: "0.00"},
        settled={1: "2024-02-01"},
        unapplied={"P1": "0.00"},
        as_of={
            # The payment is dated after the as-of date: it does not count yet.
            "2024-01-31": ({1: "100.00"}, "0.00", "100.00"),
            "2024-02-01": ({1: "0.00"}, "0.00", "0.00"),
        },
    ),
    Case(
        "two_instalments",
        charges=[inv(1, "2024-01-10", "2024-02-09", "250.00")],
        credits=[pay(1, "2024-01-20", "100.00"), pay(2, "2024-02-15", "150.00", to=1)],
        allocations=[("P1", 1, "100.00", "2024-01-20"), ("P2", 1, "150.00", "2024-02-15")],
        open={1: "0.00"},
        settled={1: "2024-02-15"},
        unapplied={"P1": "0.00", "P2": "0.00"},
        as_of={
            "2024-01-19": ({1: "250.00"}, "0.00", "250.00"),
            "2024-01-20": ({1: "150.00"}, "0.00", "150.00"),
            "2024-02-14": ({1: "150.00"}, "0.00", "150.00"),
            "2024-02-15": ({1: "0.00"}, "0.00", "0.00"),
        },
    ),
    Case(
        # Issued oldest first, but due newest first: FIFO follows the due date.
        "fifo_by_due_date",
        charges=[
            inv(1, "2024-01-05", "2024-03-05", "100.00"),
            inv(2, "2024-01-10", "2024-02-10", "200.00"),
            inv(3, "2024-01-15", "2024-01-30", "300.00"),
        ],
        credits=[pay(1, "2024-02-01", "450.00")],
        allocations=[("P1", 3, "300.00", "2024-02-01"), ("P1", 2, "150.00", "2024-02-01")],
        open={1: "100.00", 2: "50.00", 3: "0.00"},
        settled={1: None, 2: None, 3: "2024-02-01"},
        unapplied={"P1": "0.00"},
        as_of={
            "2024-01-31": ({1: "100.00", 2: "200.00", 3: "300.00"}, "0.00", "600.00"),
            "2024-02-01": ({1: "100.00", 2: "50.00", 3: "0.00"}, "0.00", "150.00"),
        },
    ),
    Case(
        "fifo_due_tie_broken_by_issue_date",
        charges=[
            inv(1, "2024-01-10", "2024-02-15", "100.00", number="F-001"),
            inv(2, "2024-01-05", "2024-02-15", "100.00", number="F-002"),
        ],
        credits=[pay(1, "2024-02-01", "150.00")],
        allocations=[("P1", 2, "100.00", "2024-02-01"), ("P1", 1, "50.00", "2024-02-01")],
        open={1: "50.00", 2: "0.00"},
        settled={1: None, 2: "2024-02-01"},
        unapplied={"P1": "0.00"},
    ),
    Case(
        # Same due and issue date: the number decides, not the id.
        "fifo_due_and_issue_tie_broken_by_number",
        charges=[
            inv(1, "2024-01-05", "2024-02-15", "100.00", number="F-002"),
            inv(2, "2024-01-05", "2024-02-15", "100.00", number="F-001"),
        ],
        credits=[pay(1, "2024-02-01", "150.00")],
        allocations=[("P1", 2, "100.00", "2024-02-01"), ("P1", 1, "50.00", "2024-02-01")],
        open={1: "50.00", 2: "0.00"},
        settled={1: None, 2: "2024-02-01"},
        unapplied={"P1": "0.00"},
    ),
    Case(
        "named_invoice_excess_goes_fifo",
        charges=[
            inv(1, "2024-01-05", "2024-01-20", "100.00"),
            inv(2, "2024-01-10", "2024-02-10", "200.00"),
            inv(3, "2024-01-15", "2024-03-15", "300.00"),
        ],
        credits=[pay(1, "2024-02-01", "450.00", to=3)],
        allocations=[
            ("P1", 3, "300.00", "2024-02-01"),
            ("P1", 1, "100.00", "2024-02-01"),
            ("P1", 2, "50.00", "2024-02-01"),
        ],
        open={1: "0.00", 2: "150.00", 3: "0.00"},
        settled={1: "2024-02-01", 2: None, 3: "2024-02-01"},
        unapplied={"P1": "0.00"},
    ),
    Case(
        "named_invoice_already_paid_goes_fifo",
        charges=[
            inv(1, "2024-01-05", "2024-01-20", "100.00"),
            inv(2, "2024-01-10", "2024-02-10", "200.00"),
        ],
        credits=[pay(1, "2024-01-25", "100.00", to=1), pay(2, "2024-02-01", "80.00", to=1)],
        allocations=[("P1", 1, "100.00", "2024-01-25"), ("P2", 2, "80.00", "2024-02-01")],
        open={1: "0.00", 2: "120.00"},
        settled={1: "2024-01-25", 2: None},
        unapplied={"P1": "0.00", "P2": "0.00"},
    ),
    Case(
        "named_invoice_only_up_to_its_open_amount",
        charges=[
            inv(1, "2024-01-05", "2024-01-20", "100.00"),
            inv(2, "2024-01-10", "2024-02-10", "200.00"),
        ],
        credits=[pay(1, "2024-01-25", "60.00", to=1), pay(2, "2024-02-01", "80.00", to=1)],
        allocations=[
            ("P1", 1, "60.00", "2024-01-25"),
            ("P2", 1, "40.00", "2024-02-01"),
            ("P2", 2, "40.00", "2024-02-01"),
        ],
        open={1: "0.00", 2: "160.00"},
        settled={1: "2024-02-01", 2: None},
        unapplied={"P1": "0.00", "P2": "0.00"},
    ),
    Case(
        # A named charge that is not this customer's is ignored: plain FIFO.
        "named_unknown_charge_goes_fifo",
        charges=[
            inv(1, "2024-01-05", "2024-02-04", "100.00"),
            inv(2, "2024-01-06", "2024-01-21", "100.00"),
        ],
        credits=[pay(1, "2024-02-01", "150.00", to=99)],
        allocations=[("P1", 2, "100.00", "2024-02-01"), ("P1", 1, "50.00", "2024-02-01")],
        open={1: "50.00", 2: "0.00"},
        settled={1: None, 2: "2024-02-01"},
        unapplied={"P1": "0.00"},
    ),
    Case(
        "credit_note_applied_to_its_invoice",
        charges=[
            inv(1, "2024-01-05", "2024-01-20", "100.00"),
            inv(2, "2024-01-10", "2024-02-10", "200.00"),
        ],
        credits=[cn(11, "2024-01-15", "60.00", to=2)],
        allocations=[("N11", 2, "60.00", "2024-01-15")],
        open={1: "100.00", 2: "140.00"},
        settled={1: None, 2: None},
        unapplied={"N11": "0.00"},
        as_of={
            "2024-01-14": ({1: "100.00", 2: "200.00"}, "0.00", "300.00"),
            "2024-01-15": ({1: "100.00", 2: "140.00"}, "0.00", "240.00"),
        },
    ),
    Case(
        "credit_note_excess_goes_fifo",
        charges=[
            inv(1, "2024-01-05", "2024-01-20", "100.00"),
            inv(2, "2024-01-10", "2024-02-10", "200.00"),
        ],
        credits=[cn(11, "2024-01-15", "250.00", to=2)],
        allocations=[("N11", 2, "200.00", "2024-01-15"), ("N11", 1, "50.00", "2024-01-15")],
        open={1: "50.00", 2: "0.00"},
        settled={1: None, 2: "2024-01-15"},
        unapplied={"N11": "0.00"},
    ),
    Case(
        "credit_note_naming_none_goes_fifo",
        charges=[
            inv(1, "2024-01-05", "2024-02-20", "100.00"),
            inv(2, "2024-01-10", "2024-02-10", "200.00"),
        ],
        credits=[cn(11, "2024-01-15", "30.00")],
        allocations=[("N11", 2, "30.00", "2024-01-15")],
        open={1: "100.00", 2: "170.00"},
        settled={1: None, 2: None},
        unapplied={"N11": "0.00"},
    ),
    Case(
        "overpayment_leaves_unapplied_credit",
        charges=[inv(1, "2024-01-05", "2024-02-04", "100.00")],
        credits=[pay(1, "2024-01-20", "130.00")],
        allocations=[("P1", 1, "100.00", "2024-01-20")],
        open={1: "0.00"},
        settled={1: "2024-01-20"},
        unapplied={"P1": "30.00"},
        as_of={
            "2024-01-19": ({1: "100.00"}, "0.00", "100.00"),
            "2024-01-20": ({1: "0.00"}, "30.00", "-30.00"),
            "2024-12-31": ({1: "0.00"}, "30.00", "-30.00"),
        },
    ),
    Case(
        "unapplied_credit_applied_to_new_invoice_on_its_issue_date",
        charges=[
            inv(1, "2024-01-05", "2024-02-04", "100.00"),
            inv(2, "2024-03-01", "2024-03-31", "50.00"),
        ],
        credits=[pay(1, "2024-01-20", "130.00")],
        allocations=[("P1", 1, "100.00", "2024-01-20"), ("P1", 2, "30.00", "2024-03-01")],
        open={1: "0.00", 2: "20.00"},
        settled={1: "2024-01-20", 2: None},
        unapplied={"P1": "0.00"},
        as_of={
            "2024-02-29": ({1: "0.00", 2: "0.00"}, "30.00", "-30.00"),
            "2024-03-01": ({1: "0.00", 2: "20.00"}, "0.00", "20.00"),
        },
    ),
    Case(
        "several_unapplied_credits_used_oldest_first",
        charges=[inv(1, "2024-01-15", "2024-02-14", "60.00")],
        credits=[pay(1, "2024-01-10", "50.00"), pay(2, "2024-01-12", "30.00")],
        allocations=[("P1", 1, "50.00", "2024-01-15"), ("P2", 1, "10.00", "2024-01-15")],
        open={1: "0.00"},
        settled={1: "2024-01-15"},
        unapplied={"P1": "0.00", "P2": "20.00"},
        as_of={
            "2024-01-09": ({1: "0.00"}, "0.00", "0.00"),
            "2024-01-10": ({1: "0.00"}, "50.00", "-50.00"),
            "2024-01-12": ({1: "0.00"}, "80.00", "-80.00"),
            "2024-01-15": ({1: "0.00"}, "20.00", "-20.00"),
        },
    ),
    Case(
        # Before 03-15 the invoice does not exist: open 0 and the payment is unapplied.
        "invoice_issued_after_as_of_does_not_exist_yet",
        charges=[inv(1, "2024-03-15", "2024-04-14", "200.00")],
        credits=[pay(1, "2024-03-01", "200.00")],
        allocations=[("P1", 1, "200.00", "2024-03-15")],
        open={1: "0.00"},
        settled={1: "2024-03-15"},
        unapplied={"P1": "0.00"},
        as_of={
            "2024-02-29": ({1: "0.00"}, "0.00", "0.00"),
            "2024-03-01": ({1: "0.00"}, "200.00", "-200.00"),
            "2024-03-14": ({1: "0.00"}, "200.00", "-200.00"),
            "2024-03-15": ({1: "0.00"}, "0.00", "0.00"),
        },
    ),
    Case(
        "payment_on_the_issue_day",
        charges=[inv(1, "2024-01-10", "2024-02-09", "100.00")],
        credits=[pay(1, "2024-01-10", "60.00")],
        allocations=[("P1", 1, "60.00", "2024-01-10")],
        open={1: "40.00"},
        settled={1: None},
        unapplied={"P1": "0.00"},
        as_of={
            "2024-01-09": ({1: "0.00"}, "0.00", "0.00"),
            "2024-01-10": ({1: "40.00"}, "0.00", "40.00"),
        },
    ),
    Case(
        "named_payment_on_the_issue_day",
        charges=[
            inv(1, "2024-01-01", "2024-01-05", "100.00"),
            inv(2, "2024-01-10", "2024-02-09", "100.00"),
        ],
        credits=[pay(1, "2024-01-10", "100.00", to=2)],
        allocations=[("P1", 2, "100.00", "2024-01-10")],
        open={1: "100.00", 2: "0.00"},
        settled={1: None, 2: "2024-01-10"},
        unapplied={"P1": "0.00"},
    ),
    Case(
        "payment_on_the_due_date_pays_the_invoice_due_today",
        charges=[
            inv(1, "2024-01-01", "2024-01-31", "100.00"),
            inv(2, "2024-01-15", "2024-02-14", "100.00"),
        ],
        credits=[pay(1, "2024-01-31", "100.00")],
        allocations=[("P1", 1, "100.00", "2024-01-31")],
        open={1: "0.00", 2: "100.00"},
        settled={1: "2024-01-31", 2: None},
        unapplied={"P1": "0.00"},
    ),
    Case(
        "due_on_issue_day",
        charges=[
            inv(1, "2024-01-01", "2024-01-20", "100.00"),
            inv(2, "2024-01-10", "2024-01-10", "100.00"),
        ],
        credits=[pay(1, "2024-01-10", "100.00")],
        allocations=[("P1", 2, "100.00", "2024-01-10")],
        open={1: "100.00", 2: "0.00"},
        settled={1: None, 2: "2024-01-10"},
        unapplied={"P1": "0.00"},
    ),
    Case(
        "cent_residual_stays_open",
        charges=[inv(1, "2024-01-05", "2024-02-04", "100.00")],
        credits=[pay(1, "2024-01-20", "99.99", to=1)],
        allocations=[("P1", 1, "99.99", "2024-01-20")],
        open={1: "0.01"},
        settled={1: None},
        unapplied={"P1": "0.00"},
        as_of={"2024-01-20": ({1: "0.01"}, "0.00", "0.01")},
    ),
    Case(
        "cent_residual_paid_later",
        charges=[inv(1, "2024-01-05", "2024-02-04", "100.00")],
        credits=[pay(1, "2024-01-20", "99.99", to=1), pay(2, "2024-03-01", "0.01")],
        allocations=[("P1", 1, "99.99", "2024-01-20"), ("P2", 1, "0.01", "2024-03-01")],
        open={1: "0.00"},
        settled={1: "2024-03-01"},
        unapplied={"P1": "0.00", "P2": "0.00"},
        as_of={
            "2024-02-29": ({1: "0.01"}, "0.00", "0.01"),
            "2024-03-01": ({1: "0.00"}, "0.00", "0.00"),
        },
    ),
    Case(
        "cent_overpayment_is_unapplied_credit",
        charges=[inv(1, "2024-01-05", "2024-02-04", "100.00")],
        credits=[pay(1, "2024-01-20", "100.01", to=1)],
        allocations=[("P1", 1, "100.00", "2024-01-20")],
        open={1: "0.00"},
        settled={1: "2024-01-20"},
        unapplied={"P1": "0.01"},
        as_of={"2024-01-20": ({1: "0.00"}, "0.01", "-0.01")},
    ),
    Case(
        "leap_day",
        charges=[inv(1, "2024-02-29", "2024-03-30", "100.00")],
        credits=[pay(1, "2024-02-28", "40.00"), pay(2, "2024-02-29", "60.00", to=1)],
        allocations=[("P1", 1, "40.00", "2024-02-29"), ("P2", 1, "60.00", "2024-02-29")],
        open={1: "0.00"},
        settled={1: "2024-02-29"},
        unapplied={"P1": "0.00", "P2": "0.00"},
        as_of={
            "2024-02-28": ({1: "0.00"}, "40.00", "-40.00"),
            "2024-02-29": ({1: "0.00"}, "0.00", "0.00"),
            "2024-03-01": ({1: "0.00"}, "0.00", "0.00"),
        },
    ),
    Case(
        "month_and_year_ends",
        charges=[
            inv(1, "2024-01-31", "2024-02-29", "100.00"),
            inv(2, "2024-02-29", "2024-03-31", "100.00"),
            inv(3, "2024-03-31", "2024-04-30", "100.00"),
        ],
        credits=[pay(1, "2023-12-31", "30.00"), pay(2, "2024-04-30", "250.00")],
        allocations=[
            ("P1", 1, "30.00", "2024-01-31"),
            ("P2", 1, "70.00", "2024-04-30"),
            ("P2", 2, "100.00", "2024-04-30"),
            ("P2", 3, "80.00", "2024-04-30"),
        ],
        open={1: "0.00", 2: "0.00", 3: "20.00"},
        settled={1: "2024-04-30", 2: "2024-04-30", 3: None},
        unapplied={"P1": "0.00", "P2": "0.00"},
        as_of={
            "2023-12-31": ({1: "0.00", 2: "0.00", 3: "0.00"}, "30.00", "-30.00"),
            "2024-01-30": ({1: "0.00", 2: "0.00", 3: "0.00"}, "30.00", "-30.00"),
            "2024-01-31": ({1: "70.00", 2: "0.00", 3: "0.00"}, "0.00", "70.00"),
            "2024-02-29": ({1: "70.00", 2: "100.00", 3: "0.00"}, "0.00", "170.00"),
            "2024-03-31": ({1: "70.00", 2: "100.00", 3: "100.00"}, "0.00", "270.00"),
            "2024-04-30": ({1: "0.00", 2: "0.00", 3: "20.00"}, "0.00", "20.00"),
        },
    ),
    Case(
        # The payment waits for invoice 2 (it does not pay the open invoice 1 meanwhile)
        # and is applied on invoice 2's issue date; the excess then goes FIFO.
        "named_invoice_issued_after_the_payment_is_reserved",
        charges=[
            inv(1, "2024-01-05", "2024-02-04", "100.00"),
            inv(2, "2024-02-01", "2024-03-02", "120.00"),
        ],
        credits=[pay(1, "2024-01-20", "150.00", to=2)],
        allocations=[("P1", 2, "120.00", "2024-02-01"), ("P1", 1, "30.00", "2024-02-01")],
        open={1: "70.00", 2: "0.00"},
        settled={1: None, 2: "2024-02-01"},
        unapplied={"P1": "0.00"},
        as_of={
            "2024-01-20": ({1: "100.00", 2: "0.00"}, "150.00", "-50.00"),
            "2024-01-31": ({1: "100.00", 2: "0.00"}, "150.00", "-50.00"),
            "2024-02-01": ({1: "70.00", 2: "0.00"}, "0.00", "70.00"),
        },
    ),
    Case(
        "reserved_credit_note_and_later_invoice_in_between",
        charges=[
            inv(1, "2024-01-25", "2024-02-24", "100.00"),
            inv(2, "2024-02-01", "2024-03-02", "50.00"),
        ],
        credits=[cn(11, "2024-01-20", "40.00", to=2)],
        allocations=[("N11", 2, "40.00", "2024-02-01")],
        open={1: "100.00", 2: "10.00"},
        settled={1: None, 2: None},
        unapplied={"N11": "0.00"},
        as_of={
            "2024-01-25": ({1: "100.00", 2: "0.00"}, "40.00", "60.00"),
            "2024-02-01": ({1: "100.00", 2: "10.00"}, "0.00", "110.00"),
        },
    ),
    Case(
        "settled_on_is_the_last_allocation",
        charges=[inv(1, "2024-01-05", "2024-02-04", "300.00")],
        credits=[
            pay(1, "2024-01-10", "100.00"),
            cn(11, "2024-01-20", "50.00", to=1),
            pay(2, "2024-02-10", "150.00", to=1),
        ],
        allocations=[
            ("P1", 1, "100.00", "2024-01-10"),
            ("N11", 1, "50.00", "2024-01-20"),
            ("P2", 1, "150.00", "2024-02-10"),
        ],
        open={1: "0.00"},
        settled={1: "2024-02-10"},
        unapplied={"P1": "0.00", "N11": "0.00", "P2": "0.00"},
        as_of={
            "2024-01-10": ({1: "200.00"}, "0.00", "200.00"),
            "2024-01-20": ({1: "150.00"}, "0.00", "150.00"),
            "2024-02-09": ({1: "150.00"}, "0.00", "150.00"),
            "2024-02-10": ({1: "0.00"}, "0.00", "0.00"),
        },
    ),
    Case(
        # allocate(): "Credits of one day go in the order payments before credit notes".
        "same_day_payment_goes_before_credit_note",
        charges=[inv(1, "2024-01-05", "2024-01-20", "100.00")],
        credits=[cn(11, "2024-02-01", "60.00", to=1), pay(1, "2024-02-01", "100.00")],
        allocations=[("P1", 1, "100.00", "2024-02-01")],
        open={1: "0.00"},
        settled={1: "2024-02-01"},
        unapplied={"P1": "0.00", "N11": "60.00"},
    ),
    Case(
        "same_day_payment_before_credit_note_two_invoices",
        charges=[
            inv(1, "2024-01-05", "2024-01-20", "100.00"),
            inv(2, "2024-01-05", "2024-02-20", "100.00"),
        ],
        credits=[cn(11, "2024-02-01", "100.00", to=1), pay(1, "2024-02-01", "100.00")],
        allocations=[("P1", 1, "100.00", "2024-02-01"), ("N11", 2, "100.00", "2024-02-01")],
        open={1: "0.00", 2: "0.00"},
        settled={1: "2024-02-01", 2: "2024-02-01"},
        unapplied={"P1": "0.00", "N11": "0.00"},
    ),
    Case(
        "same_day_payments_ordered_by_key",
        charges=[inv(1, "2024-01-05", "2024-01-20", "100.00")],
        credits=[
            pay(1, "2024-02-01", "80.00", key="R-2"),
            pay(2, "2024-02-01", "50.00", key="R-1"),
        ],
        allocations=[("P2", 1, "50.00", "2024-02-01"), ("P1", 1, "50.00", "2024-02-01")],
        open={1: "0.00"},
        settled={1: "2024-02-01"},
        unapplied={"P1": "30.00", "P2": "0.00"},
    ),
    Case(
        # Reference: a payment received on the day both invoices are issued pays the one
        # due first, whatever the numbers.
        "same_day_charges_payment_that_day_pays_oldest_due",
        charges=[
            inv(1, "2024-01-10", "2024-02-28", "100.00", number="F-001"),
            inv(2, "2024-01-10", "2024-01-20", "100.00", number="F-002"),
        ],
        credits=[pay(1, "2024-01-10", "100.00")],
        allocations=[("P1", 2, "100.00", "2024-01-10")],
        open={1: "100.00", 2: "0.00"},
        settled={1: None, 2: "2024-01-10"},
        unapplied={"P1": "0.00"},
    ),
    Case(
        # Same as above with the payment a few days earlier: the unapplied credit meets
        # both invoices on 01-10 and must also pay the one due first (not the lower number).
        "same_day_charges_unapplied_credit_pays_oldest_due",
        charges=[
            inv(1, "2024-01-10", "2024-02-28", "100.00", number="F-001"),
            inv(2, "2024-01-10", "2024-01-20", "100.00", number="F-002"),
        ],
        credits=[pay(1, "2024-01-01", "100.00")],
        allocations=[("P1", 2, "100.00", "2024-01-10")],
        open={1: "100.00", 2: "0.00"},
        settled={1: None, 2: "2024-01-10"},
        unapplied={"P1": "0.00"},
        as_of={
            "2024-01-09": ({1: "0.00", 2: "0.00"}, "100.00", "-100.00"),
            "2024-01-10": ({1: "100.00", 2: "0.00"}, "0.00", "100.00"),
        },
    ),
    Case(
        # The reserved payment's excess on 01-10 goes FIFO over every charge that exists
        # that day: invoice 2 (due 01-12) before invoice 3 (due 01-15).
        "same_day_charges_reserved_excess_pays_oldest_due",
        charges=[
            inv(3, "2024-01-02", "2024-01-15", "100.00", number="F-000"),
            inv(1, "2024-01-10", "2024-02-28", "100.00", number="F-001"),
            inv(2, "2024-01-10", "2024-01-12", "100.00", number="F-002"),
        ],
        credits=[pay(1, "2024-01-05", "150.00", to=1)],
        allocations=[("P1", 1, "100.00", "2024-01-10"), ("P1", 2, "50.00", "2024-01-10")],
        open={1: "0.00", 2: "50.00", 3: "100.00"},
        settled={1: "2024-01-10", 2: None, 3: None},
        unapplied={"P1": "0.00"},
        as_of={
            "2024-01-09": ({1: "0.00", 2: "0.00", 3: "100.00"}, "150.00", "-50.00"),
            "2024-01-10": ({1: "0.00", 2: "50.00", 3: "100.00"}, "0.00", "150.00"),
        },
    ),
]

CASE_PARAMS = [pytest.param(case, id=case.name) for case in CASES]

AS_OF_PARAMS = [
    pytest.param(case, as_of, expected, id=f"{case.name}@{as_of}")
    for case in CASES
    for as_of, expected in case.as_of.items()
]


def allocation_rows(state: LedgerState) -> list[tuple[str, int, Decimal, dt.date]]:
    return sorted(
        (label(a.source, a.source_id), a.charge_id, a.amount, a.effective_date)
        for a in state.allocations
    )


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_allocate(case: Case) -> None:
    state = allocate(case.charges, case.credits)
    assert allocation_rows(state) == sorted(
        (credit, charge, D(amount), day(on)) for credit, charge, amount, on in case.allocations
    )
    assert state.open_amounts == {k: D(v) for k, v in case.open.items()}
    assert state.settled_on == {k: v and day(v) for k, v in case.settled.items()}
    assert {label(*k): v for k, v in state.unapplied.items()} == {
        k: D(v) for k, v in case.unapplied.items()
    }


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_allocate_invariants(case: Case) -> None:
    check_invariants(case.charges, case.credits, allocate(case.charges, case.credits))


@pytest.mark.parametrize(("case", "as_of", "expected"), AS_OF_PARAMS)
def test_as_of(case: Case, as_of: str, expected: AsOf) -> None:
    opens, unapplied, balance = expected
    state = allocate(case.charges, case.credits)
    when = day(as_of)
    actual_open = {c.id: open_as_of(c, state.allocations, when) for c in case.charges}
    actual_unapplied = unapplied_as_of(case.credits, state.allocations, when)
    assert actual_open == {k: D(v) for k, v in opens.items()}
    assert actual_unapplied == D(unapplied)
    assert sum(actual_open.values(), ZERO) - actual_unapplied == D(balance)


# open_as_of / unapplied_as_of on their own, with hand-made allocations.

CHARGE = inv(1, "2024-01-10", "2024-02-09", "100.00")
CHARGE_ALLOCATIONS = [
    Allocation("payment", 1, 1, D("30.00"), day("2024-01-15")),
    Allocation("credit_note", 11, 1, D("49.99"), day("2024-02-01")),
    Allocation("payment", 3, 2, D("999.00"), day("2024-01-12")),  # another charge
]


@pytest.mark.parametrize(
    ("allocations", "as_of", "expected"),
    [
        pytest.param(CHARGE_ALLOCATIONS, "2024-01-09", "0.00", id="before_issue"),
        pytest.param(CHARGE_ALLOCATIONS, "2024-01-10", "100.00", id="issue_day"),
        pytest.param(CHARGE_ALLOCATIONS, "2024-01-14", "100.00", id="payment_tomorrow"),
        pytest.param(CHARGE_ALLOCATIONS, "2024-01-15", "70.00", id="payment_day"),
        pytest.param(CHARGE_ALLOCATIONS, "2024-01-31", "70.00", id="month_end"),
        pytest.param(CHARGE_ALLOCATIONS, "2024-02-01", "20.01", id="credit_note_day"),
        pytest.param(CHARGE_ALLOCATIONS, "2099-12-31", "20.01", id="far_future"),
        pytest.param([], "2024-02-29", "100.00", id="no_allocations"),
        pytest.param(
            [Allocation("payment", 1, 1, D("99.99"), day("2024-02-29"))],
            "2024-02-29",
            "0.01",
            id="cent_residual_leap_day",
        ),
    ],
)
def test_open_as_of(allocations: list[Allocation], as_of: str, expected: str) -> None:
    assert open_as_of(CHARGE, allocations, day(as_of)) == D(expected)


UNAPPLIED_CREDITS = [
    pay(1, "2024-01-10", "100.00"),
    cn(2, "2024-01-20", "50.00", to=7),
    pay(3, "2024-02-01", "25.00"),
]
UNAPPLIED_ALLOCATIONS = [
    Allocation("payment", 1, 7, D("60.00"), day("2024-01-10")),
    Allocation("credit_note", 2, 7, D("50.00"), day("2024-01-20")),
    # the rest of payment 1 meets an invoice issued on 01-25
    Allocation("payment", 1, 8, D("40.00"), day("2024-01-25")),
]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2024-01-09", "0.00"),
        ("2024-01-10", "40.00"),
        ("2024-01-19", "40.00"),
        ("2024-01-20", "40.00"),
        ("2024-01-24", "40.00"),
        ("2024-01-25", "0.00"),
        ("2024-01-31", "0.00"),
        ("2024-02-01", "25.00"),
        ("2099-12-31", "25.00"),
    ],
)
def test_unapplied_as_of(as_of: str, expected: str) -> None:
    assert unapplied_as_of(UNAPPLIED_CREDITS, UNAPPLIED_ALLOCATIONS, day(as_of)) == D(expected)


def test_as_of_helpers_with_nothing() -> None:
    assert unapplied_as_of([], [], day("2024-01-01")) == ZERO
    assert allocate([], []) == LedgerState()


# Invariants, checked on every table case and on random ledgers.


def interesting_dates(charges: Sequence[Charge], credits: Sequence[Credit]) -> list[dt.date]:
    dates = {c.issue_date for c in charges} | {c.date for c in credits}
    return sorted(dates | {d - dt.timedelta(days=1) for d in dates} | {FAR_FUTURE})


def check_invariants(
    charges: Sequence[Charge], credits: Sequence[Credit], state: LedgerState
) -> None:
    by_charge: dict[int, Decimal] = defaultdict(lambda: ZERO)
    by_credit: dict[tuple[str, int], Decimal] = defaultdict(lambda: ZERO)
    last_effective: dict[int, dt.date] = {}
    charge_of = {c.id: c for c in charges}
    credit_of = {(c.source, c.id): c for c in credits}
    for a in state.allocations:
        assert type(a.amount) is Decimal
        assert a.amount > 0
        credit, charge = credit_of[(a.source, a.source_id)], charge_of[a.charge_id]
        assert a.effective_date >= max(credit.date, charge.issue_date)
        by_charge[a.charge_id] += a.amount
        by_credit[(a.source, a.source_id)] += a.amount
        previous = last_effective.get(a.charge_id, dt.date.min)
        last_effective[a.charge_id] = max(a.effective_date, previous)

    # Conservation: every cent of credit is either allocated or unapplied.
    assert set(state.unapplied) == set(credit_of)
    total_allocated = sum((a.amount for a in state.allocations), ZERO)
    assert total_allocated + sum(state.unapplied.values(), ZERO) == sum(
        (c.amount for c in credits), ZERO
    )
    for key, credit in credit_of.items():
        assert type(state.unapplied[key]) is Decimal
        assert state.unapplied[key] >= 0
        assert by_credit[key] + state.unapplied[key] == credit.amount

    assert set(state.open_amounts) == set(state.settled_on) == set(charge_of)
    for charge in charges:
        open_amount = state.open_amounts[charge.id]
        assert type(open_amount) is Decimal
        assert open_amount == charge.amount - by_charge[charge.id]
        assert ZERO <= open_amount <= charge.amount
        assert open_as_of(charge, state.allocations, FAR_FUTURE) == open_amount
        expected_settled = last_effective[charge.id] if open_amount == 0 else None
        assert state.settled_on[charge.id] == expected_settled
    assert unapplied_as_of(credits, state.allocations, FAR_FUTURE) == sum(
        state.unapplied.values(), ZERO
    )

    reserving = any(
        c.applies_to in charge_of and charge_of[c.applies_to].issue_date > c.date for c in credits
    )
    for when in interesting_dates(charges, credits):
        opens = [open_as_of(c, state.allocations, when) for c in charges]
        unapplied = unapplied_as_of(credits, state.allocations, when)
        assert all(type(x) is Decimal and x >= 0 for x in opens)
        assert unapplied >= 0
        # Balance = what was charged so far - what was credited so far.
        issued = sum((c.amount for c in charges if c.issue_date <= when), ZERO)
        received = sum((c.amount for c in credits if c.date <= when), ZERO)
        assert sum(opens, ZERO) - unapplied == issued - received
        if not reserving:
            # Free credit never sits next to an open charge.
            assert unapplied == 0 or sum(opens, ZERO) == 0


def money(rng: random.Random) -> Decimal:
    roll = rng.random()
    if roll < 0.1:
        return D("0.01")
    if roll < 0.5:
        return D(rng.randint(1, 6) * 5000).scaleb(-2)  # 50.00, 100.00, ... 300.00
    return D(rng.randint(1, 30000)).scaleb(-2)


def random_ledger(rng: random.Random) -> tuple[list[Charge], list[Credit]]:
    base = dt.date(2024, 1, 20)
    # few distinct dates so that same-day documents are common; spans the leap day
    dates = [base + dt.timedelta(days=rng.randrange(0, 60)) for _ in range(rng.randint(1, 6))]
    n_charges = rng.randint(0, 5)
    numbers = rng.sample(range(1, 100), n_charges)
    charges = []
    for i in range(n_charges):
        issue = rng.choice(dates)
        due = issue + dt.timedelta(days=rng.choice((0, 10, 30, 30, 45)))
        charges.append(Charge(i + 1, f"F-{numbers[i]:03d}", issue, due, money(rng)))
    credits = []
    for j in range(rng.randint(0, 6)):
        source = rng.choice(("payment", "credit_note"))
        target = rng.choice([None, None, 999, *[c.id for c in charges]])
        key = f"K-{rng.randrange(5)}"  # repeated keys on purpose: the id breaks the tie
        credits.append(Credit(source, 100 + j, rng.choice(dates), money(rng), target, key))
    return charges, credits


@pytest.mark.parametrize("seed", range(200))
def test_random_ledgers(seed: int) -> None:
    rng = random.Random(seed)
    charges, credits = random_ledger(rng)
    state = allocate(charges, credits)
    check_invariants(charges, credits, state)

    # The input order of charges and credits does not matter.
    for _ in range(3):
        shuffled_charges, shuffled_credits = charges[:], credits[:]
        rng.shuffle(shuffled_charges)
        rng.shuffle(shuffled_credits)
        other = allocate(shuffled_charges, shuffled_credits)
        for f in fields(LedgerState):
            assert getattr(other, f.name) == getattr(state, f.name), f.name

    # Charge numbers only break ties between equal (due date, issue date): when there
    # are none, renumbering the charges changes nothing (also for same-day charges).
    if len({(c.due_date, c.issue_date) for c in charges}) == len(charges):
        numbers = [c.number for c in charges]
        rng.shuffle(numbers)
        renumbered = [replace(c, number=n) for c, n in zip(charges, numbers, strict=True)]
        assert allocate(renumbered, credits) == state

    # The past does not depend on the future: replaying only what exists as of a date
    # gives the same allocations, open amounts and unapplied credit as of that date
    # (unless a credit is still waiting for a named charge that does not exist yet).
    charge_of = {c.id: c for c in charges}
    for when in interesting_dates(charges, credits):
        past_charges = [c for c in charges if c.issue_date <= when]
        past_credits = [c for c in credits if c.date <= when]
        if any(
            c.applies_to in charge_of and charge_of[c.applies_to].issue_date > when
            for c in past_credits
        ):
            continue
        past = allocate(past_charges, past_credits)
        assert past.allocations == [a for a in state.allocations if a.effective_date <= when]
        assert past.open_amounts == {
            c.id: open_as_of(c, state.allocations, when) for c in past_charges
        }
        assert sum(past.unapplied.values(), ZERO) == unapplied_as_of(
            credits, state.allocations, when
        )
