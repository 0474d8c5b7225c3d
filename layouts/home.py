"""Portfolio summary: what is owed, how much is overdue, aging by bucket."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.presenters import Tile
from layouts.components import empty_state, kpi_tile, page_header


def layout(
    *,
    title: str,
    subtitle: str,
    tiles: list[Tile],
    chart_title: str,
    chart: go.Figure | None,
    empty_text: str,
) -> Component:
    """Tiles ``(title, value, note, tone)`` over an aging chart; an empty state without data."""
    header = page_header(title, subtitle)
    if chart is None:
        return html.Div([header, empty_state(empty_text)])
    row = dbc.Row([dbc.Col(kpi_tile(tile), xs=12, sm=6, lg=3, className="mb-3") for tile in tiles])
    card = dbc.Card(
        dbc.CardBody(
            [
                html.H2(chart_title, className="h6 text-muted"),
                dcc.Graph(figure=chart, config={"displayModeBar": False}, id="home-aging-chart"),
            ]
        )
    )
    return html.Div([header, row, card])
