"""Sellers: a heat map of portfolios and the seller / collector ranking."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from layouts.components import page_header


def ranking_grid(component_id: str, *, t: Translator, rows: list[dict[str, object]]) -> Component:
    """A sortable ranking; numbers sort on values and show locale texts."""
    number = {"type": "rightAligned", "width": 130}
    columns = [
        {"field": "name", "headerName": t("sellers.col.name"), "flex": 1, "minWidth": 160},
        {"field": "customers", "headerName": t("sellers.col.customers"), **number},
        {
            "field": "balance",
            "headerName": t("sellers.col.balance"),
            "sort": "desc",
            "valueFormatter": {"function": "params.data.balance_text"},
            **number,
        },
        {
            "field": "overdue_pct",
            "headerName": t("sellers.col.overdue_pct"),
            "valueFormatter": {"function": "params.data.overdue_pct_text"},
            **number,
        },
        {
            "field": "dso",
            "headerName": t("sellers.col.dso"),
            "valueFormatter": {"function": "params.data.dso_text"},
            **number,
        },
        {
            "field": "kept_rate",
            "headerName": t("sellers.col.kept"),
            "valueFormatter": {"function": "params.data.kept_text"},
            **number,
        },
        {"field": "decided", "headerName": t("sellers.col.decided"), **number},
    ]
    return dag.AgGrid(
        id=component_id,
        rowData=rows,
        columnDefs=columns,
        defaultColDef={"sortable": True, "resizable": True},
        dashGridOptions={"domLayout": "autoHeight", "suppressCellFocus": True},
    )


def layout(*, t: Translator) -> Component:
    """The page frame; the update callback fills the heat map and the rankings."""
    return html.Div(
        [
            dcc.Location(id=ids.SELLERS_URL, refresh=False),
            page_header(t("sellers.title"), t("sellers.subtitle")),
            dbc.Card(
                dbc.CardBody(
                    dcc.Graph(
                        id=ids.SELLERS_TREEMAP,
                        config={"displayModeBar": False},
                        style={"height": "50vh", "minHeight": "360px"},
                    )
                ),
                className="mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.H2(t("sellers.ranking"), className="h5"),
                            dcc.Loading(html.Div(id=ids.SELLERS_RANKING)),
                        ],
                        lg=6,
                        className="mb-3",
                    ),
                    dbc.Col(
                        [
                            html.H2(t("sellers.collectors"), className="h5"),
                            dcc.Loading(html.Div(id=ids.SELLERS_COLLECTORS)),
                        ],
                        lg=6,
                        className="mb-3",
                    ),
                ]
            ),
        ]
    )
