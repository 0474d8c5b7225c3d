"""Plotly figures built from plain data. Pure: no Dash, no database."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import plotly.graph_objects as go

# Green (nothing overdue) through yellow and orange to deep red: the same every day.
BUCKET_PALETTE = ("#2e7d32", "#9ccc65", "#fdd835", "#fb8c00", "#e53935", "#8e0000")


def bucket_colors(count: int) -> list[str]:
    """``count`` colours from green to deep red (first = current, last = oldest)."""
    if count <= len(BUCKET_PALETTE):
        picks = [round(i * (len(BUCKET_PALETTE) - 1) / max(count - 1, 1)) for i in range(count)]
        return [BUCKET_PALETTE[p] for p in picks]
    return [BUCKET_PALETTE[min(i, len(BUCKET_PALETTE) - 1)] for i in range(count)]


def aging_bars(
    titles: Sequence[str], amounts: Sequence[Decimal], texts: Sequence[str]
) -> go.Figure:
    """A horizontal bar per aging bucket, labelled with the formatted amount."""
    figure = go.Figure(
        go.Bar(
            x=[float(a) for a in amounts],
            y=list(titles),
            orientation="h",
            text=list(texts),
            textposition="auto",
            marker_color=bucket_colors(len(titles)),
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    figure.update_layout(
        margin={"l": 8, "r": 8, "t": 8, "b": 8},
        height=280,
        yaxis={"autorange": "reversed"},
        xaxis={"visible": False},
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
    )
    return figure
