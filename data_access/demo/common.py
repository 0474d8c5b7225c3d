"""What the parts of the demo generator share: the world, customer plans, ids and money."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class World:
    """The staff, sellers and tags every customer draws on, and the history's dates."""

    seed: int
    today: dt.date
    start: dt.date
    collectors: tuple[int, ...]
    manager_id: int
    sellers: tuple[int, ...]
    seller_weights: tuple[float, ...]
    tag_ids: dict[str, int]

    @property
    def span(self) -> int:
        return (self.today - self.start).days

    def progress(self, day: dt.date) -> float:
        """Where ``day`` falls in the history, 0 at the start and 1 today."""
        return (day - self.start).days / self.span


@dataclass(frozen=True, slots=True)
class Plan:
    """Who one customer is and how it buys and pays, decided before it is simulated."""

    index: int
    id: int
    lang: str
    archetype: str
    terms: int
    rate: float  # candidate invoices per day, before seasonality thinning
    mean_amount: float
    joined: dt.date
    stop: dt.date
    default_on: dt.date | None
    method: str
    bank: str
    phone_prefix: str
    domain: str
    collector_id: int
    row: Row
    tags: tuple[int, ...]


class Ids:
    """Primary keys and document numbers, handed out in generation order."""

    def __init__(self) -> None:
        self._last: dict[str, int] = defaultdict(int)

    def next(self, name: str) -> int:
        self._last[name] += 1
        return self._last[name]

    def last(self, name: str) -> int:
        return self._last[name]


def to_money(cents: int) -> Decimal:
    """``cents`` as an amount with two decimals."""
    return Decimal(cents).scaleb(-2)


def to_cents(amount: Decimal) -> int:
    """``amount`` in whole cents."""
    return int(amount.scaleb(2))


def round_days(n: float) -> dt.timedelta:
    """``n`` days, rounded to a whole day."""
    return dt.timedelta(days=round(n))
