"""Customers grid: fetch directory and aging, format rows, filter in the browser."""

from __future__ import annotations

from dash import Dash, Input, Output
from dash.development.base_component import Component

from dashboard import formatting as fmt
from dashboard import ids
from dashboard.aging import oldest_days
from dashboard.context import PageContext, db_session
from dashboard.presenters import customer_rows
from data_access.receivables import customer_directory
from data_access.snapshots import ensure_snapshot, snapshot_positions
from layouts import customers


def render(_params: dict[str, str], ctx: PageContext) -> Component:
    """The customers the user may see, with balance and overdue as of today (snapshot)."""
    with db_session() as sess:
        directory = customer_directory(sess, scope=ctx.scope)
        ensure_snapshot(sess, as_of=ctx.today, boundaries=ctx.buckets.boundaries)
        positions = snapshot_positions(
            sess, as_of=ctx.today, scope=ctx.scope, bands=len(ctx.buckets.keys)
        )
    positions["oldest_days_overdue"] = [oldest_days(d, ctx.today) for d in positions["oldest_due"]]
    rows = customer_rows(directory, positions, language=ctx.language, currency=ctx.currency)
    count = ctx.t("customers.count", count=fmt.number(len(rows), ctx.language))
    return customers.layout(t=ctx.t, rows=rows, count_text=count)


def register(app: Dash) -> None:
    """Quick search filters the grid in the browser (no round trip)."""
    app.clientside_callback(
        "function(text) { return {quickFilterText: text || ''}; }",
        Output(ids.CUSTOMERS_GRID, "dashGridOptions", allow_duplicate=True),
        Input(ids.CUSTOMERS_SEARCH, "value"),
        prevent_initial_call=True,
    )
