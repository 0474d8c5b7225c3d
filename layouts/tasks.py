"""Tasks page: views and filters (in the URL), the task list with its actions, promise panels."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard import ids
from dashboard.i18n import Translator
from dashboard.tasks_params import TasksQuery
from layouts.components import empty_state, page_exports, page_header

Options = list[tuple[str, str]]


def _person(component_id: str, options: Options, value: str | None, t: Translator) -> Component:
    return dcc.Dropdown(
        id=component_id,
        options=[{"value": v, "label": label} for v, label in options],
        value=value,
        placeholder=t("tasks.anyone"),
        clearable=True,
        className="filter-dropdown",
    )


def filter_bar(
    *, t: Translator, query: TasksQuery, people: Options, views: list[dict[str, str]]
) -> Component:
    """The view buttons (labels with counts, refreshed by the board callback) and filters."""
    buttons = dbc.Tabs(
        id=ids.TASKS_VIEW,
        active_tab=query.view,
        children=view_tabs(views),
        className="mb-2",
    )
    cells = [
        (t("tasks.assignee"), _person(ids.TASKS_ASSIGNEE, people, query.assignee, t)),
        (t("tasks.supervisor"), _person(ids.TASKS_SUPERVISOR, people, query.supervisor, t)),
    ]
    cols = [
        dbc.Col([dbc.Label(label, className="small mb-0"), control], xs=12, sm=6, lg=3)
        for label, control in cells
    ]
    return html.Div(
        [buttons, dbc.Row(cols, className="g-2")],
        className="mb-3 filter-bar",
    )


def view_tabs(views: list[dict[str, str]]) -> list[Component]:
    """One tab per view; the labels carry the counts."""
    return [dbc.Tab(label=view["label"], tab_id=view["value"]) for view in views]


def layout(
    *,
    t: Translator,
    query: TasksQuery,
    people: Options,
    views: list[dict[str, str]],
    search: str = "",
) -> Component:
    """The page frame; the list and the panels are filled by the board callback."""
    exports = page_exports(
        "tasks",
        t=t,
        items=[("tasks", ext, t("tasks.export_tasks")) for ext in ("csv", "xlsx")],
        search=search,
    )
    tasks = dbc.Card(dbc.CardBody(html.Div(id=ids.TASKS_LIST)), className="mb-3")
    promises = dbc.Card(
        [
            dbc.CardHeader(t("tasks.promises_title")),
            dbc.CardBody(html.Div(id=ids.TASKS_PROMISES)),
        ],
        className="mb-3",
    )
    broken = dbc.Card(
        [dbc.CardHeader(t("tasks.broken_title")), dbc.CardBody(html.Div(id=ids.TASKS_BROKEN))],
        className="mb-3",
    )
    return html.Div(
        [
            dcc.Location(id=ids.TASKS_URL, refresh=False),
            dcc.Store(id=ids.TASKS_REFRESH, data=0),
            page_header(t("tasks.title"), t("tasks.subtitle"), exports),
            filter_bar(t=t, query=query, people=people, views=views),
            dbc.Alert(id=ids.TASKS_MESSAGE, is_open=False, duration=6000, className="py-2"),
            dbc.Row(
                [dbc.Col(tasks, xs=12, lg=7), dbc.Col([promises, broken], xs=12, lg=5)],
                className="g-3",
            ),
        ]
    )


def _actions(row: dict[str, object], t: Translator, users: Options) -> Component:
    if not row["can_act"]:
        return html.Div(t("tasks.not_yours"), className="small text-muted mt-1")
    options = [{"value": v, "label": label} for v, label in users if v != row["assignee"]]
    return html.Div(
        [
            dbc.Button(
                t("task.complete"),
                id=ids.tasks_complete(row["id"]),
                size="sm",
                color="success",
                outline=True,
                className="me-2",
            ),
            dbc.Select(
                id=ids.tasks_reassign(row["id"]),
                options=options,
                value="",
                placeholder=t("task.reassign"),
                size="sm",
                className="d-inline-block w-auto",
            ),
        ],
        className="mt-2",
    )


def task_item(row: dict[str, object], t: Translator, users: Options, *, actions: bool) -> Component:
    """One task: customer (link to the wall), what to do, when, who, the promise, actions."""
    lines: list[Component] = [
        html.Div(
            [
                dcc.Link(str(row["customer"]), href=str(row["href"]), className="fw-semibold me-2"),
                html.Span(str(row["code"]), className="text-muted small"),
            ]
        ),
        html.Div(str(row["description"]), className="task-description"),
        html.Div(
            [
                html.Span(
                    str(row["when"]), className="text-danger me-2" if row["late"] else "me-2"
                ),
                html.Span(str(row["people"]), className="text-muted"),
            ],
            className="small",
        ),
    ]
    if row["promise"]:
        lines.append(html.Div(str(row["promise"]), className="small"))
    if actions:
        lines.append(_actions(row, t, users))
    return dbc.ListGroupItem(lines, id=f"tasks-item-{row['id']}", className="tasks-item")


def task_list(
    rows: list[dict[str, object]],
    t: Translator,
    users: Options,
    *,
    empty: str,
    note: str = "",
    actions: bool = True,
) -> Component:
    """The tasks of a view, or a friendly empty state."""
    if not rows:
        return empty_state(empty)
    items = [task_item(row, t, users, actions=actions) for row in rows]
    extra = [html.Div(note, className="small text-muted mt-2")] if note else []
    return html.Div([dbc.ListGroup(items, flush=True), *extra])


def promise_list(rows: list[dict[str, object]], *, total: str, empty: str) -> Component:
    """Promises to pay due today with amounts, state and the day's total."""
    if not rows:
        return empty_state(empty)
    tones = {"kept": "success", "broken": "danger", "pending": "warning"}
    items = [
        dbc.ListGroupItem(
            [
                html.Div(
                    [
                        dcc.Link(str(row["customer"]), href=str(row["href"]), className="me-2"),
                        html.Strong(str(row["amount"]), className="float-end"),
                    ]
                ),
                html.Div(
                    [
                        dbc.Badge(
                            str(row["status_text"]),
                            color=tones.get(str(row["status"]), "secondary"),
                            className="me-2",
                        ),
                        html.Span(str(row["paid"]), className="text-muted"),
                    ],
                    className="small",
                ),
            ]
        )
        for row in rows
    ]
    return html.Div(
        [
            dbc.ListGroup(items, flush=True),
            html.Div(total, id="tasks-promises-total", className="fw-semibold mt-2"),
        ]
    )


def broken_list(
    rows: list[dict[str, object]], *, help_text: str, empty: str, note: str = ""
) -> Component:
    """Broken promises waiting for a contact; each opens the wall with the note modal."""
    if not rows:
        return html.Div([html.P(help_text, className="small text-muted"), empty_state(empty)])
    items = [
        dbc.ListGroupItem(
            [
                dcc.Link(str(row["customer"]), href=str(row["href"]), className="fw-semibold"),
                html.Div(str(row["detail"]), className="small"),
                html.Div(str(row["contact"]), className="small text-muted"),
            ]
        )
        for row in rows
    ]
    extra = [html.Div(note, className="small text-muted mt-2")] if note else []
    return html.Div(
        [html.P(help_text, className="small text-muted"), dbc.ListGroup(items, flush=True), *extra]
    )
