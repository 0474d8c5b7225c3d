"""The wall's "Send statement": open the form, preview the e-mail, send it once."""

from __future__ import annotations

import uuid
from typing import Any

from dash import Dash, Input, Output, Patch, State, ctx, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user

from dashboard import ids
from dashboard.context import PageContext, db_session, page_context, services
from dashboard.messaging.defaults import tone_for
from dashboard.messaging.service import (
    MessageError,
    Sender,
    StatementRequest,
    message_language,
    prepare_statement,
    send_statement,
    statement_facts,
)
from dashboard.messaging.settings import MailSettings
from dashboard.messaging.transport import transport_for
from dashboard.messaging.view import attachment_rows, recipient_choices, result_view
from dashboard.wall_presenters import timeline_events
from data_access.activity import AccessDenied
from data_access.messages import company_settings, email_contacts
from data_access.receivables import find_customer
from data_access.timeline import timeline
from layouts import message_modal
from layouts.wall_timeline import event_item

ERROR_TARGETS = {"contacts": ids.MESSAGE_CONTACTS, "other_addresses": ids.MESSAGE_OTHER}


def sender_for(c: PageContext) -> Sender:
    """The signed-in user and this installation's settings, for composing and sending."""
    settings = services().settings
    return Sender(
        scope=c.scope,
        user_id=int(current_user.get_id()),
        today=c.today,
        currency=c.currency,
        buckets=c.buckets,
        company_name=c.company,
        mail=settings.mail or MailSettings(),
        default_language=settings.default_locale or "es",
    )


def _customer_id(sess: Any, code: str, c: PageContext) -> int:
    found = find_customer(sess, code, scope=c.scope)
    if found is None:
        raise AccessDenied(code)
    return found.id


def _request(code_id: int, form: dict[str, Any]) -> StatementRequest:
    return StatementRequest(
        customer_id=code_id,
        contact_ids=tuple(int(x) for x in form.get("contacts") or [] if str(x).isdigit()),
        other_addresses=str(form.get("other") or ""),
        overdue_only=form.get("scope") != "open",
        tone=None if form.get("tone") in (None, "", "auto") else str(form["tone"]),
        language=form.get("language") or None,
    )


def open_form(code: str, c: PageContext) -> tuple[Any, ...]:
    """Fresh token, the contacts to choose from, the customer's language, outbox or not."""
    sender = sender_for(c)
    with db_session() as sess:
        customer_id = _customer_id(sess, code, c)
        contacts = email_contacts(
            sess, scope=c.scope, user_id=sender.user_id, customer_id=customer_id
        )
        customer = find_customer(sess, code, scope=c.scope)
        default = company_settings(sess).get("default_language") or sender.default_language
        language = message_language(customer, None, default)  # type: ignore[arg-type]
    options, ticked, left_out = recipient_choices(contacts, c.t)
    note = " ".join(left_out) if options else " ".join([c.t("message.no_contacts"), *left_out])
    return (True, uuid.uuid4().hex, options, ticked, note, language, sender.mail.smtp is None)


def preview(code: str, form: dict[str, Any], c: PageContext) -> tuple[Any, ...]:
    """Subject, HTML, attachments and the automatic tone; or the reason there is none."""
    sender = sender_for(c)
    with db_session() as sess:
        customer_id = _customer_id(sess, code, c)
        request = _request(customer_id, form)
        customer = find_customer(sess, code, scope=c.scope)
        facts = statement_facts(sess, customer, sender, overdue_only=request.overdue_only)  # type: ignore[arg-type]
        auto = tone_for(facts.oldest_days, sender.mail.tone_days)
        try:
            composed = prepare_statement(sess, request, sender)
        except MessageError as error:
            tones = message_modal.tone_options(c.t, auto)
            return "", "", "", c.t(f"message.error.{error.key}", **error.values), True, tones
    files = message_modal.attachment_list(c.t, attachment_rows(composed, c.language))
    tones = message_modal.tone_options(c.t, auto)
    return composed.subject, composed.html, files, "", False, tones


def send(code: str, token: str, form: dict[str, Any], c: PageContext) -> tuple[Any, ...]:
    """Send once per token; the result, field errors and the new timeline entry."""
    sender = sender_for(c)
    transport = transport_for(sender.mail, services().settings.instance_path)
    errors = {target: "" for target in ERROR_TARGETS.values()}
    try:
        with db_session() as sess:
            customer_id = _customer_id(sess, code, c)
            request = _request(customer_id, form)
            message, fresh = send_statement(sess, request, sender, token=token, transport=transport)
            status, error, to = message.status, message.error, message.recipient
            rows = timeline(sess, customer_id, kinds=["message"], limit=1) if fresh else []
    except MessageError as failure:
        text = c.t(f"message.error.{failure.key}", **failure.values)
        if failure.field in ERROR_TARGETS:
            errors[ERROR_TARGETS[failure.field]] = text
        return (text, "danger", True, *errors.values(), no_update)
    except AccessDenied:
        return (c.t("message.error.read_only"), "danger", True, *errors.values(), no_update)
    text, color = result_view(status, error, fresh, to, c.t)
    if not rows:
        return (text, color, True, *errors.values(), no_update)
    events = timeline_events(rows, t=c.t, language=c.language, currency=c.currency)
    patch = Patch()
    patch.prepend(event_item(events[0], c.t))
    return (text, color, True, *errors.values(), patch)


FORM = [
    State(ids.MESSAGE_CONTACTS, "value"),
    State(ids.MESSAGE_OTHER, "value"),
    State(ids.MESSAGE_SCOPE, "value"),
    State(ids.MESSAGE_TONE, "value"),
    State(ids.MESSAGE_LANGUAGE, "value"),
]
FORM_KEYS = ["contacts", "other", "scope", "tone", "language"]


def register(app: Dash) -> None:
    """Open/close, live preview and send (everything re-checked on the server)."""

    @app.callback(
        Output(ids.MESSAGE_MODAL, "is_open"),
        Output(ids.MESSAGE_TOKEN, "data"),
        Output(ids.MESSAGE_CONTACTS, "options"),
        Output(ids.MESSAGE_CONTACTS, "value"),
        Output(f"{ids.MESSAGE_CONTACTS}-note", "children"),
        Output(ids.MESSAGE_LANGUAGE, "value"),
        Output(ids.MESSAGE_OUTBOX_NOTE, "is_open"),
        Output(ids.MESSAGE_RESULT, "is_open"),
        Output(ids.MESSAGE_OTHER, "value"),
        Input(ids.WALL_OPEN_MESSAGE, "n_clicks"),
        Input(ids.MESSAGE_CANCEL, "n_clicks"),
        State(ids.WALL_CUSTOMER, "data"),
        prevent_initial_call=True,
    )
    def toggle_message_modal(_open: int | None, _close: int | None, code: str) -> tuple[Any, ...]:
        if ctx.triggered_id != ids.WALL_OPEN_MESSAGE:
            return (False, *([no_update] * 8))
        try:
            return (*open_form(code, page_context()), False, "")
        except AccessDenied:
            raise PreventUpdate from None

    @app.callback(
        Output(ids.MESSAGE_SUBJECT, "children"),
        Output(ids.MESSAGE_PREVIEW, "srcDoc"),
        Output(ids.MESSAGE_ATTACHMENTS, "children"),
        Output(ids.MESSAGE_PREVIEW_ERROR, "children"),
        Output(ids.MESSAGE_PREVIEW_ERROR, "is_open"),
        Output(ids.MESSAGE_TONE, "options"),
        Input(ids.MESSAGE_MODAL, "is_open"),
        Input(ids.MESSAGE_SCOPE, "value"),
        Input(ids.MESSAGE_TONE, "value"),
        Input(ids.MESSAGE_LANGUAGE, "value"),
        State(ids.WALL_CUSTOMER, "data"),
        prevent_initial_call=True,
    )
    def update_message_preview(
        is_open: bool, scope: str, tone: str, language: str, code: str
    ) -> tuple[Any, ...]:
        if not is_open:
            raise PreventUpdate
        form = {"scope": scope, "tone": tone, "language": language}
        try:
            return preview(code, form, page_context())
        except AccessDenied:
            raise PreventUpdate from None

    @app.callback(
        Output(ids.MESSAGE_RESULT, "children"),
        Output(ids.MESSAGE_RESULT, "color"),
        Output(ids.MESSAGE_RESULT, "is_open", allow_duplicate=True),
        *(Output(f"{target}-error", "children") for target in ERROR_TARGETS.values()),
        Output(ids.WALL_TIMELINE, "children", allow_duplicate=True),
        Input(ids.MESSAGE_SEND, "n_clicks"),
        State(ids.MESSAGE_TOKEN, "data"),
        *FORM,
        State(ids.WALL_CUSTOMER, "data"),
        running=[(Output(ids.MESSAGE_SEND, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def send_message(_clicks: int | None, token: str | None, *values: Any) -> tuple[Any, ...]:
        if not token:
            raise PreventUpdate
        *form_values, code = values
        return send(code, token, dict(zip(FORM_KEYS, form_values, strict=True)), page_context())
