"""The wall's timeline: one card per event, text always shown as text (never as HTML)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard import ids
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


def task_actions(task_id: object, t: Translator, users: list[tuple[str, str]]) -> Component:
    """ "Mark done" and "reassign to" for an open task."""
    controls: list[Component] = [
        dbc.Button(
            t("task.complete"),
            id=ids.task_complete(str(task_id)),
            size="sm",
            color="success",
            outline=True,
            className="me-2",
        ),
    ]
    if users:
        options = [{"value": "", "label": t("task.reassign")}]
        options += [{"value": value, "label": label} for value, label in users]
        controls.append(
            dbc.Select(
                id=ids.task_reassign(str(task_id)),
                options=options,
                value="",
                size="sm",
                className="d-inline-block w-auto",
            )
        )
    return html.Div(controls, className="mt-1")


def event_item(
    event: dict[str, object], t: Translator, users: list[tuple[str, str]] | None = None
) -> Component:
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
    if event.get("task_id"):
        body.append(task_actions(event["task_id"], t, users or []))
    return html.Li(body, className=f"timeline-item timeline-{kind}")


def event_list(
    events: list[dict[str, object]], t: Translator, users: list[tuple[str, str]] | None = None
) -> list[Component]:
    """Timeline entries, or a line saying there is nothing."""
    if not events:
        return [html.Li(t("timeline.empty"), className="timeline-item text-muted")]
    return [event_item(event, t, users) for event in events]
