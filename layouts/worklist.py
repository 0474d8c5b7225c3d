"""Who to call today: the collector picker (in the URL) and the ranked list with its reasons."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from layouts.components import empty_state, page_exports, page_header

Options = list[tuple[str, str]]


def layout(
    *,
    t: Translator,
    collectors: Options,
    collector: str | None,
    can_pick: bool,
    search: str = "",
) -> Component:
    """The page frame; the list is filled by the worklist callback from the URL.

    Args:
        t: the translator.
        collectors: (username, name) of the collectors a manager may pick.
        collector: the username picked (from the URL), or None for the default.
        can_pick: whether to show the picker (admins and managers; a collector sees theirs).
        search: the URL's query, carried by the "Export" menu's downloads.
    """
    exports = page_exports(
        "worklist",
        t=t,
        items=[("worklist", ext, t("worklist.export_worklist")) for ext in ("csv", "xlsx")],
        search=search,
    )
    picker = html.Div(
        [
            dbc.Label(
                t("worklist.collector"), html_for=ids.WORKLIST_COLLECTOR, className="small mb-0"
            ),
            dcc.Dropdown(
                id=ids.WORKLIST_COLLECTOR,
                options=[{"value": v, "label": label} for v, label in collectors],
                value=collector,
                clearable=False,
                className="filter-dropdown",
            ),
        ],
        className="mb-3 worklist-picker",
        style={} if can_pick else {"display": "none"},
    )
    return html.Div(
        [
            dcc.Location(id=ids.WORKLIST_URL, refresh=False),
            page_header(t("worklist.title"), t("worklist.subtitle"), exports),
            dbc.Row(dbc.Col(picker, xs=12, md=6, lg=4)),
            html.P(t("worklist.how"), className="small text-muted"),
            html.Div(id=ids.WORKLIST_SUMMARY, className="mb-2 fw-semibold"),
            dcc.Loading(html.Div(id=ids.WORKLIST_LIST), type="dot"),
        ]
    )


def _row(row: dict[str, object], t: Translator) -> Component:
    badges = [
        dbc.Badge(
            text,
            color=tone,
            text_color="dark" if tone in ("light", "warning", "info") else None,
            className="me-1 mb-1 worklist-part",
        )
        for text, tone in row["badges"]  # type: ignore[attr-defined]
    ]
    if row["disputed"]:
        badges.insert(0, dbc.Badge(t("worklist.disputed"), color="dark", className="me-1 mb-1"))
    return dbc.ListGroupItem(
        dbc.Row(
            [
                dbc.Col(
                    html.Div(str(row["rank"]), className="worklist-rank fs-5 fw-bold"), width="auto"
                ),
                dbc.Col(
                    [
                        html.Div(
                            [
                                dcc.Link(
                                    str(row["customer"]),
                                    href=str(row["href"]),
                                    className="fw-semibold me-2 worklist-open",
                                ),
                                html.Span(str(row["code"]), className="text-muted small me-2"),
                                html.Span(str(row["score"]), className="badge text-bg-primary"),
                            ]
                        ),
                        html.Div(badges, className="mt-1"),
                    ]
                ),
                dbc.Col(
                    dcc.Link(
                        t("worklist.call"),
                        href=str(row["href"]),
                        className="btn btn-sm btn-outline-primary",
                    ),
                    width="auto",
                    className="d-none d-md-block",
                ),
            ],
            className="g-2 align-items-start",
        ),
        id=f"worklist-row-{row['code']}",
        className="worklist-row",
    )


def worklist(
    rows: list[dict[str, object]], t: Translator, *, empty: str, note: str = ""
) -> Component:
    """The ranked customers, each with its score's parts as badges; or the empty state."""
    if not rows:
        return empty_state(empty)
    extra = [html.Div(note, className="small text-muted mt-2")] if note else []
    return html.Div([dbc.ListGroup([_row(row, t) for row in rows]), *extra])
