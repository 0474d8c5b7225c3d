"""SMS on the ``messages`` table: who may receive one, sending once, results, reads.

Same rules as :mod:`data_access.activity`: a session from the caller and no commit,
the scope re-checked for the customer (:class:`~data_access.activity.AccessDenied`,
the same answer for a customer that does not exist), and an audit entry for every
message handed to a provider.

An SMS is sent **at most once** per ``dedupe_key`` (unique in the table). The sender
first *claims* the key by inserting the message with status ``sending`` and commits;
only the request whose insert succeeded hands it to the provider, then records the
result (``sent``, ``failed`` or ``outbox``). A second request with the same key (a
double click, a retry) finds the row and sends nothing. A crash between the claim and
the result leaves ``sending``: never sent twice, visible on the wall.

Recipients of a customer's SMS are its contacts and its seller, named by keys the
browser sends back (``contact:<id>``, ``seller:<id>``) and re-checked here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from data_access import audit
from data_access.activity import (
    NOT_FOUND,
    REQUIRED,
    ValidationError,
    utc_now,
    visible_customer,
    writable_customer,
)
from data_access.models import Contact, Message, Seller
from data_access.scope import Scope

CHANNEL = "sms"
SENDING = "sending"
CONTACT = "contact"
SELLER = "seller"


@dataclass(frozen=True)
class SmsRecipient:
    """A person a customer's SMS can go to; ``phone`` as stored ("" when none)."""

    key: str  # "contact:<id>" or "seller:<id>"
    kind: str  # CONTACT or SELLER
    id: int
    name: str
    role: str
    phone: str
    is_primary: bool = False


def sms_recipients(session: Session, *, scope: Scope, customer_id: int) -> list[SmsRecipient]:
    """The customer's contacts (primary first, then by name) and then its seller.

    Raises:
        AccessDenied: the customer is missing or outside the scope.
    """
    customer = visible_customer(session, scope=scope, customer_id=customer_id)
    contacts = session.scalars(
        select(Contact)
        .where(Contact.customer_id == customer.id)
        .order_by(Contact.is_primary.desc(), Contact.name, Contact.id)
    )
    found = [
        SmsRecipient(
            f"{CONTACT}:{c.id}", CONTACT, c.id, c.name, c.role or "", c.phone or "", c.is_primary
        )
        for c in contacts
    ]
    seller = session.get(Seller, customer.seller_id) if customer.seller_id else None
    if seller is not None:
        found.append(
            SmsRecipient(
                f"{SELLER}:{seller.id}", SELLER, seller.id, seller.name, "", seller.phone or ""
            )
        )
    return found


def chosen_recipients(
    session: Session, *, scope: Scope, user_id: int, customer_id: int, keys: Sequence[str]
) -> list[SmsRecipient]:
    """The recipients named by ``keys``, each re-checked against the customer.

    Raises:
        AccessDenied: a read-only role, or the customer is missing or outside the scope.
        ValidationError: ``{"recipients": "required"}`` when none is named,
            ``{"recipients": "not_found"}`` when one is not this customer's contact
            or seller (nothing is sent then).
    """
    writable_customer(session, scope=scope, user_id=user_id, customer_id=customer_id)
    if isinstance(keys, str | bytes) or not all(isinstance(key, str) for key in keys):
        raise ValidationError({"recipients": NOT_FOUND})
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        raise ValidationError({"recipients": REQUIRED})
    available = {r.key: r for r in sms_recipients(session, scope=scope, customer_id=customer_id)}
    if any(key not in available for key in wanted):
        raise ValidationError({"recipients": NOT_FOUND})
    return [available[key] for key in wanted]


@dataclass(frozen=True)
class Claim:
    """A stored SMS and whether this request created it (and so must send it)."""

    message_id: int
    recipient: str
    status: str
    error: str
    new: bool


def _claim(message: Message, new: bool) -> Claim:
    return Claim(message.id, message.recipient, message.status, message.error or "", new)


def claim_sms(
    session: Session,
    *,
    customer_id: int,
    seller_id: int | None,
    recipient: str,
    subject: str,
    body: str,
    dedupe_key: str,
    user_id: int,
    now: dt.datetime | None = None,
) -> Claim:
    """Store an SMS as ``sending`` under ``dedupe_key``, unless that key is already taken.

    The caller commits before sending, so a concurrent request with the same key
    waits for this insert and then finds it (``new=False``). Does not commit.
    """
    query = select(Message).where(Message.dedupe_key == dedupe_key)
    existing = session.scalar(query)
    if existing is not None:
        return _claim(existing, False)
    row = Message(
        customer_id=customer_id,
        seller_id=seller_id,
        channel=CHANNEL,
        recipient=recipient,
        subject=subject[:300],
        body=body,
        status=SENDING,
        dedupe_key=dedupe_key,
        created_by_id=user_id,
        created_at=utc_now(now),
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # another request claimed it between our read and insert
        session.expire_all()
        return _claim(session.scalars(query).one(), False)
    return _claim(row, True)


def finish_sms(
    session: Session,
    *,
    message_id: int,
    status: str,
    error: str = "",
    provider: str = "",
    provider_id: str = "",
    user_id: int | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Record what the provider said about a claimed SMS (and audit it). Does not commit."""
    at = utc_now(now)
    message = session.get(Message, message_id)
    if message is None or message.channel != CHANNEL:
        raise ValidationError({"message_id": NOT_FOUND})
    message.status = status
    message.error = error or None
    message.sent_at = at if status == "sent" else None
    details = {
        "customer_id": message.customer_id,
        "recipient": message.recipient,
        "status": status,
        "provider": provider,
        "provider_id": provider_id,
        "error": error,
    }
    audit.record(
        session,
        user_id=user_id,
        action="message.sms",
        entity="message",
        entity_id=message.id,
        details=details,
        at=at,
    )
    session.flush()


def sms_messages(
    session: Session, *, scope: Scope, customer_id: int, limit: int = 50
) -> list[Message]:
    """The customer's SMS, newest first.

    Raises:
        AccessDenied: the customer is missing or outside the scope.
    """
    visible_customer(session, scope=scope, customer_id=customer_id)
    query = (
        select(Message)
        .where(Message.customer_id == customer_id, Message.channel == CHANNEL)
        .order_by(Message.created_at.desc(), Message.id.desc())
        .limit(max(1, min(limit, 500)))
    )
    return list(session.scalars(query))
