"""Reminder sequences from the database: what is due on a date, and sending it once.

:func:`plan_reminders` reads (writes nothing): the active levels, every open invoice,
what earlier reminders covered, disputes, pending promises and contacts, and applies
the rule of :mod:`dashboard.reminders`. :func:`run_reminders` first finishes reminders
an earlier run claimed but did not deliver (it stopped, or the delivery failed: at
most :data:`data_access.reminders.MAX_ATTEMPTS` tries in all), then claims and sends
today's, one customer at a time at the campaigns' pace (``CARTERA_SEND_RATE``).
``dry_run=True`` plans only, and rolls the session back.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from dashboard.aging import AgingBuckets
from dashboard.campaign_runner import RunSettings, send_to_customer
from dashboard.campaign_service import pending_promises
from dashboard.campaigns import (
    ContactPoint,
    Segment,
    Throttle,
    email_recipient,
    sms_recipient,
)
from dashboard.config import Settings
from dashboard.messaging.service import MessageError, Sender
from dashboard.messaging.settings import MailSettings
from dashboard.messaging.transport import transport_for
from dashboard.reminders import Due, Invoice, Level, due_reminder, segment_allows
from dashboard.sms_providers import SmsConfig, provider_for
from data_access.activity import AccessDenied
from data_access.campaigns import contacts_of
from data_access.models import Customer, Document, ReminderLevel, ReminderSend
from data_access.portfolio import CustomerFilter, customer_ids
from data_access.receivables import open_items, unapplied_credit
from data_access.reminders import (
    claim_send,
    coverage,
    finish_send,
    reminder_levels,
    unfinished_sends,
)
from data_access.scope import Scope

ZERO = Decimal("0.00")
SYSTEM_USER = 0  # the Sender's user for scheduled runs (unrestricted; messages record NULL)


def system_run(settings: Settings, as_of: dt.date) -> RunSettings:
    """How a scheduled run (``cartera remind``) sends: as the system, for ``as_of``."""
    mail = settings.mail or MailSettings()
    sender = Sender(
        scope=Scope.everything(),
        user_id=SYSTEM_USER,
        today=as_of,
        currency=settings.currency,
        buckets=AgingBuckets(settings.aging_boundaries),
        company_name=settings.company_name,
        mail=mail,
        default_language=settings.default_locale or "es",
    )
    return RunSettings(
        sender=sender,
        transport=transport_for(mail, settings.instance_path),
        sms_provider=provider_for(settings.sms or SmsConfig(), settings.instance_path),
        region=settings.phone_region,
        per_minute=settings.send_rate,
        grace_days=settings.promise_grace_days,
        user_id=None,
    )


@dataclass(frozen=True)
class PlannedReminder:
    """A customer's reminder due today: the level, the invoices, where it goes, or why
    it is paused (``reason``: disputed, promise, no_email, no_phone)."""

    customer_id: int
    code: str
    name: str
    due: Due
    recipient: str
    reason: str | None = None


@dataclass(frozen=True)
class ReminderOutcome:
    """One line of a run: a reminder and what became of it.

    ``status``: ``would_send`` (dry run), ``paused``, ``sent``, ``outbox``,
    ``failed``, ``sending`` (interrupted earlier, not sent again), ``skipped`` (nothing
    left to remind) or ``claimed`` (another run got there first).
    """

    code: str
    name: str
    level_days: int
    channel: str
    invoices: tuple[str, ...]
    amount: Decimal
    recipient: str
    status: str
    note: str = ""


def level_of(row: ReminderLevel) -> Level:
    """A stored level as the rule sees it."""
    return Level(
        row.id, row.days, row.channel, row.tone, Segment.from_json(row.segment), row.name or ""
    )


def _allowed(
    session: Session, sender: Sender, levels: Sequence[Level]
) -> dict[int, set[int] | None]:
    """Per level, the customers its tag/seller/collector conditions allow (None: all)."""
    allowed: dict[int, set[int] | None] = {}
    for level in levels:
        seg = level.segment
        wanted = CustomerFilter(seller_code=seg.seller, collector=seg.collector, tag=seg.tag)
        ids = session.scalars(customer_ids(sender.scope, wanted)) if wanted.active else None
        allowed[level.id] = None if ids is None else set(ids)
    return allowed


def _dues(
    session: Session, sender: Sender, levels: Sequence[Level]
) -> tuple[dict[int, Due], set[int]]:
    """Each customer's due reminder, and the customers with an open disputed charge."""
    as_of = sender.today
    items = open_items(session, as_of=as_of, scope=sender.scope)
    if items.empty:
        return {}, set()
    credit = unapplied_credit(session, as_of=as_of, scope=sender.scope)
    credits = dict(zip(credit["customer_id"], credit["unapplied"], strict=True))
    allowed = _allowed(session, sender, levels)
    covered = coverage(session, sorted({int(c) for c in items["customer_id"]}))
    disputed = {int(c) for c in items.loc[items["disputed"].astype(bool), "customer_id"]}
    dues: dict[int, Due] = {}
    for cid, group in items.groupby("customer_id", sort=True):
        invoices = [
            Invoice(int(row.document_id), str(row.number), row.due_date, row.open_amount)
            for row in group.itertuples(index=False)
        ]
        balance = sum((i.open_amount for i in invoices), ZERO) - credits.get(cid, ZERO)
        mine = [
            level
            for level in levels
            if (allowed[level.id] is None or int(cid) in allowed[level.id])  # type: ignore[operator]
            and segment_allows(
                level.segment,
                balance=balance,
                invoices=invoices,
                as_of=as_of,
                buckets=sender.buckets,
            )
        ]
        due = due_reminder(mine, invoices, covered, as_of=as_of)
        if due is not None:
            dues[int(cid)] = due
    return dues, disputed


def plan_reminders(
    session: Session, sender: Sender, *, region: str, grace_days: int = 0
) -> list[PlannedReminder]:
    """The reminders due on ``sender.today``, by customer code (nothing is written)."""
    levels = [level_of(row) for row in reminder_levels(session, active_only=True)]
    if not levels:
        return []
    dues, disputed = _dues(session, sender, levels)
    if not dues:
        return []
    ids = sorted(dues)
    promised = pending_promises(session, sender, ids, grace_days=grace_days)
    contacts = contacts_of(session, ids)
    names = dict(
        (cid, (code, name))
        for cid, code, name in session.execute(
            select(Customer.id, Customer.code, Customer.name).where(Customer.id.in_(ids))
        )
    )
    planned = []
    for cid in ids:
        due = dues[cid]
        points = [
            ContactPoint(c.name, c.email or "", c.phone or "", bool(c.is_primary))
            for c in contacts.get(cid, [])
        ]
        email = due.level.channel == "email"
        recipient = email_recipient(points) if email else sms_recipient(points, region)
        reason = (
            "disputed"
            if cid in disputed
            else "promise"
            if cid in promised
            else None
            if recipient
            else ("no_email" if email else "no_phone")
        )
        code, name = names[cid]
        planned.append(PlannedReminder(cid, code, name, due, recipient or "", reason))
    return sorted(planned, key=lambda p: p.code)


def _outcome(planned: PlannedReminder, status: str, note: str = "") -> ReminderOutcome:
    due = planned.due
    return ReminderOutcome(
        planned.code,
        planned.name,
        due.level.days,
        due.level.channel,
        tuple(invoice.number for invoice, _ in due.invoices),
        due.amount,
        planned.recipient,
        status,
        note,
    )


def _deliver_send(session: Session, send: ReminderSend, run: RunSettings) -> tuple[str, str]:
    """Deliver a claimed reminder once (key ``reminder:<send id>``); (status, note). Commits."""
    level = session.get(ReminderLevel, send.level_id)
    try:
        message = send_to_customer(
            session,
            run,
            customer_id=send.customer_id,
            to=send.recipient,
            channel=send.channel,
            dedupe_key=f"reminder:{send.id}",
            tone=level.tone if level else None,
            overdue_only=send.level_days > 0,
            kind="reminder",
        )
    except (MessageError, AccessDenied) as error:
        note = error.key if isinstance(error, MessageError) else "not_found"
        finish_send(session, send, status="skipped", error=note)
        session.commit()
        return "skipped", note
    finish_send(session, send, status=message.status, error=message.error, message_id=message.id)
    session.commit()
    return message.status, message.error or ""


def _resumed(session: Session, send: ReminderSend, status: str, note: str) -> ReminderOutcome:
    customer = session.get(Customer, send.customer_id)
    ids = [int(doc) for doc, _ in json.loads(send.documents or "[]")]
    numbers = tuple(
        session.scalars(select(Document.number).where(Document.id.in_(ids)).order_by(Document.id))
    )
    return ReminderOutcome(
        customer.code if customer else "?",
        customer.name if customer else "?",
        send.level_days,
        send.channel,
        numbers,
        send.amount,
        send.recipient,
        status,
        note or "resumed",
    )


def run_reminders(
    sessions: sessionmaker[Session],
    run: RunSettings,
    *,
    dry_run: bool = False,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> list[ReminderOutcome]:
    """Send the reminders due on ``run.sender.today`` (or, with ``dry_run``, only say
    which; nothing is written then). One line per reminder, paused ones included."""
    with sessions() as sess:
        planned = plan_reminders(sess, run.sender, region=run.region, grace_days=run.grace_days)
        if dry_run:
            sess.rollback()
            return [
                _outcome(p, "would_send" if p.reason is None else "paused", p.reason or "")
                for p in planned
            ]
    throttle, last = Throttle(run.per_minute), None
    outcomes: list[ReminderOutcome] = []

    def pace() -> None:
        nonlocal last
        sleep(throttle.delay(last, clock()))
        last = clock()

    with sessions() as sess:
        for send in unfinished_sends(sess):
            pace()
            status, note = _deliver_send(sess, send, run)
            outcomes.append(_resumed(sess, send, status, note))
        for p in planned:
            if p.reason is not None:
                outcomes.append(_outcome(p, "paused", p.reason))
                continue
            due = p.due
            claimed = claim_send(
                sess,
                level_id=due.level.id,
                customer_id=p.customer_id,
                cycle_key=due.cycle_key,
                level_days=due.level.days,
                channel=due.level.channel,
                recipient=p.recipient,
                documents=due.covered,
                amount=due.amount,
                as_of=run.sender.today,
            )
            if claimed is None:
                outcomes.append(_outcome(p, "claimed"))
                continue
            sess.commit()
            pace()
            status, note = _deliver_send(sess, claimed, run)
            outcomes.append(_outcome(p, status, note))
    return outcomes
