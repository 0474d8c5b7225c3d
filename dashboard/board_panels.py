"""What the board's panels show, from plain data: month comparison, dark figures, texts. Pure.

The board reuses the pages' builders (heat maps, KPI tiles, promise rows, the notes
feed) and only restyles them for a dark screen read from across a room: font sizes
come from the screen's height (:func:`dashboard.board.figure_font_size`) and every
figure keeps a constant ``uirevision`` so a refresh redraws it in place.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard import formatting as fmt
from dashboard.board import link_state, parse_panels
from dashboard.collections import change_ratio
from dashboard.i18n import Translator

ZERO = Decimal("0.00")
UIREVISION = "cartera-board"
INK = "#e5e7eb"
MUTED = "#9ca3af"
GRID = "rgba(148, 163, 184, 0.18)"
THIS_MONTH = "#34d399"
LAST_MONTH = "#94a3b8"
EDGE = "#0b1120"
NOTE_CHARS = 220


@dataclass(frozen=True)
class MonthComparison:
    """Collections of this month to date against last month, day by day.

    ``this_month[i]`` / ``last_month[i]`` are the cumulative amounts collected from
    the 1st to day ``i + 1``; ``this_month`` stops at today, ``last_month`` runs to
    the month's last day. ``last_same_day`` is last month up to today's day number
    (its last day when last month was shorter).
    """

    today: dt.date
    this_month: tuple[Decimal, ...]
    last_month: tuple[Decimal, ...]
    payments_this_month: int

    @property
    def this_total(self) -> Decimal:
        """Collected this month to date."""
        return self.this_month[-1]

    @property
    def last_same_day(self) -> Decimal:
        """Collected last month from the 1st to the same day of the month."""
        return self.last_month[min(self.today.day, len(self.last_month)) - 1]

    @property
    def last_total(self) -> Decimal:
        """Collected in all of last month."""
        return self.last_month[-1]

    @property
    def change(self) -> Decimal | None:
        """``this_total`` against ``last_same_day`` as a ratio; None without a base."""
        return change_ratio(self.this_total, self.last_same_day)


def last_month_span(today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the month before ``today``'s."""
    last = today.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last


def _cumulative(by_day: dict[dt.date, Decimal], first: dt.date, days: int) -> tuple[Decimal, ...]:
    total = ZERO
    sums = []
    for offset in range(days):
        total += by_day.get(first + dt.timedelta(days=offset), ZERO)
        sums.append(total)
    return tuple(sums)


def month_comparison(daily: pd.DataFrame, today: dt.date) -> MonthComparison:
    """Cumulative collections per day of this month (to ``today``) and of last month.

    Args:
        daily: ``day, amount, payments`` rows (as
            :func:`data_access.collections.daily_collections` returns) covering at
            least the 1st of last month to ``today``; other days are ignored.
        today: the last day counted.
    """
    by_day: dict[dt.date, Decimal] = {}
    payments = 0
    first = today.replace(day=1)
    for day, amount, count in zip(daily["day"], daily["amount"], daily["payments"], strict=True):
        by_day[day] = by_day.get(day, ZERO) + amount
        if first <= day <= today:
            payments += int(count)
    last_first, last_last = last_month_span(today)
    return MonthComparison(
        today=today,
        this_month=_cumulative(by_day, first, today.day),
        last_month=_cumulative(by_day, last_first, last_last.day),
        payments_this_month=payments,
    )


def _axis(size: int, **extra: Any) -> dict[str, Any]:
    return {
        "gridcolor": GRID,
        "zerolinecolor": GRID,
        "tickfont": {"size": size, "color": MUTED},
        "title": {"font": {"size": size, "color": MUTED}},
        **extra,
    }


def dark_layout(figure: go.Figure, *, font_size: int, **extra: Any) -> go.Figure:
    """The board's dark look: transparent paper, light type of ``font_size`` px."""
    settings: dict[str, Any] = {
        "template": "plotly_dark",
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"size": font_size, "color": INK},
        "margin": {"l": 4, "r": 4, "t": 4, "b": 4},
        "uirevision": UIREVISION,
    }
    figure.update_layout(**{**settings, **extra})
    return figure


def dark_treemap(figure: go.Figure, *, font_size: int) -> go.Figure:
    """A page's treemap (customers or sellers) restyled for the board.

    Rectangles get dark edges and labels of up to ``font_size``, all of one size and
    never under 80 % of it: a label that would have to shrink more to fit its
    rectangle is hidden rather than drawn unreadably small (the colour stays).
    """
    dark_layout(
        figure,
        font_size=font_size,
        uniformtext={"minsize": round(font_size * 0.8), "mode": "hide"},
    )
    figure.update_traces(
        selector={"type": "treemap"},
        textfont={"size": font_size, "color": "#ffffff"},
        pathbar={"visible": False},
        marker_line={"color": EDGE, "width": max(1, font_size // 8)},
        marker_colorbar={
            "thickness": max(12, font_size),
            "len": 0.9,
            "tickfont": {"size": font_size, "color": MUTED},
            "title": {"font": {"size": font_size, "color": MUTED}},
            "outlinewidth": 0,
        },
    )
    return figure


def month_chart(comparison: MonthComparison, *, t: Translator, font_size: int) -> go.Figure:
    """Two cumulative lines by day of the month: last month (dotted) and this month."""
    figure = go.Figure()
    line = max(2, font_size // 6)
    figure.add_scatter(
        x=list(range(1, len(comparison.last_month) + 1)),
        y=[float(v) for v in comparison.last_month],
        name=t("board.collections.series_last"),
        mode="lines",
        line={"color": LAST_MONTH, "dash": "dot", "width": line},
    )
    figure.add_scatter(
        x=list(range(1, len(comparison.this_month) + 1)),
        y=[float(v) for v in comparison.this_month],
        name=t("board.collections.series_this"),
        mode="lines+markers",
        line={"color": THIS_MONTH, "width": line + 2},
        marker={"size": [0] * (len(comparison.this_month) - 1) + [line * 4]},
    )
    days = calendar.monthrange(comparison.today.year, comparison.today.month)[1]
    return dark_layout(
        figure,
        font_size=font_size,
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        margin={"l": 8, "r": 16, "t": font_size * 3, "b": 8},
        xaxis=_axis(
            font_size,
            range=[0.5, max(days, len(comparison.last_month)) + 0.5],
            dtick=5,
            title_text=t("board.collections.day"),
        ),
        yaxis=_axis(font_size, rangemode="tozero", tickformat="~s"),
    )


def collections_numbers(
    comparison: MonthComparison, *, t: Translator, language: str, currency: str
) -> dict[str, str]:
    """The collections panel's big numbers and their labels, formatted."""
    change = comparison.change
    if change is None:
        change_text = t("board.collections.no_change")
        tone = "neutral"
    else:
        arrow = "▲" if change > 0 else ("▼" if change < 0 else "=")
        change_text = t(
            "board.collections.change",
            change=f"{arrow} {fmt.percent(abs(change), language)}",
        )
        tone = "good" if change > 0 else ("bad" if change < 0 else "neutral")
    return {
        "this": fmt.money(comparison.this_total, currency, language),
        "this_note": t(
            "board.collections.payments",
            count=fmt.number(comparison.payments_this_month, language),
        ),
        "last": fmt.money(comparison.last_same_day, currency, language),
        "last_total": fmt.money(comparison.last_total, currency, language),
        "change": change_text,
        "tone": tone,
    }


def promises_summary(frame: pd.DataFrame, *, t: Translator, language: str, currency: str) -> str:
    """``"3 due today · $1,200.00 promised · $700.00 still pending"``."""
    total = sum(frame["amount"], ZERO)
    pending = sum(frame.loc[frame["status"] == "pending", "amount"], ZERO)
    return t(
        "board.promises.summary",
        count=fmt.number(len(frame), language),
        total=fmt.money(total, currency, language),
        pending=fmt.money(pending, currency, language),
    )


def shorten(text: str | None, limit: int = NOTE_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def more_text(shown: int, total: int, *, t: Translator, language: str) -> str:
    """``"and 4 more"`` when a list was cut, else ''."""
    hidden = total - shown
    return t("board.more", count=fmt.number(hidden, language)) if hidden > 0 else ""


def panel_titles(panels: Sequence[str], t: Translator) -> dict[str, tuple[str, str]]:
    """Each panel's heading and short name (for the rotation dots)."""
    return {key: (t(f"board.panel.{key}"), t(f"board.short.{key}")) for key in panels}


def link_rows(
    links: Sequence[dict[str, Any]], *, now: dt.datetime, t: Translator, language: str
) -> list[dict[str, object]]:
    """The board links page's table rows, as texts (times are UTC, as stored)."""

    def when(at: dt.datetime | None, none: str) -> str:
        return none if at is None else f"{fmt.date(at.date(), language)} {at.strftime('%H:%M')}"

    rows: list[dict[str, object]] = []
    for link in links:
        state = link_state(revoked_at=link["revoked_at"], expires_at=link["expires_at"], now=now)
        rows.append(
            {
                "id": link["id"],
                "name": link["name"],
                "panels": ", ".join(
                    t(f"board.short.{key}") for key in parse_panels(link["panels"])
                ),
                "timing": t(
                    "board.col.timing_value",
                    rotate=link["rotation_seconds"],
                    refresh=link["refresh_seconds"],
                ),
                "created": t(
                    "board.created_by",
                    date=when(link["created_at"], ""),
                    name=link["created_by"] or t("common.none"),
                ),
                "expires": when(link["expires_at"], t("board.never")),
                "last_seen": when(link["last_seen_at"], t("board.not_yet")),
                "state": state,
                "state_text": t(f"board.state.{state}"),
            }
        )
    return rows
