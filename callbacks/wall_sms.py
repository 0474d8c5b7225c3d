"""The wall's SMS modal: open (new idempotency token), prefill, count per keystroke, send."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, Patch, State, ctx, html, no_update
from flask_login import current_user

from dashboard import ids
from dashboard.context import PageContext, db_session, page_context, services
from dashboard.sms_providers import SmsConfig, provider_for
from dashboard.sms_service import (
    Outcome,
    SmsRefused,
    SmsRequest,
    send_sms,
    shown_phone,
    sms_form,
)
from dashboard.wall_presenters import timeline_events
from dashboard.wall_service import assignable_users
from data_access.activity import READ_ONLY_MESSAGE, AccessDenied
from data_access.receivables import find_customer
from data_access.timeline import timeline
from layouts import sms_modal
from layouts.wall_timeline import event_item


def _config() -> SmsConfig:
    return services().settings.sms or SmsConfig()


def form_data(code: str, c: PageContext) -> dict[str, Any]:
    """What the modal offers for ``code``: per audience its options, choice and texts."""
    region = services().settings.phone_region
    with db_session() as sess:
        form = sms_form(
            sess,
            code,
            scope=c.scope,
            region=region,
            as_of=c.today,
            currency=c.currency,
            company=c.company,
        )
    data: dict[str, Any] = {}
    for audience in ("contacts", "seller"):
        kind = "contact" if audience == "contacts" else "seller"
        mine = [asdict(x) | {"region": region, "shown": shown_phone(x.e164)} for x in form.choices]
        mine = [x for x in mine if x["kind"] == kind]
        usable = [x for x in mine if not x["problem"]]
        data[audience] = {
            "options": sms_modal.recipient_options(c.t, mine),
            "value": [str(x["key"]) for x in usable[:1]],
            "texts": form.drafts[audience],
            "note": "" if usable else c.t(f"sms.none.{audience}"),
        }
    return data


def _outcome_line(outcome: Outcome, c: PageContext) -> str:
    status = c.t(f"sms.status.{outcome.status}", error=outcome.error)
    line = c.t("sms.result", name=outcome.name, phone=shown_phone(outcome.phone), status=status)
    return line if outcome.new else f"{line} {c.t('sms.duplicate')}"


def _color(outcomes: list[Outcome]) -> str:
    statuses = {outcome.status for outcome in outcomes}
    if "failed" in statuses:
        return "danger"
    return "success" if statuses <= {"sent"} else "warning"


def _new_events(code: str, outcomes: list[Outcome], c: PageContext) -> Any:
    """A patch prepending the messages this send created to the timeline."""
    fresh = sum(outcome.new for outcome in outcomes)
    if not fresh:
        return no_update
    with db_session() as sess:
        found = find_customer(sess, code, scope=c.scope)
        if found is None:
            return no_update
        rows = timeline(sess, found.id, kinds=["message"], limit=fresh)
        users = assignable_users(sess)
    events = timeline_events(rows, t=c.t, language=c.language, currency=c.currency)
    patch = Patch()
    for event in reversed(events):
        patch.prepend(event_item(event, c.t, users))
    return patch


def send(request: SmsRequest, c: PageContext) -> tuple[list[str], str, list[Outcome]]:
    """Send for the signed-in user; returns the lines to show, their colour, the outcomes."""
    settings = services().settings
    try:
        outcomes = send_sms(
            db_session,
            provider_for(_config(), settings.instance_path),
            request,
            scope=c.scope,
            user_id=int(current_user.get_id()),
            region=settings.phone_region,
        )
    except SmsRefused as refused:
        lines = [c.t(f"sms.{p.key}", **dict(p.values)) for p in refused.problems]
        return [c.t("sms.error.title"), *lines], "danger", []
    except AccessDenied as denied:
        if str(denied) == READ_ONLY_MESSAGE:
            return [c.t("sms.error.read_only")], "danger", []
        return [c.t("error.customer_not_found", code=request.code)], "danger", []
    return [_outcome_line(outcome, c) for outcome in outcomes], _color(outcomes), outcomes


def register(app: Dash) -> None:
    """Open, prefill, count (in the browser), send (the server re-checks everything)."""

    @app.callback(
        Output(ids.SMS_MODAL, "is_open"),
        Output(ids.SMS_TOKEN, "data"),
        Output(ids.SMS_FORM, "data"),
        Output(ids.SMS_NOTICE, "children"),
        Output(ids.SMS_RESULT, "is_open"),
        Output(ids.SMS_SEND, "disabled", allow_duplicate=True),
        Output(ids.SMS_LANGUAGE, "value"),
        Input(ids.WALL_OPEN_SMS, "n_clicks"),
        Input(ids.SMS_CANCEL, "n_clicks"),
        State(ids.WALL_CUSTOMER, "data"),
        prevent_initial_call=True,
    )
    def toggle_sms_modal(_open: int | None, _close: int | None, code: str) -> tuple[Any, ...]:
        if ctx.triggered_id != ids.WALL_OPEN_SMS:
            return False, *([no_update] * 6)
        c = page_context()
        try:
            data = form_data(code, c)
        except AccessDenied:
            return False, *([no_update] * 6)
        config = _config()
        notice = sms_modal.notice(c.t, provider=config.provider, sends=config.sends)
        return True, secrets.token_urlsafe(24), data, notice, False, False, c.language

    @app.callback(
        Output(ids.SMS_RECIPIENTS, "options"),
        Output(ids.SMS_RECIPIENTS, "value"),
        Output(ids.SMS_TEXT, "value"),
        Output(ids.SMS_RECIPIENTS_NOTE, "children"),
        Input(ids.SMS_FORM, "data"),
        Input(ids.SMS_AUDIENCE, "value"),
        Input(ids.SMS_LANGUAGE, "value"),
        prevent_initial_call=True,
    )
    def fill_sms(form: dict[str, Any] | None, audience: str, language: str) -> tuple[Any, ...]:
        part = (form or {}).get(audience)
        if not part:
            return [], [], "", ""
        return part["options"], part["value"], part["texts"].get(language, ""), part["note"]

    app.clientside_callback(
        ClientsideFunction(namespace="cartera_sms", function_name="counter"),
        Output(ids.SMS_COUNTER, "children"),
        Output(ids.SMS_HINT, "children"),
        Input(ids.SMS_TEXT, "value"),
        State(ids.SMS_LABELS, "data"),
    )

    app.clientside_callback(  # a second click while the first is on its way does nothing
        "function (clicks) { return true; }",
        Output(ids.SMS_SEND, "disabled", allow_duplicate=True),
        Input(ids.SMS_SEND, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.SMS_RESULT, "children"),
        Output(ids.SMS_RESULT, "color"),
        Output(ids.SMS_RESULT, "is_open", allow_duplicate=True),
        Output(ids.SMS_SEND, "disabled"),
        Output(ids.WALL_TIMELINE, "children", allow_duplicate=True),
        Input(ids.SMS_SEND, "n_clicks"),
        State(ids.WALL_CUSTOMER, "data"),
        State(ids.SMS_TOKEN, "data"),
        State(ids.SMS_AUDIENCE, "value"),
        State(ids.SMS_RECIPIENTS, "value"),
        State(ids.SMS_TEXT, "value"),
        prevent_initial_call=True,
    )
    def send_sms_form(
        _clicks: int | None,
        code: str,
        token: str | None,
        audience: str,
        keys: list[str] | None,
        text: str | None,
    ) -> tuple[Any, ...]:
        c = page_context()
        request = SmsRequest(code, token or "", audience, keys or [], text or "")
        lines, color, outcomes = send(request, c)
        children = [html.Div(line) for line in lines]
        return children, color, True, bool(outcomes), _new_events(code, outcomes, c)
