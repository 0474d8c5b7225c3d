"""The tasks page's and the worklist's controls as they live in the URL query string."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

TASK_VIEWS = ("today", "overdue", "pending", "done")  # the order of the page's buttons
DEFAULT_VIEW = "today"


@dataclass(frozen=True)
class TasksQuery:
    """Which tasks the board shows: the view and, optionally, assignee and supervisor."""

    view: str = DEFAULT_VIEW
    assignee: str | None = None  # username
    supervisor: str | None = None  # username


@dataclass(frozen=True)
class WorklistQuery:
    """Whose worklist to show (a username; None: the default for the user)."""

    collector: str | None = None


def _values(search: str | None) -> dict[str, str]:
    parsed = parse_qs((search or "").lstrip("?"))
    return {key: values[0].strip() for key, values in parsed.items() if values[0].strip()}


def parse_tasks(search: str | None) -> TasksQuery:
    """``?view=overdue&assignee=ana`` as a query; unknown views fall back to the default."""
    values = _values(search)
    view = values.get("view", DEFAULT_VIEW)
    return TasksQuery(
        view=view if view in TASK_VIEWS else DEFAULT_VIEW,
        assignee=values.get("assignee"),
        supervisor=values.get("supervisor"),
    )


def tasks_search(query: TasksQuery) -> str:
    """The ``?…`` text of a query (empty for the defaults)."""
    pairs = [
        ("view", None if query.view == DEFAULT_VIEW else query.view),
        ("assignee", query.assignee),
        ("supervisor", query.supervisor),
    ]
    kept = [(key, value) for key, value in pairs if value]
    return "?" + urlencode(kept) if kept else ""


def parse_worklist(search: str | None) -> WorklistQuery:
    """``?collector=ana`` as a query."""
    return WorklistQuery(collector=_values(search).get("collector"))


def worklist_search(query: WorklistQuery) -> str:
    """The ``?…`` text of a query (empty when no collector is named)."""
    return "?" + urlencode({"collector": query.collector}) if query.collector else ""
