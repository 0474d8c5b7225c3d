"""The home page's heat map: snapshot queries in, a treemap figure out.

All ranking and summing happens in SQL on the aging snapshot; only the top N
customers and one "Others" total per group reach Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from sqlalchemy.orm import Session

from dashboard import formatting as fmt
from dashboard.aging import AgingBuckets, dsum, oldest_days, weighted_days
from dashboard.i18n import Translator
from dashboard.portfolio_params import PortfolioQuery
from dashboard.presenters import bucket_titles
from dashboard.treemaps import GroupTotals, customer_treemap_from_parts
from data_access.highlights import last_notes, next_promises
from data_access.portfolio import CustomerFilter
from data_access.scope import Scope
from data_access.snapshots import (
    SnapshotTotals,
    ViewFilter,
    customer_tags_of,
    ensure_snapshot,
    snapshot_rest,
    snapshot_top,
    snapshot_totals,
)

TOP_N = 300


def view_filter(query: PortfolioQuery) -> ViewFilter:
    """The snapshot filter for the URL's filters."""
    customers = CustomerFilter(seller_code=query.seller, collector=query.collector, tag=query.tag)
    return ViewFilter(customers=customers, min_balance=query.min_balance, min_bucket=query.bucket)


@dataclass(frozen=True)
class HeatmapData:
    """What the home page draws for one set of filters."""

    as_of: dt.date
    totals: SnapshotTotals
    top: pd.DataFrame  # treemap rows (see dashboard.treemaps.customer_treemap)
    rest: pd.DataFrame  # snapshot_rest rows


def load_heatmap(
    session: Session,
    *,
    query: PortfolioQuery,
    as_of: dt.date,
    scope: Scope,
    buckets: AgingBuckets,
    titles: Sequence[str],
    top_n: int = TOP_N,
) -> HeatmapData:
    """Build (once) the snapshot for ``as_of`` and read the view the filters ask for."""
    ensure_snapshot(session, as_of=as_of, boundaries=buckets.boundaries)
    view = view_filter(query)
    bands = len(buckets.keys)
    totals = snapshot_totals(session, as_of=as_of, scope=scope, view=view, bands=bands)
    top = snapshot_top(
        session, as_of=as_of, scope=scope, view=view, bands=bands, limit=top_n, offset=query.offset
    )
    rest = snapshot_rest(
        session,
        as_of=as_of,
        scope=scope,
        view=view,
        bands=bands,
        skip=query.offset + top_n,
        by=query.group,
    )
    ids = list(top["customer_id"])
    rows = treemap_rows(
        top,
        as_of=as_of,
        titles=titles,
        tags=customer_tags_of(session, ids),
        notes=last_notes(session, ids, as_of=as_of),
        promises=next_promises(session, ids, as_of=as_of),
    )
    return HeatmapData(as_of=as_of, totals=totals, top=rows, rest=rest)


def treemap_rows(
    top: pd.DataFrame,
    *,
    as_of: dt.date,
    titles: Sequence[str],
    tags: dict[int, list[str]],
    notes: dict[int, str],
    promises: dict[int, tuple[dt.date, Decimal | None]],
) -> pd.DataFrame:
    """Snapshot rows in the shape :mod:`dashboard.treemaps` draws."""
    rows: list[dict[str, Any]] = []
    for row in top.to_dict("records"):
        amounts = [row[f"b{i}"] for i in range(len(titles))]
        cid = row["customer_id"]
        rows.append(
            {
                **{
                    key: row[key]
                    for key in (
                        "customer_id",
                        "code",
                        "name",
                        "seller_code",
                        "seller_name",
                        "collector_name",
                        "balance",
                    )
                },
                "tags": tags.get(cid, []),
                "current": amounts[0],
                "overdue": dsum(amounts[1:]),
                "buckets": dict(zip(titles, amounts, strict=True)),
                "weighted_days": weighted_days(row["overdue_day_amount"], row["open_total"]),
                "oldest_days": oldest_days(row["oldest_due"], as_of),
                "last_note": notes.get(cid),
                "next_promise": promises.get(cid),
            }
        )
    return pd.DataFrame(rows)


def rest_totals(
    rest: pd.DataFrame, *, as_of: dt.date, titles: Sequence[str]
) -> dict[str, tuple[str, GroupTotals]]:
    """The "Others" of each group as the treemap's totals (exact money)."""
    found: dict[str, tuple[str, GroupTotals]] = {}
    for row in rest.to_dict("records"):
        amounts = [row[f"b{i}"] for i in range(len(titles))]
        days = weighted_days(row["overdue_day_amount"], row["open_total"])
        totals = GroupTotals(
            count=int(row["customers"]),
            balance=row["balance"],
            overdue=dsum(amounts[1:]),
            buckets=dict(zip(titles, amounts, strict=True)),
            oldest=oldest_days(row["oldest_due"], as_of),
            balance_days=float(row["balance"]) * days,
        )
        found[row["key"]] = (row["label"], totals)
    return found


def promise_text(
    promise: tuple[dt.date, Decimal | None] | None, *, language: str, currency: str
) -> str | None:
    """``"Mar 12, 2025 · $1,200.00"`` for a promise to pay, None without one."""
    if promise is None:
        return None
    day, amount = promise
    when = fmt.date(day, language)
    return when if amount is None else f"{when} · {fmt.money(amount, currency, language)}"


def heatmap_figure(
    data: HeatmapData,
    *,
    query: PortfolioQuery,
    t: Translator,
    language: str,
    currency: str,
    buckets: AgingBuckets,
    top_n: int = TOP_N,
) -> go.Figure:
    """The customer treemap for loaded data."""
    titles = bucket_titles(buckets, t)
    top = data.top.copy()
    if not top.empty:
        top["next_promise"] = [
            promise_text(p, language=language, currency=currency) for p in top["next_promise"]
        ]
    return customer_treemap_from_parts(
        top,
        rest_totals(data.rest, as_of=data.as_of, titles=titles),
        t=t,
        language=language,
        currency=currency,
        bucket_labels=titles,
        group_by=query.group,  # type: ignore[arg-type]
        excluded_non_positive=data.totals.customers - data.totals.owing,
        top_n=top_n,
        offset=query.offset,
    )
