"""The frame around every page: navigation bar, language switch, user menu."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import LANGUAGES, Translator


def navbar(
    *,
    t: Translator,
    user_label: str,
    role_label: str,
    is_admin: bool,
    language: str,
    manages_data: bool = False,
) -> Component:
    """Top navigation: pages on the left, language and user menus on the right."""
    links = [
        dbc.NavItem(dbc.NavLink(t("nav.home"), href="/", active="exact", id="nav-home")),
        dbc.NavItem(
            dbc.NavLink(t("nav.customers"), href="/customers", active="partial", id="nav-customers")
        ),
        dbc.NavItem(
            dbc.NavLink(t("nav.sellers"), href="/sellers", active="exact", id="nav-sellers")
        ),
        *(
            dbc.NavItem(
                dbc.NavLink(t(f"nav.{name}"), href=f"/{name}", active="exact", id=f"nav-{name}")
            )
            for name in ("collections", "worklist", "tasks", "activity", "performance", "field")
        ),
    ]
    data_items = []
    if manages_data:
        data_items += [
            dbc.DropdownMenuItem(t("nav.messages"), header=True),
            dbc.DropdownMenuItem(t("nav.campaigns"), href="/campaigns", id="nav-campaigns"),
            dbc.DropdownMenuItem(t("nav.reminders"), href="/admin/reminders", id="nav-reminders"),
        ]
    if is_admin:
        data_items.append(
            dbc.DropdownMenuItem(t("nav.templates"), href="/admin/templates", id="nav-templates")
        )
    if manages_data:
        data_items += [
            dbc.DropdownMenuItem(divider=True),
            dbc.DropdownMenuItem(t("nav.data"), header=True),
            dbc.DropdownMenuItem(t("nav.import"), href="/admin/import", id="nav-import"),
            dbc.DropdownMenuItem(t("nav.quality"), href="/admin/quality", id="nav-quality"),
        ]
    if is_admin:
        data_items.append(dbc.DropdownMenuItem(t("nav.users"), href="/admin/users", id="nav-users"))
    if data_items:
        links.append(
            dbc.DropdownMenu(data_items, label=t("nav.admin"), nav=True, id="nav-data-menu")
        )
    languages = dbc.DropdownMenu(
        [
            dbc.DropdownMenuItem(
                t(f"lang.{code}"),
                href=f"/language/{code}",
                external_link=True,
                id=f"lang-{code}",
                active=code == language,
            )
            for code in LANGUAGES
        ],
        label=language.upper(),
        nav=True,
        align_end=True,
        id="nav-language",
    )
    user_menu = dbc.DropdownMenu(
        [
            dbc.DropdownMenuItem(role_label, header=True),
            dbc.DropdownMenuItem(
                t("nav.logout"), href="/logout", external_link=True, id="nav-logout"
            ),
        ],
        label=user_label,
        nav=True,
        align_end=True,
        id="nav-user",
    )
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand("Cartera", href="/", className="brand"),
                dbc.NavbarToggler(id="nav-toggler"),
                dbc.Collapse(
                    [
                        dbc.Nav(links, navbar=True, className="me-auto"),
                        dbc.Nav([languages, user_menu], navbar=True),
                    ],
                    id="nav-collapse",
                    navbar=True,
                    is_open=False,
                ),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand="md",
        className="mb-3",
        id=ids.NAVBAR,
    )


def layout(
    *,
    t: Translator,
    user_label: str,
    role_label: str,
    is_admin: bool,
    language: str,
    manages_data: bool = False,
) -> Component:
    """The whole page frame; the router callback fills ``ids.PAGE``."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh="callback-nav"),
            navbar(
                t=t,
                user_label=user_label,
                role_label=role_label,
                is_admin=is_admin,
                manages_data=manages_data,
                language=language,
            ),
            dbc.Container(html.Div(id=ids.PAGE, className="page"), fluid=True, className="pb-4"),
        ],
        lang=language,
    )


def anonymous_layout() -> Component:
    """What the layout is when nobody is signed in (the guard normally redirects first)."""
    return html.Div([dcc.Location(id=ids.URL), html.Div(id=ids.PAGE)])
