"""Tasks page: view and filters ↔ URL, the board, completing or reassigning in place."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.export_links import register_export_links
from dashboard import formatting as fmt
from dashboard import ids
from dashboard.context import PageContext, current_scope, db_session, page_context
from dashboard.tasks_params import (
    DEFAULT_VIEW,
    TASK_VIEWS,
    TasksQuery,
    parse_tasks,
    tasks_search,
)
from dashboard.tasks_presenters import (
    broken_rows,
    promise_rows,
    promises_total,
    task_rows,
    view_options,
)
from dashboard.wall_service import assignable_users
from dashboard.worklist_service import BROKEN_LOOKBACK_DAYS, load_promise_panels
from data_access.activity import AccessDenied, ValidationError, complete_task, reassign_task
from data_access.tasks_board import DONE_DAYS, TaskFilter, board_people, task_board, task_counts
from layouts import tasks

BROKEN_SHOWN = 50


def render(params: dict[str, str], c: PageContext) -> Component:
    """The page frame with the view and filters from the URL."""
    query = parse_tasks(params.get("search"))
    filters = TaskFilter(assignee=query.assignee, supervisor=query.supervisor)
    with db_session() as sess:
        people = board_people(sess)
        counts = task_counts(sess, scope=c.scope, today=c.today, filters=filters)
    views = view_options(counts, c.t, c.language)
    return tasks.layout(t=c.t, query=query, people=people, views=views, search=tasks_search(query))


def _limited(shown: int, count: int, c: PageContext) -> str:
    if count <= shown:
        return ""
    return c.t(
        "tasks.limited", shown=fmt.number(shown, c.language), count=fmt.number(count, c.language)
    )


def board(query: TasksQuery, c: PageContext) -> tuple[Any, ...]:
    """The list of the view, the view buttons with counts, and the two promise panels."""
    filters = TaskFilter(assignee=query.assignee, supervisor=query.supervisor)
    with db_session() as sess:
        rows = task_board(sess, scope=c.scope, today=c.today, view=query.view, filters=filters)
        counts = task_counts(sess, scope=c.scope, today=c.today, filters=filters)
        users = assignable_users(sess)
        panels = load_promise_panels(sess, today=c.today, scope=c.scope, grace_days=c.grace_days)
    money: dict[str, Any] = {"t": c.t, "language": c.language, "currency": c.currency}
    shown = task_rows(rows, view=query.view, today=c.today, **money)
    listed = tasks.task_list(
        shown,
        c.t,
        users,
        empty=c.t(f"tasks.empty.{query.view}", days=DONE_DAYS),
        note=_limited(len(shown), counts[query.view], c),
        actions=c.role != "viewer",
    )
    promises = tasks.promise_list(
        promise_rows(panels.due_today, **money),
        total=promises_total(panels.due_today, **money),
        empty=c.t("tasks.promises_empty"),
    )
    broken = tasks.broken_list(
        broken_rows(panels.broken.head(BROKEN_SHOWN), **money),
        help_text=c.t("tasks.broken_help", days=BROKEN_LOOKBACK_DAYS),
        empty=c.t("tasks.broken_empty"),
        note=_limited(BROKEN_SHOWN, len(panels.broken), c),
    )
    return listed, tasks.view_tabs(view_options(counts, c.t, c.language)), promises, broken


def act(kind: str, task_id: int, value: str | None) -> str:
    """Complete or reassign a task through data_access (which re-checks id and permission).

    Returns:
        The message key: ``tasks.completed``, ``tasks.reassigned`` or ``tasks.refused``.
    """
    common: dict[str, Any] = {
        "scope": current_scope(),
        "user_id": int(current_user.get_id()),
        "task_id": task_id,
    }
    try:
        with db_session() as sess:
            if kind == "tasks-complete":
                complete_task(sess, **common)
                return "tasks.completed"
            reassign_task(sess, **common, assignee_id=int(value or 0))
            return "tasks.reassigned"
    except (AccessDenied, ValidationError, ValueError):
        return "tasks.refused"


def register(app: Dash) -> None:
    """Controls write the URL; the URL (and any action) redraws the board."""
    register_export_links(app, "tasks", ids.TASKS_URL)

    @app.callback(
        Output(ids.TASKS_URL, "search"),
        Input(ids.TASKS_VIEW, "active_tab"),
        Input(ids.TASKS_ASSIGNEE, "value"),
        Input(ids.TASKS_SUPERVISOR, "value"),
        prevent_initial_call=True,
    )
    def update_search(view: str | None, assignee: str | None, supervisor: str | None) -> str:
        view = view if view in TASK_VIEWS else DEFAULT_VIEW
        return tasks_search(TasksQuery(view, assignee or None, supervisor or None))

    @app.callback(
        Output(ids.TASKS_LIST, "children"),
        Output(ids.TASKS_VIEW, "children"),
        Output(ids.TASKS_PROMISES, "children"),
        Output(ids.TASKS_BROKEN, "children"),
        Input(ids.TASKS_URL, "search"),
        Input(ids.TASKS_REFRESH, "data"),
    )
    def update_board(search: str | None, _refresh: int | None) -> tuple[Any, ...]:
        return board(parse_tasks(search), page_context())

    @app.callback(
        Output(ids.TASKS_REFRESH, "data"),
        Output(ids.TASKS_MESSAGE, "children"),
        Output(ids.TASKS_MESSAGE, "color"),
        Output(ids.TASKS_MESSAGE, "is_open"),
        Input(ids.tasks_complete(ALL), "n_clicks"),
        Input(ids.tasks_reassign(ALL), "value"),
        State(ids.TASKS_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def act_on_task(
        _clicks: list[int | None], _values: list[str | None], refresh: int | None
    ) -> tuple[int, str, str, bool]:
        trigger = ctx.triggered_id
        value = ctx.triggered[0]["value"] if ctx.triggered else None
        if not trigger or not value or not str(trigger.get("id", "")).isdigit():
            raise PreventUpdate
        key = act(trigger["type"], int(trigger["id"]), str(value))
        color = "danger" if key == "tasks.refused" else "success"
        return (refresh or 0) + 1, page_context().t(key), color, True
