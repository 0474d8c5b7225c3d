"""Users page (admins only; the router and the guard both check the role)."""

from __future__ import annotations

from dash.development.base_component import Component

from dashboard.context import PageContext, db_session
from data_access.users import users_overview
from layouts import users


def render(_params: dict[str, str], ctx: PageContext) -> Component:
    """Every user with role and assigned customers."""
    t = ctx.t
    with db_session() as sess:
        rows = [
            {
                "username": user.username,
                "name": user.full_name,
                "role": t(f"role.{user.role}"),
                "customers": count,
                "active": t("common.yes") if user.active else t("common.no"),
            }
            for user, count in users_overview(sess)
        ]
    return users.layout(t=t, rows=rows)
