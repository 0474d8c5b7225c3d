"""Field mode on a phone: the day's customers as cards, the outbox, check-in and notes.

The note form and the buttons are plain HTML driven by ``assets/field.js`` (it reads
``data-*`` attributes; the inputs are uncontrolled, so the script may clear them),
which keeps working with no connection. Dash draws the cards and the picker only.
"""

from __future__ import annotations

import json
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from layouts.components import empty_state, page_header

Options = list[tuple[str, str]]
NOTE_REASONS = ("forgot", "cannot_pay", "dispute", "unaware", "fraud", "other")


def data(**values: str) -> dict[str, Any]:
    """``data-*`` attributes for a component: ``data(field_action="note")``."""
    return {"data-" + key.replace("_", "-"): value for key, value in values.items()}


def layout(
    *,
    t: Translator,
    token: str,
    user_id: int,
    texts: dict[str, str],
    collectors: Options,
    collector: str | None,
    can_pick: bool,
) -> Component:
    """The page frame; the cards come from the list callback.

    Args:
        t: the translator.
        token: this session's token for the field endpoints (``X-CSRF-Token``).
        user_id: the signed-in user (the outbox sends only this user's items).
        texts: the ``field.js.*`` texts in the user's language, for the script.
        collectors: (username, name) of collectors a manager may pick.
        collector: the username whose day is shown.
        can_pick: whether to show the picker (admins and managers).
    """
    picker = html.Div(
        [
            dbc.Label(t("field.collector"), html_for=ids.FIELD_COLLECTOR, className="small mb-0"),
            dcc.Dropdown(
                id=ids.FIELD_COLLECTOR,
                options=[{"value": v, "label": label} for v, label in collectors],
                value=collector,
                clearable=False,
                searchable=False,
            ),
        ],
        className="mb-2 field-picker",
        style={} if can_pick else {"display": "none"},
    )
    return html.Div(
        [
            dcc.Location(id=ids.FIELD_URL, refresh=False),
            dcc.Store(id=ids.FIELD_POSITION),
            dcc.Store(id=ids.FIELD_SYNC),
            page_header(t("field.title")),
            picker,
            html.Div(id=ids.FIELD_OUTBOX, className="field-outbox", role="status"),
            html.Div(
                [
                    html.Button(
                        t("field.locate"),
                        id=ids.FIELD_LOCATE,
                        type="button",
                        className="btn btn-outline-primary btn-sm",
                        **data(field_action="locate"),
                    ),
                    html.Span(id=ids.FIELD_LOCATION, className="small text-muted field-location"),
                ],
                className="field-toolbar",
            ),
            html.Div(id=ids.FIELD_SUMMARY, className="small mb-2"),
            dcc.Loading(html.Div(id=ids.FIELD_LIST), type="dot"),
        ],
        id=ids.FIELD_ROOT,
        className="field-page",
        **data(
            csrf=token,
            user=str(user_id),
            texts=json.dumps(texts, ensure_ascii=False),
            api="/field/api",
        ),
    )


def cards(rows: list[dict[str, object]], t: Translator, *, empty: str) -> Component:
    """The day's cards, or a line saying there is nothing to do."""
    if not rows:
        return empty_state(empty)
    return html.Div([card(row, t) for row in rows], className="field-cards")


def _figure(label: str, value: object, kind: str) -> Component:
    return html.Div(
        [html.Div(label, className="field-figure-label"), html.Div(str(value), className=kind)],
        className="field-figure",
    )


def card(row: dict[str, object], t: Translator) -> Component:
    """One customer: why today, what it owes, what it said, and what to do now."""
    cid = str(row["customer_id"])
    reasons = [
        dbc.Badge(
            text,
            color=tone,
            text_color="dark" if tone == "warning" else None,
            className="me-1 mb-1 field-reason",
        )
        for text, tone in row["reasons"]  # type: ignore[attr-defined]
    ]
    head = html.Div(
        [
            dcc.Link(str(row["name"]), href=str(row["wall"]), className="field-name"),
            html.Span(str(row["distance"]), className="field-distance"),
        ],
        className="field-card-head",
    )
    facts = html.Div(
        [
            _figure(t("field.balance"), row["balance"], "field-balance"),
            _figure(t("field.overdue"), row["overdue"], "field-overdue"),
        ],
        className="field-figures",
    )
    said = html.Dl(
        [
            html.Dt(t("field.last_excuse")),
            html.Dd(str(row["last_excuse"]), className="field-excuse"),
            html.Dt(t("field.next_promise")),
            html.Dd(str(row["next_promise"]), className="field-promise"),
        ],
        className="field-said",
    )
    return html.Article(
        [
            head,
            html.Div(
                " · ".join(str(part) for part in (row["code"], row["place"]) if part),
                className="small text-muted field-place",
            ),
            html.Div(reasons, className="field-reasons"),
            facts,
            said,
            html.Div(str(row["visited"]), className="field-visited small"),
            _actions(row, t),
            html.Div(className="field-result small", role="status", **data(field_result=cid)),
            _note_form(row, t),
        ],
        className="field-card",
        **data(field_card=cid, customer_name=str(row["name"]), contact=str(row["contact"])),
    )


def _actions(row: dict[str, object], t: Translator) -> Component:
    tel = str(row["tel"])
    contact = str(row["contact"]) or str(row["name"])
    call: Component = (
        html.A(t("field.call", name=contact), href=tel, className="btn btn-success field-call")
        if tel
        else html.Span(t("field.no_phone"), className="btn btn-outline-secondary disabled")
    )
    return html.Div(
        [
            call,
            html.Button(
                t("field.checkin"),
                type="button",
                className="btn btn-primary field-checkin",
                **data(field_action="checkin", customer=str(row["customer_id"])),
            ),
            dcc.Link(t("field.wall"), href=str(row["wall"]), className="btn btn-outline-secondary"),
        ],
        className="field-actions",
    )


def _note_form(row: dict[str, object], t: Translator) -> Component:
    """A folded note form (``<details>``: opens without a script or a round trip)."""
    cid = str(row["customer_id"])
    return html.Details(
        [
            html.Summary(t("field.note"), className="field-note-toggle"),
            html.Div(
                [
                    html.Label(t("field.note.reason"), className="form-label small mb-0"),
                    html.Select(
                        [html.Option(t(f"reason.{key}"), value=key) for key in NOTE_REASONS],
                        className="form-select form-select-sm mb-2",
                        name="reason",
                    ),
                    html.Label(t("field.note.contact"), className="form-label small mb-0"),
                    dcc.Input(
                        type="text",
                        className="form-control form-control-sm mb-2",
                        name="contact_name",
                        placeholder=str(row["contact"]),
                        maxLength=200,
                    ),
                    html.Label(t("field.note.body"), className="form-label small mb-0"),
                    html.Textarea(
                        className="form-control mb-2 field-note-body", name="body", rows=3
                    ),
                    html.Button(
                        t("field.note.save"),
                        type="button",
                        className="btn btn-primary btn-sm field-note-save",
                        **data(field_action="note", customer=cid),
                    ),
                ],
                className="field-note-form",
            ),
        ],
        className="field-note",
    )
