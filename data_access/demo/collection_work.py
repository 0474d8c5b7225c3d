"""Collection work in the demo: the notes (excuses) and tasks (promises) about a customer."""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple

from data_access.demo import names, texts
from data_access.demo.common import Row, round_days
from data_access.demo.ledger_sim import Ledger
from data_access.ledger import ZERO, LedgerState

REASONS = ("forgot", "cannot_pay", "dispute", "unaware", "fraud", "other")
CHANNELS = ("call", "visit", "email", "sms", "whatsapp")
_CHANNEL_WEIGHTS = (50, 8, 15, 7, 20)
# Reason weights (forgot, cannot_pay, dispute, unaware, fraud, other) by archetype group.
_REASON_WEIGHTS = {
    "good": (45, 5, 5, 30, 0, 15),
    "late": (20, 40, 10, 10, 0, 20),
    "disputes": (20, 20, 30, 15, 0, 15),
}
_HONESTY = {
    "pays_early": 0.9,
    "pays_on_time": 0.85,
    "slow": 0.55,
    "deteriorating": 0.6,
    "improving": 0.7,
    "disputes": 0.5,
    "defaulter": 0.5,
}
_NOTE_DAYS = 548  # collection notes cover the last ~18 months


def _outcome(reason: str, rng: random.Random) -> str | None:
    """What a contact ends with: a promise to pay, another action, or nothing."""
    if reason == "fraud":
        return "legal"
    roll = rng.random()
    if roll < 0.15:
        return None
    if reason == "unaware" and roll < 0.55:
        return "copy"
    if reason == "dispute" and roll < 0.6:
        return "dispute"
    if roll < 0.8:
        return "pay"
    return rng.choice(("call", "pickup"))


def _group_calls(calls: Iterable[tuple[dt.date, int, Row]]) -> list[tuple[dt.date, list[Row]]]:
    """One contact per week at most: overdue charges of the same week share a note."""
    groups: list[tuple[dt.date, list[Row]]] = []
    for day, charge_id, charge in calls:
        if groups:
            first, members = groups[-1]
            if (
                (day - first).days <= 7
                and charge["due_date"] < first
                and all(member["id"] != charge_id for member in members)
            ):
                members.append(charge)
                continue
        groups.append((day, [charge]))
    return groups


def _numbers(group: list[Row]) -> str:
    text = ", ".join(charge["number"] for charge in group[:3])
    return text + (f" (+{len(group) - 3})" if len(group) > 3 else "")


class _TaskTerms(NamedTuple):
    """What a task says and where it stands."""

    agreement: str
    description: str
    due: dt.date
    status: str
    completed: dt.datetime | None


class Collections:
    """The notes (excuses) and tasks (promises) recorded about one customer.

    Contacts happen on overdue charges in the last ~18 months; promises to pay are
    checked against the customer's real payments: kept when the payments dated after
    the note and on or before the promised date cover the promised amount.
    """

    def __init__(
        self,
        ledger: Ledger,
        state: LedgerState,
        contacts: list[Row],
        rows: dict[str, list[Row]],
    ) -> None:
        self.plan, self.world, self.ids, self.rng = (
            ledger.plan,
            ledger.world,
            ledger.ids,
            ledger.rng,
        )
        self.charges = ledger.charges
        self.state, self.contacts, self.rows = state, contacts, rows
        self.applied: dict[int, list[tuple[dt.date, Decimal]]] = defaultdict(list)
        for allocation in state.allocations:
            self.applied[allocation.charge_id].append(
                (allocation.effective_date, allocation.amount)
            )
        self.pay_dates = [row["date"] for row in ledger.payments]
        self.paid_before = [ZERO]
        for row in ledger.payments:
            self.paid_before.append(self.paid_before[-1] + row["amount"])
        self.last_promise: tuple[dt.date, bool] | None = None

    def run(self) -> None:
        for day, group in self._visits():
            self._note(day, group)

    def _visits(self) -> list[tuple[dt.date, list[Row]]]:
        """Contact days: a few days after a charge falls due, then follow-ups while owed."""
        first = self.world.today - dt.timedelta(days=_NOTE_DAYS)
        last = self.world.today - dt.timedelta(days=1)
        calls: list[tuple[dt.date, int, Row]] = []
        for charge in self.charges:
            end = self.state.settled_on[charge["id"]] or self.world.today
            if end < first or (end - charge["due_date"]).days < 8 or self.rng.random() >= 0.35:
                continue
            day = charge["due_date"] + round_days(self.rng.uniform(5, 25))
            for _ in range(6):
                if day >= end or day > last:
                    break
                if day >= first:
                    calls.append((day, charge["id"], charge))
                day += round_days(self.rng.uniform(15, 40))
        calls.sort(key=lambda call: call[:2])
        return _group_calls(calls)

    def _open_at(self, charge: Row, day: dt.date) -> Decimal:
        applied = (amount for effective, amount in self.applied[charge["id"]] if effective <= day)
        return charge["amount"] - sum(applied, ZERO)

    def _paid_between(self, after: dt.date, until: dt.date) -> Decimal:
        """Payments dated after ``after`` and on or before ``until``."""
        low = bisect.bisect_right(self.pay_dates, after)
        high = bisect.bisect_right(self.pay_dates, until)
        return self.paid_before[high] - self.paid_before[low]

    def _reason(self, day: dt.date, group: list[Row]) -> str:
        plan, rng = self.plan, self.rng
        if any(charge["disputed"] for charge in group) and rng.random() < 0.85:
            return "dispute"
        if plan.default_on is not None and day >= plan.default_on:
            if (day - plan.default_on).days > 60 and rng.random() < 0.3:
                return "fraud"
            return rng.choices(("cannot_pay", "other", "unaware"), (70, 20, 10))[0]
        if plan.archetype in ("pays_early", "pays_on_time"):
            return rng.choices(REASONS, _REASON_WEIGHTS["good"])[0]
        key = "disputes" if plan.archetype == "disputes" else "late"
        return rng.choices(REASONS, _REASON_WEIGHTS[key])[0]

    def _promise(self, day: dt.date, owed: Decimal) -> tuple[dt.date, Decimal, bool]:
        """A promise to pay: honest ones match the payment that really came."""
        plan, rng = self.plan, self.rng
        honesty = _HONESTY[plan.archetype]
        if plan.default_on is not None and day >= plan.default_on:
            honesty = 0.0
        index = bisect.bisect_right(self.pay_dates, day)
        paid_on = self.pay_dates[index] if index < len(self.pay_dates) else None
        if rng.random() < honesty and paid_on is not None and (paid_on - day).days <= 30:
            promised = paid_on + round_days(rng.uniform(0, 2))
            amount = min(owed, self._paid_between(day, promised))
        else:
            promised, amount = day + round_days(rng.uniform(2, 10)), owed
        kept = self._paid_between(day, promised) >= amount
        return promised, amount, kept

    def _note(self, day: dt.date, group: list[Row]) -> None:
        rng, lang = self.rng, self.plan.lang
        owed = sum((self._open_at(charge, day) for charge in group), ZERO)
        if owed <= 0:
            return
        reason = self._reason(day, group)
        contact = self.contacts[0] if rng.random() < 0.6 else rng.choice(self.contacts)
        channel = rng.choices(CHANNELS, _CHANNEL_WEIGHTS)[0]
        facts = {
            "contact": contact["name"].split()[0],
            "invoices": _numbers(group),
            "amount": texts.money_text(owed, lang),
            "days": (day - min(charge["due_date"] for charge in group)).days,
        }
        outcome = _outcome(reason, rng)
        promise = self._promise(day, owed) if outcome == "pay" else None
        note_id = self.ids.next("notes")
        created = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.choice((0, 15, 30))))
        body = self._body(day, channel, reason, promise is not None, facts)
        agreement = self._task(note_id, created, group, outcome, promise, facts)
        self.rows["notes"].append(
            {
                "id": note_id,
                "customer_id": self.plan.id,
                "author_id": self.plan.collector_id,
                "contact_id": contact["id"],
                "contact_name": contact["name"],
                "channel": channel,
                "reason": reason,
                "body": body,
                "agreement": agreement,
                "created_at": created,
            }
        )
        self.rows["note_hashtags"].extend(
            {"note_id": note_id, "hashtag": tag} for tag in texts.hashtags(body)
        )
        if promise is not None:
            self.last_promise = (promise[0], promise[2])

    def _body(
        self, day: dt.date, channel: str, reason: str, promised: bool, facts: dict[str, Any]
    ) -> str:
        """Who was contacted, why they have not paid, and hashtags."""
        lang = self.plan.lang
        parts = [
            texts.OPENERS[lang][channel].format(**facts),
            self.rng.choice(texts.REASON_TEXTS[lang][reason]).format(**facts),
        ]
        if self.last_promise is not None and self.last_promise[0] < day:
            if not self.last_promise[1]:
                parts.append(texts.BROKEN_PROMISE[lang])
            self.last_promise = None
        if promised:
            method = names.ascii_slug(texts.METHOD_WORDS[lang][self.plan.method], "")
            parts.append(f"{texts.PROMISE_TAG[lang]} #{method}")
        return " ".join(parts)

    def _task(
        self,
        note_id: int,
        created: dt.datetime,
        group: list[Row],
        outcome: str | None,
        promise: tuple[dt.date, Decimal, bool] | None,
        facts: dict[str, Any],
    ) -> str:
        """Record the task a contact ends with; returns the note's agreement text."""
        if outcome is None:
            return ""
        terms = self._task_terms(created, outcome, promise, facts)
        task_id = self.ids.next("tasks")
        self.rows["tasks"].append(
            {
                "id": task_id,
                "customer_id": self.plan.id,
                "note_id": note_id,
                "description": terms.description,
                "assignee_id": self.plan.collector_id,
                "supervisor_id": self.world.manager_id if self.rng.random() < 0.25 else None,
                "created_by_id": self.plan.collector_id,
                "created_at": created,
                "due_date": terms.due,
                "status": terms.status,
                "completed_at": terms.completed,
                "promise_amount": promise[1] if promise is not None else None,
                "promise_date": terms.due if promise is not None else None,
            }
        )
        self.rows["task_documents"].extend(
            {"task_id": task_id, "document_id": charge["id"]} for charge in group
        )
        return terms.agreement

    def _task_terms(
        self,
        created: dt.datetime,
        outcome: str,
        promise: tuple[dt.date, Decimal, bool] | None,
        facts: dict[str, Any],
    ) -> _TaskTerms:
        """The wording, due date and status of a promise to check or of another action."""
        lang, today = self.plan.lang, self.world.today
        if promise is not None:
            due, amount, kept = promise
            agreement, description = texts.promise_texts(lang, facts, amount, due, self.plan.method)
            return _TaskTerms(agreement, description, due, *_promise_status(today, due, kept))
        due = created.date() + round_days(self.rng.uniform(1, 7))
        agreement, description = texts.action_texts(lang, outcome, facts, due)
        return _TaskTerms(agreement, description, due, *_action_status(today, due, self.rng))


def _promise_status(today: dt.date, due: dt.date, kept: bool) -> tuple[str, dt.datetime | None]:
    """Open while the date is ahead or recently broken; done once checked."""
    if due >= today:
        return "open", None
    if kept:
        return "done", dt.datetime.combine(due + dt.timedelta(days=1), dt.time(10))
    if (today - due).days > 30:
        return "done", dt.datetime.combine(due + dt.timedelta(days=2), dt.time(11))
    return "open", None


def _action_status(
    today: dt.date, due: dt.date, rng: random.Random
) -> tuple[str, dt.datetime | None]:
    if due >= today - dt.timedelta(days=2):
        return "open", None
    if rng.random() < 0.08:
        return "cancelled", None
    return "done", dt.datetime.combine(due, dt.time(16))
