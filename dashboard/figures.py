"""Plotly figures built from plain data. Pure: no Dash, no database."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import plotly.graph_objects as go

# Green (nothing overdue) through yellow and orange to deep red: the same every day.
BUCKET_PALETTE = ("#2e7d32", "#9ccc65", "#fdd835", "#fb8c00", "#e53935", "#8e0000")


def trend_figure(
    months: Sequence[object],
    *,
    invoiced: Sequence[Decimal],
    collected: Sequence[Decimal],
    balance: Sequence[Decimal],
    overdue: Sequence[Decimal],
    days_late: Sequence[float | None],
    names: dict[str, str],
    month_labels: Sequence[str],
) -> go.Figure:
    """Invoiced vs collected (bars), month-end balance and overdue (lines), days late (dots).

    ``names`` gives the legend text of: invoiced, collected, balance, overdue, days_late.
    """
    figure = go.Figure()
    figure.add_bar(
        x=list(month_labels),
        y=[float(v) for v in invoiced],
        name=names["invoiced"],
        marker_color="#94a3b8",
    )
    figure.add_bar(
        x=list(month_labels),
        y=[float(v) for v in collected],
        name=names["collected"],
        marker_color=BUCKET_PALETTE[0],
    )
    figure.add_scatter(
        x=list(month_labels),
        y=[float(v) for v in balance],
        name=names["balance"],
        mode="lines+markers",
        line={"color": "#1f2937"},
    )
    figure.add_scatter(
        x=list(month_labels),
        y=[float(v) for v in overdue],
        name=names["overdue"],
        mode="lines+markers",
        line={"color": BUCKET_PALETTE[4]},
    )
    figure.add_scatter(
        x=list(month_labels),
        y=[None if d is None else float(d) for d in days_late],
        name=names["days_late"],
        mode="markers",
        yaxis="y2",
        marker={"color": BUCKET_PALETTE[3], "size": 9, "symbol": "diamond"},
    )
    figure.update_layout(
        barmode="group",
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        hovermode="x unified",
        legend={"orientation": "h", "y": -0.18},
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
        yaxis={"rangemode": "tozero"},
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            "title": {"text": names["days_late"]},
        },
    )
    return figure
