"""Turn metric frames into rows and texts a page shows: formatting happens here, once."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from dashboard import formatting as fmt
from dashboard.aging import ZERO, AgingBuckets
from dashboard.i18n import Translator


@dataclass(frozen=True)
class Tile:
    """A KPI tile's content: title, formatted value, optional note, and a tone
    (neutral, good, warn, bad) that colours its edge."""

    title: str
    value: str
    note: str | None = None
    tone: str = "neutral"


def bucket_titles(buckets: AgingBuckets, t: Translator) -> list[str]:
    """Bucket names for people: Current, 1-30 days, ..., 121+ days."""
    return [t("bucket.current")] + [t("bucket.days", label=label) for label in buckets.labels[1:]]


def customer_rows(
    directory: pd.DataFrame, aging: pd.DataFrame, *, language: str, currency: str
) -> list[dict[str, object]]:
    """One grid row per customer: raw numbers for sorting, formatted texts for showing.

    Customers with nothing open appear with a zero balance.
    """
    figures = {
        row.customer_id: (row.balance, row.overdue, int(row.oldest_days_overdue))
        for row in aging.itertuples(index=False)
    }
    rows: list[dict[str, object]] = []
    for record in directory.itertuples(index=False):
        balance, overdue, oldest = figures.get(record.customer_id, (ZERO, ZERO, 0))
        rows.append(
            {
                "code": record.code,
                "name": record.name,
                "seller": record.seller_name or "",
                "collector": record.collector_name or "",
                "tags": ", ".join(record.tags),
                # Numbers for sorting only; totals are never computed from these.
                "balance": float(balance),
                "overdue": float(overdue),
                "oldest_days_overdue": oldest,
                "balance_text": fmt.money(balance, currency, language),
                "overdue_text": fmt.money(overdue, currency, language),
            }
        )
    return rows


def document_rows(
    aged: pd.DataFrame, buckets: AgingBuckets, *, t: Translator, language: str, currency: str
) -> list[dict[str, object]]:
    """Open documents of a customer, formatted for a table."""
    titles = dict(zip(buckets.keys, bucket_titles(buckets, t), strict=True))
    return [
        {
            "number": row.number,
            "kind": t(f"kind.{row.kind}"),
            "issue_date": fmt.date(row.issue_date, language),
            "due_date": fmt.date(row.due_date, language),
            "amount": fmt.money(row.amount, currency, language),
            "open_amount": fmt.money(row.open_amount, currency, language),
            "days_overdue": fmt.number(row.days_overdue, language),
            "bucket": titles[row.bucket_key],
            "bucket_key": row.bucket_key,
            "disputed": t("common.yes") if row.disputed else "",
        }
        for row in aged.itertuples(index=False)
    ]


def customer_tiles(
    aging: pd.DataFrame, *, t: Translator, language: str, currency: str
) -> list[Tile]:
    """Balance, overdue, unapplied credit and oldest days overdue of one customer."""
    if aging.empty:
        balance = overdue = unapplied = ZERO
        oldest = 0
    else:
        first = aging.iloc[0]
        balance, overdue, unapplied = first["balance"], first["overdue"], first["unapplied"]
        oldest = int(first["oldest_days_overdue"])
    return [
        Tile(t("customer.balance"), fmt.money(balance, currency, language)),
        Tile(t("customer.overdue"), fmt.money(overdue, currency, language), tone="bad"),
        Tile(t("customer.unapplied"), fmt.money(unapplied, currency, language), tone="good"),
        Tile(t("customer.oldest"), fmt.number(oldest, language), tone="warn"),
    ]


@dataclass(frozen=True)
class KpiTile:
    """A KPI tile: the figure, its change against the previous period, and how it is computed."""

    key: str
    title: str
    value: str
    change: str | None
    direction: str  # "up", "down" or "flat"
    tone: str  # "good", "bad" or "neutral": whether the change is welcome
    help: str


# For each KPI: how to show it, and whether a rise is good (+1), bad (-1) or neither (0).
KPI_STYLE: dict[str, tuple[str, int]] = {
    "total_receivable": ("money", 0),
    "overdue": ("money", -1),
    "current": ("money", 0),
    "dso_standard_90": ("days", -1),
    "dso_countback": ("days", -1),
    "best_possible_dso": ("days", -1),
    "add": ("days", -1),
    "cei_month": ("pct", 1),
    "collected_day": ("money", 1),
    "collected_week": ("money", 1),
    "collected_month": ("money", 1),
    "promises_due": ("count", 0),
    "promises_broken": ("count", -1),
}


def _kpi_value(
    kind: str, value: Decimal | int | None, t: Translator, language: str, currency: str
) -> str:
    if value is None:
        return t("common.none")
    if kind == "money":
        return fmt.money(Decimal(value), currency, language)
    if kind == "days":
        return t("kpi.days", value=fmt.number(value, language, digits=1))
    if kind == "pct":
        return fmt.percent(Decimal(value) / 100, language)
    return fmt.number(value, language)


def kpi_tiles(
    now: object,
    changes: dict[str, Decimal | None],
    *,
    previous_date: str,
    t: Translator,
    language: str,
    currency: str,
) -> list[KpiTile]:
    """Tiles for :class:`dashboard.kpis.Kpis` with arrows against the previous period."""
    tiles = []
    for key, (kind, rise) in KPI_STYLE.items():
        value = getattr(now, key)
        change = changes.get(key)
        direction = "flat" if not change else ("up" if change > 0 else "down")
        sign = 0 if direction == "flat" else (1 if direction == "up" else -1)
        tone = "neutral" if rise == 0 or sign == 0 else ("good" if sign == rise else "bad")
        shown = None
        if change is not None:
            arrow = {"up": "▲", "down": "▼", "flat": "="}[direction]
            amount = _kpi_value(kind, abs(change), t, language, currency)
            shown = f"{arrow} {amount} {t('portfolio.vs', date=previous_date)}"
        title = t(f"kpi.{key}")
        if key == "overdue" and now.overdue_pct is not None:  # type: ignore[attr-defined]
            pct = fmt.percent(Decimal(now.overdue_pct) / 100, language)  # type: ignore[attr-defined]
            title = f"{title} · {t('kpi.share', pct=pct)}"
        tiles.append(
            KpiTile(
                key,
                title,
                _kpi_value(kind, value, t, language, currency),
                shown,
                direction,
                tone,
                t(f"kpi.help.{key}"),
            )
        )
    return tiles
