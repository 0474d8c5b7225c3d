"""Small shared pieces: KPI tiles, page headers, empty states, messages."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from dashboard.presenters import KpiTile, Tile


def page_header(
    title: str, subtitle: str | None = None, actions: Component | None = None
) -> Component:
    """The title of a page with an optional muted line under it and actions on the right."""
    children: list[Component] = [html.H1(title, className="h3 mb-0")]
    if subtitle:
        children.append(html.P(subtitle, className="text-muted mb-0"))
    if actions is None:
        return html.Div(children, className="page-header mb-3")
    return html.Div(
        [html.Div(children), html.Div(actions, className="page-actions")],
        className="page-header mb-3 d-flex justify-content-between align-items-start gap-2",
    )


def export_href(dataset: str, ext: str, search: str = "") -> str:
    """The download address of a dataset with the page's query string."""
    return f"/export/{dataset}.{ext}{search}"


def export_menu(
    menu_id: str, *, label: str, hint: str, items: list[tuple[Any, str, str]]
) -> Component:
    """An "Export" menu of downloads: ``(item id, label, href)`` each, ``hint`` on top.

    Links are real navigations (the server answers with a file), not page changes.
    """
    entries = [dbc.DropdownMenuItem(hint, header=True)]
    entries += [
        dbc.DropdownMenuItem(label, href=href, id=item_id, external_link=True, target="_blank")
        for item_id, label, href in items
    ]
    return dbc.DropdownMenu(
        entries,
        label=label,
        id=menu_id,
        color="outline-secondary",
        size="sm",
        align_end=True,
    )


def page_exports(
    page: str, *, t: Translator, items: list[tuple[str, str, str]], search: str = ""
) -> Component:
    """A page's "Export" menu: ``(dataset, ext, label)`` each, hrefs with the page's query.

    Items have :func:`dashboard.ids.export_item` ids, so
    :func:`callbacks.export_links.register_export_links` keeps them following the URL.
    """
    return export_menu(
        ids.export_menu(page),
        label=t("export.menu"),
        hint=t("export.hint"),
        items=[
            (
                ids.export_item(page, dataset, ext),
                f"{label} · {t(f'export.{ext}')}",
                export_href(dataset, ext, search),
            )
            for dataset, ext, label in items
        ],
    )


def kpi_tile(tile: Tile) -> Component:
    """A tile with a big number; its tone colours the edge (neutral, good, warn, bad)."""
    body = [
        html.Div(tile.title, className="kpi-title"),
        html.Div(tile.value, className="kpi-value"),
    ]
    if tile.note:
        body.append(html.Div(tile.note, className="kpi-note"))
    return html.Div(body, className=f"kpi-tile kpi-{tile.tone}")


def empty_state(text: str) -> Component:
    """A friendly box for a page or panel with nothing to show."""
    return html.Div(text, className="empty-state")


def message_page(title: str, text: str) -> Component:
    """A page that only says something (not found, no access)."""
    return html.Div([html.H1(title, className="h4"), html.P(text)], className="message-page")


def kpi_tile_with_trend(tile: KpiTile) -> Component:
    """A KPI tile with its change arrow and a tooltip saying how it is computed."""
    target = f"kpi-{tile.key}"
    body = [
        html.Div(tile.title, className="kpi-title"),
        html.Div(tile.value, className="kpi-value"),
    ]
    if tile.change:
        body.append(html.Div(tile.change, className=f"kpi-change kpi-change-{tile.tone}"))
    return html.Div(
        [
            html.Div(body, id=target, className="kpi-tile kpi-neutral", tabIndex="0"),
            dbc.Tooltip(tile.help, target=target, placement="bottom"),
        ],
        className="h-100",
    )
