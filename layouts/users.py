"""Users (admins only): who can sign in, with which role."""

from __future__ import annotations

import dash_ag_grid as dag
from dash import html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from layouts.components import page_header


def layout(*, t: Translator, rows: list[dict[str, object]]) -> Component:
    """A grid of users with role and number of assigned customers."""
    columns = [
        {"field": "username", "headerName": t("users.col.username")},
        {"field": "name", "headerName": t("users.col.name"), "flex": 1},
        {"field": "role", "headerName": t("users.col.role")},
        {"field": "customers", "headerName": t("users.col.customers"), "type": "rightAligned"},
        {"field": "active", "headerName": t("users.col.active")},
    ]
    grid = dag.AgGrid(
        id=ids.USERS_GRID,
        rowData=rows,
        columnDefs=columns,
        defaultColDef={"sortable": True, "resizable": True},
        dashGridOptions={"domLayout": "autoHeight", "suppressCellFocus": True},
    )
    return html.Div([page_header(t("users.title"), t("users.subtitle")), grid])
