"""Performance page: period in the URL, a table per collector and per seller, goals in place."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import plotly.graph_objects as go
from dash import ALL, Dash, Input, Output, State, ctx
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.export_links import register_export_links
from dashboard import formatting as fmt
from dashboard import ids
from dashboard.context import PageContext, cached, db_session, page_context
from dashboard.performance import (
    OwnerPerformance,
    PerformanceQuery,
    parse_period,
    query_from_controls,
    read_amount,
    to_search,
    trend_points,
)
from dashboard.performance_presenters import dso_figure, grid_rows, month_options, period_text
from dashboard.performance_service import performance_tables
from data_access.activity import AccessDenied, ValidationError
from data_access.goals import GOAL_SETTERS, clear_goal, set_goal
from layouts import performance as page


def render(params: dict[str, str], ctx: PageContext) -> Component:
    """The page frame with the period from the URL; the data comes with update_performance."""
    setter = ctx.role in GOAL_SETTERS
    return page.layout(
        t=ctx.t,
        query=parse_period(params.get("search"), today=ctx.today),
        today=ctx.today,
        months=month_options(ctx.today, ctx.language),
        show_sellers=not ctx.scope.restricted,
        goal_hint=ctx.t("performance.goal_hint") if setter else None,
        search=params.get("search") or "",
    )


def _tables(sess: Any, c: PageContext, query: PerformanceQuery) -> dict[str, Any]:
    sellers = not c.scope.restricted
    key = ("performance", query.first, query.last, c.scope, c.buckets.boundaries, c.grace_days)
    compute = partial(
        performance_tables,
        sess,
        query=query,
        scope=c.scope,
        boundaries=c.buckets.boundaries,
        grace_days=c.grace_days,
        sellers=sellers,
    )
    return cached(sess, key, compute)


def _grid(by: str, rows: list[OwnerPerformance], c: PageContext, as_of: dt.date) -> Component:
    texts = grid_rows(
        rows, points=trend_points(as_of), t=c.t, language=c.language, currency=c.currency
    )
    month = fmt.date(as_of, c.language, style="LLLL yyyy")
    return page.performance_grid(
        by, t=c.t, rows=texts, goal_month=month, editable=c.role in GOAL_SETTERS
    )


def goal_change(changes: Any) -> tuple[str, str, Any] | None:
    """``(key, name, typed value)`` of the last edit of a goal cell, None for anything else."""
    change = changes[-1] if isinstance(changes, list) and changes else None
    if not isinstance(change, dict) or change.get("colId") != "goal":
        return None
    data = change.get("data") or {}
    key, name = data.get("key"), data.get("name")
    if not isinstance(key, str) or not isinstance(name, str):
        return None
    # dash-ag-grid sends the new text as "value" (its docs say "newValue"): read either.
    return key, name, change["value"] if "value" in change else change.get("newValue")


def save_goal_change(
    c: PageContext, *, by: str, key: str, name: str, typed: Any, as_of: dt.date
) -> tuple[str, str]:
    """Set or clear one goal for ``as_of``'s month; ``(message, alert colour)``."""
    month = fmt.date(as_of, c.language, style="LLLL yyyy")
    user_id = int(current_user.get_id())
    value = read_amount("" if typed is None else str(typed), c.language)
    try:
        with db_session() as sess:
            common: dict[str, Any] = {
                "scope": c.scope,
                "user_id": user_id,
                "by": by,
                "key": key,
                "month": as_of,
            }
            if isinstance(value, str) and not value.strip():
                clear_goal(sess, **common)
                return c.t("performance.goal_cleared", name=name, month=month), "success"
            goal = set_goal(sess, amount=value, **common)
            amount = fmt.money(goal.amount, c.currency, c.language)
    except AccessDenied:
        return c.t("performance.goal_forbidden"), "danger"
    except ValidationError as error:
        problem = next(iter(error.errors.values()))
        return c.t(f"performance.goal_error.{problem}", value=str(typed)), "warning"
    return c.t("performance.goal_saved", name=name, month=month, amount=amount), "success"


def register(app: Dash) -> None:
    """The period controls write the URL; the URL fills the page; goal edits save in place."""
    register_export_links(app, "performance", ids.PERFORMANCE_URL)

    @app.callback(
        Output(ids.PERFORMANCE_URL, "search"),
        Output(ids.PERFORMANCE_MONTH, "value"),
        Output(ids.PERFORMANCE_RANGE, "start_date"),
        Output(ids.PERFORMANCE_RANGE, "end_date"),
        Input(ids.PERFORMANCE_MONTH, "value"),
        Input(ids.PERFORMANCE_RANGE, "start_date"),
        Input(ids.PERFORMANCE_RANGE, "end_date"),
        prevent_initial_call=True,
    )
    def update_period(month: str | None, start: str | None, end: str | None) -> tuple[Any, ...]:
        today = page_context().today
        by_month = ctx.triggered_id == ids.PERFORMANCE_MONTH
        query = query_from_controls(
            by_month=by_month, month=month, start=start, end=end, today=today
        )
        if query is None:
            raise PreventUpdate
        search = to_search(query, today=today)
        return search, query.month, query.first.isoformat(), query.last.isoformat()

    @app.callback(
        Output(ids.PERFORMANCE_PERIOD, "children"),
        Output(ids.PERFORMANCE_COLLECTORS, "children"),
        Output(ids.PERFORMANCE_SELLERS, "children"),
        Output(ids.PERFORMANCE_DSO, "figure"),
        Input(ids.PERFORMANCE_URL, "search"),
        Input(ids.PERFORMANCE_REFRESH, "data"),
    )
    def update_performance(search: str | None, _refresh: int | None) -> tuple[Any, ...]:
        c = page_context()
        query = parse_period(search, today=c.today)
        with db_session() as sess:
            tables = _tables(sess, c, query)
        collectors, sellers = tables["collector"], tables.get("seller", [])
        points = trend_points(query.last)
        figure: go.Figure = dso_figure(collectors, points=points, t=c.t, language=c.language)
        return (
            period_text(query, t=c.t, language=c.language),
            _grid("collector", collectors, c, query.last),
            _grid("seller", sellers, c, query.last) if sellers else [],
            figure,
        )

    @app.callback(
        Output(ids.PERFORMANCE_GOAL_MESSAGE, "children"),
        Output(ids.PERFORMANCE_GOAL_MESSAGE, "color"),
        Output(ids.PERFORMANCE_GOAL_MESSAGE, "is_open"),
        Output(ids.PERFORMANCE_REFRESH, "data"),
        Input(ids.performance_grid(ALL), "cellValueChanged"),
        State(ids.PERFORMANCE_URL, "search"),
        State(ids.PERFORMANCE_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def save_goal(_changes: list[Any], search: str | None, refresh: int | None) -> tuple[Any, ...]:
        trigger = ctx.triggered_id
        edit = goal_change(ctx.triggered[0]["value"]) if ctx.triggered else None
        if not isinstance(trigger, dict) or trigger.get("by") not in ("collector", "seller"):
            raise PreventUpdate
        if edit is None:
            raise PreventUpdate
        c = page_context()
        as_of = parse_period(search, today=c.today).last
        key, name, typed = edit
        message, color = save_goal_change(
            c, by=trigger["by"], key=key, name=name, typed=typed, as_of=as_of
        )
        # Redraw the tables: the new goal's progress, or the old value back after a refusal.
        return message, color, True, (refresh or 0) + 1
