"""The excuse-and-promise modal: one contact ends with a note and, often, a promise."""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator

Options = list[tuple[str, str]]


def _options(pairs: Options) -> list[dict[str, str]]:
    return [{"value": value, "label": label} for value, label in pairs]


def _select(
    component_id: str, pairs: Options, *, value: str = "", placeholder: str = ""
) -> Component:
    """A native select (good on phones); the empty option means "none"."""
    options = [{"value": "", "label": placeholder}] if placeholder else []
    return dbc.Select(id=component_id, options=options + _options(pairs), value=value)


def _field(label: str, control: Component, field_id: str) -> Component:
    return html.Div(
        [
            dbc.Label(label, html_for=field_id, className="mb-0 small"),
            control,
            html.Div(id=f"{field_id}-error", className="invalid-feedback d-block"),
        ],
        className="mb-2",
    )


def _note_part(
    t: Translator, *, contacts: Options, channels: Options, reasons: Options, documents: Options
) -> list[Component]:
    return [
        html.H3(t("note.excuse"), className="h6"),
        dbc.Row(
            [
                dbc.Col(
                    _field(
                        t("note.contact"),
                        _select(ids.NOTE_CONTACT, contacts, placeholder=t("note.pick_contact")),
                        ids.NOTE_CONTACT,
                    ),
                    md=6,
                ),
                dbc.Col(
                    _field(
                        t("note.contact_name"),
                        dbc.Input(
                            id=ids.NOTE_CONTACT_NAME,
                            maxLength=200,
                            placeholder=t("note.or_type_name"),
                        ),
                        ids.NOTE_CONTACT_NAME,
                    ),
                    md=6,
                ),
            ]
        ),
        dbc.Row(
            [
                dbc.Col(
                    _field(
                        t("note.channel"),
                        _select(ids.NOTE_CHANNEL, channels, value="call"),
                        ids.NOTE_CHANNEL,
                    ),
                    md=6,
                ),
                dbc.Col(
                    _field(
                        t("note.reason"),
                        _select(ids.NOTE_REASON, reasons, placeholder=t("note.pick_reason")),
                        ids.NOTE_REASON,
                    ),
                    md=6,
                ),
            ]
        ),
        _field(
            t("note.body"),
            dbc.Textarea(
                id=ids.NOTE_BODY,
                rows=3,
                maxLength=2000,
                placeholder=t("note.body_hint"),
            ),
            ids.NOTE_BODY,
        ),
        _field(
            t("note.agreement"),
            dbc.Textarea(
                id=ids.NOTE_AGREEMENT,
                rows=2,
                maxLength=1000,
                placeholder=t("note.agreement_hint"),
            ),
            ids.NOTE_AGREEMENT,
        ),
        _field(
            t("note.disputed"),
            dcc.Dropdown(
                id=ids.NOTE_DISPUTED,
                options=_options(documents),
                multi=True,
                placeholder=t("note.disputed_hint"),
            ),
            ids.NOTE_DISPUTED,
        ),
    ]


def _promise_part(
    t: Translator, *, users: Options, documents: Options, today: dt.date, me: str
) -> list[Component]:
    return [
        dbc.Checkbox(
            id=ids.NOTE_WITH_PROMISE, label=t("note.with_promise"), value=True, className="mb-2"
        ),
        html.H3(t("promise.title"), className="h6"),
        html.P(t("note.task_only"), className="small text-muted mb-2"),
        _field(
            t("promise.description"),
            dbc.Input(
                id=ids.PROMISE_DESCRIPTION,
                maxLength=500,
                placeholder=t("promise.description_hint"),
            ),
            ids.PROMISE_DESCRIPTION,
        ),
        dbc.Row(
            [
                dbc.Col(
                    _field(
                        t("promise.assignee"),
                        _select(ids.PROMISE_ASSIGNEE, users, value=me),
                        ids.PROMISE_ASSIGNEE,
                    ),
                    md=4,
                ),
                dbc.Col(
                    _field(
                        t("promise.supervisor"),
                        _select(ids.PROMISE_SUPERVISOR, users, placeholder=t("common.none")),
                        ids.PROMISE_SUPERVISOR,
                    ),
                    md=4,
                ),
                dbc.Col(
                    _field(
                        t("promise.due"),
                        dbc.Input(
                            id=ids.PROMISE_DUE,
                            type="date",
                            min=today.isoformat(),
                            value=(today + dt.timedelta(days=7)).isoformat(),
                        ),
                        ids.PROMISE_DUE,
                    ),
                    md=4,
                ),
            ]
        ),
        dbc.Row(
            [
                dbc.Col(
                    _field(
                        t("promise.amount"),
                        dbc.Input(
                            id=ids.PROMISE_AMOUNT,
                            type="number",
                            min=0,
                            step="0.01",
                            inputMode="decimal",
                        ),
                        ids.PROMISE_AMOUNT,
                    ),
                    md=4,
                ),
                dbc.Col(
                    _field(
                        t("promise.date"),
                        dbc.Input(
                            id=ids.PROMISE_DATE,
                            type="date",
                            min=today.isoformat(),
                        ),
                        ids.PROMISE_DATE,
                    ),
                    md=4,
                ),
                dbc.Col(
                    _field(
                        t("promise.documents"),
                        dcc.Dropdown(
                            id=ids.PROMISE_DOCUMENTS,
                            options=_options(documents),
                            multi=True,
                        ),
                        ids.PROMISE_DOCUMENTS,
                    ),
                    md=4,
                ),
            ]
        ),
    ]


def modal(
    t: Translator,
    *,
    contacts: Options,
    users: Options,
    documents: Options,
    today: dt.date,
    me: str,
    is_open: bool = False,
) -> Component:
    """The modal, closed unless ``is_open`` (``?note=new``); the wall's button opens it."""
    channels = [(c, t(f"channel.{c}")) for c in ("call", "visit", "email", "sms", "whatsapp")]
    reasons = [
        (r, t(f"reason.{r}"))
        for r in ("forgot", "cannot_pay", "dispute", "unaware", "fraud", "other")
    ]
    body = [
        dbc.Alert(id=ids.NOTE_ERRORS, color="danger", is_open=False, className="py-2"),
        *_note_part(t, contacts=contacts, channels=channels, reasons=reasons, documents=documents),
        html.Hr(),
        *_promise_part(t, users=users, documents=documents, today=today, me=me),
    ]
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("note.title"))),
            dbc.ModalBody(body),
            dbc.ModalFooter(
                [
                    dbc.Button(
                        t("note.cancel"), id=ids.NOTE_CANCEL, color="secondary", outline=True
                    ),
                    dbc.Button(t("note.save"), id=ids.NOTE_SAVE, color="primary"),
                ]
            ),
        ],
        id=ids.NOTE_MODAL,
        is_open=is_open,
        size="lg",
        scrollable=True,
        fullscreen="sm-down",
    )
