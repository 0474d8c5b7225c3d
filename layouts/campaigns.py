"""The campaigns page: a new campaign (segment, channel, tone; who gets it, who is left
out and why; a preview), the campaigns sent, and one campaign's progress.

Pure component trees from plain values. ``segment_controls`` is shared with the
reminder sequences page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from layouts.components import empty_state, page_header

POLL_MS = 1000
TONES = ("friendly", "concern", "firm")
Options = list[dict[str, str]]


def _label(text: str, target: str) -> Component:
    return dbc.Label(text, html_for=target, className="small mb-0")


ANY = "*"  # the value of "all" / "any age" (an empty value would show as a blank select)


def _options(pairs: Sequence[tuple[str, str]], any_label: str) -> Options:
    return [{"label": any_label, "value": ANY}] + [{"label": lab, "value": v} for v, lab in pairs]


def bucket_options(t: Translator, boundaries: Sequence[int]) -> list[tuple[str, str]]:
    """(bucket index, "31+ days") for every overdue bucket."""
    lows = (1, *(b + 1 for b in boundaries))
    return [(str(i), t("portfolio.bucket_option", days=low)) for i, low in enumerate(lows, 1)]


def tone_options(t: Translator) -> Options:
    """Automatic, then the three tones."""
    return [{"label": t("message.tone.auto"), "value": "auto"}] + [
        {"label": t(f"message.tone.{tone}"), "value": tone} for tone in TONES
    ]


def channel_options(t: Translator) -> Options:
    """E-mail (the statement) or SMS."""
    return [
        {"label": t("campaigns.channel.email"), "value": "email"},
        {"label": t("campaigns.channel.sms"), "value": "sms"},
    ]


def segment_controls(
    t: Translator,
    targets: Mapping[str, str],
    choices: Mapping[str, Sequence[tuple[str, str]]],
    buckets: Sequence[tuple[str, str]],
    values: Mapping[str, str] | None = None,
) -> Component:
    """Age, tag, seller, collector and minimum balance; ``targets`` maps each to its id."""
    values = values or {}
    any_label = t("portfolio.all")

    def select(key: str, label: str, pairs: Sequence[tuple[str, str]], blank: str) -> Component:
        return dbc.Col(
            [
                _label(label, targets[key]),
                dbc.Select(
                    id=targets[key],
                    options=_options(pairs, blank),
                    value=values.get(key) or ANY,
                ),
            ],
            xs=12,
            sm=6,
            lg=True,
        )

    return dbc.Row(
        [
            select("bucket", t("portfolio.bucket"), buckets, t("portfolio.any_age")),
            select("tag", t("portfolio.tag"), choices.get("tag", []), any_label),
            select("seller", t("portfolio.seller"), choices.get("seller", []), any_label),
            select("collector", t("portfolio.collector"), choices.get("collector", []), any_label),
            dbc.Col(
                [
                    _label(t("portfolio.min_balance"), targets["min_balance"]),
                    dbc.Input(
                        id=targets["min_balance"],
                        type="number",
                        min=0,
                        step=0.01,
                        debounce=True,
                        value=values.get("min_balance") or None,
                    ),
                ],
                xs=12,
                sm=6,
                lg=True,
            ),
        ],
        className="g-2 mb-2",
    )


SEGMENT_IDS = {
    "bucket": ids.CAMPAIGNS_BUCKET,
    "tag": ids.CAMPAIGNS_TAG,
    "seller": ids.CAMPAIGNS_SELLER,
    "collector": ids.CAMPAIGNS_COLLECTOR,
    "min_balance": ids.CAMPAIGNS_MIN_BALANCE,
}


@dataclass(frozen=True)
class CampaignRow:
    """A campaign in the list, already formatted."""

    id: int
    name: str
    created: str
    channel: str
    status: str
    progress: str


def campaign_list(t: Translator, rows: Sequence[CampaignRow]) -> Component:
    """The campaigns sent, newest first, each linking to its progress."""
    if not rows:
        return empty_state(t("campaigns.none"))
    head = html.Thead(
        html.Tr(
            [
                html.Th(t(f"campaigns.col.{key}"))
                for key in ("name", "created", "channel", "status", "progress")
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(dcc.Link(row.name, href=f"/campaigns?id={row.id}")),
                    html.Td(row.created),
                    html.Td(row.channel),
                    html.Td(row.status),
                    html.Td(row.progress),
                ]
            )
            for row in rows
        ]
    )
    return dbc.Table([head, body], size="sm", hover=True, responsive=True, className="mb-0")


def _form(
    t: Translator,
    choices: Mapping[str, Sequence[tuple[str, str]]],
    buckets: Sequence[tuple[str, str]],
) -> Component:
    return html.Div(
        [
            dbc.Row(
                [
                    dbc.Col(
                        [
                            _label(t("campaigns.name"), ids.CAMPAIGNS_NAME),
                            dbc.Input(id=ids.CAMPAIGNS_NAME, maxLength=120),
                        ],
                        xs=12,
                        lg=4,
                    ),
                    dbc.Col(
                        [
                            _label(t("campaigns.channel"), ids.CAMPAIGNS_CHANNEL),
                            dbc.Select(
                                id=ids.CAMPAIGNS_CHANNEL, options=channel_options(t), value="email"
                            ),
                        ],
                        xs=6,
                        lg=2,
                    ),
                    dbc.Col(
                        [
                            _label(t("message.tone"), ids.CAMPAIGNS_TONE),
                            dbc.Select(
                                id=ids.CAMPAIGNS_TONE, options=tone_options(t), value="auto"
                            ),
                        ],
                        xs=6,
                        lg=3,
                    ),
                    dbc.Col(
                        [
                            _label(t("campaigns.documents"), ids.CAMPAIGNS_DOCUMENTS),
                            dbc.Select(
                                id=ids.CAMPAIGNS_DOCUMENTS,
                                value="overdue",
                                options=[
                                    {"label": t("campaigns.documents.overdue"), "value": "overdue"},
                                    {"label": t("campaigns.documents.open"), "value": "open"},
                                ],
                            ),
                        ],
                        xs=12,
                        lg=3,
                    ),
                ],
                className="g-2 mb-2",
            ),
            segment_controls(t, SEGMENT_IDS, choices, buckets),
        ]
    )


def _preview(t: Translator) -> Component:
    return html.Div(
        [
            _label(t("campaigns.preview_for"), ids.CAMPAIGNS_PREVIEW_CUSTOMER),
            dbc.Select(id=ids.CAMPAIGNS_PREVIEW_CUSTOMER, options=[], className="mb-2"),
            html.Div(id=ids.CAMPAIGNS_PREVIEW_SUBJECT, className="fw-semibold small mb-1"),
            html.Iframe(
                id=ids.CAMPAIGNS_PREVIEW,
                sandbox="",
                className="campaign-preview w-100 border rounded",
                style={"height": "420px"},
                title=t("campaigns.preview"),
            ),
            html.Pre(id=ids.CAMPAIGNS_PREVIEW_TEXT, className="small mb-0 text-wrap"),
        ]
    )


def layout(
    *,
    t: Translator,
    token: str,
    choices: Mapping[str, Sequence[tuple[str, str]]],
    buckets: Sequence[tuple[str, str]],
    outbox_note: str,
    pace_note: str,
    campaigns: Sequence[CampaignRow],
) -> Component:
    """The page without a campaign chosen: the form, its audience and preview, the list."""
    return html.Div(
        [
            page_header(t("campaigns.title"), t("campaigns.subtitle")),
            dcc.Location(id=ids.CAMPAIGNS_URL, refresh=True),
            dcc.Store(id=ids.CAMPAIGNS_TOKEN, data=token),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2(t("campaigns.new"), className="h5"),
                        _form(t, choices, buckets),
                        dbc.Alert(outbox_note, color="warning", className="py-2 small")
                        if outbox_note
                        else None,
                        html.Div(id=ids.CAMPAIGNS_SUMMARY, className="mb-2", role="status"),
                        dbc.Row(
                            [
                                dbc.Col(
                                    [
                                        html.H3(t("campaigns.excluded"), className="h6"),
                                        html.Div(id=ids.CAMPAIGNS_AUDIENCE_EXCLUDED),
                                    ],
                                    xs=12,
                                    lg=5,
                                ),
                                dbc.Col(_preview(t), xs=12, lg=7),
                            ],
                            className="g-3 mb-3",
                        ),
                        html.Div(pace_note, className="form-text mb-2"),
                        html.Div(
                            [
                                dbc.Button(
                                    t("campaigns.send"),
                                    id=ids.CAMPAIGNS_SEND,
                                    color="primary",
                                    disabled=True,
                                ),
                                html.Span(
                                    id=ids.CAMPAIGNS_FORM_ERROR,
                                    className="small text-danger ms-2",
                                    role="alert",
                                ),
                            ],
                            className="d-flex align-items-center",
                        ),
                    ]
                ),
                className="mb-3",
            ),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.H2(t("campaigns.list"), className="h5"),
                        html.Div(campaign_list(t, campaigns), id=ids.CAMPAIGNS_LIST),
                    ]
                )
            ),
        ],
        className="campaigns-page",
    )


def audience_summary(t: Translator, included: int, excluded: int, duration: str) -> Component:
    """How many will receive it and how many are left out."""
    return html.Div(
        [
            html.Strong(t("campaigns.will_receive", count=included)),
            " ",
            html.Span(t("campaigns.left_out", count=excluded), className="text-muted"),
            " ",
            html.Span(duration, className="text-muted small") if included else None,
        ]
    )


def excluded_table(t: Translator, rows: Sequence[tuple[str, str, str]], more: int = 0) -> Component:
    """(code, name, reason) of the customers left out; ``more`` not shown."""
    if not rows:
        return html.Div(t("campaigns.nobody_left_out"), className="small text-muted")
    body = html.Tbody(
        [html.Tr([html.Td(code), html.Td(name), html.Td(reason)]) for code, name, reason in rows]
    )
    head = html.Thead(
        html.Tr(
            [
                html.Th(t("campaigns.col.code")),
                html.Th(t("campaigns.col.customer")),
                html.Th(t("campaigns.col.reason")),
            ]
        )
    )
    table = dbc.Table([head, body], size="sm", responsive=True, className="small mb-1")
    extra = (
        html.Div(t("campaigns.more", count=more), className="small text-muted") if more else None
    )
    box = {"maxHeight": "420px", "overflowY": "auto"}
    return html.Div([html.Div(table, className="campaign-excluded", style=box), extra])


def detail(
    *,
    t: Translator,
    campaign_id: int,
    title: str,
    subtitle: str,
    excluded: Component,
) -> Component:
    """One campaign: progress (polled), failures, resume and retry, who was left out."""
    return html.Div(
        [
            page_header(
                title,
                subtitle,
                actions=dcc.Link(t("campaigns.back"), href="/campaigns", className="btn btn-link"),
            ),
            dcc.Store(id=ids.CAMPAIGNS_ID, data=campaign_id),
            dcc.Interval(id=ids.CAMPAIGNS_POLL, interval=POLL_MS, disabled=False),
            dbc.Card(
                dbc.CardBody(
                    [
                        html.Div(id=ids.CAMPAIGNS_STATUS, className="mb-1", role="status"),
                        dbc.Progress(id=ids.CAMPAIGNS_PROGRESS, value=0, className="mb-2"),
                        html.Div(id=ids.CAMPAIGNS_COUNTS, className="small mb-2"),
                        html.Div(
                            [
                                dbc.Button(
                                    t("campaigns.resume"),
                                    id=ids.CAMPAIGNS_RESUME,
                                    color="primary",
                                    className="d-none",
                                ),
                                dbc.Button(
                                    t("campaigns.retry"),
                                    id=ids.CAMPAIGNS_RETRY,
                                    color="warning",
                                    className="d-none",
                                ),
                                html.Span(id=ids.CAMPAIGNS_ACTION_MESSAGE, className="small ms-2"),
                            ],
                            className="d-flex gap-2 align-items-center mb-2",
                        ),
                        html.H3(t("campaigns.failed"), className="h6"),
                        html.Div(id=ids.CAMPAIGNS_FAILED, className="mb-3"),
                        html.H3(t("campaigns.excluded"), className="h6"),
                        excluded,
                    ]
                )
            ),
        ],
        className="campaigns-page",
    )


def failed_table(t: Translator, rows: Sequence[tuple[str, str, str, str]]) -> Component:
    """(code, name, recipient, reason) of the recipients whose message failed."""
    if not rows:
        return html.Div(t("campaigns.no_failures"), className="small text-muted")
    head = html.Thead(
        html.Tr(
            [html.Th(t(f"campaigns.col.{k}")) for k in ("code", "customer", "recipient", "reason")]
        )
    )
    body = html.Tbody([html.Tr([html.Td(value) for value in row]) for row in rows])
    return dbc.Table([head, body], size="sm", responsive=True, className="small")
