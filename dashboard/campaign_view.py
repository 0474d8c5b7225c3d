"""What the campaigns and reminder sequences pages show, as plain values. Pure."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from dashboard import formatting as fmt
from dashboard.campaigns import ANY, Planned, Progress, Segment, Throttle
from dashboard.i18n import Translator

SHOWN = 200  # rows of a list shown at most
COUNT_ORDER = ("sent", "outbox", "failed", "sending", "pending", "skipped", "excluded")


def reason_text(reason: str | None, t: Translator) -> str:
    """Why a customer is left out, in words (delivery errors are shown as they are)."""
    if not reason:
        return ""
    key = f"campaigns.reason.{reason}"
    try:
        return t(key)
    except KeyError:
        return reason


def excluded_rows(
    planned: Sequence[Planned], t: Translator
) -> tuple[list[tuple[str, str, str]], int]:
    """(code, name, reason) of the first customers left out, and how many more."""
    left = [p for p in planned if not p.included]
    rows = [(p.code, p.name, reason_text(p.reason, t)) for p in left[:SHOWN]]
    return rows, max(0, len(left) - SHOWN)


def duration_text(count: int, per_minute: int, t: Translator, language: str) -> str:
    """About how long ``count`` messages take at the configured pace."""
    minutes = math.ceil(Throttle(per_minute).duration(count) / 60)
    return t("campaigns.duration", minutes=fmt.number(max(1, minutes), language), rate=per_minute)


def counts_text(counts: Mapping[str, int], t: Translator, language: str) -> str:
    """``sent 4 · failed 1 · …`` in a fixed order (statuses with none are left out)."""
    parts = [
        f"{t(f'campaigns.count.{status}')}: {fmt.number(counts[status], language)}"
        for status in COUNT_ORDER
        if counts.get(status)
    ]
    return " · ".join(parts)


def progress_label(progress: Progress, language: str) -> str:
    """``7 / 10``."""
    return f"{fmt.number(progress.done, language)} / {fmt.number(progress.total, language)}"


def campaign_status(status: str, interrupted: bool, t: Translator) -> str:
    """Sending, interrupted (resume it) or done."""
    if status == "sending" and interrupted:
        return t("campaigns.status.interrupted")
    return t(f"campaigns.status.{status}")


def failed_rows(frame: pd.DataFrame, t: Translator) -> list[tuple[str, str, str, str]]:
    """(code, name, recipient, error) of the failed recipients."""
    return [
        (str(row.code), str(row.name), str(row.recipient), str(row.error or ""))
        for row in frame.head(SHOWN).itertuples(index=False)
    ]


def stored_excluded_rows(frame: pd.DataFrame, t: Translator) -> list[tuple[str, str, str]]:
    """(code, name, reason) of a stored campaign's customers left out."""
    return [
        (str(row.code), str(row.name), reason_text(row.reason, t))
        for row in frame.head(SHOWN).itertuples(index=False)
    ]


def segment_text(
    segment: Segment, t: Translator, language: str, currency: str, bucket_labels: Mapping[str, str]
) -> str:
    """A segment in words: ``Overdue at least 91+ days · Tag: wholesale``; "All customers"."""
    parts = []
    if segment.bucket:
        label = bucket_labels.get(str(segment.bucket), str(segment.bucket))
        parts.append(f"{t('portfolio.bucket')} {label}")
    for key in ("tag", "seller", "collector"):
        value = getattr(segment, key)
        if value:
            parts.append(f"{t(f'portfolio.{key}')}: {value}")
    if segment.min_balance is not None:
        money = fmt.money(segment.min_balance, currency, language)
        parts.append(f"{t('portfolio.min_balance')}: {money}")
    return " · ".join(parts) or t("campaigns.everyone")


def level_days_text(days: int, t: Translator) -> str:
    """``3 days before the due date`` / ``on the due date`` / ``30 days after``."""
    if days < 0:
        return t("reminders.days.before", days=-days)
    if days == 0:
        return t("reminders.days.on")
    return t("reminders.days.after", days=days)


def when_text(at: dt.datetime | None, language: str) -> str:
    """A stored time as a short date ("" when none)."""
    return fmt.date(at.date(), language, style="short") if at else ""


def as_form_values(segment: Segment) -> dict[str, Any]:
    """A segment as the form's controls hold it."""
    return {
        "bucket": str(segment.bucket or ANY),
        "tag": segment.tag or ANY,
        "seller": segment.seller or ANY,
        "collector": segment.collector or ANY,
        "min_balance": str(segment.min_balance) if segment.min_balance is not None else None,
    }
