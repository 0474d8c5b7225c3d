"""Aging of receivables: days overdue, buckets, per-invoice, per-customer and per-seller views.

Pure pandas on the frames returned by :mod:`data_access.receivables`; money stays
``Decimal`` (object columns) from the database to the printed report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class AgingBuckets:
    """Aging buckets from the upper day limits, e.g. (30, 60, 90, 120).

    ``current`` holds what is not yet due or due today (days overdue <= 0);
    then 1-30, 31-60, ... and the last bucket is open-ended (121+).
    """

    boundaries: tuple[int, ...] = (30, 60, 90, 120)

    @property
    def keys(self) -> list[str]:
        """Machine names: current, d1_30, d31_60, ..., d121_plus."""
        lows = (1, *(b + 1 for b in self.boundaries[:-1]))
        middle = [f"d{lo}_{hi}" for lo, hi in zip(lows, self.boundaries, strict=True)]
        return ["current", *middle, f"d{self.boundaries[-1] + 1}_plus"]

    @property
    def labels(self) -> list[str]:
        """Human names: current, 1-30, 31-60, ..., 121+."""
        lows = (1, *(b + 1 for b in self.boundaries[:-1]))
        middle = [f"{lo}-{hi}" for lo, hi in zip(lows, self.boundaries, strict=True)]
        return ["current", *middle, f"{self.boundaries[-1] + 1}+"]

    @property
    def overdue_keys(self) -> list[str]:
        """Every bucket but ``current``."""
        return self.keys[1:]

    def index_for(self, days_overdue: int) -> int:
        """Position of the bucket that holds an item ``days_overdue`` days late."""
        if days_overdue <= 0:
            return 0
        for position, limit in enumerate(self.boundaries, start=1):
            if days_overdue <= limit:
                return position
        return len(self.boundaries) + 1


def days_overdue(due_date: dt.date, as_of: dt.date) -> int:
    """Whole days from the due date to ``as_of`` (negative when not yet due)."""
    return (as_of - due_date).days


def weighted_days(overdue_day_amount: float, open_total: Decimal) -> float:
    """Amount-weighted average days overdue of open items (0 when nothing is open)."""
    return float(overdue_day_amount) / float(open_total) if open_total > 0 else 0.0


def oldest_days(oldest_due: dt.date | None, as_of: dt.date) -> int:
    """Days overdue of the oldest open item (0 when nothing is overdue)."""
    if oldest_due is None or pd.isna(oldest_due):
        return 0
    return max((as_of - oldest_due).days, 0)


def dsum(values: Iterable[Decimal]) -> Decimal:
    """Exact sum of Decimal values (zero for none)."""
    return sum(values, ZERO)


def invoice_aging(items: pd.DataFrame, *, as_of: dt.date, buckets: AgingBuckets) -> pd.DataFrame:
    """Open items with ``days_overdue``, ``bucket`` (label) and ``bucket_key`` added."""
    frame = items.copy()
    frame["days_overdue"] = [days_overdue(d, as_of) for d in frame["due_date"]]
    positions = [buckets.index_for(days) for days in frame["days_overdue"]]
    frame["bucket"] = [buckets.labels[p] for p in positions]
    frame["bucket_key"] = [buckets.keys[p] for p in positions]
    return frame


def customer_aging(
    items: pd.DataFrame,
    unapplied: pd.DataFrame,
    directory: pd.DataFrame,
    *,
    as_of: dt.date,
    buckets: AgingBuckets,
) -> pd.DataFrame:
    """One row per customer with anything open or unapplied as of ``as_of``.

    Columns: customer_id, customer_code, customer_name, seller_code, balance,
    one per bucket key, unapplied (positive), overdue, oldest_days_overdue.
    ``balance = sum(buckets) - unapplied`` exactly.
    """
    aged = invoice_aging(items, as_of=as_of, buckets=buckets)
    credit = dict(zip(unapplied["customer_id"], unapplied["unapplied"], strict=True))
    by_customer: dict[int, dict[str, Decimal]] = {}
    oldest: dict[int, int] = {}
    for cid, key, amount, days in zip(
        aged["customer_id"],
        aged["bucket_key"],
        aged["open_amount"],
        aged["days_overdue"],
        strict=True,
    ):
        sums = by_customer.setdefault(cid, dict.fromkeys(buckets.keys, ZERO))
        sums[key] += amount
        oldest[cid] = max(oldest.get(cid, 0), days)
    rows = []
    for record in directory.itertuples(index=False):
        cid = record.customer_id
        if cid not in by_customer and cid not in credit:
            continue
        sums = by_customer.get(cid, dict.fromkeys(buckets.keys, ZERO))
        left = credit.get(cid, ZERO)
        rows.append(
            {
                "customer_id": cid,
                "customer_code": record.code,
                "customer_name": record.name,
                "seller_code": record.seller_code or "",
                "balance": dsum(sums.values()) - left,
                **sums,
                "unapplied": left,
                "overdue": dsum(sums[k] for k in buckets.overdue_keys),
                "oldest_days_overdue": max(oldest.get(cid, 0), 0),
            }
        )
    columns = [
        "customer_id",
        "customer_code",
        "customer_name",
        "seller_code",
        "balance",
        *buckets.keys,
        "unapplied",
        "overdue",
        "oldest_days_overdue",
    ]
    return pd.DataFrame(rows, columns=columns)


def seller_aging(
    by_customer: pd.DataFrame, sellers: pd.DataFrame, *, buckets: AgingBuckets
) -> pd.DataFrame:
    """Customer aging summed per seller (``seller_code`` '' for customers without one).

    ``sellers`` maps ``seller_code`` to ``seller_name``. Columns: seller_code,
    seller_name, customers, balance, bucket keys, unapplied, overdue, oldest_days_overdue.
    """
    money = ["balance", *buckets.keys, "unapplied", "overdue"]
    names = dict(zip(sellers["seller_code"], sellers["seller_name"], strict=True))
    rows = []
    for code, group in by_customer.groupby("seller_code", sort=True):
        row: dict[str, object] = {"seller_code": code, "seller_name": names.get(code, "") or ""}
        row["customers"] = len(group)
        row.update({column: dsum(group[column]) for column in money})
        row["oldest_days_overdue"] = int(group["oldest_days_overdue"].max())
        rows.append(row)
    columns = ["seller_code", "seller_name", "customers", *money, "oldest_days_overdue"]
    return pd.DataFrame(rows, columns=columns)
