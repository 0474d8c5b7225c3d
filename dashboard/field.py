"""A collector's day in the field: whom to visit and why, each customer once (pure).

Three sources are merged: promises to pay due today that are still pending (from
the worklist's measures, wherever the customer ranks), open tasks due today (or
overdue), and the top of the ranked worklist. A customer found
in several keeps every reason. Without the phone's position the day is ordered by
its most pressing reason (a promise due today, then a task due today, an overdue
task, then worklist rank); with it, :func:`dashboard.geo.sort_by_distance` reorders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from dashboard.worklist import Ranked

WORKLIST_TOP = 15
REASON_ORDER = ("promise_today", "task_today", "task_overdue", "worklist")


@dataclass(frozen=True)
class Reason:
    """Why a customer is on the day's list.

    ``kind`` is one of :data:`REASON_ORDER`; ``amount`` the promised amount, ``rank``
    the worklist rank, ``text`` a task's description, ``day`` its due date.
    """

    kind: str
    amount: Decimal | None = None
    rank: int | None = None
    text: str = ""
    day: dt.date | None = None


@dataclass
class Stop:
    """One customer to visit today, with every reason it is on the list."""

    customer_id: int
    reasons: list[Reason] = field(default_factory=list)

    @property
    def priority(self) -> tuple[int, int]:
        """(most pressing reason, worklist rank): smaller comes first."""
        best = min(REASON_ORDER.index(reason.kind) for reason in self.reasons)
        ranks = [reason.rank for reason in self.reasons if reason.rank is not None]
        return best, min(ranks) if ranks else 10**9


def day_stops(
    *,
    ranked: Sequence[Ranked],
    tasks: pd.DataFrame,
    today: dt.date,
    top: int = WORKLIST_TOP,
) -> list[Stop]:
    """The day's customers, each once, most pressing first.

    Args:
        ranked: the collector's ranked worklist (:func:`dashboard.worklist_service.load_worklist`).
            Every customer with a pending promise to pay due today counts, wherever it
            ranks; of the rest, the first ``top``.
        tasks: open tasks (:func:`data_access.tasks_board.task_board` columns
            ``task_id, customer_id, description, due_date``); due today or before count.
        today: the day.
        top: how much of the worklist to take.
    """
    stops: dict[int, Stop] = {}

    def add(customer_id: object, reason: Reason) -> None:
        cid = int(customer_id)  # type: ignore[call-overload]
        stops.setdefault(cid, Stop(cid)).reasons.append(reason)

    for item in ranked:
        if item.customer.promises_today:
            amount = item.customer.promised_today
            add(item.customer.customer_id, Reason("promise_today", amount=amount, day=today))
    for row in tasks.sort_values(["due_date", "task_id"], kind="stable").itertuples(index=False):
        if row.due_date <= today:
            kind = "task_today" if row.due_date == today else "task_overdue"
            add(row.customer_id, Reason(kind, text=str(row.description), day=row.due_date))
    for item in list(ranked)[: max(0, top)]:
        add(item.customer.customer_id, Reason("worklist", rank=item.rank))
    return sorted(stops.values(), key=lambda stop: stop.priority)


def keep_visible(stops: Sequence[Stop], visible: set[int]) -> list[Stop]:
    """Only the stops whose customer the user may see (the rest cannot be visited here)."""
    return [stop for stop in stops if stop.customer_id in visible]
