"""Collections page: controls ↔ URL; tiles, chart, breakdowns, latest payments, forecast."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import plotly.graph_objects as go
from dash import Dash, Input, Output, ctx, no_update
from dash.development.base_component import Component

from callbacks.export_links import register_export_links
from dashboard import collections_service as service
from dashboard import formatting as fmt
from dashboard import ids
from dashboard.collections import default_range
from dashboard.collections_figures import (
    backtest_chart,
    breakdown_chart,
    collections_chart,
    forecast_chart,
)
from dashboard.collections_params import CollectionsQuery, parse_query, to_search
from dashboard.collections_presenters import (
    breakdown_labels,
    collection_tiles,
    error_lines,
    latest_rows,
    period_label,
    series_hover,
)
from dashboard.context import PageContext, cached, db_session, page_context
from dashboard.forecast import forecast_error
from data_access.receivables import filter_options
from layouts import collections as page
from layouts.collections import BREAKDOWN_IDS

LATEST_LIMIT = 200
BACKTEST_WEEKS = 8


def render(params: dict[str, str], c: PageContext) -> Component:
    """The page frame with its controls set from the URL; the data comes with the callbacks."""
    query = parse_query(params.get("search"))
    with db_session() as sess:
        options = filter_options(sess, scope=c.scope)
    return page.layout(
        t=c.t,
        query=query,
        shown=query.range(c.today),
        today=c.today,
        options=options,
        search=to_search(query),
    )


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def controls_query(
    by: str, start: str | None, end: str | None, seller: Any, collector: Any
) -> CollectionsQuery:
    """The URL query for what the controls show (the range only when the user set it)."""
    return parse_query(
        to_search(
            CollectionsQuery(
                by=by,  # type: ignore[arg-type]
                first=_day(start),
                last=_day(end),
                seller=seller or None,
                collector=collector or None,
            )
        )
    )


def week_label(day: dt.date, c: PageContext) -> str:
    """A forecast week's short name: the day it starts (``23 nov``)."""
    return fmt.date(day, c.language, style="d MMM")


def _forecast_summary(forecast: Any, c: PageContext) -> Component:
    money = partial(fmt.money, currency=c.currency, language=c.language)
    lines = [
        (c.t("collections.forecast.next4"), money(forecast.total(4))),
        (c.t("collections.forecast.next13"), money(forecast.total(13))),
        (c.t("collections.forecast.beyond"), money(forecast.beyond)),
        (
            "",
            c.t(
                "collections.forecast_note",
                median=fmt.number(forecast.median_days, c.language, digits=1),
            ),
        ),
    ]
    return page.summary_list(lines)


def register(app: Dash) -> None:
    """Controls write the URL; the URL drives every part of the page."""
    register_export_links(app, "collections", ids.COLLECTIONS_URL)

    @app.callback(
        Output(ids.COLLECTIONS_URL, "search"),
        Output(ids.COLLECTIONS_RANGE, "start_date"),
        Output(ids.COLLECTIONS_RANGE, "end_date"),
        Input(ids.COLLECTIONS_BY, "value"),
        Input(ids.COLLECTIONS_RANGE, "start_date"),
        Input(ids.COLLECTIONS_RANGE, "end_date"),
        Input(ids.COLLECTIONS_SELLER, "value"),
        Input(ids.COLLECTIONS_COLLECTOR, "value"),
        prevent_initial_call=True,
    )
    def update_search(
        by: str, start: str | None, end: str | None, seller: Any, collector: Any
    ) -> tuple[Any, ...]:
        today = page_context().today
        if ctx.triggered_id == ids.COLLECTIONS_BY:  # a new view starts from its default range
            query = controls_query(by, None, None, seller, collector)
            shown = default_range(query.by, today)
            return to_search(query), shown.first.isoformat(), shown.last.isoformat()
        query = controls_query(by, start, end, seller, collector)
        return to_search(query), no_update, no_update

    @app.callback(Output(ids.COLLECTIONS_TILES, "children"), Input(ids.COLLECTIONS_URL, "search"))
    def update_tiles(search: str | None) -> Component:
        c = page_context()
        filters = parse_query(search).filters
        with db_session() as sess:
            key = ("collections-tiles", c.today, c.scope, filters)
            figures = cached(
                sess,
                key,
                partial(service.tile_figures, sess, today=c.today, scope=c.scope, filters=filters),
            )
        return page.tiles(
            collection_tiles(figures, t=c.t, language=c.language, currency=c.currency)
        )

    @app.callback(Output(ids.COLLECTIONS_CHART, "figure"), Input(ids.COLLECTIONS_URL, "search"))
    def update_chart(search: str | None) -> go.Figure:
        c = page_context()
        query = parse_query(search)
        shown = query.range(c.today)
        with db_session() as sess:
            key = ("collections-chart", shown, query.by, c.scope, query.filters)
            compute = partial(
                service.chart_series,
                sess,
                first=shown.first,
                last=shown.last,
                by=query.by,
                scope=c.scope,
                filters=query.filters,
            )
            series, earlier = cached(sess, key, compute)
        labels = [
            period_label(day, query.by, t=c.t, language=c.language)
            for day in series["period_start"]
        ]
        hover = partial(series_hover, t=c.t, language=c.language, currency=c.currency)
        names = (c.t("collections.trace.current"), c.t("collections.trace.year_earlier"))
        return collections_chart(
            labels,
            list(series["amount"]),
            list(earlier["amount"]),
            hover=hover(series),
            hover_earlier=hover(earlier),
            names=names,
        )

    @app.callback(
        *(Output(graph_id, "figure") for graph_id in BREAKDOWN_IDS.values()),
        Input(ids.COLLECTIONS_URL, "search"),
    )
    def update_breakdowns(search: str | None) -> tuple[go.Figure, ...]:
        c = page_context()
        query = parse_query(search)
        shown = query.range(c.today)
        with db_session() as sess:
            key = ("collections-breakdowns", shown, c.scope, query.filters)
            frames = cached(
                sess,
                key,
                partial(
                    service.breakdowns,
                    sess,
                    first=shown.first,
                    last=shown.last,
                    scope=c.scope,
                    filters=query.filters,
                ),
            )
        money = partial(fmt.money, currency=c.currency, language=c.language)
        return tuple(
            breakdown_chart(
                breakdown_labels(frames[name], c.t),
                list(frames[name]["amount"]),
                [money(v) for v in frames[name]["amount"]],
            )
            for name in BREAKDOWN_IDS
        )

    @app.callback(
        Output(ids.COLLECTIONS_LATEST, "rowData"),
        Output(ids.COLLECTIONS_LATEST_NOTE, "children"),
        Input(ids.COLLECTIONS_URL, "search"),
    )
    def update_latest(search: str | None) -> tuple[list[dict[str, object]], str]:
        c = page_context()
        query = parse_query(search)
        shown = query.range(c.today)
        with db_session() as sess:
            frame = service.latest_payments(
                sess,
                first=shown.first,
                last=shown.last,
                scope=c.scope,
                filters=query.filters,
                limit=LATEST_LIMIT,
            )
        if frame.empty:
            return [], c.t("collections.empty")
        note = c.t("collections.latest_note", count=fmt.number(LATEST_LIMIT, c.language))
        return latest_rows(frame, language=c.language, currency=c.currency), note

    @app.callback(
        Output(ids.COLLECTIONS_FORECAST, "figure"),
        Output(ids.COLLECTIONS_FORECAST_SUMMARY, "children"),
        Input(ids.COLLECTIONS_URL, "search"),
    )
    def update_forecast(search: str | None) -> tuple[go.Figure, Component]:
        c = page_context()
        filters = parse_query(search).filters
        with db_session() as sess:
            key = ("collections-forecast", c.today, c.scope, filters, c.grace_days)
            forecast = cached(
                sess,
                key,
                partial(
                    service.cash_forecast,
                    sess,
                    today=c.today,
                    scope=c.scope,
                    filters=filters,
                    grace_days=c.grace_days,
                ),
            )
        weeks = forecast.weeks
        labels = [week_label(day, c) for day in weeks["week_start"]]
        names = (c.t("collections.forecast.invoices"), c.t("collections.forecast.promises"))
        figure = forecast_chart(
            labels, list(weeks["invoices"]), list(weeks["promises"]), names=names
        )
        return figure, _forecast_summary(forecast, c)

    @app.callback(
        Output(ids.COLLECTIONS_BACKTEST, "figure"),
        Output(ids.COLLECTIONS_BACKTEST_ERROR, "children"),
        Input(ids.COLLECTIONS_URL, "search"),
    )
    def update_backtest(search: str | None) -> tuple[go.Figure, Component]:
        c = page_context()
        filters = parse_query(search).filters
        with db_session() as sess:
            key = ("collections-backtest", c.today, c.scope, filters, c.grace_days)
            results = cached(
                sess,
                key,
                partial(
                    service.forecast_backtest,
                    sess,
                    today=c.today,
                    scope=c.scope,
                    filters=filters,
                    grace_days=c.grace_days,
                    weeks=BACKTEST_WEEKS,
                ),
            )
        labels = [week_label(day, c) for day in results["week_start"]]
        names = (c.t("collections.backtest.forecast"), c.t("collections.backtest.actual"))
        figure = backtest_chart(
            labels, list(results["forecast"]), list(results["actual"]), names=names
        )
        lines = error_lines(
            forecast_error(results), t=c.t, language=c.language, currency=c.currency
        )
        note = c.t("collections.backtest_note", weeks=BACKTEST_WEEKS)
        return figure, page.summary_list([("", note), *lines])
