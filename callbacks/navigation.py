"""The page frame and the router that renders the page for the URL."""

from __future__ import annotations

from collections.abc import Callable

from dash import Dash, Input, Output, State
from dash.development.base_component import Component
from flask_login import current_user

from callbacks import (
    activity,
    board,
    campaigns,
    collections,
    customer,
    customers,
    field,
    import_page,
    performance,
    portfolio,
    quality,
    reminders,
    sellers,
    tasks,
    templates,
    users,
    worklist,
)
from dashboard import ids
from dashboard.context import PageContext, current_language, page_context
from dashboard.i18n import translator
from dashboard.pages import allowed, match
from layouts import shell
from layouts.components import message_page

Renderer = Callable[[dict[str, str], PageContext], Component]
RENDERERS: dict[str, Renderer] = {
    "home": portfolio.render,
    "sellers": sellers.render,
    "customers": customers.render,
    "customer": customer.render,
    "collections": collections.render,
    "activity": activity.render,
    "tasks": tasks.render,
    "worklist": worklist.render,
    "performance": performance.render,
    "users": users.render,
    "import": import_page.render,
    "quality": quality.render,
    "templates": templates.render,
    "board": board.render,
    "field": field.render,
    "campaigns": campaigns.render,
    "reminders": reminders.render,
}


def serve_layout() -> Component:
    """The frame for the signed-in user, in their language (Dash calls this per page load)."""
    if not current_user.is_authenticated:
        # A screen signed in with a board link gets the board alone, full screen.
        return board.session_layout() or shell.anonymous_layout()
    language = current_language()
    t = translator(language)
    return shell.layout(
        t=t,
        user_label=current_user.full_name or current_user.username,
        role_label=t(f"role.{current_user.role}"),
        is_admin=current_user.role == "admin",
        manages_data=current_user.role in ("admin", "manager"),
        language=language,
    )


def render_path(pathname: str | None, search: str | None = None) -> Component:
    """The page for ``pathname``, re-checking the role on the server.

    The query string reaches renderers as ``params["search"]``.
    """
    ctx = page_context()
    found = match(pathname or "/")
    if found is None:
        return message_page(ctx.t("error.not_found"), ctx.t("error.not_found_body", path=pathname))
    page, params = found
    if not allowed(page, ctx.role):
        return message_page(ctx.t("error.forbidden"), "")
    return RENDERERS[page.name]({**params, "search": search or ""}, ctx)


def register(app: Dash) -> None:
    """Route URL changes to page renderers."""

    @app.callback(
        Output(ids.PAGE, "children"), Input(ids.URL, "pathname"), State(ids.URL, "search")
    )
    def update_page(pathname: str | None, search: str | None) -> Component:
        return render_path(pathname, search)

    app.clientside_callback(
        "function(n, open) { return n ? !open : open; }",
        Output("nav-collapse", "is_open"),
        Input("nav-toggler", "n_clicks"),
        Input("nav-collapse", "is_open"),
        prevent_initial_call=True,
    )
