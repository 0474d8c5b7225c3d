"""Build missing aging snapshots for several dates at once, on separate connections.

A past as-of date on the home page needs two snapshots (the date, and a month
earlier for the KPI arrows). Each is a read over the whole ledger; reading both at
the same time on two connections uses both cores (SQLite's driver releases the GIL
while a query runs, and PostgreSQL serves each connection in its own process).
The rows are then written in one short transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy.orm import Session, sessionmaker

from data_access.db import session_scope
from data_access.snapshots import (
    ComputedSnapshot,
    compute_snapshot,
    missing_snapshots,
    store_snapshot,
)

MAX_PARALLEL = 4


def prepare_snapshots(
    sessions: sessionmaker[Session], dates: Sequence[dt.date], *, boundaries: Sequence[int]
) -> list[dt.date]:
    """Build the snapshots missing among ``dates``, reading them in parallel.

    A single missing date is left to :func:`data_access.snapshots.ensure_snapshot`
    (nothing to gain). Rows found stale when written (data changed meanwhile) are
    dropped; the reader's ``ensure_snapshot`` then builds that date again.

    Returns:
        The dates whose snapshot this call stored.
    """
    with session_scope(sessions) as sess:
        missing = missing_snapshots(sess, dates, boundaries=boundaries)
    if len(missing) < 2:
        return []

    def read(day: dt.date) -> ComputedSnapshot:
        with sessions() as sess:
            return compute_snapshot(sess, as_of=day, boundaries=boundaries)

    with ThreadPoolExecutor(max_workers=min(len(missing), MAX_PARALLEL)) as pool:
        computed = list(pool.map(read, missing))
    with session_scope(sessions) as sess:
        return [snap.as_of for snap in computed if store_snapshot(sess, snap)]
