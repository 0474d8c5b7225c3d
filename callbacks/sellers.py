"""Sellers page: seller heat map (click → that seller's customers) and rankings."""

from __future__ import annotations

from functools import partial
from typing import Any
from urllib.parse import quote

import plotly.graph_objects as go
from dash import Dash, Input, Output, no_update
from dash.development.base_component import Component

from dashboard import formatting as fmt
from dashboard import ids
from dashboard.context import PageContext, cached, db_session, page_context
from dashboard.portfolio_params import parse_query
from dashboard.sellers_view import ranking, seller_map
from dashboard.treemaps import seller_treemap
from layouts import sellers


def render(params: dict[str, str], ctx: PageContext) -> Component:
    """The page frame; data comes with update_sellers."""
    return sellers.layout(t=ctx.t, search=params.get("search", ""))


def ranking_rows(frame: Any, c: PageContext) -> list[dict[str, object]]:
    """Ranking rows: raw numbers to sort on, texts in the user's locale."""
    none = c.t("common.none")

    def pct(value: Any) -> str:
        return none if value is None else fmt.percent(value / 100, c.language)

    return [
        {
            "name": row["name"] or c.t("treemap.no_seller"),
            "customers": row["customers"],
            "decided": row["decided"],
            "balance": float(row["balance"]),
            "balance_text": fmt.money(row["balance"], c.currency, c.language),
            "overdue_pct": None if row["overdue_pct"] is None else float(row["overdue_pct"]),
            "overdue_pct_text": pct(row["overdue_pct"]),
            "dso": None if row["dso"] is None else float(row["dso"]),
            "dso_text": none
            if row["dso"] is None
            else c.t("kpi.days", value=fmt.number(row["dso"], c.language, digits=1)),
            "kept_rate": None if row["kept_rate"] is None else float(row["kept_rate"]),
            "kept_text": pct(row["kept_rate"]),
        }
        for row in frame.to_dict("records")
    ]


def register(app: Dash) -> None:
    """Fill the page for the URL's date; clicking a seller opens its customer heat map."""

    @app.callback(Output(ids.SELLERS_TREEMAP, "figure"), Input(ids.SELLERS_URL, "search"))
    def update_seller_map(search: str | None) -> go.Figure:
        c = page_context()
        as_of = min(parse_query(search, buckets=len(c.buckets.keys)).as_of or c.today, c.today)
        with db_session() as sess:
            frame = seller_map(sess, as_of=as_of, scope=c.scope, buckets=c.buckets)
        return seller_treemap(frame, t=c.t, language=c.language, currency=c.currency)

    @app.callback(
        Output(ids.SELLERS_RANKING, "children"),
        Output(ids.SELLERS_COLLECTORS, "children"),
        Input(ids.SELLERS_URL, "search"),
    )
    def update_rankings(search: str | None) -> tuple[Component, Component]:
        c = page_context()
        as_of = min(parse_query(search, buckets=len(c.buckets.keys)).as_of or c.today, c.today)
        grids = []
        with db_session() as sess:
            for by, grid_id in (("seller", "sellers-grid"), ("collector", "collectors-grid")):
                key = ("ranking", by, as_of, c.scope, tuple(c.buckets.boundaries), c.grace_days)
                compute = partial(
                    ranking,
                    sess,
                    as_of=as_of,
                    scope=c.scope,
                    buckets=c.buckets,
                    by=by,
                    grace_days=c.grace_days,
                )
                frame = cached(sess, key, compute)
                grids.append(sellers.ranking_grid(grid_id, t=c.t, rows=ranking_rows(frame, c)))
        return grids[0], grids[1]

    app.clientside_callback(
        """function(search) {
            const s = search || "";
            const bySeller = s ? s + "&by=seller" : "?by=seller";
            return [["sellers", "csv"], ["sellers", "xlsx"], ["collectors", "csv"],
                    ["collectors", "xlsx"], ["aging", "pdf"]].map(
                ([name, ext]) => "/export/" + name + "." + ext + (name === "aging" ? bySeller : s));
        }""",
        *(
            Output(sellers.export_item_id(name, ext), "href")
            for name, ext in sellers.SELLER_EXPORTS
        ),
        Input(ids.SELLERS_URL, "search"),
    )

    @app.callback(
        Output(ids.URL, "href", allow_duplicate=True),
        Input(ids.SELLERS_TREEMAP, "clickData"),
        prevent_initial_call=True,
    )
    def open_seller(click: dict[str, Any] | None) -> Any:
        node = str((click or {}).get("points", [{}])[0].get("id", ""))
        if not node.startswith("s:"):
            return no_update
        return f"/?seller={quote(node[2:])}" if node[2:] else no_update
