"""The reminder sequences page: the levels, a form to add or change one, what is due
today (as ``cartera remind --dry-run`` would say) and the reminders sent lately.

Pure component trees from plain values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from layouts.campaigns import channel_options, segment_controls, tone_options
from layouts.components import empty_state, page_header

SEGMENT_IDS = {
    "bucket": ids.REMINDERS_BUCKET,
    "tag": ids.REMINDERS_TAG,
    "seller": ids.REMINDERS_SELLER,
    "collector": ids.REMINDERS_COLLECTOR,
    "min_balance": ids.REMINDERS_MIN_BALANCE,
}


def _label(text: str, target: str) -> Component:
    return dbc.Label(text, html_for=target, className="small mb-0")


def table(
    t: Translator, columns: Sequence[str], rows: Sequence[Sequence[str]], empty: str
) -> Component:
    """A small table with ``reminders.col.<column>`` headers, or a note when empty."""
    if not rows:
        return empty_state(empty)
    head = html.Thead(html.Tr([html.Th(t(f"reminders.col.{column}")) for column in columns]))
    body = html.Tbody([html.Tr([html.Td(value) for value in row]) for row in rows])
    return dbc.Table([head, body], size="sm", responsive=True, className="small mb-0")


def level_form(
    t: Translator,
    choices: Mapping[str, Sequence[tuple[str, str]]],
    buckets: Sequence[tuple[str, str]],
) -> Component:
    """Which level (or a new one), its days, name, channel, tone, segment, active."""
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(
                        [
                            _label(t("reminders.level"), ids.REMINDERS_LEVEL),
                            dbc.Select(id=ids.REMINDERS_LEVEL, value="new", options=[]),
                        ],
                        xs=12,
                        lg=3,
                    ),
                    dbc.Col(
                        [
                            _label(t("reminders.days"), ids.REMINDERS_DAYS),
                            dbc.Input(
                                id=ids.REMINDERS_DAYS, type="number", step=1, min=-60, max=3650
                            ),
                        ],
                        xs=6,
                        lg=2,
                    ),
                    dbc.Col(
                        [
                            _label(t("reminders.name"), ids.REMINDERS_NAME),
                            dbc.Input(id=ids.REMINDERS_NAME, maxLength=80),
                        ],
                        xs=6,
                        lg=3,
                    ),
                    dbc.Col(
                        [
                            _label(t("campaigns.channel"), ids.REMINDERS_CHANNEL),
                            dbc.Select(
                                id=ids.REMINDERS_CHANNEL, options=channel_options(t), value="email"
                            ),
                        ],
                        xs=6,
                        lg=2,
                    ),
                    dbc.Col(
                        [
                            _label(t("message.tone"), ids.REMINDERS_TONE),
                            dbc.Select(
                                id=ids.REMINDERS_TONE, options=tone_options(t), value="auto"
                            ),
                        ],
                        xs=6,
                        lg=2,
                    ),
                ],
                className="g-2 mb-2",
            ),
            html.Div(t("reminders.days_hint"), className="form-text mb-2"),
            segment_controls(t, SEGMENT_IDS, choices, buckets),
            dbc.Checkbox(
                id=ids.REMINDERS_ACTIVE, label=t("reminders.active"), value=True, className="mb-2"
            ),
            html.Div(
                [
                    dbc.Button(t("reminders.save"), id=ids.REMINDERS_SAVE, color="primary"),
                    dbc.Button(
                        t("reminders.delete"), id=ids.REMINDERS_DELETE, color="danger", outline=True
                    ),
                    html.Span(id=ids.REMINDERS_MESSAGE, className="small ms-2", role="status"),
                ],
                className="d-flex gap-2 align-items-center",
            ),
        ]
    )


def _card(title: str, body: Component, note: str = "") -> Component:
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(title, className="h5"),
                html.P(note, className="small text-muted") if note else None,
                body,
            ]
        ),
        className="mb-3",
    )


def layout(
    *,
    t: Translator,
    choices: Mapping[str, Sequence[tuple[str, str]]],
    buckets: Sequence[tuple[str, str]],
    today: str,
) -> Component:
    """The whole page; the tables are filled by a callback (and after every change)."""
    return html.Div(
        [
            page_header(t("reminders.title"), t("reminders.subtitle")),
            dcc.Store(id=ids.REMINDERS_REFRESH, data=0),
            _card(t("reminders.levels"), html.Div(id=ids.REMINDERS_LEVELS)),
            _card(t("reminders.edit"), level_form(t, choices, buckets)),
            _card(
                t("reminders.due", date=today),
                html.Div(id=ids.REMINDERS_DUE),
                t("reminders.due_note"),
            ),
            _card(t("reminders.sent"), html.Div(id=ids.REMINDERS_SENT)),
            _card(
                t("reminders.how"),
                html.Div(
                    [
                        html.P(t("reminders.rule"), className="small"),
                        html.Pre(
                            "30 7 * * *  cd /srv/cartera && .venv/bin/cartera remind\n"
                            ".venv/bin/cartera remind --dry-run",
                            className="small mb-0",
                        ),
                    ]
                ),
            ),
        ],
        className="reminders-page",
    )
