"""The meeting-room board: one refresh callback for every panel, a ping, and board links.

Signed-in users reach the board through the router (``render``); a screen signed in
with a board link gets it straight from ``serve_layout`` (``session_layout``). The
refresh callback is the only server callback a board session may call (its output
key is handed to :func:`dashboard.board_views.allow_callbacks`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import parse_qs

import plotly.graph_objects as go
from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask import request
from flask_login import current_user

from dashboard import board_panels as bp
from dashboard import board_service, ids
from dashboard.activity_view import feed_items
from dashboard.board import (
    PANELS,
    BoardConfig,
    LinkError,
    board_search,
    expiry,
    figure_font_size,
    new_token,
    parse_board_query,
    parse_panels,
    token_hash,
    validate_link,
)
from dashboard.board_views import PING_PATH, allow_callbacks, board_context, current_link
from dashboard.context import PageContext, cached, db_session, services
from dashboard.formatting import date as format_date
from dashboard.heatmap import heatmap_figure
from dashboard.kpis import kpi_change, previous_as_of
from dashboard.portfolio_params import PortfolioQuery
from dashboard.presenters import bucket_titles, kpi_tiles
from dashboard.tasks_presenters import promise_rows
from dashboard.treemaps import seller_treemap
from data_access.board_links import create_link, list_links, revoke_link
from layouts import board as layout
from layouts.components import message_page

BOARD_ROLES = ("admin", "manager", "viewer", "board")
PROMISES_SHOWN = 10
# The tiles a room reads (3 × 3); the home page has them all.
BOARD_KPIS = (
    "total_receivable",
    "overdue",
    "dso_standard_90",
    "cei_month",
    "collected_day",
    "collected_week",
    "collected_month",
    "promises_due",
    "promises_broken",
)
PING_TIMEOUT_MS = 8000


def _client(c: PageContext, config: BoardConfig) -> dict[str, object]:
    """What assets/board.js reads: where to ping, the panels, and the texts it shows."""
    return {
        "ping": PING_PATH,
        "panels": list(config.panels),
        "timeout_ms": min(PING_TIMEOUT_MS, config.refresh_seconds * 800),
        "locale": c.language,
        "texts": {
            key: c.t(f"board.{key}") for key in ("offline", "revoked", "expired", "signed_out")
        },
    }


def _screen(c: PageContext, config: BoardConfig, *, signed_in: bool) -> Component:
    return layout.screen(
        t=c.t,
        config=config,
        company=c.company,
        language=c.language,
        client=_client(c, config),
        signed_in=signed_in,
        is_admin=c.role == "admin",
    )


def render(params: dict[str, str], c: PageContext) -> Component:
    """The board for a signed-in user (settings from the URL), or the board links page."""
    search = params.get("search", "")
    if "manage" in parse_qs(search.lstrip("?")):
        if c.role != "admin":
            return message_page(c.t("error.forbidden"), c.t("board.links.admin_only"))
        return _links_page(c)
    return _screen(c, parse_board_query(search), signed_in=True)


def session_layout() -> Component | None:
    """The app layout of a board session (its link's settings); None outside one."""
    link = current_link()
    if link is None:
        return None
    return layout.session_frame(_screen(board_context(), link.config, signed_in=False))


def _links_page(c: PageContext) -> Component:
    return layout.links_page(
        t=c.t,
        panel_options=[(key, c.t(f"board.short.{key}")) for key in PANELS],
        defaults=BoardConfig(),
        rows=_link_rows(c),
        preview="/board" + board_search(BoardConfig()),
    )


def _link_rows(c: PageContext) -> list[dict[str, object]]:
    with db_session() as sess:
        links = list_links(sess)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return bp.link_rows(links, now=now, t=c.t, language=c.language)


# Panels: each reads through the page that owns the figure, then restyles it.


def _kpis(sess: Any, c: PageContext, _font: int) -> Component:
    key = ("board-kpis", c.today, c.scope, c.grace_days, tuple(c.buckets.boundaries))
    now, before = cached(
        sess,
        key,
        lambda: board_service.kpis(
            sess, today=c.today, scope=c.scope, buckets=c.buckets, grace_days=c.grace_days
        ),
    )
    previous = format_date(previous_as_of(c.today), c.language)
    tiles = kpi_tiles(
        now,
        kpi_change(now, before),
        previous_date=previous,
        t=c.t,
        language=c.language,
        currency=c.currency,
    )
    return layout.kpi_grid([tile for tile in tiles if tile.key in BOARD_KPIS])


def _customers(sess: Any, c: PageContext, font: int) -> go.Figure:
    titles = bucket_titles(c.buckets, c.t)
    key = ("board-customers", c.today, c.scope, tuple(c.buckets.boundaries))
    data = cached(
        sess,
        key,
        lambda: board_service.customer_map(
            sess, today=c.today, scope=c.scope, buckets=c.buckets, titles=titles
        ),
    )
    figure = heatmap_figure(
        data,
        query=PortfolioQuery(),
        t=c.t,
        language=c.language,
        currency=c.currency,
        buckets=c.buckets,
        top_n=board_service.BOARD_TOP_N,
    )
    return bp.dark_treemap(figure, font_size=font)


def _sellers(sess: Any, c: PageContext, font: int) -> go.Figure:
    frame = board_service.sellers(sess, today=c.today, scope=c.scope, buckets=c.buckets)
    figure = seller_treemap(frame, t=c.t, language=c.language, currency=c.currency)
    return bp.dark_treemap(figure, font_size=font)


def _collections(sess: Any, c: PageContext, font: int) -> tuple[list[Component], go.Figure]:
    month = board_service.collections(sess, today=c.today, scope=c.scope)
    numbers = bp.collections_numbers(month, t=c.t, language=c.language, currency=c.currency)
    return layout.collections_numbers(numbers, c.t), bp.month_chart(month, t=c.t, font_size=font)


def _promises(sess: Any, c: PageContext, _font: int) -> Component:
    frame = board_service.promises_due_today(
        sess, today=c.today, scope=c.scope, grace_days=c.grace_days
    )
    summary = (
        bp.promises_summary(frame, t=c.t, language=c.language, currency=c.currency)
        if len(frame)
        else ""
    )
    rows = promise_rows(frame.head(PROMISES_SHOWN), t=c.t, language=c.language, currency=c.currency)
    more = bp.more_text(len(rows), len(frame), t=c.t, language=c.language)
    return layout.promise_list(summary, rows, more, empty=c.t("board.promises.none"))


def _notes(sess: Any, c: PageContext, _font: int) -> Component:
    items = feed_items(board_service.latest_notes(sess, scope=c.scope), t=c.t, language=c.language)
    for item in items:
        item["body"] = bp.shorten(item["body"])
    return layout.note_list(items, empty=c.t("board.notes.none"))


BUILDERS = {
    "kpis": _kpis,
    "customers": _customers,
    "sellers": _sellers,
    "collections": _collections,
    "promises": _promises,
    "notes": _notes,
}


def board_outputs(panels: tuple[str, ...], built: dict[str, Any]) -> list[Any]:
    """The refresh callback's panel outputs in order; panels not shown are left alone."""
    values: list[Any] = []
    for key in PANELS:
        value = built.get(key, no_update) if key in panels else no_update
        if key == "collections":
            values.extend(value if isinstance(value, tuple) else (no_update, no_update))
        else:
            values.append(value)
    return values


def _panels_of(config: dict[str, Any] | None) -> tuple[str, ...]:
    """The board session's link decides; a signed-in user's page says what it shows."""
    link = current_link()
    if link is not None:
        return link.config.panels
    return parse_panels((config or {}).get("panels"))


def register(app: Dash) -> None:
    """The refresh callback (the only one a board session may call), the ping, board links."""
    before = set(app.callback_map)

    @app.callback(
        Output(ids.BOARD_UPDATED, "children"),
        Output(ids.BOARD_UPDATED, "title"),
        Output(ids.BOARD_KPIS, "children"),
        Output(ids.BOARD_CUSTOMERS, "figure"),
        Output(ids.BOARD_SELLERS, "figure"),
        Output(ids.BOARD_COLLECTIONS, "children"),
        Output(ids.BOARD_COLLECTIONS_CHART, "figure"),
        Output(ids.BOARD_PROMISES, "children"),
        Output(ids.BOARD_NOTES, "children"),
        Input(ids.BOARD_INTERVAL, "n_intervals"),
        Input(ids.BOARD_VIEWPORT, "data"),
        State(ids.BOARD_CONFIG, "data"),
    )
    def update_board(
        _tick: int | None, viewport: dict[str, Any] | None, config: dict[str, Any] | None
    ) -> list[Any]:
        c = board_context()
        if c.role not in BOARD_ROLES:
            raise PreventUpdate
        panels = _panels_of(config)
        font = figure_font_size((viewport or {}).get("height"))
        with db_session() as sess:
            built = {key: BUILDERS[key](sess, c, font) for key in panels}
        now = dt.datetime.now()
        updated = c.t("board.updated", time=now.strftime("%H:%M"))
        return [updated, now.isoformat(timespec="seconds"), *board_outputs(panels, built)]

    allow_callbacks(app.server, set(app.callback_map) - before)

    app.clientside_callback(
        "function(config) { return window.dash_clientside.board.viewport(config); }",
        Output(ids.BOARD_VIEWPORT, "data"),
        Input(ids.BOARD_CONFIG, "data"),
    )
    app.clientside_callback(
        "function(n, config, since) { return window.dash_clientside.board.ping(config, since); }",
        Output(ids.BOARD_BANNER, "children"),
        Output(ids.BOARD_BANNER, "className"),
        Output(ids.BOARD_STOPPED_TEXT, "children"),
        Output(ids.BOARD_STOPPED, "className"),
        Output(ids.BOARD_OFFLINE, "data"),
        Input(ids.BOARD_INTERVAL, "n_intervals"),
        State(ids.BOARD_CONFIG, "data"),
        State(ids.BOARD_OFFLINE, "data"),
        prevent_initial_call=True,
    )
    _register_links(app)


def _admin() -> PageContext:
    """The page context of a signed-in admin; anything else is refused."""
    if not current_user.is_authenticated:
        raise PreventUpdate
    c = board_context()
    if c.role != "admin":
        raise PreventUpdate
    return c


def _register_links(app: Dash) -> None:
    @app.callback(
        Output(ids.BOARD_LINK_MESSAGE, "children"),
        Output(ids.BOARD_LINK_LIST, "children"),
        Input(ids.BOARD_LINK_CREATE, "n_clicks"),
        State(ids.BOARD_LINK_NAME, "value"),
        State(ids.BOARD_LINK_PANELS, "value"),
        State(ids.BOARD_LINK_ROTATION, "value"),
        State(ids.BOARD_LINK_REFRESH, "value"),
        State(ids.BOARD_LINK_EXPIRES, "value"),
        prevent_initial_call=True,
    )
    def save_board_link(
        _clicks: int | None,
        name: str | None,
        panels: list[str] | None,
        rotation: Any,
        refresh: Any,
        days: Any,
    ) -> tuple[Component, Any]:
        c = _admin()
        try:
            spec = validate_link(name, panels, rotation, refresh, days)
        except LinkError as error:
            return layout.notice(c.t(error.key)), no_update
        token = new_token(services().settings.secret_key)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with db_session() as sess:
            create_link(
                sess,
                name=spec.name,
                token_hash=token_hash(token),
                panels=spec.config.panels,
                rotation_seconds=spec.config.rotation_seconds,
                refresh_seconds=spec.config.refresh_seconds,
                created_by_id=c.scope.user_id,
                expires_at=expiry(now, spec.expires_in_days),
            )
        url = f"{request.host_url.rstrip('/')}/board?token={token}"
        return layout.created_message(url, c.t), layout.link_table(_link_rows(c), t=c.t)

    @app.callback(
        Output(ids.BOARD_LINK_MESSAGE, "children", allow_duplicate=True),
        Output(ids.BOARD_LINK_LIST, "children", allow_duplicate=True),
        Input(ids.board_revoke(ALL), "n_clicks"),
        prevent_initial_call=True,
    )
    def revoke_board_link(_clicks: list[int | None]) -> tuple[Component, Component]:
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered[0].get("value"):
            raise PreventUpdate  # a button drawn, not clicked
        c = _admin()
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with db_session() as sess:
            link_id = int(trigger["index"])
            names = {row["id"]: row["name"] for row in list_links(sess)}
            revoked = revoke_link(sess, link_id, user_id=c.scope.user_id, at=now)
        if not revoked:
            raise PreventUpdate
        message = layout.notice(
            c.t("board.links.revoked_done", name=names.get(link_id, "")), color="info"
        )
        return message, layout.link_table(_link_rows(c), t=c.t)
