"""The portfolio view's filters as they live in the URL (shareable, survive reloads)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qs, urlencode

GROUPS = ("seller", "tag")
DEFAULT_TOP = 300


@dataclass(frozen=True)
class PortfolioQuery:
    """Filters of the heat map; None means "not filtered"."""

    as_of: dt.date | None = None
    seller: str | None = None
    collector: str | None = None
    tag: str | None = None
    min_balance: Decimal | None = None
    bucket: int | None = None  # customers with something this old or older (bucket index)
    group: str | None = None
    offset: int = 0

    def with_changes(self, **changes: object) -> PortfolioQuery:
        """A copy with some filters changed (and paging reset unless given)."""
        changes.setdefault("offset", 0)
        return replace(self, **changes)  # type: ignore[arg-type]


def _first(values: dict[str, list[str]], key: str) -> str | None:
    found = values.get(key)
    return found[0].strip() if found and found[0].strip() else None


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _money(text: str | None) -> Decimal | None:
    try:
        value = Decimal(text) if text else None
    except InvalidOperation:
        return None
    return value if value is not None and value.is_finite() and value >= 0 else None


def _int(text: str | None, low: int, high: int) -> int | None:
    if text is None or not text.isdigit():
        return None
    value = int(text)
    return value if low <= value <= high else None


def parse_query(search: str | None, *, buckets: int) -> PortfolioQuery:
    """Read filters from ``?as_of=…&seller=…``; values that make no sense are ignored."""
    values = parse_qs((search or "").lstrip("?"))
    group = _first(values, "group")
    return PortfolioQuery(
        as_of=_date(_first(values, "as_of")),
        seller=_first(values, "seller"),
        collector=_first(values, "collector"),
        tag=_first(values, "tag"),
        min_balance=_money(_first(values, "min_balance")),
        bucket=_int(_first(values, "bucket"), 1, buckets - 1),
        group=group if group in GROUPS else None,
        offset=_int(_first(values, "offset"), 0, 10_000_000) or 0,
    )


def to_search(query: PortfolioQuery) -> str:
    """The ``?…`` text for a query (empty when nothing is filtered)."""
    pairs = [
        ("as_of", query.as_of.isoformat() if query.as_of else None),
        ("seller", query.seller),
        ("collector", query.collector),
        ("tag", query.tag),
        ("min_balance", str(query.min_balance) if query.min_balance is not None else None),
        ("bucket", str(query.bucket) if query.bucket else None),
        ("group", query.group),
        ("offset", str(query.offset) if query.offset else None),
    ]
    kept = [(key, value) for key, value in pairs if value is not None]
    return "?" + urlencode(kept) if kept else ""
