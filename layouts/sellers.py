"""Sellers: a heat map of portfolios and the seller / collector ranking."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from layouts.components import export_href, export_menu, page_header


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


SELLER_EXPORTS = (
    ("sellers", "csv"),
    ("sellers", "xlsx"),
    ("collectors", "csv"),
    ("collectors", "xlsx"),
    ("aging", "pdf"),
)


def export_item_id(dataset: str, ext: str) -> str:
    """The id of one entry of the sellers page's export menu."""
    return f"{ids.SELLERS_EXPORT}-{dataset}-{ext}"


def layout(*, t: Translator, search: str = "") -> Component:
    """The page frame; the update callback fills the heat map and the rankings."""
    by_seller = f"{search}&by=seller" if search else "?by=seller"
    exports = export_menu(
        ids.SELLERS_EXPORT,
        label=t("export.menu"),
        hint=t("export.hint"),
        items=[
            (
                export_item_id(dataset, ext),
                f"{t(f'sellers.export_{dataset}')} · {t(f'export.{ext}')}",
                export_href(dataset, ext, by_seller if dataset == "aging" else search),
            )
            for dataset, ext in SELLER_EXPORTS
        ],
    )
    return html.Div(
        [
            dcc.Location(id=ids.SELLERS_URL, refresh=False),
            page_header(t("sellers.title"), t("sellers.subtitle"), exports),
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
