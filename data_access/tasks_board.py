"""The tasks board: open and recently done tasks by due date, assignee and supervisor.

Reads only; writes (complete, reassign) stay in :mod:`data_access.activity`, which
re-checks every task id against the acting user's scope.

Who sees what: managers, admins and viewers see every task; a collector sees the
tasks assigned to them *or* on their customers. ``can_act`` says whether the user
may complete or reassign a row through :func:`data_access.activity.complete_task`
(same rule: the customer must be in the scope and the role may write), so the page
offers buttons only where the server will accept them.

The views, as of ``today``:

* ``pending``: open, due after today;
* ``today``: open, due today;
* ``overdue``: open, due before today;
* ``done``: done in the last :data:`DONE_DAYS` days (``completed_at`` from the start
  of ``today - DONE_DAYS``), newest first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, case, false, func, literal, or_, select, true
from sqlalchemy.orm import Session, aliased

from data_access.activity import READ_ONLY_ROLES
from data_access.models import Customer, Task, User
from data_access.scope import Scope

VIEWS = ("pending", "today", "overdue", "done")
DONE_DAYS = 30
BOARD_LIMIT = 300
BOARD_COLUMNS = [
    "task_id",
    "customer_id",
    "customer_code",
    "customer_name",
    "description",
    "status",
    "due_date",
    "completed_at",
    "assignee_id",
    "assignee_name",
    "supervisor_id",
    "supervisor_name",
    "promise_amount",
    "promise_date",
    "can_act",
]


@dataclass(frozen=True)
class TaskFilter:
    """Which tasks the board lists besides the view: by assignee and supervisor username."""

    assignee: str | None = None
    supervisor: str | None = None


def visible_tasks(scope: Scope) -> ColumnElement[bool]:
    """WHERE clause (tasks joined to customers): what the scope may see on the board."""
    if not scope.restricted:
        return true()
    return or_(Task.assignee_id == scope.user_id, Customer.collector_id == scope.user_id)


def actionable(scope: Scope) -> ColumnElement[bool]:
    """Whether the scope may complete or reassign a row (the rule of ``activity``)."""
    if scope.role in READ_ONLY_ROLES:
        return false()
    if not scope.restricted:
        return true()
    return Customer.collector_id == scope.user_id


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


def view_clause(view: str, today: dt.date) -> ColumnElement[bool]:
    """The WHERE clause of one view (see the module docstring).

    Raises:
        ValueError: for a view not in :data:`VIEWS`.
    """
    is_open = Task.status == "open"
    if view == "pending":
        return and_(is_open, Task.due_date > today)
    if view == "today":
        return and_(is_open, Task.due_date == today)
    if view == "overdue":
        return and_(is_open, Task.due_date < today)
    if view == "done":
        since = _start_of(today - dt.timedelta(days=DONE_DAYS))
        return and_(Task.status == "done", Task.completed_at >= since)
    raise ValueError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}")


def _filtered(query: Select, scope: Scope, filters: TaskFilter) -> Select:
    """Join the customer, apply the scope and the assignee/supervisor usernames."""
    query = query.join(Customer, Customer.id == Task.customer_id).where(visible_tasks(scope))
    for column, username in (
        (Task.assignee_id, filters.assignee),
        (Task.supervisor_id, filters.supervisor),
    ):
        if username:
            query = query.where(column.in_(select(User.id).where(User.username == username)))
    return query


def _order(view: str) -> list[Any]:
    if view == "done":
        return [Task.completed_at.desc(), Task.id.desc()]
    return [Task.due_date, Task.id]


def task_board(
    session: Session,
    *,
    scope: Scope,
    today: dt.date,
    view: str,
    filters: TaskFilter = TaskFilter(),
    limit: int = BOARD_LIMIT,
) -> pd.DataFrame:
    """The tasks of one view of the board, with customer, assignee and supervisor names.

    Args:
        session: an open session (nothing is written).
        scope: who is asking (see the module docstring).
        today: the day the views are relative to.
        view: ``pending``, ``today``, ``overdue`` or ``done``.
        filters: only tasks of this assignee and/or supervisor (usernames).
        limit: at most this many rows (1 to :data:`BOARD_LIMIT`).

    Returns:
        Columns :data:`BOARD_COLUMNS`; open views ordered by due date (oldest first),
        ``done`` by completion (newest first). ``promise_amount`` holds Decimal or None.
    """
    assignee, supervisor = aliased(User), aliased(User)
    query: Select = select(
        Task.id,
        Task.customer_id,
        Customer.code,
        Customer.name,
        Task.description,
        Task.status,
        Task.due_date,
        Task.completed_at,
        Task.assignee_id,
        assignee.full_name,
        Task.supervisor_id,
        supervisor.full_name,
        Task.promise_amount,
        Task.promise_date,
        case((actionable(scope), literal(True)), else_=literal(False)),
    ).select_from(Task)
    query = _filtered(query, scope, filters)
    query = (
        query.outerjoin(assignee, assignee.id == Task.assignee_id)
        .outerjoin(supervisor, supervisor.id == Task.supervisor_id)
        .where(view_clause(view, today))
        .order_by(*_order(view))
        .limit(max(1, min(int(limit), BOARD_LIMIT)))
    )
    rows = [(*row[:-1], bool(row[-1])) for row in session.execute(query)]
    return pd.DataFrame(rows, columns=BOARD_COLUMNS)


def task_counts(
    session: Session, *, scope: Scope, today: dt.date, filters: TaskFilter = TaskFilter()
) -> dict[str, int]:
    """How many tasks each view holds (same scope and filters as :func:`task_board`)."""
    sums = [
        func.coalesce(func.sum(case((view_clause(view, today), 1), else_=0)), 0) for view in VIEWS
    ]
    query = _filtered(select(*sums).select_from(Task), scope, filters)
    row = session.execute(query).one()
    return {view: int(count) for view, count in zip(VIEWS, row, strict=True)}


def board_people(session: Session) -> list[tuple[str, str]]:
    """(username, name) of every user who can hold a task, for the filters (by name)."""
    rows = session.execute(
        select(User.username, User.full_name)
        .where(User.role.not_in(READ_ONLY_ROLES))
        .order_by(User.full_name, User.username)
    )
    return [(username, name or username) for username, name in rows]


def customer_labels(session: Session, customer_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """(code, name) of these customers (the caller already limited them to its scope)."""
    ids = sorted(set(int(i) for i in customer_ids))
    if not ids:
        return {}
    rows = session.execute(
        select(Customer.id, Customer.code, Customer.name).where(Customer.id.in_(ids))
    )
    return {customer_id: (code, name) for customer_id, code, name in rows}
