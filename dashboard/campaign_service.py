"""Mass campaigns from the database: the audience of a segment, a preview, creating one.

Glue between :mod:`data_access.campaigns`, the aging snapshot (the segment is read
from it with the portfolio's filters), the pure rules of :mod:`dashboard.campaigns`
and the message composition of :mod:`dashboard.messaging.service` (e-mail) and
:mod:`dashboard.sms` (SMS). No Dash or Flask.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboard.aging import oldest_days
from dashboard.campaigns import (
    Candidate,
    ContactPoint,
    Planned,
    Segment,
    plan_recipients,
)
from dashboard.messaging.compose import ComposedEmail
from dashboard.messaging.service import (
    Sender,
    StatementRequest,
    message_language,
    prepare_statement,
)
from dashboard.promises import states_frame
from dashboard.sms import CONTACTS, draft
from dashboard.sms_service import facts_for, figures_for
from data_access.activity import writable_customer
from data_access.campaigns import (
    RecipientRow,
    check_manager,
    contacts_of,
    create_campaign,
    disputed_customers,
)
from data_access.messages import company_settings
from data_access.models import Campaign, Customer, Seller
from data_access.portfolio import CustomerFilter
from data_access.promises import promise_states
from data_access.snapshots import ViewFilter, ensure_snapshot, snapshot_top

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Audience:
    """Who a campaign would reach: every customer of the segment, decided."""

    planned: list[Planned]

    @property
    def included(self) -> list[Planned]:
        """The customers it goes to."""
        return [row for row in self.planned if row.included]

    @property
    def excluded(self) -> list[Planned]:
        """The customers left out, each with its reason."""
        return [row for row in self.planned if not row.included]


def view_filter(segment: Segment) -> ViewFilter:
    """The portfolio view of a segment."""
    return ViewFilter(
        customers=CustomerFilter(
            seller_code=segment.seller, collector=segment.collector, tag=segment.tag
        ),
        min_balance=segment.min_balance,
        min_bucket=segment.bucket,
    )


def pending_promises(
    session: Session, sender: Sender, customer_ids: Sequence[int], *, grace_days: int
) -> set[int]:
    """The customers among ``customer_ids`` with a promise to pay still pending."""
    frame = promise_states(session, as_of=sender.today, scope=sender.scope, grace_days=grace_days)
    if frame.empty:
        return set()
    states = states_frame(frame, as_of=sender.today)
    wanted = set(customer_ids)
    pending = states.loc[states["status"] == "pending", "customer_id"]
    return {int(cid) for cid in pending if int(cid) in wanted}


def candidates(
    session: Session, segment: Segment, sender: Sender, *, grace_days: int
) -> list[Candidate]:
    """The segment's customers that owe something, largest balance first, with the facts
    the exclusion rules need (builds today's aging snapshot when missing)."""
    as_of, buckets = sender.today, sender.buckets
    ensure_snapshot(session, as_of=as_of, boundaries=buckets.boundaries)
    bands = len(buckets.keys)
    top = snapshot_top(
        session,
        as_of=as_of,
        scope=sender.scope,
        view=view_filter(segment),
        bands=bands,
        limit=None,
    )
    ids = [int(cid) for cid in top["customer_id"]]
    if not ids:
        return []
    chosen = select(Customer.id).where(Customer.id.in_(ids))
    disputed = disputed_customers(session, chosen, as_of=as_of)
    promised = pending_promises(session, sender, ids, grace_days=grace_days)
    contacts = contacts_of(session, ids)
    found = []
    for row in top.itertuples(index=False):
        cid = int(row.customer_id)
        overdue = sum((getattr(row, f"b{i}") for i in range(1, bands)), ZERO)
        points = tuple(
            ContactPoint(c.name, c.email or "", c.phone or "", bool(c.is_primary))
            for c in contacts.get(cid, [])
        )
        found.append(
            Candidate(
                customer_id=cid,
                code=str(row.code),
                name=str(row.name),
                balance=row.balance,
                overdue=overdue,
                open_total=row.open_total,
                oldest_days=oldest_days(row.oldest_due, as_of),
                disputed=cid in disputed,
                pending_promise=cid in promised,
                contacts=points,
            )
        )
    return found


def audience(
    session: Session,
    segment: Segment,
    sender: Sender,
    *,
    channel: str,
    overdue_only: bool,
    region: str,
    grace_days: int = 0,
) -> Audience:
    """Every customer of the segment with its recipient or why it is left out.

    Raises:
        AccessDenied: not an admin or manager.
    """
    check_manager(sender.scope)
    found = candidates(session, segment, sender, grace_days=grace_days)
    planned = plan_recipients(found, channel=channel, overdue_only=overdue_only, region=region)
    return Audience(planned)


def compose_email(
    session: Session,
    sender: Sender,
    *,
    customer_id: int,
    to: str,
    tone: str | None,
    overdue_only: bool,
    kind: str = "campaign",
    with_attachments: bool = True,
) -> ComposedEmail:
    """The statement e-mail of one recipient (nothing is written).

    Raises:
        AccessDenied: the customer is missing or outside the sender's scope.
        MessageError: nothing to send any more (nothing overdue or open).
    """
    request = StatementRequest(customer_id, overdue_only=overdue_only, tone=tone)
    composed = prepare_statement(
        session, request, sender, to=(to,) if to else (), with_attachments=with_attachments
    )
    return replace(composed, kind=kind)


def compose_sms(session: Session, sender: Sender, *, customer_id: int) -> str:
    """The SMS text of one recipient, in the customer's language (nothing is written).

    Raises:
        AccessDenied: the customer is missing or outside the sender's scope.
    """
    customer = writable_customer(
        session, scope=sender.scope, user_id=sender.user_id, customer_id=customer_id
    )
    figures = figures_for(session, customer, as_of=sender.today, scope=sender.scope)
    stored = company_settings(session)
    language = message_language(
        customer, None, stored.get("default_language") or sender.default_language
    )
    seller = session.get(Seller, customer.seller_id) if customer.seller_id else None
    facts = facts_for(
        customer,
        seller.name if seller else "",
        figures,
        language=language,
        currency=sender.currency,
        company=stored.get("company_name") or sender.company_name,
    )
    return draft(CONTACTS, language, facts)


def new_campaign(
    session: Session,
    sender: Sender,
    *,
    name: str,
    segment: Segment,
    channel: str,
    tone: str | None,
    overdue_only: bool,
    token: str,
    region: str,
    grace_days: int = 0,
) -> tuple[Campaign, bool]:
    """Decide the audience now and store the campaign; (campaign, whether new).

    Raises:
        AccessDenied: not an admin or manager.
        ValidationError: a bad name, channel or tone, or nobody to send to.
    """
    check_manager(sender.scope)
    found = audience(
        session,
        segment,
        sender,
        channel=channel,
        overdue_only=overdue_only,
        region=region,
        grace_days=grace_days,
    )
    rows = [
        RecipientRow(p.customer_id, p.recipient, p.balance, p.days_overdue, p.reason)
        for p in found.planned
    ]
    return create_campaign(
        session,
        scope=sender.scope,
        user_id=sender.user_id,
        name=name,
        segment=segment.to_json(),
        channel=channel,
        tone=tone,
        overdue_only=overdue_only,
        as_of=sender.today,
        token=token,
        rows=rows,
    )
