"""One customer: header figures and open documents (the full wall comes later)."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from dashboard.presenters import Tile
from layouts.components import empty_state, kpi_tile


def documents_table(t: Translator, rows: list[dict[str, object]]) -> Component:
    """Open documents with days overdue and bucket (an empty state when none)."""
    if not rows:
        return empty_state(t("customer.no_open"))
    columns = [
        {"field": "number", "headerName": t("doc.number"), "width": 140},
        {"field": "kind", "headerName": t("doc.kind"), "width": 130},
        {"field": "issue_date", "headerName": t("doc.issue_date"), "width": 130},
        {"field": "due_date", "headerName": t("doc.due_date"), "width": 130},
        {"field": "amount", "headerName": t("doc.amount"), "type": "rightAligned", "width": 150},
        {
            "field": "open_amount",
            "headerName": t("doc.open_amount"),
            "type": "rightAligned",
            "width": 150,
        },
        {
            "field": "days_overdue",
            "headerName": t("doc.days_overdue"),
            "type": "rightAligned",
            "width": 120,
        },
        {
            "field": "bucket",
            "headerName": t("doc.bucket"),
            "width": 130,
            "cellClass": {"function": "'bucket-' + params.data.bucket_key"},
        },
        {"field": "disputed", "headerName": t("doc.disputed"), "width": 110},
    ]
    return dag.AgGrid(
        id=ids.CUSTOMER_DOCUMENTS,
        rowData=rows,
        columnDefs=columns,
        defaultColDef={"sortable": True, "resizable": True},
        dashGridOptions={"domLayout": "autoHeight", "suppressCellFocus": True},
        className="documents-grid",
    )


def layout(
    *,
    t: Translator,
    name: str,
    code: str,
    facts: list[tuple[str, str]],
    tiles: list[Tile],
    documents: list[dict[str, object]],
) -> Component:
    """Header with ``facts`` (label, value), KPI ``tiles`` and the open documents table."""
    header = html.Div(
        [
            dcc.Link(t("customer.back"), href="/customers", className="small"),
            html.H1(name, className="h3 mb-0 mt-1", id="customer-name"),
            html.P(t("customer.code", code=code), className="text-muted mb-2"),
            html.Dl(
                [
                    item
                    for label, value in facts
                    for item in (html.Dt(label), html.Dd(value or t("common.none")))
                ],
                className="customer-facts",
            ),
        ],
        className="mb-3",
    )
    row = dbc.Row([dbc.Col(kpi_tile(tile), xs=6, lg=3, className="mb-3") for tile in tiles])
    return html.Div(
        [
            header,
            row,
            html.H2(t("customer.open_documents"), className="h5"),
            documents_table(t, documents),
        ]
    )
