"""Activity page: filters ↔ URL; the URL drives the feed, the charts and coverage."""

from __future__ import annotations

import datetime as dt
from typing import Any

import plotly.graph_objects as go
from dash import ALL, Dash, Input, Output, Patch, State, ctx, no_update
from dash.development.base_component import Component

from callbacks.export_links import register_export_links
from dashboard import activity_charts as charts
from dashboard import activity_view as view
from dashboard import formatting as fmt
from dashboard import ids
from dashboard.activity_params import ActivityQuery, parse_query, to_search
from dashboard.context import PageContext, cached, db_session, page_context
from dashboard.coverage import CADENCE_DAYS, RECENT_DAYS, coverage
from data_access import activity_feed as feed
from data_access.activity import CHANNELS, REASONS
from data_access.snapshots import ensure_snapshot
from layouts import activity
from layouts.components import empty_state

PAGE_SIZE = 30
FILTER_INPUTS = [
    Input(ids.ACTIVITY_COLLECTOR, "value"),
    Input(ids.ACTIVITY_CHANNEL, "value"),
    Input(ids.ACTIVITY_REASON, "value"),
    Input(ids.ACTIVITY_HASHTAG, "value"),
    Input(ids.ACTIVITY_DATES, "start_date"),
    Input(ids.ACTIVITY_DATES, "end_date"),
    Input(ids.ACTIVITY_PERIOD, "value"),
]


def render(params: dict[str, str], ctx: PageContext) -> Component:
    """The page frame with filters set from the URL; the data comes with the callbacks."""
    query = parse_query(params.get("search"))
    with db_session() as sess:
        key = ("activity-options", ctx.scope)
        authors, tags = cached(sess, key, lambda: _options(sess, ctx))
    options = {
        "collectors": authors,
        "channels": [(c, ctx.t(f"channel.{c}")) for c in CHANNELS],
        "reasons": [(r, ctx.t(f"reason.{r}")) for r in REASONS],
        "hashtags": [(tag, "#" + tag) for tag in tags],
    }
    window = query.window(ctx.today)
    return activity.layout(
        t=ctx.t,
        query=query,
        window=window,
        today=ctx.today,
        options=options,
        search=to_search(query),
    )


def _options(sess: Any, c: PageContext) -> tuple[list[tuple[str, str]], list[str]]:
    return feed.note_authors(sess, scope=c.scope), feed.hashtag_options(sess, scope=c.scope)


def query_from_controls(values: list[Any], today: dt.date) -> ActivityQuery:
    """The filters the controls show, as a URL query (the default date range left out)."""
    collector, channel, reason, hashtag, start, end, period = values
    default = ActivityQuery().window(today)
    start_day = dt.date.fromisoformat(start[:10]) if start else None
    end_day = dt.date.fromisoformat(end[:10]) if end else None
    if (start_day, end_day) == default:
        start_day = end_day = None
    search = to_search(
        ActivityQuery(collector, channel, reason, hashtag, start_day, end_day, period or "week")
    )
    return parse_query(search)


def _charts(sess: Any, c: PageContext, query: ActivityQuery) -> tuple[go.Figure, ...]:
    filters = query.feed_filter(c.today)
    start, end = filters.start or c.today, filters.end or c.today
    by_day = feed.reasons_by_day(sess, scope=c.scope, filters=filters)
    table = charts.reasons_table(by_day, start=start, end=end, period=query.period)
    labels = view.period_labels(list(table.index), query.period, language=c.language)
    reason_labels = {r: c.t(f"reason.{r}") for r in REASONS}
    axis = "activity.month_axis" if query.period == "month" else "activity.week_axis"
    unit = c.t("activity.notes_unit")
    top = feed.top_hashtags(sess, scope=c.scope, filters=filters)
    authors = [] if query.collector else feed.note_authors(sess, scope=c.scope)
    per_day = feed.contacts_by_author_day(sess, scope=c.scope, filters=filters)
    grid = charts.contacts_grid(
        per_day, start=start, end=end, authors=authors, nobody=c.t("activity.no_author")
    )
    return (
        charts.reasons_figure(
            table, period_labels=labels, reason_labels=reason_labels, axis_title=c.t(axis)
        ),
        charts.hashtags_figure(top, notes_label=unit),
        charts.contacts_heatmap(
            grid, day_labels=view.day_labels(list(grid.columns), c.language), notes_label=unit
        ),
    )


def _coverage(sess: Any, c: PageContext, collector: str | None) -> Any:
    ensure_snapshot(sess, as_of=c.today, boundaries=c.buckets.boundaries)
    rows = feed.coverage_rows(
        sess, scope=c.scope, as_of=c.today, bands=len(c.buckets.keys), collector=collector
    )
    return coverage(rows, today=c.today)


def _list(c: PageContext, title: str, frame: Any, grid_id: str) -> Component:
    rows = view.coverage_list_rows(frame, t=c.t, language=c.language, currency=c.currency)
    note = view.list_note(len(frame), t=c.t, language=c.language)
    return activity.coverage_list(title, note, activity.coverage_grid(grid_id, t=c.t, rows=rows))


def register(app: Dash) -> None:
    """Filters write the URL; the URL drives everything else; hashtags filter on click."""
    register_export_links(app, "activity", ids.ACTIVITY_URL)

    @app.callback(Output(ids.ACTIVITY_URL, "search"), *FILTER_INPUTS, prevent_initial_call=True)
    def update_search(*values: Any) -> str:
        return to_search(query_from_controls(list(values), page_context().today))

    @app.callback(
        [Output(i.component_id, i.component_property) for i in FILTER_INPUTS],
        Input(ids.ACTIVITY_RESET, "n_clicks"),
        prevent_initial_call=True,
    )
    def reset_filters(_clicks: int | None) -> list[Any]:
        start, end = ActivityQuery().window(page_context().today)
        return [None, None, None, None, start.isoformat(), end.isoformat(), "week"]

    @app.callback(
        Output(ids.ACTIVITY_HASHTAG, "value"),
        Input(ids.activity_hashtag(ALL, ALL), "n_clicks"),
        Input(ids.ACTIVITY_HASHTAGS, "clickData"),
        prevent_initial_call=True,
    )
    def filter_by_hashtag(_clicks: list[int | None], chart: dict[str, Any] | None) -> Any:
        if ctx.triggered_id == ids.ACTIVITY_HASHTAGS:
            points = (chart or {}).get("points") or [{}]
            return points[0].get("customdata") or no_update
        if not isinstance(ctx.triggered_id, dict) or not ctx.triggered[0].get("value"):
            return no_update  # new buttons from "load more", not a click
        return ctx.triggered_id["tag"]

    @app.callback(
        Output(ids.ACTIVITY_FEED, "children"),
        Output(ids.ACTIVITY_CURSOR, "data"),
        Output(ids.ACTIVITY_MORE, "style"),
        Output(ids.ACTIVITY_FEED_COUNT, "children"),
        Input(ids.ACTIVITY_URL, "search"),
        Input(ids.ACTIVITY_MORE, "n_clicks"),
        State(ids.ACTIVITY_CURSOR, "data"),
    )
    def update_feed(search: str | None, _more: int | None, cursor: int | None) -> tuple:
        c = page_context()
        more = ctx.triggered_id == ids.ACTIVITY_MORE
        filters = parse_query(search).feed_filter(c.today)
        with db_session() as sess:
            rows = feed.feed_page(
                sess, scope=c.scope, filters=filters, limit=PAGE_SIZE + 1,
                before=cursor if more else None,
            )  # fmt: skip
            count = None if more else feed.count_notes(sess, scope=c.scope, filters=filters)
        shown = rows[:PAGE_SIZE]
        items = activity.feed_items(view.feed_items(shown, t=c.t, language=c.language), t=c.t)
        style = {} if len(rows) > PAGE_SIZE else {"display": "none"}
        last = shown[-1]["id"] if shown else None
        if more:
            patch = Patch()
            patch.extend(items)
            return patch, last, style, no_update
        if not items:
            return [empty_state(c.t("activity.feed_empty"))], None, style, ""
        counted = c.t("activity.feed_count", count=fmt.number(count or 0, c.language))
        return items, last, style, counted

    @app.callback(
        Output(ids.ACTIVITY_REASONS, "figure"),
        Output(ids.ACTIVITY_HASHTAGS, "figure"),
        Output(ids.ACTIVITY_CONTACTS, "figure"),
        Input(ids.ACTIVITY_URL, "search"),
    )
    def update_charts(search: str | None) -> tuple[go.Figure, ...]:
        c = page_context()
        query = parse_query(search)
        with db_session() as sess:
            key = ("activity-charts", c.today, c.scope, query, c.language)
            return cached(sess, key, lambda: _charts(sess, c, query))

    @app.callback(
        Output(ids.ACTIVITY_COVERAGE_TILE, "children"),
        Output(ids.ACTIVITY_UNCOVERED, "children"),
        Output(ids.ACTIVITY_DUE_SOON, "children"),
        Input(ids.ACTIVITY_URL, "search"),
    )
    def update_coverage(search: str | None) -> tuple[Component, Component, Component]:
        c = page_context()
        collector = parse_query(search).collector
        with db_session() as sess:
            key = ("activity-coverage", c.today, c.scope, collector, c.buckets.boundaries)
            result = cached(sess, key, lambda: _coverage(sess, c, collector))
        tile = view.coverage_tile(result, t=c.t, language=c.language, today=c.today)
        uncovered = c.t("activity.uncovered", days=CADENCE_DAYS)
        due_soon = c.t("activity.due_soon", low=RECENT_DAYS + 1, high=CADENCE_DAYS)
        return (
            activity.coverage_tile(tile, t=c.t),
            _list(c, uncovered, result.uncovered, ids.ACTIVITY_UNCOVERED_GRID),
            _list(c, due_soon, result.due_soon, ids.ACTIVITY_DUE_SOON_GRID),
        )
