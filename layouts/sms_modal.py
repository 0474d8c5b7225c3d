"""The wall's "Send SMS" button and modal: recipients, an editable text, a live counter."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from dashboard.sms import MAX_SEGMENTS

MAX_LENGTH = 1600  # characters the box takes (10 GSM-7 SMS are 1,530 septets)


def counter_labels(t: Translator) -> dict[str, object]:
    """The counter's texts for ``assets/sms_counter.js`` (placeholders filled there)."""
    return {
        "summary": t("sms.counter"),
        "gsm7": t("sms.gsm7"),
        "ucs2": t("sms.ucs2"),
        "unicode_because": t("sms.unicode_because"),
        "too_long": t("sms.too_long"),
        "max_segments": MAX_SEGMENTS,
    }


def _field(label: str, control: Component, field_id: str) -> Component:
    return html.Div(
        [dbc.Label(label, html_for=field_id, className="mb-0 small"), control], className="mb-2"
    )


def _body(t: Translator) -> list[Component]:
    return [
        dcc.Store(id=ids.SMS_TOKEN),
        dcc.Store(id=ids.SMS_FORM),
        dcc.Store(id=ids.SMS_LABELS, data=counter_labels(t)),
        html.Div(id=ids.SMS_NOTICE),
        dbc.Row(
            [
                dbc.Col(
                    _field(
                        t("sms.audience"),
                        dbc.RadioItems(
                            id=ids.SMS_AUDIENCE,
                            value="contacts",
                            options=[
                                {"label": t("sms.audience.contacts"), "value": "contacts"},
                                {"label": t("sms.audience.seller"), "value": "seller"},
                            ],
                        ),
                        ids.SMS_AUDIENCE,
                    ),
                    md=8,
                ),
                dbc.Col(
                    _field(
                        t("sms.language"),
                        dbc.Select(
                            id=ids.SMS_LANGUAGE,
                            value="es",
                            options=[
                                {"label": t("lang.es"), "value": "es"},
                                {"label": t("lang.en"), "value": "en"},
                            ],
                        ),
                        ids.SMS_LANGUAGE,
                    ),
                    md=4,
                ),
            ]
        ),
        _field(
            t("sms.recipients"),
            dbc.Checklist(id=ids.SMS_RECIPIENTS, options=[], value=[]),
            ids.SMS_RECIPIENTS,
        ),
        html.Div(id=ids.SMS_RECIPIENTS_NOTE, className="small text-muted mb-2"),
        _field(
            t("sms.text"),
            dbc.Textarea(id=ids.SMS_TEXT, rows=5, maxLength=MAX_LENGTH, value=""),
            ids.SMS_TEXT,
        ),
        html.Div(id=ids.SMS_COUNTER, className="small text-muted", role="status"),
        html.Div(id=ids.SMS_HINT, className="small text-warning-emphasis mb-2"),
        dbc.Alert(id=ids.SMS_RESULT, is_open=False, className="py-2 mb-0 sms-result"),
    ]


def section(t: Translator) -> Component:
    """The button for the wall's actions row, with its (closed) modal."""
    modal = dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(t("sms.title"))),
            dbc.ModalBody(_body(t)),
            dbc.ModalFooter(
                [
                    dbc.Button(t("sms.cancel"), id=ids.SMS_CANCEL, color="secondary", outline=True),
                    dbc.Button(t("sms.send"), id=ids.SMS_SEND, color="primary"),
                ]
            ),
        ],
        id=ids.SMS_MODAL,
        is_open=False,
        fullscreen="sm-down",
    )
    button = dbc.Button(t("sms.open"), id=ids.WALL_OPEN_SMS, color="secondary", outline=True)
    return html.Div([button, modal])


def notice(t: Translator, *, provider: str, sends: bool) -> Component:
    """Says plainly whether messages leave (a provider) or only reach the outbox."""
    if sends:
        return dbc.Alert(
            t("sms.provider_notice", provider=provider), color="info", className="py-2"
        )
    return dbc.Alert(t("sms.outbox_notice"), color="warning", className="py-2")


def recipient_options(t: Translator, choices: list[dict[str, object]]) -> list[dict[str, object]]:
    """Checklist options: name, role and number; a bad number disabled with its reason."""
    options = []
    for choice in choices:
        parts = [str(choice["name"])]
        role = t("sms.seller") if choice["kind"] == "seller" else str(choice["role"] or "")
        if role:
            parts.append(role)
        if choice["problem"]:
            label = t(
                f"sms.phone.{choice['problem']}",
                name=" · ".join(parts),
                phone=str(choice["phone"]),
                region=str(choice["region"]),
            )
        else:
            parts.append(str(choice["shown"]))
            if choice["landline"]:
                parts.append(t("sms.landline"))
            label = " · ".join(parts)
        options.append(
            {"label": label, "value": str(choice["key"]), "disabled": bool(choice["problem"])}
        )
    return options
