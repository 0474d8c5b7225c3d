"""Home page: who to call first. Filters (kept in the URL), KPI tiles and the heat map."""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from dashboard.portfolio_params import PortfolioQuery
from layouts.components import export_href, export_menu, page_header

Options = list[tuple[str, str]]


def _dropdown(
    component_id: str, options: Options, value: str | None, placeholder: str
) -> Component:
    return dcc.Dropdown(
        id=component_id,
        options=[{"value": v, "label": label} for v, label in options],
        value=value,
        placeholder=placeholder,
        clearable=True,
        className="filter-dropdown",
    )


def filter_bar(
    *,
    t: Translator,
    query: PortfolioQuery,
    today: dt.date,
    language: str,
    options: dict[str, Options],
    bucket_options: Options,
) -> Component:
    """Every filter of the heat map, initialised from the URL."""
    cells = [
        (
            t("portfolio.as_of"),
            dcc.DatePickerSingle(
                id=ids.PORTFOLIO_AS_OF,
                date=(query.as_of or today).isoformat(),
                max_date_allowed=today.isoformat(),
                display_format="YYYY-MM-DD",
                first_day_of_week=1,
                className="filter-date",
            ),
        ),
        (
            t("portfolio.seller"),
            _dropdown(ids.PORTFOLIO_SELLER, options["sellers"], query.seller, t("portfolio.all")),
        ),
        (
            t("portfolio.collector"),
            _dropdown(
                ids.PORTFOLIO_COLLECTOR, options["collectors"], query.collector, t("portfolio.all")
            ),
        ),
        (
            t("portfolio.tag"),
            _dropdown(ids.PORTFOLIO_TAG, options["tags"], query.tag, t("portfolio.all")),
        ),
        (
            t("portfolio.min_balance"),
            dbc.Input(
                id=ids.PORTFOLIO_MIN_BALANCE,
                type="number",
                min=0,
                step="any",
                debounce=True,
                value=float(query.min_balance) if query.min_balance is not None else None,
            ),
        ),
        (
            t("portfolio.bucket"),
            _dropdown(
                ids.PORTFOLIO_BUCKET,
                bucket_options,
                str(query.bucket) if query.bucket else None,
                t("portfolio.any_age"),
            ),
        ),
        (
            t("portfolio.group"),
            dcc.Dropdown(
                id=ids.PORTFOLIO_GROUP,
                value=query.group or "none",
                clearable=False,
                options=[
                    {"value": "none", "label": t("portfolio.group_none")},
                    {"value": "seller", "label": t("portfolio.group_seller")},
                    {"value": "tag", "label": t("portfolio.group_tag")},
                ],
            ),
        ),
    ]
    cols = [
        dbc.Col([dbc.Label(label, className="small mb-0"), control], xs=12, sm=6, lg=True)
        for label, control in cells
    ]
    reset = dbc.Col(
        dbc.Button(t("portfolio.reset"), id=ids.PORTFOLIO_RESET, color="link", size="sm"),
        xs="auto",
        className="align-self-end",
    )
    return dbc.Row([*cols, reset], className="g-2 mb-3 filter-bar")


def layout(
    *,
    t: Translator,
    query: PortfolioQuery,
    today: dt.date,
    language: str,
    options: dict[str, Options],
    bucket_options: Options,
    search: str = "",
) -> Component:
    """The page frame; tiles and the treemap are filled by the update callback."""
    labels = {"csv": t("export.csv"), "xlsx": t("export.xlsx"), "pdf": t("export.aging_pdf")}
    exports = export_menu(
        ids.PORTFOLIO_EXPORT,
        label=t("export.menu"),
        hint=t("export.hint"),
        items=[
            (f"{ids.PORTFOLIO_EXPORT}-{ext}", label, export_href("portfolio", ext, search))
            for ext, label in labels.items()
        ],
    )
    return html.Div(
        [
            dcc.Location(id=ids.PORTFOLIO_URL, refresh=False),
            page_header(t("portfolio.title"), t("portfolio.subtitle"), exports),
            filter_bar(
                t=t,
                query=query,
                today=today,
                language=language,
                options=options,
                bucket_options=bucket_options,
            ),
            # The heat map first: it is the page's answer; the tiles follow.
            dbc.Card(
                dbc.CardBody(
                    [
                        dcc.Graph(
                            id=ids.PORTFOLIO_TREEMAP,
                            config={"displayModeBar": False},
                            style={"height": "62vh", "minHeight": "380px"},
                        ),
                        html.Div(id=ids.PORTFOLIO_NOTE, className="small text-muted mt-1"),
                    ]
                ),
                className="mb-3",
            ),
            dcc.Loading(html.Div(id=ids.PORTFOLIO_TILES, className="mb-3"), delay_show=400),
        ]
    )
