"""The activity page's filters as they live in the URL (shareable, survive reloads)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

from data_access.activity import CHANNELS, REASONS
from data_access.activity_feed import FeedFilter, clean_hashtag

PERIODS = ("week", "month")
DEFAULT_DAYS = 90  # the range shown when the URL names none: today and the 89 days before
MAX_DAYS = 731  # at most two years in one view


@dataclass(frozen=True)
class ActivityQuery:
    """Filters of the activity page; None means "not filtered" (or the default range)."""

    collector: str | None = None
    channel: str | None = None
    reason: str | None = None
    hashtag: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    period: str = "week"

    def window(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """The days shown, both included: never after today, at most two years long."""
        end = min(self.end or today, today)
        start = self.start or end - dt.timedelta(days=DEFAULT_DAYS - 1)
        start = min(start, end)
        return max(start, end - dt.timedelta(days=MAX_DAYS - 1)), end

    def feed_filter(self, today: dt.date) -> FeedFilter:
        """The notes filter for the data layer."""
        start, end = self.window(today)
        return FeedFilter(
            collector=self.collector,
            channel=self.channel,
            reason=self.reason,
            hashtag=self.hashtag,
            start=start,
            end=end,
        )


def _first(values: dict[str, list[str]], key: str) -> str | None:
    found = values.get(key)
    return found[0].strip() if found and found[0].strip() else None


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _choice(text: str | None, options: tuple[str, ...]) -> str | None:
    return text if text in options else None


def parse_query(search: str | None) -> ActivityQuery:
    """Read ``?collector=…&channel=…&reason=…&hashtag=…&from=…&to=…&by=…``.

    Values that make no sense are ignored; a hashtag is stored without ``#``, lower-case.
    """
    values = parse_qs((search or "").lstrip("?"))
    return ActivityQuery(
        collector=_first(values, "collector"),
        channel=_choice(_first(values, "channel"), CHANNELS),
        reason=_choice(_first(values, "reason"), REASONS),
        hashtag=clean_hashtag(_first(values, "hashtag")),
        start=_date(_first(values, "from")),
        end=_date(_first(values, "to")),
        period=_choice(_first(values, "by"), PERIODS) or "week",
    )


def to_search(query: ActivityQuery) -> str:
    """The ``?…`` text for a query (empty when nothing is filtered)."""
    pairs = [
        ("collector", query.collector),
        ("channel", query.channel),
        ("reason", query.reason),
        ("hashtag", query.hashtag),
        ("from", query.start.isoformat() if query.start else None),
        ("to", query.end.isoformat() if query.end else None),
        ("by", None if query.period == "week" else query.period),
    ]
    kept = [(key, value) for key, value in pairs if value is not None]
    return "?" + urlencode(kept) if kept else ""
