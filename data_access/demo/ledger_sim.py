"""One customer's ledger in the demo: invoices, credit and debit notes, payments, settled.

The derived columns (open amounts, unapplied amounts, settlement dates) come from
:func:`data_access.ledger.allocate`, the rules
:func:`~data_access.ledger_store.rebuild_ledger` uses, so they agree with a rebuild.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from decimal import Decimal
from typing import Any

from data_access.demo import names
from data_access.demo.common import Ids, Plan, Row, World, round_days, to_cents, to_money
from data_access.ledger import ZERO, LedgerState, allocate
from data_access.ledger_store import credit_settlements, ledger_inputs

CURRENCY = "USD"


class _View:
    """Attribute access to a row dict, as :func:`ledger_inputs` expects."""

    __slots__ = ("_row",)

    def __init__(self, row: Row) -> None:
        self._row = row

    def __getattr__(self, name: str) -> Any:
        try:
            return self._row[name]
        except KeyError:
            raise AttributeError(name) from None


def _intensity(world: World, day: dt.date) -> float:
    """Share of candidate invoices kept on ``day``: a December peak, a growing business."""
    season = 1 + 0.15 * math.cos(2 * math.pi * (day.month - 12) / 12)
    growth = 0.8 + 0.2 * world.progress(day)
    return season * growth / 1.15


def _delay(archetype: str, t: float, rng: random.Random) -> float:
    """Days after its due date an invoice issued at history fraction ``t`` gets paid."""
    if archetype == "pays_early":
        return rng.gauss(-7, 4)
    if archetype == "pays_on_time":
        return rng.gauss(0.5, 3)
    if archetype == "slow":
        return rng.gauss(32, 14)
    if archetype == "deteriorating":
        return rng.gauss(2 + 75 * t * t, 6 + 12 * t)
    if archetype == "improving":
        return rng.gauss(2 + 60 * (1 - t) ** 2, 6 + 12 * (1 - t))
    if archetype == "disputes":
        return rng.gauss(10, 8)
    return rng.gauss(15, 10)  # a defaulter, before it stops paying


class Ledger:
    """One customer's charges, credit notes and payments, settled by the ledger rules."""

    def __init__(self, plan: Plan, world: World, ids: Ids, rng: random.Random) -> None:
        self.plan, self.world, self.ids, self.rng = plan, world, ids, rng
        self.charges: list[Row] = []
        self.credit_notes: list[Row] = []
        self.payments: list[Row] = []

    def build(self) -> None:
        for day in self._invoice_dates():
            self.charges.append(self._invoice(day))
        for charge in list(self.charges):
            self._settle_invoice(charge)
        self._number()

    def settle(self) -> LedgerState:
        """Apply the ledger rules and set the derived columns of every row."""
        documents = map(_View, [*self.charges, *self.credit_notes])
        charges, credits = ledger_inputs(documents, map(_View, self.payments))
        state = allocate(charges, credits)
        settled = credit_settlements(state, credits)
        for row in self.charges:
            row["open_amount"] = state.open_amounts[row["id"]]
            row["settled_on"] = state.settled_on[row["id"]]
        for row in self.credit_notes:
            key = ("credit_note", row["id"])
            row["open_amount"], row["settled_on"] = state.unapplied[key], settled[key]
        for row in self.payments:
            key = ("payment", row["id"])
            row["unapplied"], row["settled_on"] = state.unapplied[key], settled[key]
        return state

    def _invoice_dates(self) -> list[dt.date]:
        """A thinned Poisson process between joining and the last purchase."""
        plan, world, rng = self.plan, self.world, self.rng
        first = max(world.start, plan.joined)
        length = (plan.stop - first).days
        dates: list[dt.date] = []
        offset = rng.expovariate(plan.rate)
        while offset <= length:
            day = first + dt.timedelta(days=int(offset))
            if rng.random() < _intensity(world, day):
                dates.append(day)
            offset += rng.expovariate(plan.rate)
        return dates

    def _invoice(self, day: dt.date) -> Row:
        cents = max(500, round(self.plan.mean_amount * self.rng.lognormvariate(0, 0.6) * 100))
        disputed = self.rng.random() < (0.2 if self.plan.archetype == "disputes" else 0.005)
        number = f"F-{self.ids.next('invoice_no'):07d}"
        return self._document("invoice", number, day, to_money(cents), disputed, None)

    def _document(
        self, kind: str, number: str, day: dt.date, amount: Decimal, disputed: bool, to: int | None
    ) -> Row:
        terms = 0 if kind == "credit_note" else self.plan.terms
        return {
            "id": self.ids.next("documents") if kind != "credit_note" else 0,
            "number": number,
            "kind": kind,
            "customer_id": self.plan.id,
            "issue_date": day,
            "due_date": day + dt.timedelta(days=terms),
            "amount": amount,
            "currency": CURRENCY,
            "disputed": disputed,
            "applies_to_id": to,
            "open_amount": amount,
            "settled_on": None,
        }

    def _pay_date(self, charge: Row) -> dt.date:
        late = _delay(self.plan.archetype, self.world.progress(charge["issue_date"]), self.rng)
        return max(charge["issue_date"], charge["due_date"] + round_days(late))

    def _settle_invoice(self, charge: Row) -> None:
        """Plan how an invoice gets paid: late, in parts, credited, or not at all."""
        pay_on = self._pay_date(charge)
        if charge["disputed"]:
            pay_on += round_days(abs(self.rng.gauss(55, 25)))
        credited = self._credit_note(charge, pay_on)
        total = charge["amount"] - credited
        if charge["disputed"] and not credited and self.rng.random() < 0.3:
            total = to_money(int(to_cents(total) * self.rng.uniform(0.7, 0.95)))
        if total > 0:
            self._pay(charge, pay_on, total)
        self._debit_note(charge, pay_on)

    def _credit_note(self, charge: Row, pay_on: dt.date) -> Decimal:
        """Maybe credit part of ``charge``; returns what is credited before ``pay_on``."""
        rng = self.rng
        if charge["disputed"]:
            if rng.random() >= 0.45:
                return ZERO
            day = charge["due_date"] + round_days(rng.uniform(10, 50))
        else:
            if rng.random() >= 0.02:
                return ZERO
            day = charge["issue_date"] + round_days(rng.uniform(2, 40))
        if day > self.world.today:
            return ZERO
        cents = to_cents(charge["amount"])
        share = 1.0 if rng.random() < 0.1 else rng.uniform(0.05, 0.45)
        amount = to_money(min(cents, max(100, round(cents * share))))
        self.credit_notes.append(
            self._document("credit_note", "", day, amount, False, charge["id"])
        )
        return amount if day <= pay_on else ZERO

    def _debit_note(self, charge: Row, pay_on: dt.date) -> None:
        """Now and then bill interest on an invoice paid (or owed) long after its due date."""
        today, due = self.world.today, charge["due_date"]
        if charge["kind"] != "invoice" or (pay_on - due).days <= 45 or self.rng.random() >= 0.04:
            return
        if pay_on <= today:
            day = pay_on + round_days(self.rng.uniform(1, 10))
        else:
            day = due + round_days(self.rng.uniform(46, 75))
        if day > today:
            return
        cents = max(500, round(to_cents(charge["amount"]) * 0.015 * (day - due).days / 30))
        note = self._document("debit_note", "", day, to_money(cents), False, charge["id"])
        self.charges.append(note)
        self._pay(note, self._pay_date(note), note["amount"])

    def _pay(self, charge: Row, pay_on: dt.date, total: Decimal) -> None:
        """Payments (one, or two or three instalments) of ``total`` ending on ``pay_on``."""
        plan, rng = self.plan, self.rng
        parts = self._instalments(to_cents(total))
        gap = rng.randint(7, 25)
        for position, part in enumerate(parts):
            back = dt.timedelta(days=gap * (len(parts) - 1 - position))
            day = max(charge["issue_date"], pay_on - back)
            cents = self._adjust(part) if position == len(parts) - 1 else part
            named = rng.random() >= 0.12
            method = plan.method if rng.random() < 0.85 else rng.choice(names.METHODS)
            if day > self.world.today or (plan.default_on is not None and day >= plan.default_on):
                continue
            self.payments.append(
                {
                    "id": 0,
                    "reference": "",
                    "customer_id": plan.id,
                    "date": day,
                    "amount": to_money(cents),
                    "method": method,
                    "bank": plan.bank,
                    "invoice_id": charge["id"] if named else None,
                    "unapplied": ZERO,
                    "settled_on": None,
                }
            )

    def _instalments(self, cents: int) -> list[int]:
        busy = self.plan.archetype in ("slow", "disputes", "deteriorating")
        if cents < 2000 or self.rng.random() >= (0.18 if busy else 0.08):
            return [cents]
        parts: list[int] = []
        for _ in range(1 if self.rng.random() < 0.7 else 2):
            parts.append(round(cents * self.rng.uniform(0.3, 0.6)))
            cents -= parts[-1]
        return [*parts, cents]

    def _adjust(self, cents: int) -> int:
        """Now and then round a payment up to the next 50 or withhold a bank fee."""
        roll = self.rng.random()
        if roll < 0.01:
            return cents + 5000 - cents % 5000
        if roll < 0.02 and cents > 1000:
            return cents - self.rng.randint(50, 800)
        return cents

    def _number(self) -> None:
        """Number debit and credit notes and payments in date order; give them ids."""
        debit_notes = [row for row in self.charges if row["kind"] == "debit_note"]
        for row in sorted(debit_notes, key=lambda row: row["issue_date"]):
            row["number"] = f"ND-{self.ids.next('debit_no'):06d}"
        self.credit_notes.sort(key=lambda row: row["issue_date"])
        for row in self.credit_notes:
            row["id"] = self.ids.next("documents")
            row["number"] = f"NC-{self.ids.next('credit_no'):06d}"
        self.payments.sort(key=lambda row: row["date"])
        for row in self.payments:
            row["id"] = self.ids.next("payments")
            row["reference"] = f"P-{row['id']:07d}"
