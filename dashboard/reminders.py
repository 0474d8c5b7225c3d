"""Automatic reminder sequences, the pure part: which level is due for a customer on a date.

A sequence is a set of **levels**, each a number of days relative to the due date
(-3: three days before it; 7, 30, 60: that many days after), for the customers of a
segment, with a channel and a tone. The rule, for a date D:

1. An open invoice (or debit note) has *reached* the highest of its customer's levels
   whose days are at most ``D - due date`` (none before the lowest level).
2. It is *due* for a reminder when no earlier reminder covered it at that level or a
   higher one.
3. A customer gets **one** message, at the highest level among its due invoices, and
   it covers every due invoice (each remembered with the level it had reached).

So a level is never sent twice for the same invoice, and after downtime there is no
burst: an invoice that crossed 7 and 30 days while the job was not running gets only
the 30-day reminder, once, and never the 7-day one afterwards (its reached level only
grows). Customers with a disputed invoice or a pending promise to pay are paused
(decided by the caller); their invoices are not covered, so when the pause ends they
get the level they have reached by then.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from dashboard.aging import AgingBuckets
from dashboard.campaigns import Segment

ZERO = Decimal("0.00")
MIN_DAYS, MAX_DAYS = -60, 3650


@dataclass(frozen=True)
class Level:
    """A step of the sequence."""

    id: int
    days: int
    channel: str = "email"
    tone: str | None = None
    segment: Segment = Segment()
    name: str = ""


@dataclass(frozen=True)
class Invoice:
    """An open invoice or debit note of a customer."""

    document_id: int
    number: str
    due_date: dt.date
    open_amount: Decimal


@dataclass(frozen=True)
class Due:
    """A reminder due for a customer: its level and the invoices it covers (with the
    level each had reached)."""

    level: Level
    invoices: tuple[tuple[Invoice, int], ...]

    @property
    def amount(self) -> Decimal:
        """The open amount of the invoices covered."""
        return sum((invoice.open_amount for invoice, _ in self.invoices), ZERO)

    @property
    def covered(self) -> list[list[int]]:
        """``[[document_id, level_days], ...]`` as stored."""
        return [[invoice.document_id, days] for invoice, days in self.invoices]

    @property
    def cycle_key(self) -> str:
        """A name for the set of invoices and levels covered (SHA-1, 40 hex digits)."""
        text = ",".join(f"{doc}:{days}" for doc, days in sorted(map(tuple, self.covered)))
        return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def reached(levels: Sequence[Level], days_overdue: int) -> Level | None:
    """The highest level whose days are at most ``days_overdue`` (lowest id on a tie)."""
    best = None
    for level in levels:
        if level.days <= days_overdue and (
            best is None or (level.days, -level.id) > (best.days, -best.id)
        ):
            best = level
    return best


def due_reminder(
    levels: Sequence[Level],
    invoices: Sequence[Invoice],
    covered: Mapping[int, int],
    *,
    as_of: dt.date,
) -> Due | None:
    """The reminder due for one customer on ``as_of`` (None when nothing is due).

    Args:
        levels: the active levels that apply to the customer.
        invoices: its open invoices and debit notes (disputed ones left out).
        covered: the highest level days each invoice was already reminded at.
        as_of: the date the reminders are for.
    """
    due: list[tuple[Invoice, Level]] = []
    for invoice in sorted(invoices, key=lambda i: (i.due_date, i.number)):
        level = reached(levels, (as_of - invoice.due_date).days)
        if level is None:
            continue
        done = covered.get(invoice.document_id)
        if done is None or done < level.days:
            due.append((invoice, level))
    if not due:
        return None
    top = reached([level for _, level in due], MAX_DAYS)
    assert top is not None
    return Due(top, tuple((invoice, level.days) for invoice, level in due))


def segment_allows(
    segment: Segment,
    *,
    balance: Decimal,
    invoices: Sequence[Invoice],
    as_of: dt.date,
    buckets: AgingBuckets,
) -> bool:
    """Whether a customer meets the segment's balance and age conditions (the tag,
    seller and collector conditions are checked by the caller)."""
    if segment.min_balance is not None and balance < segment.min_balance:
        return False
    if segment.bucket is not None:
        oldest = max(((as_of - i.due_date).days for i in invoices), default=0)
        if buckets.index_for(oldest) < segment.bucket:
            return False
    return True
