"""Turn the collections page's figures into tiles, labels, rows and texts. Pure.

Formatting happens here, in the user's language; amounts stay Decimal until a
float is needed for a chart axis or a grid's sort value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import pandas as pd

from dashboard import formatting as fmt
from dashboard.collections import Comparison, Granularity, change_ratio
from dashboard.forecast import ForecastError
from dashboard.i18n import Translator
from dashboard.kpis import Period
from dashboard.presenters import KpiTile

TileFigures = Sequence[tuple[Comparison, tuple[Decimal, int], tuple[Decimal, int]]]


def span_text(period: Period, language: str, t: Translator) -> str:
    """``Mar 1, 2024 – Mar 15, 2024``, or one date for a one-day period."""
    if period.first == period.last:
        return fmt.date(period.first, language)
    return t(
        "collections.span",
        first=fmt.date(period.first, language),
        last=fmt.date(period.last, language),
    )


def collection_tiles(
    figures: TileFigures, *, t: Translator, language: str, currency: str
) -> list[KpiTile]:
    """Yesterday / week / month / year tiles with the % change against their comparison span."""
    tiles = []
    for span, (amount, _count), (before, _before_count) in figures:
        ratio = change_ratio(amount, before)
        previous = span_text(span.previous, language, t)
        if ratio is None:
            direction, change = "flat", t("collections.tile.no_base", previous=previous)
        else:
            direction = "flat" if ratio == 0 else ("up" if ratio > 0 else "down")
            arrow = {"up": "▲", "down": "▼", "flat": "="}[direction]
            change = t(
                "collections.tile.change",
                arrow=arrow,
                pct=fmt.percent(abs(ratio), language),
                previous=previous,
            )
        tone = {"up": "good", "down": "bad"}.get(direction, "neutral")
        help_text = t(
            f"collections.help.{span.key}",
            current=span_text(span.current, language, t),
            previous=previous,
        )
        tiles.append(
            KpiTile(
                f"collections-{span.key}",
                t(f"collections.tile.{span.key}"),
                fmt.money(amount, currency, language),
                change,
                direction,
                tone,
                help_text,
            )
        )
    return tiles


def period_label(start: dt.date, by: Granularity, *, t: Translator, language: str) -> str:
    """A period's short name: a date, ``W53 2020`` (ISO week and year) or ``Mar 2024``."""
    if by == "day":
        return fmt.date(start, language)
    if by == "week":
        year, week, _ = start.isocalendar()
        return t("collections.week_label", week=week, year=year)
    return fmt.date(start, language, style="MMM y")


def series_hover(series: pd.DataFrame, *, t: Translator, language: str, currency: str) -> list[str]:
    """Hover text of each period: its dates, amount and number of payments."""
    return [
        t(
            "collections.hover",
            span=span_text(Period(row.period_start, row.period_end), language, t),
            amount=fmt.money(row.amount, currency, language),
            count=fmt.number(int(row.payments), language),
        )
        for row in series.itertuples(index=False)
    ]


def breakdown_labels(frame: pd.DataFrame, t: Translator) -> list[str]:
    """Names of a breakdown's rows, '(none)' for the blank one."""
    return [name or t("collections.breakdown.none") for name in frame["name"]]


def latest_rows(frame: pd.DataFrame, *, language: str, currency: str) -> list[dict[str, object]]:
    """Grid rows of the latest payments: raw values to sort on, texts to show."""
    none = ""
    return [
        {
            "date": row.date.isoformat(),
            "date_text": fmt.date(row.date, language),
            "customer": f"{row.customer_code} · {row.customer_name}",
            "code": row.customer_code,
            "amount": float(row.amount),
            "amount_text": fmt.money(row.amount, currency, language),
            "reference": row.reference,
            "method": row.method or none,
            "invoices": row.invoices,
            "days_late": None if row.days_late is None else float(row.days_late),
            "days_late_text": none
            if row.days_late is None
            else fmt.number(row.days_late, language, digits=1),
        }
        for row in frame.itertuples(index=False)
    ]


def error_lines(
    error: ForecastError | None, *, t: Translator, language: str, currency: str
) -> list[tuple[str, str]]:
    """``(label, value)`` lines of the backtest's error, plus a reading of its bias."""
    if error is None:
        return [("", t("collections.error.none"))]
    lines = [
        (t("collections.error.mae"), fmt.money(error.mae, currency, language)),
        (t("collections.error.mape"), fmt.percent(error.mape, language)),
        (
            t("collections.error.bias"),
            t(
                "collections.error.bias_value",
                amount=fmt.money(error.bias, currency, language),
                pct=fmt.percent(error.bias_pct, language),
            ),
        ),
    ]
    if error.bias_pct is not None and abs(error.bias_pct) >= Decimal("0.1"):
        reading = "over" if error.bias_pct > 0 else "under"
        lines.append(("", t(f"collections.error.{reading}")))
    return lines
