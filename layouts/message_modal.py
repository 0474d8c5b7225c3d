"""The wall's "Send statement" modal: recipients, documents, tone, language, preview, send."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator

TONES = ("friendly", "concern", "firm")


def open_button(t: Translator) -> Component:
    """The wall's action that opens the modal."""
    return dbc.Button(t("message.open"), id=ids.WALL_OPEN_MESSAGE, color="secondary", outline=True)


def _field(label: str, control: Component, field_id: str, hint: str = "") -> Component:
    parts: list[Component] = [dbc.Label(label, html_for=field_id, className="small mb-0"), control]
    if hint:
        parts.append(html.Div(hint, className="form-text"))
    parts.append(html.Div(id=f"{field_id}-error", className="invalid-feedback d-block"))
    return html.Div(parts, className="mb-2")


def tone_options(t: Translator, auto_tone: str | None) -> list[dict[str, str]]:
    """ "Automatic (now: concern)" then the three tones."""
    auto = t("message.tone.auto_is", tone=t(f"message.tone.{auto_tone}")) if auto_tone else None
    options = [{"label": auto or t("message.tone.auto"), "value": "auto"}]
    return options + [{"label": t(f"message.tone.{tone}"), "value": tone} for tone in TONES]


def _form(t: Translator) -> Component:
    return html.Div(
        [
            _field(
                t("message.recipients"),
                dbc.Checklist(id=ids.MESSAGE_CONTACTS, options=[], value=[]),
                ids.MESSAGE_CONTACTS,
            ),
            html.Div(id=f"{ids.MESSAGE_CONTACTS}-note", className="small text-muted mb-2"),
            _field(
                t("message.other"),
                dbc.Input(id=ids.MESSAGE_OTHER, type="text", maxLength=600),
                ids.MESSAGE_OTHER,
                t("message.other_hint"),
            ),
            _field(
                t("message.scope"),
                dbc.RadioItems(
                    id=ids.MESSAGE_SCOPE,
                    value="overdue",
                    options=[
                        {"label": t("message.scope.overdue"), "value": "overdue"},
                        {"label": t("message.scope.open"), "value": "open"},
                    ],
                ),
                ids.MESSAGE_SCOPE,
            ),
            _field(
                t("message.tone"),
                dbc.Select(id=ids.MESSAGE_TONE, value="auto", options=tone_options(t, None)),
                ids.MESSAGE_TONE,
            ),
            _field(
                t("message.language"),
                dbc.Select(
                    id=ids.MESSAGE_LANGUAGE,
                    value="es",
                    options=[
                        {"label": t("message.language.es"), "value": "es"},
                        {"label": t("message.language.en"), "value": "en"},
                    ],
                ),
                ids.MESSAGE_LANGUAGE,
            ),
        ]
    )


def _preview(t: Translator) -> Component:
    return html.Div(
        [
            html.H3(t("message.preview"), className="h6"),
            dbc.Alert(
                id=ids.MESSAGE_PREVIEW_ERROR, color="warning", is_open=False, className="py-2"
            ),
            html.Div(
                [
                    html.Span(t("message.subject") + ": ", className="text-muted"),
                    html.Strong(id=ids.MESSAGE_SUBJECT),
                ],
                className="mb-2 message-subject",
            ),
            # The e-mail's HTML, sandboxed: nothing in it can run or reach the page.
            html.Iframe(
                id=ids.MESSAGE_PREVIEW,
                sandbox="",
                className="message-preview w-100 border rounded",
                style={"height": "420px", "background": "#fff"},
            ),
            html.Div(id=ids.MESSAGE_ATTACHMENTS, className="small text-muted mt-1"),
        ]
    )


def modal(t: Translator) -> Component:
    """The modal, empty: opening it fills the recipients and the preview."""
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("message.title"))),
            dbc.ModalBody(
                [
                    dcc.Store(id=ids.MESSAGE_TOKEN),
                    dbc.Alert(
                        t("message.outbox_note"),
                        id=ids.MESSAGE_OUTBOX_NOTE,
                        color="warning",
                        is_open=False,
                        className="py-2",
                    ),
                    dbc.Row(
                        [dbc.Col(_form(t), lg=4), dbc.Col(_preview(t), lg=8)],
                    ),
                ]
            ),
            dbc.ModalFooter(
                [
                    html.Div(
                        dbc.Alert(id=ids.MESSAGE_RESULT, is_open=False, className="py-2 mb-0"),
                        role="status",
                        className="me-auto",
                    ),
                    dbc.Button(
                        t("message.cancel"), id=ids.MESSAGE_CANCEL, color="secondary", outline=True
                    ),
                    dbc.Button(t("message.send"), id=ids.MESSAGE_SEND, color="primary"),
                ]
            ),
        ],
        id=ids.MESSAGE_MODAL,
        is_open=False,
        size="xl",
        fullscreen="md-down",
        scrollable=True,
    )


def attachment_list(t: Translator, files: list[tuple[str, str]]) -> Component:
    """ "Attached: name (size), ..." under the preview."""
    if not files:
        return html.Span()
    names = ", ".join(f"{name} ({size})" for name, size in files)
    return html.Span(t("message.attached", files=names))
