"""The customer wall: header, category, trends, timeline, open documents, contacts."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from dashboard.presenters import Tile
from layouts.components import kpi_tile
from layouts.customer import documents_table
from layouts.wall_timeline import event_list


def header(
    *,
    t: Translator,
    name: str,
    code: str,
    facts: list[tuple[str, str]],
    category: tuple[str, str, str] | None,
) -> Component:
    """Name, code, facts and the automatic category badge (label, colour, explanation)."""
    badge: list[Component] = []
    if category is not None:
        label, color, explanation = category
        badge = [
            dbc.Badge(label, color=color, className="ms-2 category-badge", id="wall-category"),
            html.Div(explanation, className="small text-muted"),
        ]
    return html.Div(
        [
            dcc.Link(t("customer.back"), href="/customers", className="small"),
            html.H1([html.Span(name, id="customer-name"), *badge[:1]], className="h3 mb-0 mt-1"),
            *badge[1:],
            html.P(t("customer.code", code=code), className="text-muted mb-2"),
            html.Dl(
                [
                    item
                    for label, value in facts
                    for item in (html.Dt(label), html.Dd(value or t("common.none")))
                ],
                className="customer-facts",
            ),
        ],
        className="mb-3",
    )


def trends_card(t: Translator) -> Component:
    """Invoiced vs collected, balance and overdue, days late: 12 or 24 months."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.H2(t("wall.trends"), className="h5 mb-0 me-3"),
                        dbc.RadioItems(
                            id=ids.WALL_MONTHS,
                            value=12,
                            inline=True,
                            options=[
                                {"label": t("wall.months", n=12), "value": 12},
                                {"label": t("wall.months", n=24), "value": 24},
                            ],
                        ),
                    ],
                    className="d-flex align-items-center flex-wrap",
                ),
                html.P(id=ids.WALL_VERDICT, className="fw-semibold my-2"),
                dcc.Graph(
                    id=ids.WALL_TRENDS, config={"displayModeBar": False}, style={"height": "320px"}
                ),
            ]
        ),
        className="mb-3",
    )


def timeline_card(t: Translator, events: list[dict[str, object]], has_more: bool) -> Component:
    """The story, newest first, with a filter by kind and "show older"."""
    kinds = ["invoice", "credit_note", "debit_note", "payment", "note", "task", "message"]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("timeline.title"), className="h5"),
                dbc.Checklist(
                    id=ids.WALL_KINDS,
                    value=kinds,
                    inline=True,
                    className="small mb-2",
                    options=[{"label": t(f"timeline.kind.{k}"), "value": k} for k in kinds],
                ),
                html.Ul(
                    event_list(events, t), id=ids.WALL_TIMELINE, className="timeline list-unstyled"
                ),
                dbc.Button(
                    t("timeline.more"),
                    id=ids.WALL_MORE,
                    color="link",
                    size="sm",
                    style={} if has_more else {"display": "none"},
                ),
            ]
        ),
        className="mb-3",
    )


def contacts_card(t: Translator, contacts: list[dict[str, str]]) -> Component:
    """Contacts with click-to-call and mailto links; the primary one first."""
    items = []
    for contact in contacts:
        links = []
        if contact.get("phone"):
            links.append(html.A(contact["phone"], href=f"tel:{contact['tel']}", className="me-3"))
        if contact.get("email"):
            links.append(html.A(contact["email"], href=f"mailto:{contact['email']}"))
        title: list[Component] = [html.Strong(contact["name"])]
        if contact.get("role"):
            title.append(html.Span(f" · {contact['role']}", className="text-muted"))
        if contact.get("primary"):
            title.append(dbc.Badge(t("contacts.primary"), color="success", className="ms-2"))
        items.append(
            html.Li([html.Div(title), html.Div(links, className="small")], className="mb-2")
        )
    body = (
        html.Ul(items, className="list-unstyled mb-0")
        if items
        else html.P(t("contacts.none"), className="text-muted mb-0")
    )
    return dbc.Card(
        dbc.CardBody([html.H2(t("contacts.title"), className="h5"), body]), className="mb-3"
    )


def layout(
    *,
    t: Translator,
    code: str,
    top: Component,
    tiles: list[Tile],
    documents: list[dict[str, object]],
    contacts: list[dict[str, str]],
    events: list[dict[str, object]],
    has_more: bool,
    modal: Component,
) -> Component:
    """The whole wall; trends come from their own callback."""
    row = dbc.Row([dbc.Col(kpi_tile(tile), xs=6, lg=3, className="mb-3") for tile in tiles])
    actions = html.Div(
        dbc.Button(t("note.open"), id=ids.WALL_OPEN_NOTE, color="primary", className="mb-3"),
    )
    return html.Div(
        [
            dcc.Store(id=ids.WALL_CUSTOMER, data=code),
            top,
            row,
            actions,
            dbc.Row(
                [
                    dbc.Col(
                        [
                            trends_card(t),
                            dbc.Card(
                                dbc.CardBody(
                                    [
                                        html.H2(t("customer.open_documents"), className="h5"),
                                        documents_table(t, documents),
                                    ]
                                ),
                                className="mb-3",
                            ),
                            timeline_card(t, events, has_more),
                        ],
                        lg=8,
                    ),
                    dbc.Col(contacts_card(t, contacts), lg=4),
                ]
            ),
            modal,
        ]
    )
