"""The board page (being built: see issue #8)."""

from __future__ import annotations

from dash import Dash, html
from dash.development.base_component import Component

from dashboard.context import PageContext


def render(_params: dict[str, str], ctx: PageContext) -> Component:
    """The page for the URL."""
    return html.H1(ctx.t("nav.board"))


def register(app: Dash) -> None:
    """This page's callbacks."""
