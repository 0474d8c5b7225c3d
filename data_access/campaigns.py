"""Mass campaigns: stored campaigns, their recipients, and the runner's claim on them.

Same rules as :mod:`data_access.activity`: the caller's session, no commit here, an
audit entry for every change a person makes. Only admins and managers may create,
send, resume or retry a campaign (:func:`check_manager`).

A campaign is sent by one *runner* at a time: :func:`claim_run` takes it (a random
token in ``campaigns.runner``) when nobody holds it or the holder's heartbeat is older
than ``stale_after`` (its process died); the runner touches the heartbeat after every
recipient and gives the campaign back with :func:`release_run`. Even two runners at
once could not send a customer twice: each message is claimed under its
``dedupe_key`` (see :mod:`data_access.messages`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy import Case, Select, and_, case, func, or_, select, update
from sqlalchemy.orm import Session

from data_access import audit
from data_access.activity import (
    INVALID_CHOICE,
    NOT_FOUND,
    REQUIRED,
    TOO_LONG,
    AccessDenied,
    ValidationError,
    utc_now,
)
from data_access.models import (
    MESSAGE_TONES,
    Campaign,
    CampaignRecipient,
    Contact,
    Customer,
    Seller,
    Tag,
    User,
)
from data_access.scope import Scope
from data_access.worklist import disputed_amounts

MANAGER_ROLES = ("admin", "manager")
MANAGERS_ONLY = "admins and managers only"
CHANNELS = ("email", "sms")
STALE_AFTER = dt.timedelta(seconds=120)


def check_manager(scope: Scope) -> None:
    """Refuse anyone but admins and managers.

    Raises:
        AccessDenied: another role.
    """
    if scope.role not in MANAGER_ROLES:
        raise AccessDenied(MANAGERS_ONLY)


# --- what a segment needs -------------------------------------------------------------


def contacts_of(session: Session, customer_ids: Sequence[int]) -> dict[int, list[Contact]]:
    """Each customer's contacts (primary first, then by name)."""
    found: dict[int, list[Contact]] = {}
    ids = list(customer_ids)
    for start in range(0, len(ids), 500):
        query = (
            select(Contact)
            .where(Contact.customer_id.in_(ids[start : start + 500]))
            .order_by(Contact.is_primary.desc(), Contact.name, Contact.id)
        )
        for contact in session.scalars(query):
            found.setdefault(int(contact.customer_id or 0), []).append(contact)
    return found


def disputed_customers(session: Session, customers: Select, *, as_of: dt.date) -> set[int]:
    """The customers (of the SELECT of ids ``customers``) with an open disputed charge."""
    frame = disputed_amounts(session, customers, as_of=as_of)
    return {int(cid) for cid in frame["customer_id"]}


def segment_choices(session: Session, *, scope: Scope) -> dict[str, list[tuple[str, str]]]:
    """(value, label) of the tags, sellers and collectors a segment can name."""
    visible = select(Customer.id).where(scope.customer_clause())
    sellers = session.execute(
        select(Seller.code, Seller.name)
        .where(Seller.id.in_(select(Customer.seller_id).where(Customer.id.in_(visible))))
        .order_by(Seller.name)
    ).all()
    collectors = session.execute(
        select(User.username, User.full_name)
        .where(User.id.in_(select(Customer.collector_id).where(Customer.id.in_(visible))))
        .order_by(User.full_name, User.username)
    ).all()
    tags = session.scalars(select(Tag.name).order_by(Tag.name)).all()
    return {
        "tag": [(name, name) for name in tags],
        "seller": [(code, f"{name} ({code})") for code, name in sellers],
        "collector": [(user, name or user) for user, name in collectors],
    }


# --- campaigns --------------------------------------------------------------------------


@dataclass(frozen=True)
class RecipientRow:
    """A customer as a new campaign stores it: recipient, or why it is left out."""

    customer_id: int
    recipient: str
    balance: Decimal | None
    days_overdue: int
    reason: str | None


def campaign_by_token(session: Session, token: str) -> Campaign | None:
    """The campaign created by the form ``token``, if any."""
    return session.scalar(select(Campaign).where(Campaign.token == token))


def create_campaign(
    session: Session,
    *,
    scope: Scope,
    user_id: int,
    name: str,
    segment: str,
    channel: str,
    tone: str | None,
    overdue_only: bool,
    as_of: dt.date,
    token: str,
    rows: Sequence[RecipientRow],
) -> tuple[Campaign, bool]:
    """Store a campaign and its recipients, ready to send; (campaign, whether new).

    A second call with the same form ``token`` returns the first campaign.

    Raises:
        AccessDenied: not an admin or manager.
        ValidationError: no name, a name too long, an unknown channel or tone, or
            nobody to send to.
    """
    check_manager(scope)
    earlier = campaign_by_token(session, token)
    if earlier is not None:
        return earlier, False
    errors: dict[str, str] = {}
    clean = (name or "").strip() if isinstance(name, str) else ""
    if not clean:
        errors["name"] = REQUIRED
    elif len(clean) > 120:
        errors["name"] = TOO_LONG
    if channel not in CHANNELS:
        errors["channel"] = INVALID_CHOICE
    if tone not in (None, *MESSAGE_TONES):
        errors["tone"] = INVALID_CHOICE
    if not any(row.reason is None for row in rows):
        errors["recipients"] = REQUIRED
    if errors:
        raise ValidationError(errors)
    now = utc_now()
    campaign = Campaign(
        name=clean,
        segment=segment,
        channel=channel,
        tone=tone,
        overdue_only=overdue_only,
        as_of=as_of,
        status="sending",
        token=token,
        created_by_id=user_id,
        created_at=now,
    )
    session.add(campaign)
    session.flush()
    session.add_all(
        CampaignRecipient(
            campaign_id=campaign.id,
            customer_id=row.customer_id,
            recipient=row.recipient[:254],
            balance=row.balance,
            days_overdue=row.days_overdue,
            status="pending" if row.reason is None else "excluded",
            reason=row.reason,
            attempts=0,
            updated_at=now,
        )
        for row in rows
    )
    audit.record(
        session,
        user_id=user_id,
        action="campaign.create",
        entity="campaign",
        entity_id=campaign.id,
        details={
            "name": clean,
            "segment": segment,
            "channel": channel,
            "tone": tone,
            "recipients": sum(row.reason is None for row in rows),
            "excluded": sum(row.reason is not None for row in rows),
        },
        at=now,
    )
    session.flush()
    return campaign, True


def get_campaign(session: Session, *, scope: Scope, campaign_id: object) -> Campaign:
    """The campaign, for an admin or manager.

    Raises:
        AccessDenied: another role, or no such campaign.
    """
    check_manager(scope)
    found = None
    if isinstance(campaign_id, int) and not isinstance(campaign_id, bool):
        found = session.get(Campaign, campaign_id)
    if found is None:
        raise AccessDenied(NOT_FOUND)
    return found


def _status_key() -> Case[str]:
    """Recipients excluded when their turn came count as ``skipped``."""
    return case(
        (
            and_(CampaignRecipient.status == "excluded", CampaignRecipient.attempts > 0),
            "skipped",
        ),
        else_=CampaignRecipient.status,
    )


def recipient_counts(session: Session, campaign_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Recipients per campaign and status (``skipped``: excluded at their turn)."""
    key = _status_key()
    query = (
        select(CampaignRecipient.campaign_id, key, func.count())
        .where(CampaignRecipient.campaign_id.in_(list(campaign_ids)))
        .group_by(CampaignRecipient.campaign_id, key)
    )
    counts: dict[int, dict[str, int]] = {cid: {} for cid in campaign_ids}
    for campaign_id, status, count in session.execute(query):
        counts.setdefault(campaign_id, {})[str(status)] = int(count)
    return counts


def recent_campaigns(session: Session, *, scope: Scope, limit: int = 50) -> list[Campaign]:
    """The latest campaigns, newest first.

    Raises:
        AccessDenied: not an admin or manager.
    """
    check_manager(scope)
    query = select(Campaign).order_by(Campaign.created_at.desc(), Campaign.id.desc()).limit(limit)
    return list(session.scalars(query))


RECIPIENT_COLUMNS = [
    "customer_id",
    "code",
    "name",
    "recipient",
    "balance",
    "days_overdue",
    "status",
    "reason",
    "error",
    "attempts",
    "message_id",
]


def campaign_recipients(
    session: Session, campaign_id: int, *, statuses: Sequence[str] | None = None
) -> pd.DataFrame:
    """The campaign's recipients with the customer's code and name, by code.

    Columns: :data:`RECIPIENT_COLUMNS`.
    """
    query = (
        select(
            CampaignRecipient.customer_id,
            Customer.code,
            Customer.name,
            CampaignRecipient.recipient,
            CampaignRecipient.balance,
            CampaignRecipient.days_overdue,
            CampaignRecipient.status,
            CampaignRecipient.reason,
            CampaignRecipient.error,
            CampaignRecipient.attempts,
            CampaignRecipient.message_id,
        )
        .join(Customer, Customer.id == CampaignRecipient.customer_id)
        .where(CampaignRecipient.campaign_id == campaign_id)
        .order_by(Customer.code)
    )
    if statuses is not None:
        query = query.where(CampaignRecipient.status.in_(list(statuses)))
    return pd.DataFrame(session.execute(query).all(), columns=RECIPIENT_COLUMNS)


# --- the runner -------------------------------------------------------------------------


def is_interrupted(
    campaign: Campaign, now: dt.datetime, stale_after: dt.timedelta = STALE_AFTER
) -> bool:
    """Whether a campaign still sending has no live runner (never started, or died)."""
    if campaign.status != "sending":
        return False
    beat = campaign.heartbeat_at
    return campaign.runner is None or beat is None or beat < now - stale_after


def claim_run(
    session: Session,
    campaign_id: int,
    runner: str,
    *,
    now: dt.datetime | None = None,
    stale_after: dt.timedelta = STALE_AFTER,
) -> bool:
    """Take the campaign for ``runner`` unless a live runner holds it; whether taken."""
    at = utc_now(now)
    free = or_(
        Campaign.runner.is_(None),
        Campaign.heartbeat_at.is_(None),
        Campaign.heartbeat_at < at - stale_after,
        Campaign.runner == runner,
    )
    result = session.execute(
        update(Campaign)
        .where(Campaign.id == campaign_id, Campaign.status == "sending", free)
        .values(runner=runner, heartbeat_at=at, started_at=func.coalesce(Campaign.started_at, at))
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def heartbeat(
    session: Session, campaign_id: int, runner: str, *, now: dt.datetime | None = None
) -> bool:
    """Say the runner is alive; False when it lost the campaign (stop then)."""
    result = session.execute(
        update(Campaign)
        .where(Campaign.id == campaign_id, Campaign.runner == runner)
        .values(heartbeat_at=utc_now(now))
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def release_run(
    session: Session, campaign_id: int, runner: str, *, now: dt.datetime | None = None
) -> bool:
    """Give the campaign back; it is ``done`` when no recipient is pending. Whether done."""
    at = utc_now(now)
    pending = session.scalar(
        select(func.count()).where(
            CampaignRecipient.campaign_id == campaign_id, CampaignRecipient.status == "pending"
        )
    )
    values: dict[str, object] = {"runner": None, "heartbeat_at": None}
    if not pending:
        values.update(status="done", finished_at=at)
    session.execute(
        update(Campaign)
        .where(Campaign.id == campaign_id, Campaign.runner == runner)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return not pending


def next_pending(session: Session, campaign_id: int, *, limit: int = 20) -> list[CampaignRecipient]:
    """The next pending recipients, in the order they were stored."""
    query = (
        select(CampaignRecipient)
        .where(CampaignRecipient.campaign_id == campaign_id, CampaignRecipient.status == "pending")
        .order_by(CampaignRecipient.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def record_outcome(
    session: Session,
    recipient: CampaignRecipient,
    *,
    status: str,
    reason: str | None = None,
    error: str | None = None,
    message_id: int | None = None,
    now: dt.datetime | None = None,
) -> None:
    """What happened to a recipient's message (or why it was skipped at its turn)."""
    recipient.status = status
    recipient.reason = reason
    recipient.error = error
    recipient.message_id = message_id if message_id is not None else recipient.message_id
    recipient.attempts = (recipient.attempts or 0) + 1
    recipient.updated_at = utc_now(now)


def retry_failed(session: Session, *, scope: Scope, user_id: int, campaign_id: int) -> int:
    """Put the campaign's failed recipients back in the queue; how many.

    Raises:
        AccessDenied: not an admin or manager, or no such campaign.
    """
    campaign = get_campaign(session, scope=scope, campaign_id=campaign_id)
    result = session.execute(
        update(CampaignRecipient)
        .where(CampaignRecipient.campaign_id == campaign.id, CampaignRecipient.status == "failed")
        .values(status="pending", updated_at=utc_now())
        .execution_options(synchronize_session=False)
    )
    count = int(getattr(result, "rowcount", 0) or 0)
    if count:
        campaign.status, campaign.finished_at = "sending", None
        audit.record(
            session,
            user_id=user_id,
            action="campaign.retry",
            entity="campaign",
            entity_id=campaign.id,
            details={"recipients": count},
        )
    session.flush()
    return count
