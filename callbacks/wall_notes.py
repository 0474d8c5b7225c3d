"""The excuse-and-promise modal on the wall: open, validate on the server, save, append."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from dash import Dash, Input, Output, Patch, State, ctx, no_update
from dash.development.base_component import Component
from flask_login import current_user

from dashboard import ids
from dashboard.context import PageContext, current_scope, db_session, page_context
from dashboard.i18n import CATALOG
from dashboard.wall_presenters import timeline_events
from dashboard.wall_service import assignable_users, promise_state_map
from data_access.activity import (
    AccessDenied,
    ValidationError,
    add_note,
    add_note_with_promise,
    add_task,
)
from data_access.receivables import find_customer
from data_access.timeline import timeline
from layouts import note_modal
from layouts.wall_timeline import event_item

# Where each field's message shows in the modal.
FIELD_IDS = {
    "contact_id": ids.NOTE_CONTACT,
    "contact_name": ids.NOTE_CONTACT_NAME,
    "channel": ids.NOTE_CHANNEL,
    "reason": ids.NOTE_REASON,
    "body": ids.NOTE_BODY,
    "agreement": ids.NOTE_AGREEMENT,
    "disputed_document_ids": ids.NOTE_DISPUTED,
    "description": ids.PROMISE_DESCRIPTION,
    "assignee_id": ids.PROMISE_ASSIGNEE,
    "supervisor_id": ids.PROMISE_SUPERVISOR,
    "due_date": ids.PROMISE_DUE,
    "promise_amount": ids.PROMISE_AMOUNT,
    "promise_date": ids.PROMISE_DATE,
    "document_ids": ids.PROMISE_DOCUMENTS,
}
ERROR_TARGETS = list(dict.fromkeys(FIELD_IDS.values()))
FORM_STATES = [
    State(ids.NOTE_CONTACT, "value"),
    State(ids.NOTE_CONTACT_NAME, "value"),
    State(ids.NOTE_CHANNEL, "value"),
    State(ids.NOTE_REASON, "value"),
    State(ids.NOTE_BODY, "value"),
    State(ids.NOTE_AGREEMENT, "value"),
    State(ids.NOTE_DISPUTED, "value"),
    State(ids.NOTE_WITH_PROMISE, "value"),
    State(ids.PROMISE_DESCRIPTION, "value"),
    State(ids.PROMISE_ASSIGNEE, "value"),
    State(ids.PROMISE_SUPERVISOR, "value"),
    State(ids.PROMISE_DUE, "value"),
    State(ids.PROMISE_AMOUNT, "value"),
    State(ids.PROMISE_DATE, "value"),
    State(ids.PROMISE_DOCUMENTS, "value"),
]
FORM_KEYS = [
    "contact_id",
    "contact_name",
    "channel",
    "reason",
    "body",
    "agreement",
    "disputed_document_ids",
    "with_promise",
    "description",
    "assignee_id",
    "supervisor_id",
    "due_date",
    "promise_amount",
    "promise_date",
    "document_ids",
]


def modal_for(
    sess: Any, customer: Any, contacts: Any, items: Any, c: PageContext, *, is_open: bool = False
) -> Component:
    """The modal with this customer's contacts, open invoices and the active users
    (closed unless ``is_open``)."""
    users = assignable_users(sess)
    documents = [(str(row.document_id), row.number) for row in items.itertuples(index=False)]
    return note_modal.modal(
        c.t,
        contacts=[(str(x.id), x.name) for x in contacts],
        users=users,
        documents=documents,
        today=c.today,
        me=str(current_user.get_id()),
        is_open=is_open,
    )


def _int(value: Any) -> int | None:
    return int(value) if value not in (None, "") and str(value).isdigit() else None


def _date(value: Any) -> Any:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return value  # the server's validation names the field


def _amount(value: Any) -> Any:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return str(value)


def form_arguments(form: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The modal's values as keyword arguments for the note and (optionally) the promise."""
    note = {
        "contact_id": _int(form["contact_id"]),
        "contact_name": form["contact_name"] or "",
        "channel": form["channel"] or "",
        "reason": form["reason"] or "",
        "body": form["body"] or "",
        "agreement": form["agreement"] or "",
        "disputed_document_ids": [int(x) for x in form["disputed_document_ids"] or []],
    }
    if not form["with_promise"]:
        return note, None
    promise = {
        "description": form["description"] or "",
        "assignee_id": _int(form["assignee_id"]),
        "supervisor_id": _int(form["supervisor_id"]),
        "due_date": _date(form["due_date"]),
        "promise_amount": _amount(form["promise_amount"]),
        "promise_date": _date(form["promise_date"]),
        "document_ids": [int(x) for x in form["document_ids"] or []],
    }
    return note, promise


def task_only(note: dict[str, Any]) -> bool:
    """A promise with no excuse at all (no contact, reason, text) is saved as a task alone."""
    fields = ("contact_id", "contact_name", "reason", "body", "agreement", "disputed_document_ids")
    return not any(note[field] for field in fields)


def save(
    code: str, form: dict[str, Any], c: PageContext
) -> tuple[dict[str, str], list[Any], list[tuple[str, str]]]:
    """Save the note (and promise) for ``code``; returns field errors, or the new events
    and the users a task can be reassigned to."""
    note, promise = form_arguments(form)
    user_id = int(current_user.get_id())
    try:
        with db_session() as sess:
            found = find_customer(sess, code, scope=c.scope)
            if found is None:
                raise AccessDenied(code)
            common: dict[str, Any] = {
                "scope": current_scope(),
                "user_id": user_id,
                "customer_id": found.id,
            }
            if promise is None:
                add_note(sess, **common, **note)
            elif task_only(note):
                add_task(sess, **common, **promise, today=c.today)
            else:
                add_note_with_promise(sess, **common, **note, **promise, today=c.today)
            sess.flush()
            fresh = timeline(sess, found.id, kinds=["note", "task"], limit=2 if promise else 1)
            states = promise_state_map(
                sess, found.id, as_of=c.today, scope=c.scope, grace_days=c.grace_days
            )
            users = assignable_users(sess)
    except ValidationError as error:
        return dict(error.errors), [], []
    except AccessDenied:
        return {"_": c.t("error.customer_not_found", code=code)}, [], []
    return (
        {},
        timeline_events(
            fresh, t=c.t, language=c.language, currency=c.currency, promise_states=states
        ),
        users,
    )


def register(app: Dash) -> None:
    """Open/close the modal; save through the server's validation; append to the timeline."""

    @app.callback(
        Output(ids.NOTE_MODAL, "is_open"),
        Input(ids.WALL_OPEN_NOTE, "n_clicks"),
        Input(ids.NOTE_CANCEL, "n_clicks"),
        prevent_initial_call=True,
    )
    def toggle_note_modal(_open: int | None, _cancel: int | None) -> bool:
        return ctx.triggered_id == ids.WALL_OPEN_NOTE

    @app.callback(
        Output(ids.NOTE_MODAL, "is_open", allow_duplicate=True),
        Output(ids.NOTE_ERRORS, "children"),
        Output(ids.NOTE_ERRORS, "is_open"),
        *(Output(f"{target}-error", "children") for target in ERROR_TARGETS),
        Output(ids.WALL_TIMELINE, "children", allow_duplicate=True),
        Input(ids.NOTE_SAVE, "n_clicks"),
        State(ids.WALL_CUSTOMER, "data"),
        *FORM_STATES,
        prevent_initial_call=True,
    )
    def save_note(_clicks: int | None, code: str, *values: Any) -> tuple[Any, ...]:
        c = page_context()
        errors, events, users = save(code, dict(zip(FORM_KEYS, values, strict=True)), c)
        messages = {target: "" for target in ERROR_TARGETS}
        for field, key in errors.items():
            target = FIELD_IDS.get(field)
            if target:
                messages[target] = c.t(f"field.{key}") if f"field.{key}" in CATALOG else key
        if errors:
            summary = errors.get("_") or c.t("note.fix")
            return (no_update, summary, True, *messages.values(), no_update)
        patch = Patch()
        for event in reversed(events):
            patch.prepend(event_item(event, c.t, users))
        return (False, "", False, *messages.values(), patch)
