"""Activity page: the notes feed, excuses over time, hashtags, contacts and coverage."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.activity_params import ActivityQuery
from dashboard.i18n import Translator
from dashboard.presenters import Tile
from layouts.components import empty_state, kpi_tile, page_exports, page_header

Options = list[tuple[str, str]]
EXTS = ("csv", "xlsx")
REASON_BADGES = {
    "forgot": "warning",
    "cannot_pay": "danger",
    "dispute": "warning",
    "unaware": "info",
    "fraud": "dark",
    "other": "secondary",
}


def _dropdown(component_id: str, options: Options, value: str | None, t: Translator) -> Component:
    return dcc.Dropdown(
        id=component_id,
        options=[{"value": v, "label": label} for v, label in options],
        value=value,
        placeholder=t("activity.all"),
        clearable=True,
        className="filter-dropdown",
    )


def filter_bar(
    *,
    t: Translator,
    query: ActivityQuery,
    window: tuple[dt.date, dt.date],
    today: dt.date,
    options: dict[str, Options],
) -> Component:
    """Every filter of the page, initialised from the URL."""
    dates = dcc.DatePickerRange(
        id=ids.ACTIVITY_DATES,
        start_date=window[0].isoformat(),
        end_date=window[1].isoformat(),
        max_date_allowed=today.isoformat(),
        display_format="YYYY-MM-DD",
        first_day_of_week=1,
        minimum_nights=0,
        className="filter-date",
    )
    period = dbc.RadioItems(
        id=ids.ACTIVITY_PERIOD,
        options=[
            {"value": "week", "label": t("activity.period_week")},
            {"value": "month", "label": t("activity.period_month")},
        ],
        value=query.period,
        inline=True,
    )
    dropdowns = [
        ("activity.collector", ids.ACTIVITY_COLLECTOR, "collectors", query.collector),
        ("activity.channel", ids.ACTIVITY_CHANNEL, "channels", query.channel),
        ("activity.reason", ids.ACTIVITY_REASON, "reasons", query.reason),
        ("activity.hashtag", ids.ACTIVITY_HASHTAG, "hashtags", query.hashtag),
    ]
    cells = [
        *((key, _dropdown(cid, options[kind], value, t)) for key, cid, kind, value in dropdowns),
        ("activity.dates", dates),
        ("activity.period", period),
    ]
    cols = [
        dbc.Col([dbc.Label(t(key), className="small mb-0"), control], xs=12, sm=6, lg=True)
        for key, control in cells
    ]
    reset = dbc.Col(
        dbc.Button(t("activity.reset"), id=ids.ACTIVITY_RESET, color="link", size="sm"),
        xs="auto",
        className="align-self-end",
    )
    return dbc.Row([*cols, reset], className="g-2 mb-3 filter-bar")


def _hashtag_button(note_id: int, tag: str, t: Translator) -> Component:
    return html.Button(
        "#" + tag,
        id=ids.activity_hashtag(note_id, tag),
        n_clicks=0,
        title=t("activity.filter_tag", tag=tag),
        className="btn btn-sm btn-outline-primary py-0 px-1 me-1 mb-1 activity-hashtag",
    )


def feed_item(item: dict[str, Any], *, t: Translator) -> Component:
    """One note: when, customer, author, channel, excuse, who, what, agreement, hashtags."""
    customer = dcc.Link(
        f"{item['customer_code']} · {item['customer_name']}",
        href=f"/customers/{item['customer_code']}",
        className="fw-semibold customer-link",
    )
    head = html.Div(
        [
            html.Span(item["when"], className="text-muted me-2"),
            customer,
            html.Span(" " + item["author"], className="text-muted ms-1"),
        ],
        className="small",
    )
    badges = html.Div(
        [
            dbc.Badge(item["channel"], color="light", text_color="dark", className="me-1"),
            dbc.Badge(item["reason_label"], color=REASON_BADGES.get(item["reason"], "secondary"),
                      className="me-2"),
            html.Span(item["contact"], className="small text-muted"),
        ],
        className="my-1",
    )  # fmt: skip
    parts = [head, badges, html.P(item["body"], className="mb-1", style={"whiteSpace": "pre-wrap"})]
    if item["agreement"]:
        parts.append(html.P(item["agreement"], className="small mb-1 fst-italic"))
    if item["hashtags"]:
        parts.append(html.Div([_hashtag_button(item["id"], tag, t) for tag in item["hashtags"]]))
    return html.Li(parts, className="list-group-item px-0 activity-note")


def feed_items(items: list[dict[str, Any]], *, t: Translator) -> list[Component]:
    """The feed entries for already formatted ``items``."""
    return [feed_item(item, t=t) for item in items]


def coverage_tile(tile: Tile, *, t: Translator) -> Component:
    """The coverage tile and what the collector filter does to it."""
    return html.Div(
        [kpi_tile(tile), html.Div(t("activity.coverage_scope"), className="small text-muted mt-1")]
    )


def coverage_grid(component_id: str, *, t: Translator, rows: list[dict[str, object]]) -> Component:
    """A sortable list of overdue customers; code and name open the wall."""
    if not rows:
        return empty_state(t("activity.list_empty"))
    number = {"type": "rightAligned", "width": 130}
    columns = [
        {"field": "code", "headerName": t("activity.col.code"), "width": 110,
         "cellRenderer": "CustomerLink", "pinned": "left"},
        {"field": "name", "headerName": t("activity.col.customer"), "flex": 2, "minWidth": 200,
         "cellRenderer": "CustomerLink"},
        {"field": "collector", "headerName": t("activity.col.collector"), "flex": 1,
         "minWidth": 130},
        {"field": "overdue", "headerName": t("activity.col.overdue"), "sort": "desc",
         "valueFormatter": {"function": "params.data.overdue_text"}, **number},
        {"field": "oldest_days_overdue", "headerName": t("activity.col.oldest"), **number},
        {"field": "days_since", "headerName": t("activity.col.since"),
         "valueFormatter": {"function": "params.data.days_since_text"}, **number},
        {"field": "last_reason", "headerName": t("activity.col.last_reason"), "flex": 1,
         "minWidth": 150},
    ]  # fmt: skip
    return dag.AgGrid(
        id=component_id,
        rowData=rows,
        columnDefs=columns,
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        dashGridOptions={
            "pagination": True,
            "paginationPageSize": 20,
            "domLayout": "autoHeight",
            "suppressCellFocus": True,
        },
        getRowId="params.data.code",
    )


def coverage_list(title: str, note: str, grid: Component) -> Component:
    """A titled coverage list with its count."""
    return html.Div(
        [
            html.H2(title, className="h5 mb-0"),
            html.Div(note, className="small text-muted mb-2"),
            grid,
        ]
    )


def _card(title: str, body: Component, hint: str | None = None) -> Component:
    children: list[Component] = [html.H2(title, className="h5")]
    if hint:
        children.append(html.Div(hint, className="small text-muted"))
    children.append(body)
    return dbc.Card(dbc.CardBody(children), className="mb-3 h-100")


def _graph(component_id: str, height: str) -> Component:
    return dcc.Loading(
        dcc.Graph(id=component_id, config={"displayModeBar": False}, style={"height": height}),
        delay_show=400,
    )


def layout(
    *,
    t: Translator,
    query: ActivityQuery,
    window: tuple[dt.date, dt.date],
    today: dt.date,
    options: dict[str, Options],
    search: str = "",
) -> Component:
    """The page frame; the update callbacks fill the feed, the charts and coverage."""
    exports = page_exports(
        "activity",
        t=t,
        items=[
            (d, e, t(f"activity.export_{d}"))
            for d in ("notes", "coverage", "excuses", "hashtags", "contacts_per_day")
            for e in EXTS
        ],
        search=search,
    )
    feed = html.Div(
        [
            html.Div(id=ids.ACTIVITY_FEED_COUNT, className="small text-muted mb-2"),
            html.Div(
                [
                    html.Ul(
                        id=ids.ACTIVITY_FEED,
                        className="list-group list-group-flush activity-feed",
                    ),
                    dbc.Button(
                        t("activity.more"),
                        id=ids.ACTIVITY_MORE,
                        color="secondary",
                        outline=True,
                        size="sm",
                        className="my-2",
                        style={"display": "none"},
                    ),
                ],
                style={"maxHeight": "75vh", "overflowY": "auto"},
            ),
            dcc.Store(id=ids.ACTIVITY_CURSOR),
        ]
    )
    return html.Div(
        [
            dcc.Location(id=ids.ACTIVITY_URL, refresh=False),
            page_header(t("activity.title"), t("activity.subtitle"), exports),
            filter_bar(t=t, query=query, window=window, today=today, options=options),
            dbc.Row(
                [
                    dbc.Col(
                        dcc.Loading(html.Div(id=ids.ACTIVITY_COVERAGE_TILE), delay_show=400),
                        xs=12,
                        md=4,
                        lg=3,
                        className="mb-3",
                    ),
                    dbc.Col(
                        _card(t("activity.reasons_chart"), _graph(ids.ACTIVITY_REASONS, "300px")),
                        xs=12,
                        md=8,
                        lg=9,
                        className="mb-3",
                    ),
                ],
                className="g-3",
            ),  # fmt: skip
            dbc.Row(
                [
                    dbc.Col(_card(t("activity.feed"), feed), xs=12, lg=8, className="mb-3"),
                    dbc.Col(
                        _card(
                            t("activity.hashtags_chart"),
                            _graph(ids.ACTIVITY_HASHTAGS, "420px"),
                            t("activity.hashtags_hint"),
                        ),
                        xs=12,
                        lg=4,
                        className="mb-3",
                    ),
                ],
                className="g-3",
            ),  # fmt: skip
            _card(t("activity.contacts_chart"), _graph(ids.ACTIVITY_CONTACTS, "320px")),
            dcc.Loading(html.Div(id=ids.ACTIVITY_UNCOVERED, className="my-3"), delay_show=400),
            dcc.Loading(html.Div(id=ids.ACTIVITY_DUE_SOON, className="mb-3"), delay_show=400),
        ]
    )
