"""Send a campaign: in a background thread, at a steady pace, resumable after a crash.

Everything the run needs to know is in the database, not in memory: the recipients
still ``pending``, and each message claimed under the key
``campaign:<campaign id>:customer:<customer id>`` (see
:func:`dashboard.messaging.service.deliver`). So a run can stop anywhere - the
process killed, the server restarted - and :func:`run_campaign` started again (the
page's "Resume") carries on with the recipients still pending; a customer whose
message was already claimed is never sent a second one. One recipient at a time:

1. say the runner is alive (if another runner took the campaign over, stop);
2. compose the message from today's data and deliver it once under its key
   (the claim and the result are committed by ``deliver``);
3. record the outcome on the recipient and commit.

A customer found with nothing to send when its turn comes (it paid meanwhile) is
left out then (``skipped``). When the run starts, customers that since got a dispute
or a pending promise are left out too. "Retry failed" puts the failed recipients
back to ``pending``; their messages are the only ones ``deliver`` sends again.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from dashboard.campaign_service import compose_email, compose_sms, pending_promises
from dashboard.campaigns import Throttle
from dashboard.messaging.service import MessageError, Sender, deliver
from dashboard.messaging.transport import Transport
from dashboard.sms_providers import OutgoingSms, SmsProvider
from data_access.activity import AccessDenied
from data_access.campaigns import (
    claim_run,
    disputed_customers,
    heartbeat,
    next_pending,
    record_outcome,
    release_run,
)
from data_access.db import session_scope
from data_access.messages import reclaim_failed
from data_access.models import Campaign, CampaignRecipient, Message
from data_access.sms_log import claim_sms, finish_sms

log = logging.getLogger(__name__)
BEAT_EVERY = 20.0  # seconds: the longest wait between two heartbeats while pacing
SMS_PREVIEW = 80


@dataclass(frozen=True)
class RunSettings:
    """What a run sends with: who, through what, how fast."""

    sender: Sender
    transport: Transport
    sms_provider: SmsProvider | None = None
    region: str = "US"
    per_minute: int = 30
    grace_days: int = 0
    user_id: int | None = None  # recorded as the messages' sender (None: the system)


def campaign_key(campaign_id: int, customer_id: int) -> str:
    """The dedupe key of a campaign's message to a customer."""
    return f"campaign:{campaign_id}:customer:{customer_id}"


def deliver_sms(
    session: Session,
    *,
    customer_id: int,
    to: str,
    text: str,
    dedupe_key: str,
    provider: SmsProvider,
    user_id: int | None,
) -> Message:
    """Send an SMS once for ``dedupe_key`` (commits the claim, then the result).

    Like :func:`dashboard.messaging.service.deliver`: a second call returns the first
    message, and only a failed one is sent again.
    """
    preview = text if len(text) <= SMS_PREVIEW else text[: SMS_PREVIEW - 1].rstrip() + "…"
    claim = claim_sms(
        session,
        customer_id=customer_id,
        seller_id=None,
        recipient=to,
        subject=preview,
        body=text,
        dedupe_key=dedupe_key,
        user_id=user_id,  # type: ignore[arg-type]  # NULL: sent by the system
    )
    message = session.get(Message, claim.message_id)
    if message is None:  # pragma: no cover - a claim always has its row
        raise RuntimeError(f"message {claim.message_id} vanished")
    mine = claim.new or (message.status == "failed" and reclaim_failed(session, message))
    if not mine:
        return message
    message.recipient, message.body, message.subject = to, text, preview
    session.commit()
    result = provider.send(OutgoingSms(message.id, to, text))
    finish_sms(
        session,
        message_id=message.id,
        status=result.status,
        error=result.error,
        provider=provider.name,
        provider_id=result.provider_id,
        user_id=user_id,
    )
    session.commit()
    return message


def send_to_customer(
    session: Session,
    run: RunSettings,
    *,
    customer_id: int,
    to: str,
    channel: str,
    dedupe_key: str,
    tone: str | None = None,
    overdue_only: bool = True,
    kind: str = "campaign",
) -> Message:
    """Compose one customer's statement e-mail or SMS and deliver it, never twice per key.

    Shared by campaigns and reminder sequences. Commits (the delivery's claim, then
    its outcome).

    Raises:
        MessageError: nothing to send (e.g. nothing overdue) or no valid address.
        AccessDenied: the customer is gone.
    """
    if channel == "sms":
        if run.sms_provider is None:
            raise RuntimeError("no SMS provider")
        text = compose_sms(session, run.sender, customer_id=customer_id)
        return deliver_sms(
            session,
            customer_id=customer_id,
            to=to,
            text=text,
            dedupe_key=dedupe_key,
            provider=run.sms_provider,
            user_id=run.user_id,
        )
    composed = compose_email(
        session,
        run.sender,
        customer_id=customer_id,
        to=to,
        tone=tone,
        overdue_only=overdue_only,
        kind=kind,
    )
    return deliver(
        session, composed, dedupe_key=dedupe_key, transport=run.transport, user_id=run.user_id
    )


def _send_one(
    session: Session, campaign: Campaign, recipient: CampaignRecipient, run: RunSettings
) -> None:
    """Deliver one recipient's message and record the outcome (commits)."""
    try:
        message = send_to_customer(
            session,
            run,
            customer_id=recipient.customer_id,
            to=recipient.recipient,
            channel=campaign.channel,
            dedupe_key=campaign_key(campaign.id, recipient.customer_id),
            tone=campaign.tone,
            overdue_only=campaign.overdue_only,
        )
    except MessageError as error:
        record_outcome(session, recipient, status="excluded", reason=error.key)
    except AccessDenied:
        record_outcome(session, recipient, status="excluded", reason="not_found")
    else:
        record_outcome(
            session, recipient, status=message.status, error=message.error, message_id=message.id
        )
    session.commit()


def refresh_exclusions(session: Session, campaign: Campaign, run: RunSettings) -> int:
    """Leave out pending customers that got a dispute or a pending promise; how many."""
    pending = list(
        session.scalars(
            select(CampaignRecipient).where(
                CampaignRecipient.campaign_id == campaign.id,
                CampaignRecipient.status == "pending",
            )
        )
    )
    if not pending:
        return 0
    ids = [row.customer_id for row in pending]
    chosen = select(CampaignRecipient.customer_id).where(
        CampaignRecipient.campaign_id == campaign.id, CampaignRecipient.status == "pending"
    )
    disputed = disputed_customers(session, chosen, as_of=run.sender.today)
    promised = pending_promises(session, run.sender, ids, grace_days=run.grace_days)
    count = 0
    for row in pending:
        reason = (
            "disputed"
            if row.customer_id in disputed
            else "promise"
            if row.customer_id in promised
            else None
        )
        if reason:
            record_outcome(session, row, status="excluded", reason=reason)
            count += 1
    return count


def _pace(
    sessions: sessionmaker[Session],
    campaign_id: int,
    runner: str,
    delay: float,
    sleep: Callable[[float], None],
) -> bool:
    """Wait ``delay`` seconds, saying the runner is alive meanwhile; False if it lost."""
    while delay > 0:
        step = min(delay, BEAT_EVERY)
        sleep(step)
        delay -= step
        with session_scope(sessions) as sess:
            if not heartbeat(sess, campaign_id, runner):
                return False
    return True


def run_campaign(
    sessions: sessionmaker[Session],
    campaign_id: int,
    run: RunSettings,
    *,
    runner: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    stop: threading.Event | None = None,
) -> str:
    """Send the campaign's pending recipients; how it ended.

    Returns:
        ``done`` (nothing pending), ``busy`` (a live runner holds it, or it is not
        sending), ``stopped`` (``stop`` was set) or ``lost`` (another runner took it).
    """
    runner = runner or secrets.token_hex(8)
    with session_scope(sessions) as sess:
        if not claim_run(sess, campaign_id, runner):
            return "busy"
        campaign = sess.get(Campaign, campaign_id)
        assert campaign is not None
        refresh_exclusions(sess, campaign, run)
    throttle, last = Throttle(run.per_minute), None
    while True:
        with sessions() as sess:
            campaign = sess.get(Campaign, campaign_id)
            batch = next_pending(sess, campaign_id) if campaign else []
            for recipient in batch:
                if stop is not None and stop.is_set():
                    _release(sessions, campaign_id, runner)
                    return "stopped"
                if not _pace(sessions, campaign_id, runner, throttle.delay(last, clock()), sleep):
                    return "lost"
                last = clock()
                if not heartbeat(sess, campaign_id, runner):
                    sess.rollback()
                    return "lost"
                sess.commit()
                _send_one(sess, campaign, recipient, run)  # type: ignore[arg-type]
        if not batch:
            break
    _release(sessions, campaign_id, runner)
    return "done"


def _release(sessions: sessionmaker[Session], campaign_id: int, runner: str) -> None:
    with session_scope(sessions) as sess:
        release_run(sess, campaign_id, runner)


def start_campaign(
    sessions: sessionmaker[Session], campaign_id: int, run: RunSettings
) -> threading.Thread:
    """Run the campaign in a background (daemon) thread; progress is read from the database."""

    def work() -> None:
        try:
            outcome = run_campaign(sessions, campaign_id, run)
            log.info("campaign %s: %s", campaign_id, outcome)
        except Exception:  # a dead thread must leave a trace; the campaign stays resumable
            log.exception("campaign %s stopped", campaign_id)

    thread = threading.Thread(target=work, name=f"campaign-{campaign_id}", daemon=True)
    thread.start()
    return thread
