"""Plain, formatted rows for the tasks page (pure: data in, text out)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import pandas as pd

from dashboard import formatting as fmt
from dashboard.i18n import Translator
from dashboard.tasks_params import TASK_VIEWS
from data_access.tasks_board import DONE_DAYS

ZERO = Decimal("0.00")


def wall_path(code: str, *, note: bool = False) -> str:
    """The wall of a customer; with ``note`` the note modal opens ready."""
    path = f"/customers/{quote(str(code), safe='')}"
    return path + "?note=new" if note else path


def view_options(counts: dict[str, int], t: Translator, language: str) -> list[dict[str, str]]:
    """The view buttons with how many tasks each holds."""
    return [
        {
            "value": view,
            "label": t(
                f"tasks.view.{view}",
                count=fmt.number(counts.get(view, 0), language),
                days=DONE_DAYS,
            ),
        }
        for view in TASK_VIEWS
    ]


def _when(row: Any, view: str, today: dt.date, t: Translator, language: str) -> str:
    if view == "done" and row.completed_at is not None and not pd.isna(row.completed_at):
        return t("tasks.done_on", date=fmt.date(row.completed_at.date(), language))
    due = t("tasks.due_on", date=fmt.date(row.due_date, language))
    days = (row.due_date - today).days
    if days == 0:
        return t("tasks.due_today")
    if days < 0:
        return f"{due} · {t('tasks.late', days=fmt.number(-days, language))}"
    return f"{due} · {t('tasks.in_days', days=fmt.number(days, language))}"


def _promise(row: Any, t: Translator, language: str, currency: str) -> str:
    if row.promise_amount is None or pd.isna(row.promise_amount):
        return ""
    return t(
        "tasks.promise",
        amount=fmt.money(row.promise_amount, currency, language),
        date=fmt.date(row.promise_date, language),
    )


def _name(value: object) -> str:
    """A name from a frame cell ('' for None or NaN)."""
    return "" if value is None or pd.isna(value) else str(value)


def _people(row: Any, t: Translator) -> str:
    text = t("tasks.assigned_to", name=_name(row.assignee_name) or t("tasks.nobody"))
    if _name(row.supervisor_name):
        text += " · " + t("tasks.supervised_by", name=_name(row.supervisor_name))
    return text


def task_rows(
    board: pd.DataFrame,
    *,
    view: str,
    today: dt.date,
    t: Translator,
    language: str,
    currency: str,
) -> list[dict[str, object]]:
    """One dict per task of the board: texts, the wall's link and whether it can be acted on."""
    return [
        {
            "id": str(row.task_id),
            "code": str(row.customer_code),
            "customer": str(row.customer_name),
            "href": wall_path(row.customer_code),
            "description": str(row.description),
            "when": _when(row, view, today, t, language),
            "late": view == "overdue",
            "people": _people(row, t),
            "promise": _promise(row, t, language, currency),
            "assignee": "" if pd.isna(row.assignee_id) else str(int(row.assignee_id)),
            "can_act": bool(row.can_act) and view != "done",
        }
        for row in board.itertuples(index=False)
    ]


def promise_rows(
    frame: pd.DataFrame, *, t: Translator, language: str, currency: str
) -> list[dict[str, object]]:
    """Promises due today: customer, amount, what was paid towards it and its state."""
    return [
        {
            "code": str(row.code),
            "customer": str(row.name),
            "href": wall_path(row.code),
            "amount": fmt.money(row.amount, currency, language),
            "paid": t("tasks.paid_so_far", amount=fmt.money(row.paid, currency, language)),
            "status": str(row.status),
            "status_text": t(f"promise.state.{row.status}"),
        }
        for row in frame.itertuples(index=False)
    ]


def promises_total(frame: pd.DataFrame, *, t: Translator, language: str, currency: str) -> str:
    """The promised total of the day and what of it is still pending."""
    total = sum(frame["amount"], ZERO)
    pending = sum(frame.loc[frame["status"] == "pending", "amount"], ZERO)
    return t(
        "tasks.promises_total",
        total=fmt.money(total, currency, language),
        pending=fmt.money(pending, currency, language),
    )


def broken_rows(
    frame: pd.DataFrame, *, t: Translator, language: str, currency: str
) -> list[dict[str, object]]:
    """Broken promises waiting for a contact, each linking to the wall with the note ready."""
    rows: list[dict[str, object]] = []
    for row in frame.itertuples(index=False):
        last = row.last_contact
        contact = (
            t("tasks.never_contacted")
            if last is None or pd.isna(last)
            else t("tasks.last_contact", date=fmt.date(last, language))
        )
        detail = t(
            "tasks.broken_row",
            amount=fmt.money(row.amount, currency, language),
            date=fmt.date(row.due, language),
            paid=fmt.money(row.paid, currency, language),
        )
        rows.append(
            {
                "code": str(row.code),
                "customer": str(row.name),
                "href": wall_path(row.code, note=True),
                "detail": detail,
                "contact": contact,
            }
        )
    return rows
