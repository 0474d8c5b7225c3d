"""Who to call today: a score per customer made of visible parts. Pure Python and pandas.

Each part is a number of points, ``weight × a measure normalised to 0…1`` (capped),
rounded half-up to 0.1; the score is the sum of the rounded parts, so the badges
of a row always add up to its score. With the default :class:`Weights`:

=============  ======  =====================================================================
part           points  measure
=============  ======  =====================================================================
overdue        0…35    √(overdue ÷ reference), capped at 1; the reference is the 90th
                       percentile (nearest rank) of the overdue amounts in this list, so one
                       or two huge debts do not flatten everyone else: the top tenth get 35,
                       a quarter of the reference gets 17.5
days           0…20    amount-weighted days overdue of the overdue items ÷ 90, capped at 1
                       (weighted, not oldest: a forgotten cent 150 days old is not urgent)
promise_today  0 / 15  a promise to pay due today still pending (call to confirm it)
broken         0 / 15  a broken promise with no note since it broke (follow it up)
contact        0…15    days since the last note: 0 up to 7 days, then linear to the full 15
                       at 15 days or more (the 8–15 day cadence); never contacted = 15
dispute        −15…0   −15 × disputed overdue ÷ overdue (capped at 1)
=============  ======  =====================================================================

Disputes **lower** the score: a disputed invoice is settled by resolving the claim
(a credit note, a visit from the seller), not by another collection call, and
pressing for it strains the relationship. The customer stays in the list, flagged,
because the rest of its debt and the dispute itself still need following up.

Only customers with something to do are listed: overdue > 0 (with a positive
balance), a promise due today, or a broken promise needing a contact. Ties go to the
larger overdue amount, then the customer code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

ZERO = Decimal("0.00")
POINT = Decimal("0.1")
NO_POINTS = Decimal("0.0")
PART_KEYS = ("overdue", "days", "promise_today", "broken", "contact", "dispute")


@dataclass(frozen=True)
class Weights:
    """The weights and caps of the score (see the module docstring)."""

    overdue: Decimal = Decimal(35)
    overdue_percentile: int = 90  # the reference amount: this percentile of the list
    days: Decimal = Decimal(20)
    days_cap: int = 90
    promise_today: Decimal = Decimal(15)
    broken: Decimal = Decimal(15)
    contact: Decimal = Decimal(15)
    contact_free_days: int = 7  # contacted this recently: no points
    contact_full_days: int = 15  # this long without a contact: all the points
    dispute: Decimal = Decimal(15)


@dataclass(frozen=True)
class Measures:
    """What is known about one customer, before scoring."""

    customer_id: int
    code: str
    name: str
    overdue: Decimal = ZERO
    days_overdue: int = 0  # amount-weighted over the overdue items, whole days
    promises_today: int = 0  # pending promises to pay due today
    promised_today: Decimal = ZERO
    broken: int = 0  # broken promises with no note since they broke
    days_since_contact: int | None = None  # None: never contacted
    disputed_overdue: Decimal = ZERO
    disputed_open: Decimal = ZERO

    @property
    def disputed(self) -> bool:
        """Whether an open invoice of the customer is in dispute (the flag on the row)."""
        return self.disputed_open > 0


@dataclass(frozen=True)
class Parts:
    """The points of each part of a score (rounded to 0.1)."""

    overdue: Decimal = NO_POINTS
    days: Decimal = NO_POINTS
    promise_today: Decimal = NO_POINTS
    broken: Decimal = NO_POINTS
    contact: Decimal = NO_POINTS
    dispute: Decimal = NO_POINTS

    @property
    def total(self) -> Decimal:
        """The score: the sum of the rounded parts."""
        return sum((getattr(self, f.name) for f in fields(self)), NO_POINTS)

    def items(self) -> list[tuple[str, Decimal]]:
        """(part, points) in :data:`PART_KEYS` order."""
        return [(key, getattr(self, key)) for key in PART_KEYS]


@dataclass(frozen=True)
class Ranked:
    """One row of the worklist: its place, the customer's measures and the score's parts."""

    rank: int
    customer: Measures
    parts: Parts

    @property
    def score(self) -> Decimal:
        """The sum of the parts."""
        return self.parts.total


def _points(weight: Decimal, share: Decimal) -> Decimal:
    """``weight × share`` with the share clamped to 0…1, rounded half-up to 0.1."""
    clamped = min(max(share, Decimal(0)), Decimal(1))
    points = (weight * clamped).quantize(POINT, ROUND_HALF_UP)
    return points if points else NO_POINTS  # never -0.0


def contact_share(days: int | None, weights: Weights) -> Decimal:
    """0 up to ``contact_free_days``, 1 from ``contact_full_days`` (and never), linear between."""
    if days is None:
        return Decimal(1)
    span = weights.contact_full_days - weights.contact_free_days
    return Decimal(days - weights.contact_free_days) / Decimal(span)


def overdue_reference(amounts: Sequence[Decimal], percentile: int = 90) -> Decimal:
    """The ``percentile`` (nearest rank) of the positive amounts; zero when there are none."""
    positive = sorted(amount for amount in amounts if amount > 0)
    if not positive:
        return ZERO
    rank = max(1, -(-len(positive) * percentile // 100))  # ceil(n × p / 100)
    return positive[rank - 1]


def score(customer: Measures, *, reference: Decimal, weights: Weights = Weights()) -> Parts:
    """The parts of one customer's score.

    Args:
        customer: its measures.
        reference: the overdue amount that earns all the overdue points (see
            :func:`overdue_reference`).
        weights: the weights and caps.
    """
    overdue = customer.overdue if customer.overdue > 0 else ZERO
    share = min(overdue / reference, Decimal(1)) if reference > 0 else Decimal(0)
    disputed = customer.disputed_overdue / overdue if overdue > 0 else Decimal(0)
    return Parts(
        overdue=_points(weights.overdue, share.sqrt()),
        days=_points(weights.days, Decimal(customer.days_overdue) / Decimal(weights.days_cap)),
        promise_today=_points(weights.promise_today, Decimal(customer.promises_today > 0)),
        broken=_points(weights.broken, Decimal(customer.broken > 0)),
        contact=_points(weights.contact, contact_share(customer.days_since_contact, weights)),
        dispute=_points(-weights.dispute, disputed),
    )


def has_work(customer: Measures) -> bool:
    """Whether the customer belongs in the list: overdue, a promise due today or broken."""
    return customer.overdue > 0 or customer.promises_today > 0 or customer.broken > 0


def rank_worklist(customers: Sequence[Measures], weights: Weights = Weights()) -> list[Ranked]:
    """Score the customers with something to do and rank them (highest score first).

    Ties go to the larger overdue amount, then the customer code.
    """
    listed = [customer for customer in customers if has_work(customer)]
    reference = overdue_reference(
        [customer.overdue for customer in listed], weights.overdue_percentile
    )
    scored = [
        (customer, score(customer, reference=reference, weights=weights)) for customer in listed
    ]
    scored.sort(key=lambda pair: (-pair[1].total, -pair[0].overdue, pair[0].code))
    return [Ranked(rank, customer, parts) for rank, (customer, parts) in enumerate(scored, 1)]


# --- from the query results to measures -------------------------------------------------


def weighted_days(overdue_day_amount: float, overdue: Decimal) -> int:
    """Amount-weighted days overdue of the overdue items, rounded half-up to whole days."""
    if overdue <= 0:
        return 0
    ratio = Decimal(repr(float(overdue_day_amount))) / overdue
    return int(ratio.quantize(Decimal(1), ROUND_HALF_UP))


def broken_needing_contact(promises: pd.DataFrame, contacts: Mapping[int, dt.date]) -> pd.DataFrame:
    """The broken promises with no note on or after the day they broke.

    A promise breaks the day after its deadline (promise date + grace days), so a
    note written that day or later counts as the new contact.

    Args:
        promises: promises with ``status`` (see :func:`dashboard.promises.states_frame`).
        contacts: each customer's last note day.

    Returns:
        The broken rows with a ``last_contact`` column (date or None), oldest first.
    """
    broken = promises[promises["status"] == "broken"].copy()
    broken["last_contact"] = [contacts.get(int(cid)) for cid in broken["customer_id"]]
    waiting = pd.Series(
        [
            last is None or last <= deadline
            for last, deadline in zip(broken["last_contact"], broken["deadline"], strict=True)
        ],
        index=broken.index,
        dtype=bool,
    )
    return broken.loc[waiting].sort_values(["due", "task_id"], kind="stable")


def due_today(promises: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Promises to pay dated ``as_of`` (any status; pending ones still need the money)."""
    return promises[promises["due"] == as_of].sort_values("task_id", kind="stable")


@dataclass(frozen=True)
class WorklistData:
    """What the queries return for one list (see :mod:`data_access.worklist`)."""

    positions: pd.DataFrame  # customer_id, code, name, balance, overdue, overdue_day_amount
    promises: pd.DataFrame  # promise states frame with status
    contacts: Mapping[int, dt.date]
    disputes: pd.DataFrame  # customer_id, disputed_open, disputed_overdue
    labels: Mapping[int, tuple[str, str]]  # code and name of customers with promises only


def _per_customer(frame: pd.DataFrame) -> dict[int, tuple[int, Decimal]]:
    """(count, amount) of the promises of each customer in ``frame``."""
    found: dict[int, tuple[int, Decimal]] = {}
    for cid, amount in zip(frame["customer_id"], frame["amount"], strict=True):
        count, total = found.get(int(cid), (0, ZERO))
        found[int(cid)] = (count + 1, total + amount)
    return found


def build_measures(data: WorklistData, *, as_of: dt.date) -> list[Measures]:
    """One :class:`Measures` per customer with an overdue position or a promise to act on."""
    today = due_today(data.promises, as_of)
    pending = _per_customer(today[today["status"] == "pending"])
    broken = _per_customer(broken_needing_contact(data.promises, data.contacts))
    disputes = {
        int(row.customer_id): (row.disputed_open, row.disputed_overdue)
        for row in data.disputes.itertuples(index=False)
    }
    found: dict[int, tuple[str, str, Decimal, int]] = {
        int(row.customer_id): (
            str(row.code),
            str(row.name),
            row.overdue,
            weighted_days(row.overdue_day_amount, row.overdue),
        )
        for row in data.positions.itertuples(index=False)
    }
    for cid in {*pending, *broken}:
        if cid not in found and cid in data.labels:
            found[cid] = (*data.labels[cid], ZERO, 0)
    measures = []
    for cid, (code, name, overdue, days) in found.items():
        last = data.contacts.get(cid)
        disputed_open, disputed_overdue = disputes.get(cid, (ZERO, ZERO))
        count, amount = pending.get(cid, (0, ZERO))
        measures.append(
            Measures(
                cid,
                code,
                name,
                overdue=overdue,
                days_overdue=days,
                promises_today=count,
                promised_today=amount,
                broken=broken.get(cid, (0, ZERO))[0],
                days_since_contact=None if last is None else (as_of - last).days,
                disputed_overdue=disputed_overdue,
                disputed_open=disputed_open,
            )
        )
    return measures
