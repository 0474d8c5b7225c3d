"""Collections: tiles, collections by period, who and how, latest payments, cash forecast."""

from __future__ import annotations

import datetime as dt

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.collections import GRANULARITIES
from dashboard.collections_params import CollectionsQuery
from dashboard.i18n import Translator
from dashboard.kpis import Period
from dashboard.presenters import KpiTile
from layouts.components import kpi_tile_with_trend, page_exports, page_header

Options = list[tuple[str, str]]
BREAKDOWN_IDS = {
    "seller": ids.COLLECTIONS_BY_SELLER,
    "collector": ids.COLLECTIONS_BY_COLLECTOR,
    "method": ids.COLLECTIONS_BY_METHOD,
    "tag": ids.COLLECTIONS_BY_TAG,
}


def _dropdown(component_id: str, options: Options, value: str | None, t: Translator) -> Component:
    return dcc.Dropdown(
        id=component_id,
        options=[{"value": v, "label": label} for v, label in options],
        value=value,
        placeholder=t("collections.all"),
        clearable=True,
        className="filter-dropdown",
    )


def filter_bar(
    *,
    t: Translator,
    query: CollectionsQuery,
    shown: Period,
    today: dt.date,
    options: dict[str, Options],
) -> Component:
    """Granularity switch, date range, seller and collector, initialised from the URL."""
    cells = [
        (
            t("collections.by"),
            dbc.RadioItems(
                id=ids.COLLECTIONS_BY,
                options=[{"value": by, "label": t(f"collections.by.{by}")} for by in GRANULARITIES],
                value=query.by,
                inline=True,
                className="collections-by",
            ),
        ),
        (
            t("collections.range"),
            dcc.DatePickerRange(
                id=ids.COLLECTIONS_RANGE,
                start_date=shown.first.isoformat(),
                end_date=shown.last.isoformat(),
                max_date_allowed=today.isoformat(),
                display_format="YYYY-MM-DD",
                first_day_of_week=1,
                minimum_nights=0,
                className="filter-date",
            ),
        ),
        (
            t("collections.seller"),
            _dropdown(ids.COLLECTIONS_SELLER, options["sellers"], query.seller, t),
        ),
        (
            t("collections.collector"),
            _dropdown(ids.COLLECTIONS_COLLECTOR, options["collectors"], query.collector, t),
        ),
    ]
    cols = [
        dbc.Col([dbc.Label(label, className="small mb-0"), control], xs=12, sm=6, lg=True)
        for label, control in cells
    ]
    return dbc.Row(cols, className="g-2 mb-1 filter-bar")


def tiles(items: list[KpiTile]) -> Component:
    """The four collection tiles with their change arrows and tooltips."""
    cols = [dbc.Col(kpi_tile_with_trend(tile), xs=6, lg=3, className="mb-2") for tile in items]
    return dbc.Row(cols, className="g-2 kpi-grid")


def _card(title: str, body: list[Component], note: str | None = None) -> Component:
    children: list[Component] = [html.H2(title, className="h5")]
    if note:
        children.append(html.P(note, className="small text-muted"))
    return dbc.Card(dbc.CardBody([*children, *body]), className="mb-3")


def _graph(component_id: str, height: str | None = None) -> Component:
    style = {"height": height} if height else {}
    return dcc.Loading(
        dcc.Graph(id=component_id, config={"displayModeBar": False}, style=style), delay_show=400
    )


def latest_grid(t: Translator, rows: list[dict[str, object]]) -> Component:
    """The latest payments; money and days sort on numbers and show locale texts."""
    number = {"type": "rightAligned", "width": 130}
    columns = [
        {
            "field": "date",
            "headerName": t("collections.col.date"),
            "sort": "desc",
            "width": 130,
            "valueFormatter": {"function": "params.data.date_text"},
        },
        {
            "field": "customer",
            "headerName": t("collections.col.customer"),
            "cellRenderer": "CustomerLink",
            "flex": 2,
            "minWidth": 220,
        },
        {
            "field": "amount",
            "headerName": t("collections.col.amount"),
            "valueFormatter": {"function": "params.data.amount_text"},
            **number,
        },
        {"field": "reference", "headerName": t("collections.col.reference"), "width": 140},
        {"field": "method", "headerName": t("collections.col.method"), "width": 130},
        {
            "field": "invoices",
            "headerName": t("collections.col.invoices"),
            "flex": 1,
            "minWidth": 160,
        },
        {
            "field": "days_late",
            "headerName": t("collections.col.days_late"),
            "valueFormatter": {"function": "params.data.days_late_text"},
            **number,
        },
    ]
    return dag.AgGrid(
        id=ids.COLLECTIONS_LATEST,
        rowData=rows,
        columnDefs=columns,
        defaultColDef={"sortable": True, "resizable": True},
        dashGridOptions={"suppressCellFocus": True, "pagination": True, "paginationPageSize": 20},
        style={"height": "560px"},
    )


def summary_list(lines: list[tuple[str, str]]) -> Component:
    """``label: value`` lines (a label may be empty for a sentence on its own)."""
    return html.Ul(
        [html.Li([html.Strong(f"{label}: ") if label else None, value]) for label, value in lines],
        className="list-unstyled small mb-0",
    )


EXPORTS = (
    ("collections", ("csv", "xlsx")),
    ("breakdowns", ("csv", "xlsx")),
    ("payments", ("csv", "xlsx")),
    ("forecast", ("csv", "xlsx")),
    ("forecast_backtest", ("csv", "xlsx")),
)


def exports(t: Translator, search: str) -> Component:
    """The "Export" menu: the chart's series, the latest payments, the forecast, the backtest."""
    items = [
        (dataset, ext, t(f"collections.export_{dataset}"))
        for dataset, formats in EXPORTS
        for ext in formats
    ]
    return page_exports("collections", t=t, items=items, search=search)


def layout(
    *,
    t: Translator,
    query: CollectionsQuery,
    shown: Period,
    today: dt.date,
    options: dict[str, Options],
    search: str = "",
) -> Component:
    """The page frame; the update callbacks fill every part from the URL."""
    breakdowns = [
        dbc.Col(
            [html.H3(t(f"collections.breakdown.{key}"), className="h6"), _graph(graph_id)],
            md=6,
            className="mb-3",
        )
        for key, graph_id in BREAKDOWN_IDS.items()
    ]
    return html.Div(
        [
            dcc.Location(id=ids.COLLECTIONS_URL, refresh=False),
            page_header(t("collections.title"), t("collections.subtitle"), exports(t, search)),
            dcc.Loading(html.Div(id=ids.COLLECTIONS_TILES, className="mb-3"), delay_show=400),
            filter_bar(t=t, query=query, shown=shown, today=today, options=options),
            html.P(t("collections.range_note"), className="small text-muted mb-3"),
            _card(
                t("collections.chart"),
                [_graph(ids.COLLECTIONS_CHART, "380px")],
                t("collections.chart_note"),
            ),
            _card(
                t("collections.breakdown"),
                [dbc.Row(breakdowns)],
                t("collections.tag_note"),
            ),
            _card(
                t("collections.latest"),
                [
                    dcc.Loading(
                        html.Div(id=ids.COLLECTIONS_LATEST_NOTE, className="small text-muted mb-2")
                    ),
                    html.Div(latest_grid(t, [])),
                ],
            ),
            _card(
                t("collections.forecast"),
                [
                    dcc.Loading(html.Div(id=ids.COLLECTIONS_FORECAST_SUMMARY, className="mb-2")),
                    _graph(ids.COLLECTIONS_FORECAST, "340px"),
                ],
            ),
            _card(
                t("collections.backtest"),
                [
                    dcc.Loading(html.Div(id=ids.COLLECTIONS_BACKTEST_ERROR, className="mb-2")),
                    _graph(ids.COLLECTIONS_BACKTEST, "300px"),
                ],
            ),
        ]
    )
