"""Performance: a period picker, then one table per collector and per seller, and a DSO chart."""

from __future__ import annotations

import datetime as dt

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from dashboard.performance import PerformanceQuery
from layouts.components import empty_state, page_exports, page_header

Options = list[tuple[str, str]]
MAX_AUTO_ROWS = 15  # longer tables scroll inside a fixed height


def period_bar(
    *, t: Translator, query: PerformanceQuery, today: dt.date, months: Options
) -> Component:
    """The month picker and the date range, both set from the URL."""
    month = dcc.Dropdown(
        id=ids.PERFORMANCE_MONTH,
        options=[{"value": value, "label": label} for value, label in months],
        value=query.month,
        placeholder=t("performance.custom"),
        clearable=False,
        className="filter-dropdown",
    )
    dates = dcc.DatePickerRange(
        id=ids.PERFORMANCE_RANGE,
        start_date=query.first.isoformat(),
        end_date=query.last.isoformat(),
        max_date_allowed=today.isoformat(),
        display_format="YYYY-MM-DD",
        first_day_of_week=1,
        minimum_nights=0,
        className="filter-date",
    )
    cells = [(t("performance.month"), month, 3), (t("performance.range"), dates, "auto")]
    cols = [
        dbc.Col([dbc.Label(label, className="small mb-0"), control], xs=12, sm=6, lg=width)
        for label, control, width in cells
    ]
    period = dbc.Col(
        html.Div(id=ids.PERFORMANCE_PERIOD, className="small text-muted"),
        xs=12,
        lg=True,
        className="align-self-end",
    )
    return dbc.Row([*cols, period], className="g-2 mb-3 filter-bar")


def _number(field: str, title: str, help_text: str, **extra: object) -> dict[str, object]:
    return {
        "field": field,
        "headerName": title,
        "headerTooltip": help_text,
        "type": "rightAligned",
        "minWidth": 105,
        "flex": 1,
        **extra,
    }


def _text_of(field: str) -> dict[str, object]:
    return {"valueFormatter": {"function": f"params.data.{field}"}}


def performance_grid(
    by: str,
    *,
    t: Translator,
    rows: list[dict[str, object]],
    goal_month: str,
    editable: bool,
) -> Component:
    """The table of collectors or sellers; the goal column is editable for goal setters."""
    if not rows:
        return empty_state(t("performance.empty"))
    goal = _number(
        "goal",
        t("performance.col.goal", month=goal_month),
        t("performance.help.goal"),
        editable=editable,
        cellEditor="agTextCellEditor",
        valueFormatter={"function": "params.data.goal_text"},
        comparator={
            "function": "(a, b, x, y) => (x.data.goal_value || 0) - (y.data.goal_value || 0)"
        },
        cellClass="performance-goal-editable" if editable else "",
        minWidth=130,
    )
    columns = [
        {
            "field": "name",
            "headerName": t("performance.col.name"),
            "pinned": "left",
            "minWidth": 160,
            "flex": 2,
        },
        _number("contacts", t("performance.col.contacts"), t(f"performance.help.contacts_{by}")),
        _number(
            "covered", t("performance.col.covered"), t("performance.help.covered"), minWidth=125
        ),
        _number("promises", t("performance.col.promises"), t(f"performance.help.promises_{by}")),
        _number(
            "kept_rate",
            t("performance.col.kept"),
            t("performance.help.kept"),
            minWidth=130,
            **_text_of("kept_text"),
        ),
        _number(
            "collected",
            t("performance.col.collected"),
            t("performance.help.collected"),
            sort="desc",
            minWidth=150,
            **_text_of("collected_text"),
        ),
        _number(
            "overdue",
            t("performance.col.overdue"),
            t("performance.help.overdue"),
            **_text_of("overdue_text"),
        ),
        _number(
            "dso",
            t("performance.col.dso"),
            t("performance.help.dso"),
            tooltipField="dso_tip",
            minWidth=150,
            **_text_of("dso_text"),
        ),
        goal,
        _number(
            "progress",
            t("performance.col.progress"),
            t("performance.help.progress"),
            **_text_of("progress_text"),
        ),
        {
            "field": "pace",
            "headerName": t("performance.col.pace"),
            "headerTooltip": t("performance.help.pace"),
            "minWidth": 165,
            "flex": 1,
            "tooltipField": "pace_tip",
            **_text_of("pace_text"),
            "cellClassRules": {
                "text-success": "params.data.on_pace === true",
                "text-danger": "params.data.on_pace === false",
            },
        },
    ]
    return dag.AgGrid(
        id=ids.performance_grid(by),
        rowData=rows,
        columnDefs=columns,
        getRowId="params.data.key",
        defaultColDef={
            "sortable": True,
            "resizable": True,
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
        },
        dashGridOptions={
            "domLayout": "autoHeight" if len(rows) <= MAX_AUTO_ROWS else "normal",
            "tooltipShowDelay": 300,
            "singleClickEdit": False,
            "stopEditingWhenCellsLoseFocus": True,
        },
        className="performance-grid",
        style={} if len(rows) <= MAX_AUTO_ROWS else {"height": "560px"},
    )


def _section(
    title: str, body_id: str, note: Component | None = None, *, hidden: bool = False
) -> Component:
    children: list[Component] = [html.H2(title, className="h5")]
    if note is not None:
        children.append(note)
    children.append(dcc.Loading(html.Div(id=body_id), delay_show=300))
    return html.Section(children, className="mb-4", hidden=hidden)


def layout(
    *,
    t: Translator,
    query: PerformanceQuery,
    today: dt.date,
    months: Options,
    show_sellers: bool,
    goal_hint: str | None,
    search: str = "",
) -> Component:
    """The page frame; the update callback fills the tables, the chart and the period text."""
    tables = ("performance_collectors", "performance_sellers") if show_sellers else ()
    exports = page_exports(
        "performance",
        t=t,
        items=[
            (name, ext, t(f"performance.export_{name.split('_')[1]}"))
            for name in tables or ("performance_collectors",)
            for ext in ("csv", "xlsx")
        ],
        search=search,
    )
    hint = html.P(goal_hint, className="small text-muted mb-1") if goal_hint else None
    sections = [
        _section(t("performance.collectors"), ids.PERFORMANCE_COLLECTORS, hint),
        html.Section(
            [
                html.H2(t("performance.dso_title"), className="h5"),
                dcc.Graph(id=ids.PERFORMANCE_DSO, config={"displayModeBar": False}),
            ],
            className="mb-4",
        ),
    ]
    # Always present (the update callback writes it); a collector sees only their own row.
    sections.append(
        _section(t("performance.sellers"), ids.PERFORMANCE_SELLERS, hint, hidden=not show_sellers)
    )
    return html.Div(
        [
            dcc.Location(id=ids.PERFORMANCE_URL, refresh=False),
            dcc.Store(id=ids.PERFORMANCE_REFRESH, data=0),
            page_header(t("performance.title"), t("performance.subtitle"), exports),
            period_bar(t=t, query=query, today=today, months=months),
            dbc.Alert(
                id=ids.PERFORMANCE_GOAL_MESSAGE,
                is_open=False,
                dismissable=True,
                className="py-2",
            ),
            *sections,
            html.P(t("performance.note"), className="small text-muted"),
        ]
    )
