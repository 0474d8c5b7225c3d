"""The customer wall: header, category, trends, timeline, open documents, contacts."""

from __future__ import annotations

from urllib.parse import quote

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from dashboard.presenters import Tile
from layouts import message_modal, sms_modal
from layouts.components import export_href, export_menu, kpi_tile
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


def language_picker(t: Translator, language: str | None) -> Component:
    """The language e-mails and SMS to this customer are written in (empty: the company's)."""
    options = [
        {"label": t("wall.language_default"), "value": ""},
        {"label": "Español", "value": "es"},
        {"label": "English", "value": "en"},
    ]
    return html.Div(
        [
            dbc.Label(t("wall.language"), html_for=ids.WALL_LANGUAGE, className="small mb-0"),
            dbc.Select(id=ids.WALL_LANGUAGE, options=options, value=language or "", size="sm"),
            html.Div(id=ids.WALL_LANGUAGE_MESSAGE, className="small mt-1"),
        ],
        className="mb-3 language-picker",
    )


def tags_editor(t: Translator, tags: str, language: str | None = None) -> Component:
    """The customer's tags, editable in place, and the language to write to it in."""
    return dbc.Row(
        [
            dbc.Col(_tags(t, tags), md=8),
            dbc.Col(language_picker(t, language), md=4),
        ],
        className="g-2",
    )


def _tags(t: Translator, tags: str) -> Component:
    return html.Div(
        [
            dbc.Label(t("tags.edit"), html_for=ids.WALL_TAGS, className="small mb-0"),
            dbc.InputGroup(
                [
                    dbc.Input(id=ids.WALL_TAGS, value=tags, maxLength=400),
                    dbc.Button(
                        t("tags.save"), id=ids.WALL_TAGS_SAVE, color="secondary", outline=True
                    ),
                ],
                size="sm",
            ),
            html.Div(id=ids.WALL_TAGS_MESSAGE, className="small mt-1"),
        ],
        className="mb-3 tags-editor",
    )


def bucket_strip(buckets: list[tuple[str, str, str]]) -> Component:
    """One chip per aging bucket: title and amount, coloured by age."""
    return html.Div(
        [
            html.Span(
                [html.Span(title, className="me-1"), html.Strong(amount)],
                className=f"bucket-chip bucket-{key}",
            )
            for key, title, amount in buckets
        ],
        className="bucket-strip mb-3",
    )


def contact_modal(t: Translator) -> Component:
    """Add or edit a contact (name, role, phone, email, primary)."""

    def field(label: str, control: Component, field_id: str) -> Component:
        return html.Div(
            [
                dbc.Label(label, html_for=field_id, className="small mb-0"),
                control,
                html.Div(id=f"{field_id}-error", className="invalid-feedback d-block"),
            ],
            className="mb-2",
        )

    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("contacts.title"))),
            dbc.ModalBody(
                [
                    dcc.Store(id=ids.CONTACT_ID),
                    dbc.Alert(
                        id=ids.CONTACT_ERRORS, color="danger", is_open=False, className="py-2"
                    ),
                    field(
                        t("contacts.name"),
                        dbc.Input(id=ids.CONTACT_NAME, maxLength=200),
                        ids.CONTACT_NAME,
                    ),
                    field(
                        t("contacts.role"),
                        dbc.Input(id=ids.CONTACT_ROLE, maxLength=100),
                        ids.CONTACT_ROLE,
                    ),
                    field(
                        t("contacts.phone"),
                        dbc.Input(id=ids.CONTACT_PHONE, type="tel", maxLength=40),
                        ids.CONTACT_PHONE,
                    ),
                    field(
                        t("contacts.email"),
                        dbc.Input(id=ids.CONTACT_EMAIL, type="email", maxLength=254),
                        ids.CONTACT_EMAIL,
                    ),
                    dbc.Checkbox(
                        id=ids.CONTACT_PRIMARY, label=t("contacts.make_primary"), value=False
                    ),
                ]
            ),
            dbc.ModalFooter(dbc.Button(t("note.save"), id=ids.CONTACT_SAVE, color="primary")),
        ],
        id=ids.CONTACT_MODAL,
        is_open=False,
        fullscreen="sm-down",
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


def timeline_card(
    t: Translator, events: list[dict[str, object]], has_more: bool, users: list[tuple[str, str]]
) -> Component:
    """The story, newest first, with a filter by kind and "show older"."""
    kinds = ["invoice", "credit_note", "debit_note", "payment", "note", "task", "message", "visit"]
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
                    event_list(events, t, users),
                    id=ids.WALL_TIMELINE,
                    className="timeline list-unstyled",
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


def contact_items(t: Translator, contacts: list[dict[str, str]]) -> Component:
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
        title.append(
            dbc.Button(
                t("contacts.edit"),
                id=ids.contact_edit(contact["id"]),
                color="link",
                size="sm",
                className="py-0",
            )
        )
        items.append(
            html.Li([html.Div(title), html.Div(links, className="small")], className="mb-2")
        )
    if not items:
        return html.P(t("contacts.none"), className="text-muted mb-0")
    return html.Ul(items, className="list-unstyled mb-0")


def contacts_card(t: Translator, contacts: list[dict[str, str]]) -> Component:
    """The contacts list with an "add contact" button and its modal."""
    return dbc.Card(
        dbc.CardBody(
            [
                html.Div(
                    [
                        html.H2(t("contacts.title"), className="h5 mb-0 me-auto"),
                        dbc.Button(
                            t("contacts.add"),
                            id=ids.CONTACT_ADD,
                            size="sm",
                            color="secondary",
                            outline=True,
                        ),
                    ],
                    className="d-flex align-items-center mb-2",
                ),
                html.Div(contact_items(t, contacts), id=ids.WALL_CONTACTS),
                contact_modal(t),
            ]
        ),
        className="mb-3",
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
    tags: str,
    buckets: list[tuple[str, str, str]],
    customer_language: str | None = None,
    users: list[tuple[str, str]],
) -> Component:
    """The whole wall; trends come from their own callback."""
    row = dbc.Row([dbc.Col(kpi_tile(tile), xs=6, lg=3, className="mb-3") for tile in tiles])
    query = f"?customer={quote(code)}"
    exports = export_menu(
        ids.CUSTOMER_EXPORT,
        label=t("export.menu"),
        hint=t("export.statement_pdf"),
        items=[
            (
                f"{ids.CUSTOMER_EXPORT}-{ext}",
                t(f"export.{ext}"),
                export_href("statement", ext, query),
            )
            for ext in ("pdf", "csv", "xlsx")
        ],
    )
    actions = html.Div(
        [
            dbc.Button(t("note.open"), id=ids.WALL_OPEN_NOTE, color="primary"),
            message_modal.open_button(t),
            sms_modal.section(t),
            exports,
            message_modal.modal(t),
        ],
        className="d-flex flex-wrap gap-2 align-items-start mb-3",
    )
    return html.Div(
        [
            dcc.Store(id=ids.WALL_CUSTOMER, data=code),
            top,
            tags_editor(t, tags, customer_language),
            row,
            bucket_strip(buckets),
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
                            timeline_card(t, events, has_more, users),
                        ],
                        lg=8,
                    ),
                    dbc.Col(contacts_card(t, contacts), lg=4),
                ]
            ),
            modal,
        ]
    )
