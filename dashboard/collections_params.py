"""The collections page's controls as they live in the URL: ``?by=week&from=…&to=…&seller=…``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from dashboard.collections import GRANULARITIES, Granularity, clamp_range
from dashboard.kpis import Period
from data_access.portfolio import CustomerFilter


@dataclass(frozen=True)
class CollectionsQuery:
    """What the page shows; None means the default (month view, default range, everyone)."""

    by: Granularity = "month"
    first: dt.date | None = None
    last: dt.date | None = None
    seller: str | None = None
    collector: str | None = None

    def range(self, today: dt.date) -> Period:
        """The chart's range: given or default, ending by today, at most 24 months."""
        return clamp_range(self.first, self.last, by=self.by, today=today)

    @property
    def filters(self) -> CustomerFilter:
        """The customer filter of the seller and collector choice."""
        return CustomerFilter(seller_code=self.seller, collector=self.collector)


def _first(values: dict[str, list[str]], key: str) -> str | None:
    found = values.get(key)
    return found[0].strip() if found and found[0].strip() else None


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def parse_query(search: str | None) -> CollectionsQuery:
    """Read the controls from the URL's query string; nonsense values are ignored."""
    values = parse_qs((search or "").lstrip("?"))
    by = _first(values, "by")
    return CollectionsQuery(
        by=by if by in GRANULARITIES else "month",
        first=_date(_first(values, "from")),
        last=_date(_first(values, "to")),
        seller=_first(values, "seller"),
        collector=_first(values, "collector"),
    )


def to_search(query: CollectionsQuery) -> str:
    """The ``?…`` text of a query (empty for the defaults)."""
    pairs = [
        ("by", None if query.by == "month" else query.by),
        ("from", query.first.isoformat() if query.first else None),
        ("to", query.last.isoformat() if query.last else None),
        ("seller", query.seller),
        ("collector", query.collector),
    ]
    kept = [(key, value) for key, value in pairs if value is not None]
    return "?" + urlencode(kept) if kept else ""
