"""Activity page figures: excuse categories per period, top hashtags, contacts per day.

Pure: counts by day come from :mod:`data_access.activity_feed`; here they are rolled
up into ISO weeks (starting Monday) or calendar months, empty periods and days are
filled with zeros (a quiet week is a zero, not a gap), and Plotly figures are drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from data_access.activity import REASONS

REASON_COLOURS = {
    "forgot": "#fdd835",
    "cannot_pay": "#e53935",
    "dispute": "#fb8c00",
    "unaware": "#42a5f5",
    "fraud": "#6a1b9a",
    "other": "#94a3b8",
}
_LAYOUT = {
    "margin": {"l": 8, "r": 8, "t": 8, "b": 8},
    "plot_bgcolor": "rgba(0,0,0,0)",
    "paper_bgcolor": "rgba(0,0,0,0)",
}


def _spread(sums: pd.Series, index: Sequence[object], columns: Sequence[object]) -> pd.DataFrame:
    """A two-level sum as a full table: every index row and column, zeros where none."""
    if sums.empty:
        return pd.DataFrame(0, index=pd.Index(list(index)), columns=list(columns), dtype="int64")
    table = sums.unstack(fill_value=0).reindex(index=list(index), columns=list(columns))
    return table.fillna(0).astype("int64")


def _within(frame: pd.DataFrame, start: dt.date, end: dt.date) -> pd.Series:
    """Which rows' ``day`` falls in ``start`` … ``end``."""
    inside = [start <= day <= end for day in frame["day"]]
    return pd.Series(inside, index=frame.index, dtype=bool)


def period_start(day: dt.date, period: str) -> dt.date:
    """The Monday of ``day``'s ISO week (``week``) or the first of its month (``month``)."""
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {period!r}: use week or month")


def period_starts(start: dt.date, end: dt.date, period: str) -> list[dt.date]:
    """Every period touching ``start`` … ``end`` (both included), oldest first."""
    starts: list[dt.date] = []
    current = period_start(start, period)
    while current <= end:
        starts.append(current)
        if period == "week":
            current += dt.timedelta(days=7)
        else:
            current = (current.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return starts


def reasons_table(
    by_day: pd.DataFrame, *, start: dt.date, end: dt.date, period: str
) -> pd.DataFrame:
    """Notes per period (rows, every period of the range) and excuse category (columns).

    Args:
        by_day: columns day, reason, notes.
        start: first day of the range.
        end: last day of the range.
        period: ``week`` or ``month``.

    Returns:
        Integer counts indexed by period start; the columns are the categories in
        their fixed order (``forgot`` … ``other``).
    """
    index = period_starts(start, end, period)
    rows = by_day[by_day["reason"].isin(REASONS) & _within(by_day, start, end)]
    periods = [period_start(day, period) for day in rows["day"]]
    sums = rows.assign(period=periods).groupby(["period", "reason"])["notes"].sum()
    table = _spread(sums, index, list(REASONS))
    table.index.name = "period"
    return table


def reasons_figure(
    table: pd.DataFrame,
    *,
    period_labels: Sequence[str],
    reason_labels: dict[str, str],
    axis_title: str = "",
) -> go.Figure:
    """Stacked bars: one per period, one colour per excuse category (legend in their order)."""
    figure = go.Figure()
    for reason in table.columns:
        figure.add_bar(
            x=list(period_labels),
            y=[int(v) for v in table[reason]],
            name=reason_labels[reason],
            marker_color=REASON_COLOURS[reason],
        )
    figure.update_layout(
        barmode="stack",
        hovermode="x unified",
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
        xaxis={"type": "category", "title": {"text": axis_title}},
        yaxis={"rangemode": "tozero"},
        **_LAYOUT,
    )
    return figure


def hashtags_figure(top: pd.DataFrame, *, notes_label: str) -> go.Figure:
    """Horizontal bars of the top hashtags, the most used on top; a click names the tag."""
    tags = list(reversed([str(tag) for tag in top["hashtag"]]))
    counts = list(reversed([int(n) for n in top["notes"]]))
    figure = go.Figure(
        go.Bar(
            x=counts,
            y=["#" + tag for tag in tags],
            customdata=tags,
            orientation="h",
            marker_color="#0d6efd",
            hovertemplate=f"%{{y}}: %{{x}} {notes_label}<extra></extra>",
        )
    )
    figure.update_layout(yaxis={"type": "category", "automargin": True}, **_LAYOUT)
    return figure


def contacts_grid(
    by_author_day: pd.DataFrame,
    *,
    start: dt.date,
    end: dt.date,
    authors: Sequence[tuple[str, str]],
    nobody: str = "",
) -> pd.DataFrame:
    """Notes per author (rows) and day (columns), every day of the range, zeros filled.

    Args:
        by_author_day: columns author, author_name, day, notes.
        start: first day.
        end: last day.
        authors: (username, name) of authors to show even with no notes in the range.
        nobody: the name of the row of notes without an author (username '').

    Returns:
        Integer counts; the index holds author names in alphabetical order, the
        columns every day from ``start`` to ``end``.
    """
    names = dict(authors)
    for author, name in by_author_day[["author", "author_name"]].itertuples(index=False):
        names.setdefault(author, name or author or nobody)
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    order = sorted(names, key=lambda key: (names[key].casefold(), key))
    rows = by_author_day[_within(by_author_day, start, end)]
    grid = _spread(rows.groupby(["author", "day"])["notes"].sum(), order, days)
    grid.index = pd.Index([names[key] for key in order], name="author")
    return grid


def contacts_heatmap(
    grid: pd.DataFrame, *, day_labels: Sequence[str], notes_label: str
) -> go.Figure:
    """Collectors × days, darker the more contacts that day."""
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy().tolist(),
            x=list(day_labels),
            y=list(grid.index),
            colorscale=[[0, "#f8fafc"], [0.01, "#dbeafe"], [1, "#1e3a8a"]],
            xgap=1,
            ygap=1,
            hovertemplate=f"%{{y}} · %{{x}}: %{{z}} {notes_label}<extra></extra>",
            showscale=False,
        )
    )
    figure.update_layout(
        xaxis={"type": "category", "nticks": 12},
        yaxis={"type": "category", "automargin": True, "autorange": "reversed"},
        **_LAYOUT,
    )
    return figure
