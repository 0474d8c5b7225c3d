"""Smaller actions on the wall: tags, the customer's language, tasks, contacts."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user

from dashboard import ids
from dashboard.context import current_scope, db_session, page_context
from dashboard.i18n import CATALOG
from dashboard.wall_presenters import contact_rows
from data_access.activity import AccessDenied, ValidationError, complete_task, reassign_task
from data_access.contacts import customer_contacts, save_contact, update_tags
from data_access.messages import set_customer_language
from data_access.receivables import find_customer
from layouts.wall import contact_items

CONTACT_FIELDS = {
    "name": ids.CONTACT_NAME,
    "role": ids.CONTACT_ROLE,
    "phone": ids.CONTACT_PHONE,
    "email": ids.CONTACT_EMAIL,
}


def _customer_id(sess: Any, code: str) -> int:
    found = find_customer(sess, code, scope=current_scope())
    if found is None:
        raise AccessDenied(code)
    return found.id


def _message(key: str) -> str:
    t = page_context().t
    return t(f"field.{key}") if f"field.{key}" in CATALOG else key


def register(app: Dash) -> None:
    """Tags, task and contact callbacks (each re-checks the customer on the server)."""

    @app.callback(
        Output(ids.WALL_TAGS_MESSAGE, "children"),
        Output(ids.WALL_TAGS, "value"),
        Input(ids.WALL_TAGS_SAVE, "n_clicks"),
        State(ids.WALL_TAGS, "value"),
        State(ids.WALL_CUSTOMER, "data"),
        prevent_initial_call=True,
    )
    def save_tags(_clicks: int | None, text: str | None, code: str) -> tuple[str, Any]:
        user_id = int(current_user.get_id())
        try:
            with db_session() as sess:
                tags = update_tags(
                    sess,
                    scope=current_scope(),
                    user_id=user_id,
                    customer_id=_customer_id(sess, code),
                    tags=(text or "").split(","),
                )
        except ValidationError as error:
            return "; ".join(_message(k) for k in error.errors.values()), no_update
        except AccessDenied:
            return page_context().t("field.read_only"), no_update
        return page_context().t("tags.saved"), ", ".join(tags)

    @app.callback(
        Output(ids.WALL_LANGUAGE_MESSAGE, "children"),
        Input(ids.WALL_LANGUAGE, "value"),
        State(ids.WALL_CUSTOMER, "data"),
        prevent_initial_call=True,
    )
    def save_language(language: str | None, code: str) -> str:
        try:
            with db_session() as sess:
                set_customer_language(
                    sess,
                    scope=current_scope(),
                    user_id=int(current_user.get_id()),
                    customer_id=_customer_id(sess, code),
                    language=language or None,
                )
        except ValidationError as error:
            return "; ".join(_message(k) for k in error.errors.values())
        except AccessDenied:
            return page_context().t("field.read_only")
        return page_context().t("wall.language_saved")

    @app.callback(
        Output(ids.task_complete(ALL), "disabled"),
        Input(ids.task_complete(ALL), "n_clicks"),
        Input(ids.task_reassign(ALL), "value"),
        prevent_initial_call=True,
    )
    def act_on_task(clicks: list[int | None], assignees: list[str | None]) -> list[bool]:
        trigger = ctx.triggered_id
        if not trigger or not (ctx.triggered and ctx.triggered[0]["value"]):
            raise PreventUpdate
        task_id = int(trigger["id"])
        user_id = int(current_user.get_id())
        with db_session() as sess:
            try:
                if trigger["type"] == "task-complete":
                    complete_task(sess, scope=current_scope(), user_id=user_id, task_id=task_id)
                else:
                    value = ctx.triggered[0]["value"]
                    reassign_task(
                        sess,
                        scope=current_scope(),
                        user_id=user_id,
                        task_id=task_id,
                        assignee_id=int(value),
                    )
            except (AccessDenied, ValidationError):
                raise PreventUpdate from None
        done = trigger["type"] == "task-complete"
        return [done and str(item["id"]["id"]) == str(task_id) for item in ctx.outputs_list]

    @app.callback(
        Output(ids.CONTACT_MODAL, "is_open"),
        Output(ids.CONTACT_ID, "data"),
        Output(ids.CONTACT_NAME, "value"),
        Output(ids.CONTACT_ROLE, "value"),
        Output(ids.CONTACT_PHONE, "value"),
        Output(ids.CONTACT_EMAIL, "value"),
        Output(ids.CONTACT_PRIMARY, "value"),
        Input(ids.CONTACT_ADD, "n_clicks"),
        Input(ids.contact_edit(ALL), "n_clicks"),
        State(ids.WALL_CUSTOMER, "data"),
        prevent_initial_call=True,
    )
    def open_contact(_add: int | None, _edits: list[int | None], code: str) -> tuple[Any, ...]:
        trigger = ctx.triggered_id
        if trigger == ids.CONTACT_ADD:
            return True, None, "", "", "", "", False
        if not trigger or not (ctx.triggered and ctx.triggered[0]["value"]):
            raise PreventUpdate
        with db_session() as sess:
            contacts = customer_contacts(
                sess, scope=current_scope(), customer_id=_customer_id(sess, code)
            )
        found = next((x for x in contacts if str(x.id) == str(trigger["id"])), None)
        if found is None:
            raise PreventUpdate
        return (
            True,
            found.id,
            found.name,
            found.role or "",
            found.phone or "",
            found.email or "",
            bool(found.is_primary),
        )

    @app.callback(
        Output(ids.CONTACT_MODAL, "is_open", allow_duplicate=True),
        Output(ids.CONTACT_ERRORS, "children"),
        Output(ids.CONTACT_ERRORS, "is_open"),
        *(Output(f"{target}-error", "children") for target in CONTACT_FIELDS.values()),
        Output(ids.WALL_CONTACTS, "children"),
        Input(ids.CONTACT_SAVE, "n_clicks"),
        State(ids.CONTACT_ID, "data"),
        *(State(target, "value") for target in CONTACT_FIELDS.values()),
        State(ids.CONTACT_PRIMARY, "value"),
        State(ids.WALL_CUSTOMER, "data"),
        prevent_initial_call=True,
    )
    def save_contact_form(
        _clicks: int | None,
        contact_id: int | None,
        name: str | None,
        role: str | None,
        phone: str | None,
        email: str | None,
        primary: bool | None,
        code: str,
    ) -> tuple[Any, ...]:
        t = page_context().t
        blank = ["" for _ in CONTACT_FIELDS]
        try:
            with db_session() as sess:
                customer_id = _customer_id(sess, code)
                save_contact(
                    sess,
                    scope=current_scope(),
                    user_id=int(current_user.get_id()),
                    customer_id=customer_id,
                    contact_id=contact_id,
                    name=name or "",
                    role=role or "",
                    phone=phone or "",
                    email=email or "",
                    is_primary=bool(primary),
                )
                sess.flush()
                rows = contact_rows(
                    customer_contacts(sess, scope=current_scope(), customer_id=customer_id)
                )
        except ValidationError as error:
            messages = [
                _message(error.errors[f]) if f in error.errors else "" for f in CONTACT_FIELDS
            ]
            return (no_update, t("note.fix"), True, *messages, no_update)
        except AccessDenied:
            return (no_update, t("field.read_only"), True, *blank, no_update)
        return (False, "", False, *blank, contact_items(t, rows))
