"""Seller heat map and the seller / collector ranking: snapshot rollups plus 90-day figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from dashboard.aging import ZERO, AgingBuckets, dsum, weighted_days
from dashboard.kpis import DSO_WINDOW_DAYS
from dashboard.promises import states_frame
from data_access.portfolio import customer_owners, net_credit_sales_by
from data_access.promises import promise_states
from data_access.scope import Scope
from data_access.snapshots import ViewFilter, ensure_snapshot, snapshot_rollup

RANK_COLUMNS = [
    "key",
    "name",
    "customers",
    "balance",
    "overdue",
    "overdue_pct",
    "weighted_days",
    "dso",
    "kept_rate",
    "decided",
]


def _ratio(numerator: Decimal, denominator: Decimal, scale: int) -> Decimal | None:
    if denominator <= 0:
        return None
    return (numerator / denominator * scale).quantize(Decimal("0.1"))


def _position(row: dict[str, Any], bands: int) -> dict[str, Any]:
    """Balance, overdue, % overdue and weighted days of one snapshot rollup row."""
    overdue = dsum(row[f"b{i}"] for i in range(1, bands))
    open_total = row["open_total"]
    return {
        "customers": int(row["customers"]),
        "balance": row["balance"],
        "overdue": overdue,
        "overdue_pct": _ratio(overdue, open_total, 100),
        "weighted_days": weighted_days(row["overdue_day_amount"], open_total),
    }


def ranking(
    session: Session,
    *,
    as_of: dt.date,
    scope: Scope,
    buckets: AgingBuckets,
    by: str,
    grace_days: int = 0,
) -> pd.DataFrame:
    """Sellers or collectors with balance, % overdue, DSO (90 days) and promise-kept rate.

    Promise-kept rate counts promises whose deadline fell in the last 90 days and
    were decided (kept or broken) by ``as_of``.
    """
    ensure_snapshot(session, as_of=as_of, boundaries=buckets.boundaries)
    bands = len(buckets.keys)
    rollup = snapshot_rollup(
        session, as_of=as_of, scope=scope, view=ViewFilter(), bands=bands, by=by
    )
    first = as_of - dt.timedelta(days=DSO_WINDOW_DAYS - 1)
    sales = net_credit_sales_by(session, first=first, last=as_of, scope=scope, by=by)
    kept, decided = _promise_rates(
        session, as_of=as_of, scope=scope, by=by, first=first, grace_days=grace_days
    )
    rows = []
    for row in rollup.to_dict("records"):
        key = row["key"]
        rows.append(
            {
                "key": key,
                "name": row["label"],
                **_position(row, bands),
                "dso": _ratio(row["balance"], sales.get(key, ZERO), DSO_WINDOW_DAYS),
                "kept_rate": _ratio(Decimal(kept.get(key, 0)), Decimal(decided.get(key, 0)), 100),
                "decided": decided.get(key, 0),
            }
        )
    frame = pd.DataFrame(rows, columns=RANK_COLUMNS)
    return frame.sort_values(["balance", "key"], ascending=[False, True], kind="stable")


def _promise_rates(
    session: Session, *, as_of: dt.date, scope: Scope, by: str, first: dt.date, grace_days: int
) -> tuple[dict[str, int], dict[str, int]]:
    promises = promise_states(
        session,
        as_of=as_of,
        scope=scope,
        grace_days=grace_days,
        due_from=first - dt.timedelta(days=grace_days),
        due_to=as_of,
    )
    if promises.empty:
        return {}, {}
    states = states_frame(promises, as_of=as_of)
    states = states[(states["deadline"] >= first) & (states["status"] != "pending")]
    owners = customer_owners(session, scope=scope).set_index("customer_id")[by]
    keys = [owners.get(cid, "") for cid in states["customer_id"]]
    kept: dict[str, int] = {}
    decided: dict[str, int] = {}
    for key, status in zip(keys, states["status"], strict=True):
        decided[key] = decided.get(key, 0) + 1
        kept[key] = kept.get(key, 0) + (status == "kept")
    return kept, decided


def seller_map(
    session: Session, *, as_of: dt.date, scope: Scope, buckets: AgingBuckets
) -> pd.DataFrame:
    """One row per seller for the seller heat map, straight from the aging snapshot.

    Columns: seller_code, seller_name, customers, balance, overdue, overdue_pct,
    weighted_days (the amount-weighted days overdue of the seller's open items).
    """
    ensure_snapshot(session, as_of=as_of, boundaries=buckets.boundaries)
    bands = len(buckets.keys)
    rollup = snapshot_rollup(
        session, as_of=as_of, scope=scope, view=ViewFilter(), bands=bands, by="seller"
    )
    rows = []
    for row in rollup.to_dict("records"):
        rows.append(
            {"seller_code": row["key"], "seller_name": row["label"], **_position(row, bands)}
        )
    columns = [
        "seller_code",
        "seller_name",
        "customers",
        "balance",
        "overdue",
        "overdue_pct",
        "weighted_days",
    ]
    return pd.DataFrame(rows, columns=columns)
