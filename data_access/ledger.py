"""The ledger rules: how payments and credit notes are applied to charges.

Pure functions on plain dataclasses, no database. :mod:`data_access.ledger_store`
feeds them one customer at a time and writes the result.

Rules:

* Charges (invoices and debit notes) exist from their issue date; credits
  (payments and credit notes) from their date.
* A credit that names a charge goes to it first, up to its open amount.
* The rest, and every credit that names none, goes to the customer's open charges
  oldest due date first (then issue date, then number).
* Whatever is left is *unapplied credit*; it is applied automatically to charges
  issued later, effective on the later of the two dates.
* Open amount of a charge as of D = amount - allocations effective on or before D.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Charge:
    """An invoice or debit note of one customer."""

    id: int
    number: str
    issue_date: dt.date
    due_date: dt.date
    amount: Decimal

    @property
    def fifo_key(self) -> tuple[dt.date, dt.date, str, int]:
        """Order in which unnamed credits pay charges."""
        return (self.due_date, self.issue_date, self.number, self.id)


@dataclass(frozen=True)
class Credit:
    """A payment or credit note of one customer.

    ``source`` is ``"payment"`` or ``"credit_note"``; ``applies_to`` the id of the
    charge it names, if any; ``key`` (reference or number) breaks ties on one day.
    """

    source: str
    id: int
    date: dt.date
    amount: Decimal
    applies_to: int | None = None
    key: str = ""


@dataclass(frozen=True)
class Allocation:
    """``amount`` of a credit applied to a charge from ``effective_date`` on."""

    source: str
    source_id: int
    charge_id: int
    amount: Decimal
    effective_date: dt.date


@dataclass
class LedgerState:
    """Result of applying a customer's credits to its charges (all dates)."""

    allocations: list[Allocation] = field(default_factory=list)
    open_amounts: dict[int, Decimal] = field(default_factory=dict)
    settled_on: dict[int, dt.date | None] = field(default_factory=dict)
    unapplied: dict[tuple[str, int], Decimal] = field(default_factory=dict)


@dataclass
class _Pending:
    credit: Credit
    remaining: Decimal
    reserved_for: int | None


class _Allocator:
    """Replays one customer's documents in date order, applying the rules."""

    def __init__(self, charges: Sequence[Charge]) -> None:
        self.charges = {c.id: c for c in charges}
        self.state = LedgerState()
        self.open_keys: list[tuple[tuple[dt.date, dt.date, str, int], int]] = []
        self.pending: list[_Pending] = []

    def issue(self, charges: Sequence[Charge]) -> None:
        """Issue the charges of one day, then apply pending credit to all of them."""
        for charge in charges:
            self.state.open_amounts[charge.id] = charge.amount
            self.state.settled_on[charge.id] = None
            bisect.insort(self.open_keys, (charge.fifo_key, charge.id))
        on = charges[0].issue_date
        for pend in self.pending:
            if pend.reserved_for is not None and pend.reserved_for in self.state.open_amounts:
                charge = self.charges[pend.reserved_for]
                pend.reserved_for = None
                pend.remaining = self._apply(pend.credit, charge, pend.remaining, on)
                pend.remaining = self._apply_fifo(pend.credit, pend.remaining, on)
        for pend in self.pending:
            if pend.reserved_for is None and pend.remaining > 0:
                pend.remaining = self._apply_fifo(pend.credit, pend.remaining, on)
        self.pending = [p for p in self.pending if p.remaining > 0]

    def receive(self, credit: Credit) -> None:
        remaining = credit.amount
        target = self.charges.get(credit.applies_to) if credit.applies_to is not None else None
        if target is not None and target.id not in self.state.open_amounts:
            self.pending.append(_Pending(credit, remaining, target.id))
            return
        if target is not None:
            remaining = self._apply(credit, target, remaining, credit.date)
        remaining = self._apply_fifo(credit, remaining, credit.date)
        if remaining > 0:
            self.pending.append(_Pending(credit, remaining, None))

    def _apply_fifo(self, credit: Credit, remaining: Decimal, on: dt.date) -> Decimal:
        position = 0
        while remaining > 0 and position < len(self.open_keys):
            charge_id = self.open_keys[position][1]
            if self.state.open_amounts[charge_id] > 0:
                remaining = self._apply(credit, self.charges[charge_id], remaining, on)
            if self.state.open_amounts[charge_id] == 0:
                del self.open_keys[position]
            else:
                position += 1
        return remaining

    def _apply(self, credit: Credit, charge: Charge, remaining: Decimal, on: dt.date) -> Decimal:
        open_amount = self.state.open_amounts[charge.id]
        amount = min(open_amount, remaining)
        if amount <= 0:
            return remaining
        effective = max(on, credit.date, charge.issue_date)
        self.state.allocations.append(
            Allocation(credit.source, credit.id, charge.id, amount, effective)
        )
        self.state.open_amounts[charge.id] = open_amount - amount
        if open_amount == amount:
            self.state.settled_on[charge.id] = effective
        return remaining - amount

    def finish(self, credits: Iterable[Credit]) -> LedgerState:
        left = {(p.credit.source, p.credit.id): p.remaining for p in self.pending}
        for credit in credits:
            self.state.unapplied[(credit.source, credit.id)] = left.get(
                (credit.source, credit.id), ZERO
            )
        return self.state


def allocate(charges: Sequence[Charge], credits: Sequence[Credit]) -> LedgerState:
    """Apply a customer's credits to its charges following the ledger rules.

    Charges issued on a day exist before the credits of that day, so a payment can
    pay an invoice issued the same day. Credits of one day go in the order
    payments before credit notes, then by ``key``.

    Args:
        charges: every invoice and debit note of one customer.
        credits: every payment and credit note of the same customer.

    Returns:
        The allocations, each charge's open amount and settlement date, and each
        credit's unapplied remainder, considering all dates.
    """
    events: list[tuple[dt.date, int, str, str, int, Charge | Credit]] = []
    for charge in charges:
        events.append((charge.issue_date, 0, "", charge.number, charge.id, charge))
    for credit in credits:
        rank = 1 if credit.source == "payment" else 2
        events.append((credit.date, rank, credit.source, credit.key, credit.id, credit))
    events.sort(key=lambda e: e[:5])
    allocator = _Allocator(charges)
    day: list[Charge] = []
    for *_, item in events:
        if isinstance(item, Charge):
            if day and day[0].issue_date != item.issue_date:
                allocator.issue(day)
                day = []
            day.append(item)
            continue
        if day:
            allocator.issue(day)
            day = []
        allocator.receive(item)
    if day:
        allocator.issue(day)
    return allocator.finish(credits)


def open_as_of(charge: Charge, allocations: Iterable[Allocation], as_of: dt.date) -> Decimal:
    """Open amount of ``charge`` as of ``as_of`` (zero before it is issued)."""
    if charge.issue_date > as_of:
        return ZERO
    applied = sum(
        (a.amount for a in allocations if a.charge_id == charge.id and a.effective_date <= as_of),
        ZERO,
    )
    return charge.amount - applied


def unapplied_as_of(
    credits: Iterable[Credit], allocations: Iterable[Allocation], as_of: dt.date
) -> Decimal:
    """Credit received on or before ``as_of`` and not applied to any charge by then."""
    received = sum((c.amount for c in credits if c.date <= as_of), ZERO)
    applied = sum((a.amount for a in allocations if a.effective_date <= as_of), ZERO)
    return received - applied
