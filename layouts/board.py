"""The meeting-room board (full screen, dark) and the admins' board links page. Pure.

Panels rotate by CSS alone: every panel runs the same ``board-cycle-<n>`` animation,
each delayed by one rotation step, and the progress bar runs once per step, so the
two stay in step with no timer in the page and nothing for React to fight over.
The refresh callback only replaces what is inside the panels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.board import PANELS, BoardConfig
from dashboard.i18n import Translator
from dashboard.presenters import KpiTile
from layouts.components import page_header

EMPTY_FIGURE = {
    "data": [],
    "layout": {
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
    },
}


def _graph(graph_id: str) -> Component:
    return html.Div(
        dcc.Graph(
            id=graph_id,
            figure=EMPTY_FIGURE,
            config={"staticPlot": True, "displayModeBar": False, "responsive": True},
            style={"height": "100%", "width": "100%"},
        ),
        className="board-graph",
    )


def _body(key: str, t: Translator) -> Component:
    if key == "kpis":
        return html.Div(id=ids.BOARD_KPIS, className="board-kpis")
    if key in ("customers", "sellers"):
        graph = ids.BOARD_CUSTOMERS if key == "customers" else ids.BOARD_SELLERS
        return html.Div(
            [_graph(graph), html.Div(t("board.map_legend"), className="board-legend")],
            className="board-map",
        )
    if key == "collections":
        return html.Div(
            [
                html.Div(id=ids.BOARD_COLLECTIONS, className="board-numbers"),
                _graph(ids.BOARD_COLLECTIONS_CHART),
            ],
            className="board-collections",
        )
    if key == "promises":
        return html.Div(id=ids.BOARD_PROMISES, className="board-list")
    return html.Div(id=ids.BOARD_NOTES, className="board-list")


def _animation(index: int, count: int, seconds: int) -> dict[str, str]:
    """Panel ``index`` of ``count`` shows during step ``index`` of each cycle."""
    return {
        "animationName": f"board-cycle-{count}",
        "animationDuration": f"{count * seconds}s",
        "animationDelay": f"{(index - count) * seconds}s",
    }


def _panels(config: BoardConfig, t: Translator) -> list[Component]:
    """Every panel's container (outputs must exist); only the chosen ones are shown."""
    count = len(config.panels)
    sections: list[Component] = []
    for key in PANELS:
        chosen = key in config.panels
        style: dict[str, str] = {}
        if chosen and count > 1:
            style = _animation(config.panels.index(key), count, config.rotation_seconds)
        class_name = (
            "board-panel" + ("" if chosen else " is-off") + (" is-solo" if count == 1 else "")
        )
        sections.append(
            html.Section(
                [html.H2(t(f"board.panel.{key}"), className="board-panel-title"), _body(key, t)],
                id=ids.board_panel(key),
                className=class_name,
                style=style,
            )
        )
    return sections


def _footer(config: BoardConfig, t: Translator) -> Component:
    """The rotation indicator: one dot per panel (the shown one lit) and a progress bar."""
    count = len(config.panels)
    if count == 1:
        return html.Footer(className="board-footer is-solo")
    dots = [
        html.Span(
            [
                html.Span(
                    className="board-dot-fill", style=_animation(i, count, config.rotation_seconds)
                ),
                html.Span(t(f"board.short.{key}"), className="board-dot-label"),
            ],
            className="board-dot",
        )
        for i, key in enumerate(config.panels)
    ]
    bar = html.Div(
        html.Div(
            className="board-progress-bar",
            style={"animationDuration": f"{config.rotation_seconds}s"},
        ),
        className="board-progress",
    )
    return html.Footer([html.Div(dots, className="board-dots"), bar], className="board-footer")


def _controls(t: Translator, *, is_admin: bool) -> Component:
    links = [html.A(t("board.exit"), href="/", className="board-control", id="board-exit")]
    if is_admin:
        links.append(
            html.A(
                t("board.manage"),
                href="/board?manage=links",
                className="board-control",
                id="board-manage",
            )
        )
    return html.Nav(links, className="board-controls")


def screen(
    *,
    t: Translator,
    config: BoardConfig,
    company: str,
    language: str,
    client: Mapping[str, object],
    signed_in: bool,
    is_admin: bool = False,
) -> Component:
    """The whole board: header, rotating panels, rotation indicator, state overlays.

    Args:
        t: translator of the screen's language.
        config: panels and intervals.
        company: the collecting company's name, shown in the header.
        language: ``es`` or ``en``.
        client: what the browser-side checks read (ping address, texts, timeouts).
        signed_in: a signed-in user (shows the way back and, for admins, board links).
        is_admin: the signed-in user is an admin.
    """
    header: list[Component] = [
        html.Div(
            [html.Span(company, className="board-brand"), html.Span(t("board.title"))],
            className="board-heading",
        ),
        html.Div(t("board.loading"), id=ids.BOARD_UPDATED, className="board-updated"),
    ]
    if signed_in:
        header.append(_controls(t, is_admin=is_admin))
    return html.Div(
        [
            html.Header(header, className="board-header"),
            html.Main(_panels(config, t), className="board-stage"),
            _footer(config, t),
            html.Div(id=ids.BOARD_BANNER, className="board-banner is-hidden", role="status"),
            html.Div(
                [
                    html.H1(id=ids.BOARD_STOPPED_TEXT),
                    html.P(t("board.stopped_hint")),
                ],
                id=ids.BOARD_STOPPED,
                className="board-stopped is-hidden",
                role="alert",
            ),
            dcc.Interval(id=ids.BOARD_INTERVAL, interval=config.refresh_seconds * 1000),
            dcc.Store(id=ids.BOARD_CONFIG, data=dict(client)),
            dcc.Store(id=ids.BOARD_VIEWPORT),
            dcc.Store(id=ids.BOARD_OFFLINE),
        ],
        id=ids.BOARD_SCREEN,
        className="board-screen",
        lang=language,
    )


def session_frame(board: Component) -> Component:
    """What a board session's browser gets as the app layout: the board alone."""
    return html.Div(board, className="board-session")


# Panel contents


def kpi_grid(tiles: Sequence[KpiTile]) -> Component:
    """The KPI tiles, large: title, value and the change with its arrow."""
    return html.Div(
        [
            html.Div(
                [
                    html.Div(tile.title, className="board-kpi-title"),
                    html.Div(tile.value, className="board-kpi-value"),
                    html.Div(tile.change or "", className=f"board-kpi-change is-{tile.tone}"),
                ],
                className="board-kpi",
                id=f"board-kpi-{tile.key}",
            )
            for tile in tiles
        ],
        className="board-kpi-grid",
    )


def collections_numbers(numbers: Mapping[str, str], t: Translator) -> list[Component]:
    """The collections panel's big numbers beside its chart."""
    return [
        html.Div(
            [
                html.Div(t("board.collections.this_month"), className="board-number-label"),
                html.Div(numbers["this"], className="board-number is-main", id="board-month-this"),
                html.Div(numbers["this_note"], className="board-number-note"),
            ]
        ),
        html.Div(numbers["change"], className=f"board-change is-{numbers['tone']}"),
        html.Div(
            [
                html.Div(t("board.collections.last_month"), className="board-number-label"),
                html.Div(numbers["last"], className="board-number", id="board-month-last"),
            ]
        ),
        html.Div(
            [
                html.Div(t("board.collections.last_total"), className="board-number-label"),
                html.Div(numbers["last_total"], className="board-number is-small"),
            ]
        ),
    ]


def promise_list(
    summary: str, rows: Sequence[Mapping[str, object]], more: str, *, empty: str
) -> Component:
    """Promises due today: a summary line and one row per promise (customer, amount, state)."""
    if not rows:
        return html.Div(empty, className="board-empty")
    items = [
        html.Li(
            [
                html.Span(str(row["customer"]), className="board-row-main"),
                html.Span(str(row["amount"]), className="board-row-amount"),
                html.Span(str(row["status_text"]), className=f"board-chip is-{row['status']}"),
            ],
            className="board-row",
        )
        for row in rows
    ]
    children: list[Component] = [html.P(summary, className="board-summary"), html.Ul(items)]
    if more:
        children.append(html.P(more, className="board-more"))
    return html.Div(children)


def note_list(items: Sequence[Mapping[str, object]], *, empty: str) -> Component:
    """The latest notes: customer, who and when, what was said (as text, never HTML)."""
    if not items:
        return html.Div(empty, className="board-empty")
    return html.Ul(
        [
            html.Li(
                [
                    html.Div(
                        [
                            html.Span(str(item["customer_name"]), className="board-row-main"),
                            html.Span(
                                f"{item['author']} · {item['when']}", className="board-row-meta"
                            ),
                        ],
                        className="board-note-head",
                    ),
                    html.Div(str(item["body"]), className="board-note-body"),
                ],
                className="board-note",
            )
            for item in items
        ]
    )


# Board links (admins)


def links_page(
    *,
    t: Translator,
    panel_options: Sequence[tuple[str, str]],
    defaults: BoardConfig,
    rows: Sequence[Mapping[str, object]],
    preview: str,
) -> Component:
    """Make a board link, see who made which and when each screen was last seen, revoke."""
    form = dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("board.links.new"), className="h5"),
                dbc.Label(t("board.links.name"), html_for=ids.BOARD_LINK_NAME),
                dbc.Input(id=ids.BOARD_LINK_NAME, maxLength=80, className="mb-2"),
                dbc.Label(t("board.links.panels")),
                dbc.Checklist(
                    id=ids.BOARD_LINK_PANELS,
                    options=[{"label": label, "value": key} for key, label in panel_options],
                    value=list(defaults.panels),
                    inline=True,
                    className="mb-2",
                ),
                dbc.Row(
                    [
                        _number(
                            ids.BOARD_LINK_ROTATION,
                            t("board.links.rotation"),
                            defaults.rotation_seconds,
                        ),
                        _number(
                            ids.BOARD_LINK_REFRESH,
                            t("board.links.refresh"),
                            defaults.refresh_seconds,
                        ),
                        _number(ids.BOARD_LINK_EXPIRES, t("board.links.expires"), None),
                    ],
                    className="g-2 mb-2",
                ),
                dbc.Button(t("board.links.create"), id=ids.BOARD_LINK_CREATE, color="primary"),
                html.Div(id=ids.BOARD_LINK_MESSAGE, className="mt-3"),
            ]
        ),
        className="mb-3",
    )
    actions = html.A(
        t("board.links.preview"), href=preview, className="btn btn-outline-secondary btn-sm"
    )
    return html.Div(
        [
            page_header(t("board.links.title"), t("board.links.subtitle"), actions),
            form,
            html.Div(link_table(rows, t=t), id=ids.BOARD_LINK_LIST),
        ],
        className="board-links-page",
    )


def _number(input_id: str, label: str, value: int | None) -> Component:
    return dbc.Col(
        [
            dbc.Label(label, html_for=input_id),
            dbc.Input(id=input_id, type="number", value=value, step=1, min=1),
        ],
        md=4,
    )


def created_message(url: str, t: Translator) -> Component:
    """The new link, shown once."""
    return dbc.Alert(
        [
            html.Div(t("board.links.created"), className="fw-semibold"),
            html.Code(
                url, id="board-link-url", className="d-block my-2 text-break user-select-all"
            ),
            html.Div(t("board.links.open_hint"), className="small"),
        ],
        color="success",
    )


def notice(text: str, *, color: str = "warning") -> Component:
    """A short message above the list (errors, revoked)."""
    return dbc.Alert(text, color=color, className="py-2")


def link_table(rows: Sequence[Mapping[str, object]], *, t: Translator) -> Component:
    """The board links, newest first; active ones have a revoke button."""
    if not rows:
        return html.P(t("board.links.none"), className="text-muted")
    head = html.Thead(
        html.Tr(
            [
                html.Th(t(f"board.col.{key}"))
                for key in ("name", "panels", "timing", "created", "expires", "last_seen", "state")
            ]
            + [html.Th("")]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(str(row["name"])),
                    html.Td(str(row["panels"])),
                    html.Td(str(row["timing"])),
                    html.Td(str(row["created"])),
                    html.Td(str(row["expires"])),
                    html.Td(str(row["last_seen"])),
                    html.Td(str(row["state_text"]), className=f"board-link-{row['state']}"),
                    html.Td(
                        dbc.Button(
                            t("board.links.revoke"),
                            id=ids.board_revoke(int(str(row["id"]))),
                            color="outline-danger",
                            size="sm",
                        )
                        if row["state"] == "active"
                        else ""
                    ),
                ]
            )
            for row in rows
        ]
    )
    return dbc.Table([head, body], hover=True, responsive=True, size="sm", id="board-link-table")
