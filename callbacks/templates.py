"""The templates page (admins): statement e-mail per tone and language, live preview on a
real customer, and the company details the e-mails quote."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask_login import current_user

from callbacks.wall_messages import sender_for
from dashboard import formatting as fmt
from dashboard import ids
from dashboard.context import PageContext, db_session, page_context
from dashboard.messaging.defaults import TemplateText
from dashboard.messaging.placeholders import PLACEHOLDERS, TemplateError, check_template
from dashboard.messaging.service import (
    MessageError,
    StatementRequest,
    prepare_statement,
    statement_template,
)
from dashboard.messaging.view import problem_texts
from data_access.activity import AccessDenied, ValidationError
from data_access.messages import (
    COMPANY_KEYS,
    company_settings,
    preview_customers,
    reset_template,
    save_company_settings,
    save_template,
    saved_templates,
)
from data_access.models import User
from layouts import templates


def render(_params: dict[str, str], c: PageContext) -> Component:
    """The editor, the preview and the company details."""
    mail = sender_for(c).mail
    with db_session() as sess:
        customers = preview_customers(sess, scope=c.scope)
        company = company_settings(sess)
    friendly, concern = mail.tone_days
    return templates.layout(
        t=c.t,
        intro=c.t("templates.intro", friendly=friendly, concern=concern),
        placeholders=list(PLACEHOLDERS),
        customers=[(str(cid), f"{name} ({code})") for cid, code, name in customers],
        company_keys=list(COMPANY_KEYS),
        company=company,
    )


def _state(sess: Any, tone: str, language: str, c: PageContext) -> str:
    row = saved_templates(sess).get((tone, language))
    if row is None:
        return c.t("templates.default")
    user = sess.get(User, row.updated_by_id) if row.updated_by_id else None
    name = (user.full_name or user.username) if user else "—"
    return c.t("templates.edited", user=name, date=fmt.date(row.updated_at.date(), c.language))


def live_preview(
    customer: str | None, tone: str, language: str, subject: str, body: str, c: PageContext
) -> tuple[Any, ...]:
    """Problems of the template, or the e-mail it makes for ``customer``."""
    try:
        check_template(subject or "", body or "")
    except TemplateError as error:
        return "\n".join(problem_texts(error.problems, c.t)), True, "", ""
    if not customer or not str(customer).isdigit():
        return "", False, "", ""
    sender, template = sender_for(c), TemplateText(subject, body)
    try:
        with db_session() as sess:
            for overdue_only in (True, False):  # a customer with nothing overdue: all open
                request = StatementRequest(
                    int(customer), overdue_only=overdue_only, tone=tone, language=language
                )
                try:
                    composed = prepare_statement(
                        sess, request, sender, with_attachments=False, template=template
                    )
                    break
                except MessageError:
                    continue
            else:
                return "", False, "", ""
    except AccessDenied:
        raise PreventUpdate from None
    return "", False, composed.subject, composed.html


def register(app: Dash) -> None:
    """Load, preview, save and reset templates; save the company details."""

    @app.callback(
        Output(ids.TEMPLATES_SUBJECT, "value"),
        Output(ids.TEMPLATES_BODY, "value"),
        Output(ids.TEMPLATES_STATE, "children"),
        Input(ids.TEMPLATES_TONE, "value"),
        Input(ids.TEMPLATES_LANGUAGE, "value"),
        Input(ids.TEMPLATES_REFRESH, "data"),
    )
    def load_template(tone: str, language: str, _refresh: int) -> tuple[str, str, str]:
        c = page_context()
        with db_session() as sess:
            text = statement_template(sess, tone, language)
            state = _state(sess, tone, language, c)
        return text.subject, text.body, state

    @app.callback(
        Output(ids.TEMPLATES_PROBLEMS, "children"),
        Output(ids.TEMPLATES_PROBLEMS, "is_open"),
        Output(ids.TEMPLATES_PREVIEW_SUBJECT, "children"),
        Output(ids.TEMPLATES_PREVIEW, "srcDoc"),
        Input(ids.TEMPLATES_CUSTOMER, "value"),
        Input(ids.TEMPLATES_SUBJECT, "value"),
        Input(ids.TEMPLATES_BODY, "value"),
        State(ids.TEMPLATES_TONE, "value"),
        State(ids.TEMPLATES_LANGUAGE, "value"),
    )
    def update_template_preview(
        customer: str | None, subject: str | None, body: str | None, tone: str, language: str
    ) -> tuple[Any, ...]:
        if subject is None or body is None:
            raise PreventUpdate
        return live_preview(customer, tone, language, subject, body, page_context())

    @app.callback(
        Output(ids.TEMPLATES_MESSAGE, "children"),
        Output(ids.TEMPLATES_STATE, "children", allow_duplicate=True),
        Output(ids.TEMPLATES_REFRESH, "data"),
        Input(ids.TEMPLATES_SAVE, "n_clicks"),
        Input(ids.TEMPLATES_RESET, "n_clicks"),
        State(ids.TEMPLATES_TONE, "value"),
        State(ids.TEMPLATES_LANGUAGE, "value"),
        State(ids.TEMPLATES_SUBJECT, "value"),
        State(ids.TEMPLATES_BODY, "value"),
        State(ids.TEMPLATES_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def save_template_form(
        _save: int | None,
        _reset: int | None,
        tone: str,
        language: str,
        subject: str | None,
        body: str | None,
        refresh: int,
    ) -> tuple[Any, ...]:
        c, user_id = page_context(), int(current_user.get_id())
        common: dict[str, Any] = {
            "scope": c.scope,
            "user_id": user_id,
            "tone": tone,
            "language": language,
        }
        try:
            with db_session() as sess:
                if ctx.triggered_id == ids.TEMPLATES_RESET:
                    reset_template(sess, **common)
                    return c.t("templates.was_reset"), no_update, (refresh or 0) + 1
                check_template(subject or "", body or "")
                save_template(sess, **common, subject=subject or "", body=body or "")
                sess.flush()
                state = _state(sess, tone, language, c)
        except TemplateError as error:
            return (
                " ".join([c.t("templates.fix"), *problem_texts(error.problems, c.t)]),
                no_update,
                no_update,
            )
        except (AccessDenied, ValidationError):
            return c.t("message.error.read_only"), no_update, no_update
        return c.t("templates.saved"), state, no_update

    @app.callback(
        Output(ids.TEMPLATES_COMPANY_MESSAGE, "children"),
        Input(ids.TEMPLATES_COMPANY_SAVE, "n_clicks"),
        State(ids.company_field(ALL), "value"),
        State(ids.company_field(ALL), "id"),
        prevent_initial_call=True,
    )
    def save_company(
        _clicks: int | None, values: list[Any], field_ids: list[dict[str, Any]]
    ) -> str:
        c = page_context()
        given = {
            str(f["key"]): value if isinstance(value, str) else ""
            for f, value in zip(field_ids, values, strict=True)
        }
        try:
            with db_session() as sess:
                save_company_settings(
                    sess, scope=c.scope, user_id=int(current_user.get_id()), values=given
                )
        except ValidationError as error:
            problems = [
                c.t(
                    "templates.company_bad",
                    field=c.t(f"templates.company.{key}"),
                    reason=_reason(reason, c),
                )
                for key, reason in error.errors.items()
                if f"templates.company.{key}" in _KNOWN
            ]
            return c.t("templates.company_fix", problems="; ".join(problems))
        except AccessDenied:
            return c.t("message.error.read_only")
        return c.t("templates.company_saved")


_KNOWN = {f"templates.company.{key}" for key in COMPANY_KEYS}


def _reason(key: str, c: PageContext) -> str:
    try:
        return c.t(f"field.{key}")
    except KeyError:
        return key
