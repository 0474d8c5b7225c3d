"""The reminder sequences page (admins and managers): the levels and a form to change
them, what is due today (a dry run) and the reminders sent lately."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, ctx
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.campaigns import run_settings_for
from dashboard import formatting as fmt
from dashboard import ids
from dashboard.campaign_view import (
    as_form_values,
    level_days_text,
    reason_text,
    segment_text,
)
from dashboard.campaigns import ANY, Segment, SegmentError, parse_segment
from dashboard.context import PageContext, db_session, page_context
from dashboard.reminder_service import plan_reminders
from data_access.activity import AccessDenied, ValidationError
from data_access.campaigns import check_manager, segment_choices
from data_access.models import ReminderLevel
from data_access.reminders import delete_level, recent_sends, reminder_levels, save_level
from layouts import campaigns as campaign_layout
from layouts import reminders

FORM = (
    "name",
    "days",
    "channel",
    "tone",
    "active",
    "bucket",
    "tag",
    "seller",
    "collector",
    "min_balance",
)
SHOWN = 300


def render(_params: dict[str, str], c: PageContext) -> Component:
    """The levels, the form, today's reminders and the latest sent."""
    with db_session() as sess:
        choices = segment_choices(sess, scope=c.scope)
    return reminders.layout(
        t=c.t,
        choices=choices,
        buckets=campaign_layout.bucket_options(c.t, c.buckets.boundaries),
        today=fmt.date(c.today, c.language),
    )


def _level_rows(levels: list[ReminderLevel], c: PageContext) -> list[list[str]]:
    labels = dict(campaign_layout.bucket_options(c.t, c.buckets.boundaries))
    return [
        [
            level_days_text(level.days, c.t),
            level.name,
            segment_text(Segment.from_json(level.segment), c.t, c.language, c.currency, labels),
            c.t(f"campaigns.channel.{level.channel}"),
            c.t(f"message.tone.{level.tone or 'auto'}"),
            c.t("reminders.yes" if level.active else "reminders.no"),
        ]
        for level in levels
    ]


def tables(c: PageContext) -> tuple[Any, ...]:
    """Levels, today's reminders (dry run), the latest sent and the form's level choices."""
    check_manager(c.scope)
    run = run_settings_for(c)
    with db_session() as sess:
        levels = reminder_levels(sess)
        planned = plan_reminders(sess, run.sender, region=run.region, grace_days=run.grace_days)
        sent = recent_sends(sess, scope=c.scope)
    money = lambda value: fmt.money(value, c.currency, c.language)  # noqa: E731
    due = [
        [
            p.code,
            p.name,
            level_days_text(p.due.level.days, c.t),
            " ".join(i.number for i, _ in p.due.invoices),
            money(p.due.amount),
            p.recipient,
            c.t("reminders.would_send")
            if p.reason is None
            else c.t("reminders.paused", reason=reason_text(p.reason, c.t)),
        ]
        for p in planned[:SHOWN]
    ]
    last = [
        [
            fmt.date(row.as_of, c.language, style="short"),
            row.code,
            row.name,
            level_days_text(row.level_days, c.t),
            str(row.documents),
            money(row.amount),
            row.recipient,
            c.t(f"message.status.{row.status}")
            if row.status != "skipped"
            else c.t("reminders.skipped"),
        ]
        for row in sent.itertuples(index=False)
    ]
    options = [{"label": c.t("reminders.new_level"), "value": "new"}] + [
        {"label": f"{level_days_text(lv.days, c.t)} {lv.name}".strip(), "value": str(lv.id)}
        for lv in levels
    ]
    return (
        reminders.table(
            c.t,
            ["days", "name", "segment", "channel", "tone", "active"],
            _level_rows(levels, c),
            c.t("reminders.no_levels"),
        ),
        reminders.table(
            c.t,
            ["code", "customer", "level", "invoices", "amount", "recipient", "status"],
            due,
            c.t("reminders.nothing_due"),
        ),
        reminders.table(
            c.t,
            ["date", "code", "customer", "level", "invoices", "amount", "recipient", "status"],
            last,
            c.t("reminders.none_sent"),
        ),
        options,
    )


def level_values(level_id: str | None) -> tuple[Any, ...]:
    """The form's values for a stored level, or a new one's defaults."""
    c = page_context()
    check_manager(c.scope)
    with db_session() as sess:
        level = sess.get(ReminderLevel, int(str(level_id))) if str(level_id).isdigit() else None
    if level is None:
        return ("", None, "email", "auto", True, ANY, ANY, ANY, ANY, None)
    seg = as_form_values(Segment.from_json(level.segment))
    return (
        level.name,
        level.days,
        level.channel,
        level.tone or "auto",
        level.active,
        seg["bucket"],
        seg["tag"],
        seg["seller"],
        seg["collector"],
        seg["min_balance"],
    )


def _whole(value: object) -> int | None:
    """A whole number from a number input (None when it is not one)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if float(value).is_integer() else None


def save(level_id: str | None, values: dict[str, Any], delete: bool, c: PageContext) -> str:
    """Save the form as a level (or delete the chosen one); the message to show."""
    user_id = int(c.scope.user_id or 0)
    chosen = int(str(level_id)) if str(level_id).isdigit() else None
    try:
        with db_session() as sess:
            if delete:
                if chosen is None:
                    return c.t("reminders.choose_level")
                delete_level(sess, scope=c.scope, user_id=user_id, level_id=chosen)
                return c.t("reminders.deleted")
            segment = parse_segment(values, buckets=len(c.buckets.keys))
            save_level(
                sess,
                scope=c.scope,
                user_id=user_id,
                name=values.get("name") or "",
                days=_whole(values.get("days")),
                segment=segment.to_json(),
                channel=values.get("channel") or "",
                tone=None if values.get("tone") in (None, "", "auto") else values["tone"],
                active=bool(values.get("active")),
                level_id=chosen,
            )
    except AccessDenied:
        return c.t("campaigns.not_allowed")
    except SegmentError as error:
        return c.t("campaigns.bad_segment", field=c.t(f"portfolio.{error.field}"))
    except ValidationError as error:
        field, problem = next(iter(error.errors.items()))
        return c.t(
            f"reminders.invalid.{field}.{problem}"
            if field == "level"
            else f"reminders.invalid.{field}"
        )
    return c.t("reminders.saved")


def register(app: Dash) -> None:
    """Tables, the form's load and save."""

    @app.callback(
        Output(ids.REMINDERS_LEVELS, "children"),
        Output(ids.REMINDERS_DUE, "children"),
        Output(ids.REMINDERS_SENT, "children"),
        Output(ids.REMINDERS_LEVEL, "options"),
        Input(ids.REMINDERS_REFRESH, "data"),
    )
    def update_tables(_refresh: int) -> tuple[Any, ...]:
        try:
            return tables(page_context())
        except AccessDenied:
            raise PreventUpdate from None

    @app.callback(
        *[Output(getattr(ids, f"REMINDERS_{key.upper()}"), "value") for key in FORM],
        Input(ids.REMINDERS_LEVEL, "value"),
    )
    def load_level(level_id: str | None) -> tuple[Any, ...]:
        try:
            return level_values(level_id)
        except AccessDenied:
            raise PreventUpdate from None

    @app.callback(
        Output(ids.REMINDERS_MESSAGE, "children"),
        Output(ids.REMINDERS_REFRESH, "data"),
        Input(ids.REMINDERS_SAVE, "n_clicks"),
        Input(ids.REMINDERS_DELETE, "n_clicks"),
        State(ids.REMINDERS_LEVEL, "value"),
        *[State(getattr(ids, f"REMINDERS_{key.upper()}"), "value") for key in FORM],
        State(ids.REMINDERS_REFRESH, "data"),
        prevent_initial_call=True,
    )
    def save_level_form(
        _save: Any, _delete: Any, level_id: str | None, *args: Any
    ) -> tuple[str, int]:
        if not ctx.triggered_id:
            raise PreventUpdate
        values = dict(zip(FORM, args[:-1], strict=True))
        message = save(level_id, values, ctx.triggered_id == ids.REMINDERS_DELETE, page_context())
        return message, int(args[-1] or 0) + 1
