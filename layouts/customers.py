"""Customers: a searchable, sortable grid, each row linking to the customer's page."""

from __future__ import annotations

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from layouts.components import empty_state, export_href, export_menu, page_header


def column_defs(t: Translator) -> list[dict[str, object]]:
    """Grid columns; money sorts on the number and shows the locale-formatted text."""
    money = {"type": "rightAligned", "filter": "agNumberColumnFilter", "width": 150}
    return [
        {
            "field": "code",
            "headerName": t("customers.col.code"),
            "width": 120,
            "cellRenderer": "CustomerLink",
            "pinned": "left",
        },
        {
            "field": "name",
            "headerName": t("customers.col.name"),
            "flex": 2,
            "minWidth": 220,
            "cellRenderer": "CustomerLink",
        },
        {
            "field": "balance",
            "headerName": t("customers.col.balance"),
            "sort": "desc",
            "valueFormatter": {"function": "params.data.balance_text"},
            **money,
        },
        {
            "field": "overdue",
            "headerName": t("customers.col.overdue"),
            "valueFormatter": {"function": "params.data.overdue_text"},
            **money,
        },
        {
            "field": "oldest_days_overdue",
            "headerName": t("customers.col.oldest"),
            "width": 130,
            "type": "rightAligned",
            "filter": "agNumberColumnFilter",
        },
        {"field": "seller", "headerName": t("customers.col.seller"), "flex": 1, "minWidth": 140},
        {
            "field": "collector",
            "headerName": t("customers.col.collector"),
            "flex": 1,
            "minWidth": 140,
        },
        {"field": "tags", "headerName": t("customers.col.tags"), "flex": 1, "minWidth": 140},
    ]


def layout(*, t: Translator, rows: list[dict[str, object]], count_text: str) -> Component:
    """The customers page for already formatted ``rows``."""
    exports = export_menu(
        ids.CUSTOMERS_EXPORT,
        label=t("export.menu"),
        hint=t("export.hint"),
        items=[
            (f"{ids.CUSTOMERS_EXPORT}-{ext}", t(f"export.{ext}"), export_href("customers", ext))
            for ext in ("csv", "xlsx")
        ]
        + [
            (
                f"{ids.CUSTOMERS_EXPORT}-invoices-{ext}",
                f"{t('customers.export_invoices')} · {t(f'export.{ext}')}",
                export_href("aging", ext, "?by=invoice"),
            )
            for ext in ("csv", "xlsx")
        ],
    )
    header = page_header(t("customers.title"), count_text, exports)
    if not rows:
        return html.Div([header, empty_state(t("customers.empty"))])
    search = dbc.Input(
        id=ids.CUSTOMERS_SEARCH,
        type="search",
        debounce=False,
        placeholder=t("customers.search"),
        className="mb-2",
        autoComplete="off",
    )
    grid = dag.AgGrid(
        id=ids.CUSTOMERS_GRID,
        rowData=rows,
        columnDefs=column_defs(t),
        defaultColDef={"sortable": True, "resizable": True, "filter": True},
        dashGridOptions={
            "pagination": True,
            "paginationPageSize": 50,
            "animateRows": False,
            "suppressCellFocus": True,
        },
        getRowId="params.data.code",
        style={"height": "70vh"},
        className="customers-grid",
    )
    return html.Div([header, search, grid])
