"""The wall's timeline: one card per event, text always shown as text (never as HTML)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.i18n import Translator

KIND_COLORS = {
    "invoice": "primary",
    "debit_note": "primary",
    "credit_note": "info",
    "payment": "success",
    "note": "secondary",
    "task": "warning",
    "message": "dark",
}


def event_item(event: dict[str, object], t: Translator) -> Component:
    """A timeline entry from an already formatted event (see presenters.timeline_events)."""
    kind = str(event["kind"])
    head = [
        dbc.Badge(
            t(f"timeline.kind.{kind}"), color=KIND_COLORS.get(kind, "secondary"), className="me-2"
        ),
        html.Span(str(event["when"]), className="text-muted small me-2"),
        html.Strong(str(event["title"]), className="me-2"),
    ]
    if event.get("amount"):
        head.append(html.Span(str(event["amount"]), className="timeline-amount"))
    body: list[Component] = [html.Div(head)]
    if event.get("text"):
        body.append(html.P(str(event["text"]), className="mb-0 timeline-text"))
    if event.get("meta"):
        body.append(html.Div(str(event["meta"]), className="small text-muted"))
    return html.Li(body, className=f"timeline-item timeline-{kind}")


def event_list(events: list[dict[str, object]], t: Translator) -> list[Component]:
    """Timeline entries, or a line saying there is nothing."""
    if not events:
        return [html.Li(t("timeline.empty"), className="timeline-item text-muted")]
    return [event_item(event, t) for event in events]
