"""Reads for "who to call today" and the tasks page's promise panels (queries in, pure out).

Shared by the pages and ``cartera report worklist`` so both rank the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.aging import AgingBuckets
from dashboard.promises import states_frame
from dashboard.worklist import (
    Ranked,
    WorklistData,
    broken_needing_contact,
    build_measures,
    due_today,
    rank_worklist,
)
from data_access.promises import promise_states
from data_access.scope import Scope
from data_access.snapshots import ensure_snapshot
from data_access.tasks_board import customer_labels
from data_access.worklist import (
    collector_customers,
    disputed_amounts,
    last_contacts,
    overdue_positions,
)

# Broken promises older than this (by promise date) no longer ask for a call of their
# own: by then the customer's days without contact and days overdue say it.
BROKEN_LOOKBACK_DAYS = 90


def recent_promises(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    grace_days: int,
    customer_ids: list[int] | None = None,
) -> pd.DataFrame:
    """Promises to pay dated from ``as_of - BROKEN_LOOKBACK_DAYS`` to ``as_of``, with status."""
    frame = promise_states(
        session,
        as_of=as_of,
        scope=scope,
        grace_days=grace_days,
        customer_ids=customer_ids,
        due_from=as_of - dt.timedelta(days=BROKEN_LOOKBACK_DAYS),
        due_to=as_of,
    )
    return states_frame(frame, as_of=as_of)


def choose_collector(
    people: list[tuple[int, str, str]], wanted: str | None, scope: Scope
) -> tuple[int, str] | None:
    """(id, username) of the worklist to show: a collector's own; for a manager the one
    named in the URL if it collects someone, else themselves, else the first collector.

    ``people`` is :func:`data_access.worklist.collectors` (id, username, name).
    """
    if scope.restricted:
        return next(((i, u) for i, u, _ in people if i == scope.user_id), None)
    by_name = {username: user_id for user_id, username, _ in people}
    mine = next((u for i, u, _ in people if i == scope.user_id), None)
    chosen = wanted if wanted in by_name else mine or (people[0][1] if people else None)
    return (by_name[chosen], chosen) if chosen else None


def load_worklist(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    collector_id: int | None,
    buckets: AgingBuckets,
    grace_days: int,
) -> list[Ranked]:
    """The ranked worklist of one collector (a collector's scope always gets its own).

    Builds the aging snapshot of ``as_of`` when it is missing (does not commit).
    """
    ensure_snapshot(session, as_of=as_of, boundaries=buckets.boundaries)
    customers = collector_customers(scope, collector_id)
    ids = list(session.scalars(customers))
    promises = recent_promises(
        session, as_of=as_of, scope=scope, grace_days=grace_days, customer_ids=ids
    )
    data = WorklistData(
        positions=overdue_positions(
            session, as_of=as_of, customers=customers, bands=len(buckets.keys)
        ),
        promises=promises,
        contacts=last_contacts(session, customers, as_of=as_of),
        disputes=disputed_amounts(session, customers, as_of=as_of),
        labels=customer_labels(session, list(promises["customer_id"])),
    )
    return rank_worklist(build_measures(data, as_of=as_of))


@dataclass(frozen=True)
class PromisePanels:
    """The tasks page's promise lists, each row with ``code`` and ``name``."""

    due_today: pd.DataFrame
    broken: pd.DataFrame  # broken, no note since; with last_contact


def load_promise_panels(
    session: Session, *, today: dt.date, scope: Scope, grace_days: int
) -> PromisePanels:
    """Promises to pay due today (any status) and broken ones still waiting for a contact."""
    promises = recent_promises(session, as_of=today, scope=scope, grace_days=grace_days)
    ids = sorted({int(cid) for cid in promises["customer_id"]})
    contacts = last_contacts(session, ids, as_of=today) if ids else {}
    labels = customer_labels(session, ids)

    def named(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.copy()
        frame["code"] = [labels[int(cid)][0] for cid in frame["customer_id"]]
        frame["name"] = [labels[int(cid)][1] for cid in frame["customer_id"]]
        return frame.reset_index(drop=True)

    return PromisePanels(
        due_today=named(due_today(promises, today)),
        broken=named(broken_needing_contact(promises, contacts)),
    )
