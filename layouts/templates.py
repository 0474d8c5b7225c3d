"""The templates page: edit the statement e-mail per tone and language, preview it live on
a real customer, and the company details the e-mails quote."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from layouts.components import page_header
from layouts.message_modal import TONES

MULTILINE = ("bank_accounts",)


def _label(text: str, target: str) -> Component:
    return dbc.Label(text, html_for=target, className="small mb-0")


def placeholder_list(t: Translator, names: list[str]) -> Component:
    """Every placeholder with what it stands for."""
    return html.Details(
        [
            html.Summary(t("templates.placeholders"), className="small fw-semibold"),
            html.Dl(
                [
                    item
                    for name in names
                    for item in (
                        html.Dt(html.Code("{" + name + "}")),
                        html.Dd(t(f"templates.placeholder.{name}"), className="small"),
                    )
                ],
                className="placeholder-list mt-2",
            ),
        ],
        className="mb-3",
    )


def editor(t: Translator, placeholders: list[str]) -> Component:
    """Tone, language, subject and body, with save and reset."""
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(
                        [
                            _label(t("templates.tone"), ids.TEMPLATES_TONE),
                            dbc.Select(
                                id=ids.TEMPLATES_TONE,
                                value="friendly",
                                options=[
                                    {"label": t(f"message.tone.{tone}"), "value": tone}
                                    for tone in TONES
                                ],
                            ),
                        ],
                        xs=6,
                    ),
                    dbc.Col(
                        [
                            _label(t("templates.language"), ids.TEMPLATES_LANGUAGE),
                            dbc.Select(
                                id=ids.TEMPLATES_LANGUAGE,
                                value="es",
                                options=[
                                    {"label": t("message.language.es"), "value": "es"},
                                    {"label": t("message.language.en"), "value": "en"},
                                ],
                            ),
                        ],
                        xs=6,
                    ),
                ],
                className="mb-2",
            ),
            html.Div(id=ids.TEMPLATES_STATE, className="small text-muted mb-2"),
            _label(t("templates.subject"), ids.TEMPLATES_SUBJECT),
            dbc.Input(id=ids.TEMPLATES_SUBJECT, maxLength=300, debounce=400, className="mb-2"),
            _label(t("templates.body"), ids.TEMPLATES_BODY),
            dbc.Textarea(
                id=ids.TEMPLATES_BODY,
                rows=20,
                debounce=600,
                className="mb-1 font-monospace small",
            ),
            html.Div(t("templates.body_hint"), className="form-text mb-2"),
            dbc.Alert(id=ids.TEMPLATES_PROBLEMS, color="danger", is_open=False, className="py-2"),
            html.Div(
                [
                    dbc.Button(t("templates.save"), id=ids.TEMPLATES_SAVE, color="primary"),
                    dbc.Button(
                        t("templates.reset"),
                        id=ids.TEMPLATES_RESET,
                        color="secondary",
                        outline=True,
                    ),
                    html.Span(id=ids.TEMPLATES_MESSAGE, className="small ms-2", role="status"),
                ],
                className="d-flex gap-2 align-items-center mb-3",
            ),
            placeholder_list(t, placeholders),
        ]
    )


def preview(t: Translator, customers: list[tuple[str, str]]) -> Component:
    """The chosen customer and the e-mail as it would be sent to them."""
    control: Component
    if customers:
        control = dbc.Select(
            id=ids.TEMPLATES_CUSTOMER,
            value=customers[0][0],
            options=[{"label": label, "value": value} for value, label in customers],
        )
    else:
        control = html.Div(
            [dcc.Store(id=ids.TEMPLATES_CUSTOMER), html.P(t("templates.no_customer"))],
            className="text-muted",
        )
    return html.Div(
        [
            _label(t("templates.customer"), ids.TEMPLATES_CUSTOMER),
            control,
            html.H2(t("templates.preview"), className="h6 mt-3"),
            html.Div(
                [
                    html.Span(t("message.subject") + ": ", className="text-muted"),
                    html.Strong(id=ids.TEMPLATES_PREVIEW_SUBJECT),
                ],
                className="mb-2",
            ),
            html.Iframe(
                id=ids.TEMPLATES_PREVIEW,
                sandbox="",
                className="message-preview w-100 border rounded",
                style={"height": "640px", "background": "#fff"},
            ),
        ]
    )


def company_form(t: Translator, keys: list[str], values: dict[str, str]) -> Component:
    """Company details the e-mails quote (how to pay, where to notify, who to call)."""
    fields = []
    for key in keys:
        target = ids.company_field(key)
        if key == "default_language":
            control: Component = dbc.Select(
                id=target,
                value=values.get(key, ""),
                options=[
                    {"label": "—", "value": ""},
                    {"label": t("message.language.es"), "value": "es"},
                    {"label": t("message.language.en"), "value": "en"},
                ],
            )
        elif key in MULTILINE:
            control = dbc.Textarea(id=target, value=values.get(key, ""), rows=3)
        else:
            control = dbc.Input(id=target, value=values.get(key, ""), maxLength=254)
        fields.append(
            dbc.Col(
                [dbc.Label(t(f"templates.company.{key}"), className="small mb-0"), control],
                md=6,
                className="mb-2",
            )
        )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("templates.company"), className="h5"),
                html.P(t("templates.company_hint"), className="small text-muted"),
                dbc.Row(fields),
                html.Div(
                    [
                        dbc.Button(
                            t("templates.company_save"),
                            id=ids.TEMPLATES_COMPANY_SAVE,
                            color="primary",
                        ),
                        html.Span(
                            id=ids.TEMPLATES_COMPANY_MESSAGE, className="small ms-2", role="status"
                        ),
                    ],
                    className="d-flex align-items-center",
                ),
            ]
        ),
        className="mb-3",
    )


def layout(
    *,
    t: Translator,
    intro: str,
    placeholders: list[str],
    customers: list[tuple[str, str]],
    company_keys: list[str],
    company: dict[str, str],
) -> Component:
    """The whole page."""
    return html.Div(
        [
            dcc.Store(id=ids.TEMPLATES_REFRESH, data=0),
            page_header(t("templates.title"), intro),
            dbc.Row(
                [
                    dbc.Col(editor(t, placeholders), lg=6),
                    dbc.Col(preview(t, customers), lg=6),
                ],
                className="mb-3",
            ),
            company_form(t, company_keys, company),
        ]
    )
