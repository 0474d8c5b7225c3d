"""Reads behind the board's panels, each reusing the page that owns the figure.

The board is company-wide (its scope sees every customer) and always "as of
today". Callers wrap the expensive reads in :func:`dashboard.context.cached`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.aging import AgingBuckets
from dashboard.board_panels import MonthComparison, last_month_span, month_comparison
from dashboard.heatmap import HeatmapData, load_heatmap
from dashboard.kpi_service import kpis_with_previous
from dashboard.kpis import Kpis
from dashboard.portfolio_params import PortfolioQuery
from dashboard.promises import states_frame
from dashboard.sellers_view import seller_map
from dashboard.worklist import due_today
from data_access.activity_feed import FeedFilter, feed_page
from data_access.collections import daily_collections
from data_access.promises import promise_states
from data_access.scope import Scope
from data_access.tasks_board import customer_labels

# Rectangles of the board's customer map: fewer than the page's, so names stay readable.
BOARD_TOP_N = 60
NOTES_SHOWN = 8


def customer_map(
    session: Session, *, today: dt.date, scope: Scope, buckets: AgingBuckets, titles: Sequence[str]
) -> HeatmapData:
    """The home page's heat map data, unfiltered, for the board's top customers."""
    return load_heatmap(
        session,
        query=PortfolioQuery(),
        as_of=today,
        scope=scope,
        buckets=buckets,
        titles=titles,
        top_n=BOARD_TOP_N,
    )


def sellers(
    session: Session, *, today: dt.date, scope: Scope, buckets: AgingBuckets
) -> pd.DataFrame:
    """The sellers page's heat map rows."""
    return seller_map(session, as_of=today, scope=scope, buckets=buckets)


def kpis(
    session: Session, *, today: dt.date, scope: Scope, buckets: AgingBuckets, grace_days: int
) -> tuple[Kpis, Kpis]:
    """The KPI tiles' values today and a month earlier."""
    return kpis_with_previous(
        session, as_of=today, scope=scope, boundaries=buckets.boundaries, grace_days=grace_days
    )


def collections(session: Session, *, today: dt.date, scope: Scope) -> MonthComparison:
    """Collections by day from the 1st of last month to today, summed per month."""
    first, _last = last_month_span(today)
    daily = daily_collections(session, first=first, last=today, scope=scope)
    return month_comparison(daily, today)


def promises_due_today(
    session: Session, *, today: dt.date, scope: Scope, grace_days: int
) -> pd.DataFrame:
    """Promises to pay dated today, any status, with the customer's ``code`` and ``name``."""
    frame = promise_states(
        session, as_of=today, scope=scope, grace_days=grace_days, due_from=today, due_to=today
    )
    due = due_today(states_frame(frame, as_of=today), today).reset_index(drop=True)
    labels = customer_labels(session, [int(cid) for cid in due["customer_id"]])
    due["code"] = [labels[int(cid)][0] for cid in due["customer_id"]]
    due["name"] = [labels[int(cid)][1] for cid in due["customer_id"]]
    return due


def latest_notes(
    session: Session, *, scope: Scope, limit: int = NOTES_SHOWN
) -> list[dict[str, Any]]:
    """The newest notes, as the activity feed reads them."""
    return feed_page(session, scope=scope, filters=FeedFilter(), limit=limit)
