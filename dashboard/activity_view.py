"""What the activity page shows, as plain values in the user's language. Pure.

Feed notes, coverage list rows, the coverage tile and chart labels are formatted
here, so layouts only place them and callbacks only glue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from babel.dates import format_skeleton

from dashboard import formatting as fmt
from dashboard.coverage import CADENCE_DAYS, Coverage
from dashboard.i18n import Translator
from dashboard.presenters import Tile

MAX_LIST_ROWS = 500
NEVER_SORT = 10**9  # "never contacted" sorts after every real number of days


def when_text(at: dt.datetime, language: str) -> str:
    """A note's date and time: ``Nov 22, 2026 17:30`` / ``22 nov 2026 17:30``."""
    return f"{fmt.date(at.date(), language)} {at.strftime('%H:%M')}"


def feed_items(rows: Sequence[dict[str, Any]], *, t: Translator, language: str) -> list[dict]:
    """Feed notes as texts; ``hashtags`` stays a list of tags (without ``#``)."""
    return [
        {
            "id": row["id"],
            "when": when_text(row["created_at"], language),
            "customer_code": row["customer_code"],
            "customer_name": row["customer_name"],
            "author": t("activity.by", name=row["author_name"] or t("activity.no_author")),
            "channel": t(f"channel.{row['channel']}"),
            "reason": row["reason"],
            "reason_label": t(f"reason.{row['reason']}"),
            "contact": t("activity.with", name=row["contact_name"]) if row["contact_name"] else "",
            "body": row["body"],
            "agreement": t("activity.agreed", text=row["agreement"]) if row["agreement"] else "",
            "hashtags": list(row["hashtags"]),
        }
        for row in rows
    ]


def coverage_tile(result: Coverage, *, t: Translator, language: str, today: dt.date) -> Tile:
    """The coverage tile: the share, with numerator and denominator under it."""
    count = t(
        "activity.coverage_count",
        contacted=fmt.number(result.contacted, language),
        total=fmt.number(result.overdue_customers, language),
    )
    help_text = t("activity.coverage_help", days=CADENCE_DAYS, date=fmt.date(today, language))
    return Tile(
        title=t("activity.coverage"),
        value=fmt.percent(result.share, language),
        note=f"{count}. {help_text}",
    )


def _reason(reason: object, t: Translator) -> str:
    return t(f"reason.{reason}") if isinstance(reason, str) and reason else ""


def coverage_list_rows(
    frame: pd.DataFrame, *, t: Translator, language: str, currency: str
) -> list[dict[str, object]]:
    """Grid rows of a coverage list (at most :data:`MAX_LIST_ROWS`, the largest first)."""
    rows: list[dict[str, object]] = []
    for row in frame.head(MAX_LIST_ROWS).to_dict("records"):
        days = row["days_since_contact"]
        never = days is None or pd.isna(days)
        rows.append(
            {
                "code": row["code"],
                "name": row["name"],
                "collector": row["collector_name"] or t("common.none"),
                "overdue": float(row["overdue"]),
                "overdue_text": fmt.money(row["overdue"], currency, language),
                "oldest_days_overdue": int(row["oldest_days_overdue"]),
                "days_since": NEVER_SORT if never else int(days),
                "days_since_text": t("activity.never") if never else fmt.number(days, language),
                "last_reason": _reason(row["last_reason"], t),
            }
        )
    return rows


def list_note(count: int, *, t: Translator, language: str) -> str:
    """How many customers a list holds, and that it is cut when it is."""
    if count > MAX_LIST_ROWS:
        return t(
            "activity.list_cut",
            count=fmt.number(count, language),
            shown=fmt.number(MAX_LIST_ROWS, language),
        )
    return t("activity.uncovered_count", count=fmt.number(count, language))


def _short(day: dt.date, skeleton: str, language: str) -> str:
    return format_skeleton(skeleton, day, locale=fmt.FORMAT_LOCALES.get(language, language))


def day_labels(days: Sequence[dt.date], language: str) -> list[str]:
    """Short, distinct day labels: ``Nov 16`` / ``16 nov``, with the year when the days span two."""
    skeleton = "MMMd" if len({day.year for day in days}) <= 1 else "yMMMd"
    return [_short(day, skeleton, language) for day in days]


def period_labels(starts: Sequence[dt.date], period: str, *, language: str) -> list[str]:
    """Bar labels: a week by its Monday (``Nov 16``), a month as ``Nov 2026``."""
    if period == "month":
        return [_short(start, "yMMM", language) for start in starts]
    return day_labels(starts, language)
