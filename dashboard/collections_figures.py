"""Plotly figures of the collections page, built from plain lists. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import plotly.graph_objects as go

from dashboard.figures import BUCKET_PALETTE

COLLECTED = BUCKET_PALETTE[0]
EARLIER = "#94a3b8"
PROMISES = "#fb8c00"
LATER = "#a5d6a7"


def _layout(figure: go.Figure, **extra: object) -> go.Figure:
    settings: dict[str, object] = {
        "margin": {"l": 8, "r": 8, "t": 28, "b": 8},
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        "plot_bgcolor": "rgba(0,0,0,0)",
        "paper_bgcolor": "rgba(0,0,0,0)",
        "yaxis": {"rangemode": "tozero"},
    }
    figure.update_layout(**{**settings, **extra})
    return figure


def collections_chart(
    labels: Sequence[str],
    amounts: Sequence[Decimal],
    earlier: Sequence[Decimal],
    *,
    hover: Sequence[str],
    hover_earlier: Sequence[str],
    names: tuple[str, str],
) -> go.Figure:
    """Bars of each period's collections and a line of the same periods a year earlier."""
    figure = go.Figure()
    figure.add_bar(
        x=list(labels),
        y=[float(v) for v in amounts],
        name=names[0],
        marker_color=COLLECTED,
        hovertext=list(hover),
        hoverinfo="text",
    )
    figure.add_scatter(
        x=list(labels),
        y=[float(v) for v in earlier],
        name=names[1],
        mode="lines+markers",
        line={"color": EARLIER, "dash": "dot"},
        hovertext=list(hover_earlier),
        hoverinfo="text",
    )
    return _layout(figure, xaxis={"type": "category"})


def breakdown_chart(
    labels: Sequence[str], amounts: Sequence[Decimal], texts: Sequence[str]
) -> go.Figure:
    """Horizontal bars, the largest on top."""
    figure = go.Figure()
    figure.add_bar(
        y=list(labels),
        x=[float(v) for v in amounts],
        orientation="h",
        marker_color=COLLECTED,
        text=list(texts),
        textposition="auto",
        hoverinfo="y+text",
    )
    return _layout(
        figure,
        yaxis={"autorange": "reversed", "type": "category", "automargin": True},
        showlegend=False,
        height=max(160, 28 * len(labels) + 40),
    )


def forecast_chart(
    labels: Sequence[str],
    invoices: Sequence[Decimal],
    promises: Sequence[Decimal],
    *,
    names: tuple[str, str],
    highlight: int = 4,
) -> go.Figure:
    """Stacked weekly bars (invoices, promises); weeks after the first ``highlight`` paler."""
    colours = [COLLECTED if i < highlight else LATER for i in range(len(labels))]
    figure = go.Figure()
    figure.add_bar(
        x=list(labels), y=[float(v) for v in invoices], name=names[0], marker_color=colours
    )
    figure.add_bar(
        x=list(labels), y=[float(v) for v in promises], name=names[1], marker_color=PROMISES
    )
    return _layout(figure, barmode="stack", xaxis={"type": "category"})


def backtest_chart(
    labels: Sequence[str],
    forecast: Sequence[Decimal],
    actual: Sequence[Decimal],
    *,
    names: tuple[str, str],
) -> go.Figure:
    """Each past week's forecast next to what arrived."""
    figure = go.Figure()
    figure.add_bar(
        x=list(labels), y=[float(v) for v in forecast], name=names[0], marker_color=EARLIER
    )
    figure.add_bar(
        x=list(labels), y=[float(v) for v in actual], name=names[1], marker_color=COLLECTED
    )
    return _layout(figure, barmode="group", xaxis={"type": "category"})
