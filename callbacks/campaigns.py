"""The campaigns page (admins and managers): choose a segment, see who gets it and who is
left out, preview, send in the background with a progress bar, resume, retry failures."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import parse_qs

from dash import Dash, Input, Output, State, ctx, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.wall_messages import sender_for
from dashboard import formatting as fmt
from dashboard import ids
from dashboard.campaign_runner import RunSettings, start_campaign
from dashboard.campaign_service import audience, compose_email, compose_sms, new_campaign
from dashboard.campaign_view import (
    campaign_status,
    counts_text,
    duration_text,
    excluded_rows,
    failed_rows,
    progress_label,
    segment_text,
    stored_excluded_rows,
    when_text,
)
from dashboard.campaigns import Segment, SegmentError, parse_segment, progress
from dashboard.context import PageContext, cached, db_session, page_context, services
from dashboard.messaging.service import MessageError
from dashboard.messaging.transport import transport_for
from dashboard.sms_providers import SmsConfig, provider_for
from data_access.activity import AccessDenied, ValidationError, utc_now
from data_access.campaigns import (
    campaign_recipients,
    check_manager,
    get_campaign,
    is_interrupted,
    recent_campaigns,
    recipient_counts,
    retry_failed,
    segment_choices,
)
from layouts import campaigns
from layouts.components import message_page

SEGMENT_INPUTS = [
    State(ids.CAMPAIGNS_BUCKET, "value"),
    State(ids.CAMPAIGNS_TAG, "value"),
    State(ids.CAMPAIGNS_SELLER, "value"),
    State(ids.CAMPAIGNS_COLLECTOR, "value"),
    State(ids.CAMPAIGNS_MIN_BALANCE, "value"),
]
HIDDEN = "d-none"


def run_settings_for(c: PageContext) -> RunSettings:
    """The signed-in user sending with this installation's transports and pace."""
    settings, sender = services().settings, sender_for(c)
    return RunSettings(
        sender=sender,
        transport=transport_for(sender.mail, settings.instance_path),
        sms_provider=provider_for(settings.sms or SmsConfig(), settings.instance_path),
        region=settings.phone_region,
        per_minute=settings.send_rate,
        grace_days=settings.promise_grace_days,
        user_id=sender.user_id,
    )


def _campaign_id(search: str) -> int | None:
    found = parse_qs((search or "").lstrip("?")).get("id", [""])[0]
    return int(found) if found.isdigit() else None


def _bucket_labels(c: PageContext) -> dict[str, str]:
    return dict(campaigns.bucket_options(c.t, c.buckets.boundaries))


def render(params: dict[str, str], c: PageContext) -> Component:
    """The form and the campaigns sent; or one campaign's progress (``?id=``)."""
    campaign_id = _campaign_id(params.get("search", ""))
    if campaign_id is not None:
        return render_detail(campaign_id, c)
    settings = services().settings
    with db_session() as sess:
        choices = segment_choices(sess, scope=c.scope)
        found = recent_campaigns(sess, scope=c.scope)
        counts = recipient_counts(sess, [row.id for row in found])
    rows = [
        campaigns.CampaignRow(
            row.id,
            row.name,
            when_text(row.created_at, c.language),
            c.t(f"campaigns.channel.{row.channel}"),
            campaign_status(row.status, is_interrupted(row, utc_now()), c.t),
            progress_label(progress(counts.get(row.id, {})), c.language),
        )
        for row in found
    ]
    outbox = settings.mail is None or settings.mail.smtp is None
    return campaigns.layout(
        t=c.t,
        token=uuid.uuid4().hex,
        choices=choices,
        buckets=campaigns.bucket_options(c.t, c.buckets.boundaries),
        outbox_note=c.t("campaigns.outbox_note") if outbox else "",
        pace_note=c.t("campaigns.pace", rate=settings.send_rate),
        campaigns=rows,
    )


def render_detail(campaign_id: int, c: PageContext) -> Component:
    """One campaign's page (not found for other roles or unknown ids)."""
    try:
        with db_session() as sess:
            campaign = get_campaign(sess, scope=c.scope, campaign_id=campaign_id)
            left_out = campaign_recipients(sess, campaign.id, statuses=["excluded"])
    except AccessDenied:
        return message_page(c.t("campaigns.not_found"), "")
    rows = stored_excluded_rows(left_out, c.t)
    segment = segment_text(
        Segment.from_json(campaign.segment), c.t, c.language, c.currency, _bucket_labels(c)
    )
    subtitle = c.t(
        "campaigns.detail_subtitle",
        date=when_text(campaign.created_at, c.language),
        channel=c.t(f"campaigns.channel.{campaign.channel}"),
        segment=segment,
    )
    return campaigns.detail(
        t=c.t,
        campaign_id=campaign.id,
        title=campaign.name,
        subtitle=subtitle,
        excluded=campaigns.excluded_table(c.t, rows, max(0, len(left_out) - len(rows))),
    )


def audience_view(values: dict[str, Any], c: PageContext) -> tuple[Any, ...]:
    """Summary, the customers left out, the preview's choices and the send button."""
    try:
        segment = parse_segment(values, buckets=len(c.buckets.keys))
    except SegmentError as error:
        text = c.t("campaigns.bad_segment", field=c.t(f"portfolio.{error.field}"))
        return text, "", [], None, True
    channel, overdue_only = values["channel"], values["documents"] != "open"
    settings, sender = services().settings, sender_for(c)
    key = ("campaign-audience", segment, channel, overdue_only, c.scope, c.today)
    with db_session() as sess:
        found = cached(
            sess,
            key,
            lambda: audience(
                sess,
                segment,
                sender,
                channel=channel,
                overdue_only=overdue_only,
                region=settings.phone_region,
                grace_days=settings.promise_grace_days,
            ),
        )
    included = found.included
    duration = duration_text(len(included), settings.send_rate, c.t, c.language)
    summary = campaigns.audience_summary(c.t, len(included), len(found.excluded), duration)
    rows, more = excluded_rows(found.planned, c.t)
    options = [
        {"label": f"{p.name} ({p.code}) — {p.recipient}", "value": str(p.customer_id)}
        for p in included[:300]
    ]
    first = options[0]["value"] if options else None
    return summary, campaigns.excluded_table(c.t, rows, more), options, first, not included


def preview_view(customer: str | None, values: dict[str, Any], c: PageContext) -> tuple[Any, ...]:
    """The chosen recipient's message: subject and HTML (e-mail) or the text (SMS)."""
    if not customer or not str(customer).isdigit():
        return "", "", ""
    sender = sender_for(c)
    tone = None if values["tone"] in (None, "", "auto") else values["tone"]
    try:
        with db_session() as sess:
            check_manager(c.scope)
            if values["channel"] == "sms":
                return "", "", compose_sms(sess, sender, customer_id=int(customer))
            composed = compose_email(
                sess,
                sender,
                customer_id=int(customer),
                to="",
                tone=tone,
                overdue_only=values["documents"] != "open",
                with_attachments=False,
            )
    except AccessDenied:
        raise PreventUpdate from None
    except MessageError as error:
        return c.t(f"message.error.{error.key}", **error.values), "", ""
    return composed.subject, composed.html, ""


def send(token: str, values: dict[str, Any], c: PageContext) -> tuple[Any, str]:
    """Create the campaign (once per form) and start sending it; go to its progress."""
    settings, sender = services().settings, sender_for(c)
    try:
        check_manager(c.scope)
        segment = parse_segment(values, buckets=len(c.buckets.keys))
        with db_session() as sess:
            campaign, new = new_campaign(
                sess,
                sender,
                name=values.get("name") or "",
                segment=segment,
                channel=values["channel"],
                tone=None if values["tone"] in (None, "", "auto") else values["tone"],
                overdue_only=values["documents"] != "open",
                token=str(token),
                region=settings.phone_region,
                grace_days=settings.promise_grace_days,
            )
            campaign_id = campaign.id
    except AccessDenied:
        return no_update, c.t("campaigns.not_allowed")
    except SegmentError as error:
        return no_update, c.t("campaigns.bad_segment", field=c.t(f"portfolio.{error.field}"))
    except ValidationError as error:
        first = next(iter(error.errors))
        return no_update, c.t(f"campaigns.invalid.{first}")
    if new:
        start_campaign(services().sessions, campaign_id, run_settings_for(c))
    return f"/campaigns?id={campaign_id}", ""


def progress_view(campaign_id: int, c: PageContext) -> tuple[Any, ...]:
    """Bar, label, status, counts, failures, the two buttons' classes, polling off?"""
    try:
        with db_session() as sess:
            campaign = get_campaign(sess, scope=c.scope, campaign_id=campaign_id)
            counts = recipient_counts(sess, [campaign.id])[campaign.id]
            failed = campaign_recipients(sess, campaign.id, statuses=["failed"])
    except AccessDenied:
        raise PreventUpdate from None
    state = progress(counts)
    interrupted = is_interrupted(campaign, utc_now())
    status = campaign_status(campaign.status, interrupted, c.t)
    rows = failed_rows(failed, c.t)
    resume = "" if interrupted else HIDDEN
    retry = "" if rows and campaign.status == "done" else HIDDEN
    label = progress_label(state, c.language)
    finished = campaign.status == "done" or interrupted
    return (
        state.percent,
        f"{state.percent} %",
        f"{status} — {label}",
        counts_text(counts, c.t, c.language),
        campaigns.failed_table(c.t, rows),
        resume,
        retry,
        finished,
    )


def restart(campaign_id: int, retry: bool, c: PageContext) -> str:
    """Resume an interrupted campaign, or retry its failed recipients."""
    try:
        with db_session() as sess:
            campaign = get_campaign(sess, scope=c.scope, campaign_id=campaign_id)
            count = 0
            if retry:
                count = retry_failed(
                    sess, scope=c.scope, user_id=sender_for(c).user_id, campaign_id=campaign.id
                )
    except AccessDenied:
        return c.t("campaigns.not_allowed")
    start_campaign(services().sessions, campaign_id, run_settings_for(c))
    if retry:
        return c.t("campaigns.retrying", count=fmt.number(count, c.language))
    return c.t("campaigns.resuming")


def _values(*args: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    return dict(zip(keys, args, strict=True))


SEGMENT_KEYS = ("bucket", "tag", "seller", "collector", "min_balance")


def register(app: Dash) -> None:
    """The form's audience and preview, sending, and a campaign's progress."""

    @app.callback(
        Output(ids.CAMPAIGNS_SUMMARY, "children"),
        Output(ids.CAMPAIGNS_AUDIENCE_EXCLUDED, "children"),
        Output(ids.CAMPAIGNS_PREVIEW_CUSTOMER, "options"),
        Output(ids.CAMPAIGNS_PREVIEW_CUSTOMER, "value"),
        Output(ids.CAMPAIGNS_SEND, "disabled"),
        Input(ids.CAMPAIGNS_CHANNEL, "value"),
        Input(ids.CAMPAIGNS_DOCUMENTS, "value"),
        *[Input(s.component_id, s.component_property) for s in SEGMENT_INPUTS],
    )
    def update_audience(*args: Any) -> tuple[Any, ...]:
        values = _values(*args, keys=("channel", "documents", *SEGMENT_KEYS))
        return audience_view(values, page_context())

    @app.callback(
        Output(ids.CAMPAIGNS_PREVIEW_SUBJECT, "children"),
        Output(ids.CAMPAIGNS_PREVIEW, "srcDoc"),
        Output(ids.CAMPAIGNS_PREVIEW_TEXT, "children"),
        Input(ids.CAMPAIGNS_PREVIEW_CUSTOMER, "value"),
        Input(ids.CAMPAIGNS_TONE, "value"),
        State(ids.CAMPAIGNS_CHANNEL, "value"),
        State(ids.CAMPAIGNS_DOCUMENTS, "value"),
    )
    def update_campaign_preview(customer: str | None, *args: Any) -> tuple[Any, ...]:
        values = _values(*args, keys=("tone", "channel", "documents"))
        return preview_view(customer, values, page_context())

    @app.callback(
        Output(ids.CAMPAIGNS_URL, "href"),
        Output(ids.CAMPAIGNS_FORM_ERROR, "children"),
        Input(ids.CAMPAIGNS_SEND, "n_clicks"),
        State(ids.CAMPAIGNS_TOKEN, "data"),
        State(ids.CAMPAIGNS_NAME, "value"),
        State(ids.CAMPAIGNS_CHANNEL, "value"),
        State(ids.CAMPAIGNS_TONE, "value"),
        State(ids.CAMPAIGNS_DOCUMENTS, "value"),
        *SEGMENT_INPUTS,
        prevent_initial_call=True,
    )
    def save_campaign(clicks: int | None, token: str, *args: Any) -> tuple[Any, str]:
        if not clicks:
            raise PreventUpdate
        values = _values(*args, keys=("name", "channel", "tone", "documents", *SEGMENT_KEYS))
        return send(token, values, page_context())

    @app.callback(
        Output(ids.CAMPAIGNS_PROGRESS, "value"),
        Output(ids.CAMPAIGNS_PROGRESS, "label"),
        Output(ids.CAMPAIGNS_STATUS, "children"),
        Output(ids.CAMPAIGNS_COUNTS, "children"),
        Output(ids.CAMPAIGNS_FAILED, "children"),
        Output(ids.CAMPAIGNS_RESUME, "className"),
        Output(ids.CAMPAIGNS_RETRY, "className"),
        Output(ids.CAMPAIGNS_POLL, "disabled"),
        Input(ids.CAMPAIGNS_POLL, "n_intervals"),
        State(ids.CAMPAIGNS_ID, "data"),
    )
    def update_progress(_ticks: int | None, campaign_id: int) -> tuple[Any, ...]:
        return progress_view(int(campaign_id), page_context())

    @app.callback(
        Output(ids.CAMPAIGNS_ACTION_MESSAGE, "children"),
        Output(ids.CAMPAIGNS_POLL, "disabled", allow_duplicate=True),
        Input(ids.CAMPAIGNS_RESUME, "n_clicks"),
        Input(ids.CAMPAIGNS_RETRY, "n_clicks"),
        State(ids.CAMPAIGNS_ID, "data"),
        prevent_initial_call=True,
    )
    def restart_campaign(
        _resume: int | None, _retry: int | None, campaign_id: int
    ) -> tuple[str, bool]:
        if not ctx.triggered_id:
            raise PreventUpdate
        retry = ctx.triggered_id == ids.CAMPAIGNS_RETRY
        return restart(int(campaign_id), retry, page_context()), False
