"""Home page: filters ↔ URL, heat map and KPI tiles, clicks that open a customer or drill in."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, ctx, html, no_update
from dash.development.base_component import Component

from dashboard import formatting as fmt
from dashboard import ids
from dashboard.context import PageContext, cached, db_session, page_context, services
from dashboard.heatmap import TOP_N, heatmap_figure, load_heatmap, view_filter
from dashboard.kpi_service import kpis_with_previous
from dashboard.kpis import kpi_change, previous_as_of
from dashboard.portfolio_params import PortfolioQuery, parse_query, to_search
from dashboard.presenters import bucket_titles, kpi_tiles
from dashboard.snapshot_service import prepare_snapshots
from data_access.receivables import filter_options
from layouts import portfolio
from layouts.components import kpi_tile_with_trend

FILTER_INPUTS = [
    Input(ids.PORTFOLIO_AS_OF, "date"),
    Input(ids.PORTFOLIO_SELLER, "value"),
    Input(ids.PORTFOLIO_COLLECTOR, "value"),
    Input(ids.PORTFOLIO_TAG, "value"),
    Input(ids.PORTFOLIO_MIN_BALANCE, "value"),
    Input(ids.PORTFOLIO_BUCKET, "value"),
    Input(ids.PORTFOLIO_GROUP, "value"),
    Input(ids.PORTFOLIO_RESET, "n_clicks"),
]


def bucket_options(ctx: PageContext) -> list[tuple[str, str]]:
    """ "31+ days", "61+ days", ... for the "overdue at least" filter."""
    lows = [1, *(limit + 1 for limit in ctx.buckets.boundaries)]
    return [(str(i), ctx.t("portfolio.bucket_option", days=low)) for i, low in enumerate(lows, 1)]


def render(params: dict[str, str], ctx: PageContext) -> Component:
    """The page frame with filters set from the URL; the data comes with update_portfolio."""
    query = parse_query(params.get("search"), buckets=len(ctx.buckets.keys))
    with db_session() as sess:
        options = filter_options(sess, scope=ctx.scope)
    return portfolio.layout(
        t=ctx.t,
        query=query,
        today=ctx.today,
        language=ctx.language,
        options=options,
        bucket_options=bucket_options(ctx),
        search=to_search(query),
    )


def query_from_controls(values: list[Any], today: dt.date) -> PortfolioQuery:
    """The filters the controls show, as a URL query."""
    as_of, seller, collector, tag, min_balance, bucket, group = values
    day = dt.date.fromisoformat(as_of[:10]) if as_of else None
    floor = None if min_balance in (None, "") else f"?min_balance={min_balance}"
    return PortfolioQuery(
        as_of=None if day is None or day >= today else day,
        seller=seller or None,
        collector=collector or None,
        tag=tag or None,
        min_balance=parse_query(floor, buckets=2).min_balance,
        bucket=int(bucket) if bucket else None,
        group=None if group in (None, "none") else group,
    )


def clicked_target(point: dict[str, Any], query: PortfolioQuery) -> tuple[str | None, str | None]:
    """Where a click on a rectangle leads: ``(customer page path, None)`` or
    ``(None, search of the heat map drilled in)``; ``(None, None)`` for nothing."""
    node = str(point.get("id", ""))
    if node.startswith("c:"):
        return f"/customers/{quote(node[2:])}", None
    if node == "others":
        return None, to_search(query.with_changes(offset=query.offset + TOP_N))
    key = node.split(":", 1)[1] if ":" in node else None
    if key is None or query.group is None:
        return None, None
    return None, to_search(query.with_changes(group=None, **{query.group: key}))


def _tiles(sess: Any, c: PageContext, query: PortfolioQuery, as_of: dt.date) -> Component:
    filters = view_filter(query).customers
    key = ("kpis", as_of, c.scope, filters, c.grace_days, tuple(c.buckets.boundaries))
    now, before = cached(
        sess,
        key,
        lambda: kpis_with_previous(
            sess,
            as_of=as_of,
            scope=c.scope,
            filters=filters,
            grace_days=c.grace_days,
            boundaries=c.buckets.boundaries,
        ),
    )
    tiles = kpi_tiles(
        now,
        kpi_change(now, before),
        previous_date=fmt.date(previous_as_of(as_of), c.language),
        t=c.t,
        language=c.language,
        currency=c.currency,
    )
    cols = [
        dbc.Col(kpi_tile_with_trend(tile), xs=6, md=4, xl=2, className="mb-2") for tile in tiles
    ]
    note = html.Div(c.t("portfolio.kpi_scope"), className="small text-muted mt-1")
    return html.Div([dbc.Row(cols, className="g-2 kpi-grid"), note])


def _note(c: PageContext, data: Any) -> str:
    totals = data.totals
    if totals.owing == 0:
        return c.t("portfolio.empty")
    return c.t(
        "portfolio.note",
        shown=fmt.number(len(data.top), c.language),
        owing=fmt.number(totals.owing, c.language),
        credit=fmt.number(totals.customers - totals.owing, c.language),
    )


def register(app: Dash) -> None:
    """Filters write the URL; the URL drives the tiles and the heat map."""

    @app.callback(Output(ids.PORTFOLIO_URL, "search"), *FILTER_INPUTS, prevent_initial_call=True)
    def update_search(*values: Any) -> str:
        if ctx.triggered_id == ids.PORTFOLIO_RESET:
            return ""
        return to_search(query_from_controls(list(values[:-1]), page_context().today))

    @app.callback(
        Output(ids.PORTFOLIO_TILES, "children"),
        Output(ids.PORTFOLIO_TREEMAP, "figure"),
        Output(ids.PORTFOLIO_NOTE, "children"),
        Input(ids.PORTFOLIO_URL, "search"),
    )
    def update_portfolio(search: str | None) -> tuple[Component, go.Figure, str]:
        c = page_context()
        query = parse_query(search, buckets=len(c.buckets.keys))
        as_of = min(query.as_of or c.today, c.today)
        titles = bucket_titles(c.buckets, c.t)
        days = [as_of, previous_as_of(as_of)]  # the tiles' arrows compare with a month earlier
        prepare_snapshots(services().sessions, days, boundaries=c.buckets.boundaries)
        with db_session() as sess:
            key = ("heatmap", query, as_of, c.scope, tuple(titles), tuple(c.buckets.boundaries))
            data = cached(
                sess,
                key,
                lambda: load_heatmap(
                    sess, query=query, as_of=as_of, scope=c.scope, buckets=c.buckets, titles=titles
                ),
            )
            tiles = _tiles(sess, c, query, as_of)
        figure = heatmap_figure(
            data, query=query, t=c.t, language=c.language, currency=c.currency, buckets=c.buckets
        )
        return tiles, figure, _note(c, data)

    app.clientside_callback(
        """function(search) {
            return ["csv", "xlsx", "pdf"].map(ext => "/export/portfolio." + ext + (search || ""));
        }""",
        *(Output(f"{ids.PORTFOLIO_EXPORT}-{ext}", "href") for ext in ("csv", "xlsx", "pdf")),
        Input(ids.PORTFOLIO_URL, "search"),
    )

    @app.callback(
        Output(ids.URL, "href"),
        Output(ids.PORTFOLIO_URL, "search", allow_duplicate=True),
        Input(ids.PORTFOLIO_TREEMAP, "clickData"),
        State(ids.PORTFOLIO_URL, "search"),
        prevent_initial_call=True,
    )
    def open_rectangle(click: dict[str, Any] | None, search: str | None) -> tuple[Any, Any]:
        if not click or not click.get("points"):
            return no_update, no_update
        query = parse_query(search, buckets=len(page_context().buckets.keys))
        page, drilled = clicked_target(click["points"][0], query)
        return page or no_update, no_update if drilled is None else drilled
